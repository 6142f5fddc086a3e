using Reception.Core.Notifications;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Data;
using Reception.Web.Features.Notifications;
using Reception.Web.Tests.Infrastructure;
using Reception.Web.Tests.Mail;
using Reception.Web.Tests.Pages;
using Reception.Web.Tests.Pages.Visits;

namespace Reception.Web.Tests.Notifications;

/// <summary>A demo app whose mail goes to a real SMTP server on loopback, with a clock the tests set.</summary>
/// <param name="drain">Send what the demo seed queued first (its rota publications), so the outbox holds only the test's messages unsent.</param>
public class NotificationMailApp(DateTimeOffset start, bool drain = false) : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>A started app of a test's own, for a test whose story begins at its own moment.</summary>
    public static async Task<NotificationMailApp> StartAsync(DateTimeOffset start)
    {
        var app = new NotificationMailApp(start);
        await app.InitializeAsync();
        return app;
    }

    public SmtpTestServer Smtp { get; private set; } = null!;
    public FakeTimeProvider Clock { get; } = new(start);
    public ReceptionFactory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        App = MailTesting.App(Smtp, Clock);
        await App.WithDbAsync(db => db.Users.CountAsync()); // starts the app and seeds it
        if (drain) await App.DrainAsync();
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public static class NotificationTesting
{
    /// <summary>An instant given in China time (UTC+8).</summary>
    public static DateTimeOffset China(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    /// <summary>Notifies the account <paramref name="userName"/> of a kind through the Notifier and saves, as a job would.</summary>
    public static async Task NotifyAsync(this ReceptionFactory app, string userName, string kind, string? occurrenceKey, string arg = "2026-12")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        await notifier.ToUsersAsync([id], new Notice(NotificationKinds.Of(kind), new Message("Duty rota {0} published", arg),
            new Message("Your duties in {0} changed. Open the rota to see them.", arg), "/Rotas/Index") { OccurrenceKey = occurrenceKey });
        await db.SaveChangesAsync();
    }

    /// <summary>The clerk assigns a case to a leader on the assignment page (which notifies the leader, kind "case").</summary>
    public static async Task AssignThroughThePageAsync(this ReceptionFactory app, int caseId, string leaderUser)
    {
        using var clerk = await app.LoginAsync("clerk");
        var page = await clerk.GetPageAsync($"/Cases/Assign/{caseId}");
        var leaderId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == leaderUser).Select(u => u.LeaderId!.Value).SingleAsync());
        using var response = await clerk.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.OwnerLeaderId"] = leaderId.ToString(CultureInfo.InvariantCulture),
            ["Input.HandlingUnitId"] = (await app.OrgIdAsync("rsj")).ToString(CultureInfo.InvariantCulture),
            ["Input.SupervisorUserId"] = await app.UserIdAsync("supervisor"),
        });
        await response.AssertRedirectToAsync($"/Cases/Details/{caseId}");
    }

    /// <summary>What the user's copies of the notifications linked to <paramref name="link"/> are: in-app rows and outbox rows.</summary>
    public static Task<(int InApp, int Email)> CopiesAsync(this ReceptionFactory app, string userId, string link) =>
        app.WithDbAsync(async db => (
            await db.Notifications.CountAsync(n => n.UserId == userId && n.Link == link),
            await db.OutboxMessages.CountAsync(m => m.RecipientUserId == userId && m.Link == link)));
}
