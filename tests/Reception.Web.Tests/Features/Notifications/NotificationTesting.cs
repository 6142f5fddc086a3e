using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Localization;
using Reception.Core.Notifications;
using Reception.Web.Data;
using Reception.Web.Features.Notifications;

namespace Reception.Web.Tests.Features.Notifications;

/// <summary>A demo app whose mail goes to a real SMTP server on loopback, with a clock the tests set.</summary>
/// <param name="drain">Send what the demo seed queued first (its rota publications), so the outbox holds only the test's messages unsent.</param>
public abstract class NotificationMailApp(DateTimeOffset start, bool drain = false)
    : AppFixture(app => drain ? app.At(start).MailToOwnSmtp().DrainingSeedMail() : app.At(start).MailToOwnSmtp());

public static class NotificationTesting
{
    /// <summary>An instant given in China time (UTC+8).</summary>
    public static DateTimeOffset China(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    /// <summary>Notifies the account <paramref name="userName"/> of a kind through the Notifier and saves, as a job would.</summary>
    public static async Task NotifyAsync(this ReceptionFactory app, string userName, NotificationKind kind, string? occurrenceKey, string arg = "2026-12")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        await notifier.ToUsersAsync([id], new OutgoingNotification(kind, new Message("Duty rota {0} published", arg),
            new Message("Your duties in {0} changed. Open the rota to see them.", arg), "/Rotas/Index")
        { OccurrenceKey = occurrenceKey });
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
