using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Localization;
using Reception.Core.Mail;
using Reception.Core.Notifications;
using Reception.Web.Data;
using Reception.Web.Features.Notifications;
using Reception.Web.Mail;

namespace Reception.Web.Tests.Mail;

/// <summary>The outbox and the dispatcher as the mail tests see them (apps with mail are made with <see cref="ReceptionBuilder.MailTo"/>).</summary>
public static class MailTesting
{
    public const string BaseUrl = ReceptionBuilder.BaseUrl;

    /// <summary>The mail tests' moment: 2026-11-23 (a Monday) 09:00 China time.</summary>
    public static FakeTimeProvider Clock() => TestTime.AtChinaTime(2026, 11, 23, 9);

    public static async Task<DispatchResult> DispatchAsync(this ReceptionFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailDispatcher>().DispatchAsync();
    }

    public static async Task<bool> ResendAsync(this ReceptionFactory app, int id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MailDispatcher>().ResendAsync(id);
    }

    /// <summary>Notifies the account <paramref name="userName"/> through the Notifier and saves, as a job would.</summary>
    public static async Task NotifyAsync(this ReceptionFactory app, string userName, string? occurrenceKey, string title = "Duty rota {0} published",
        string arg = "2026-12", string link = "/Rotas/Index")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        await notifier.ToUsersAsync([id], new OutgoingNotification(NotificationKinds.RotaChanged, new Message(title, arg), new Message("Your duties in {0} changed. Open the rota to see them.", arg), link)
        {
            OccurrenceKey = occurrenceKey,
        });
        await db.SaveChangesAsync();
    }

    public static Task<List<OutboxMessage>> OutboxAsync(this ReceptionFactory app) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    public static Task<OutboxMessage> OutboxMessageAsync(this ReceptionFactory app, string key) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.IdempotencyKey == key));

    /// <summary>Sends whatever the demo seed queued (rota publications), so a test starts from an empty queue.</summary>
    public static async Task DrainAsync(this ReceptionFactory app)
    {
        await app.DispatchAsync();
        var left = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status != OutboxStatus.Sent));
        Assert.Equal(0, left);
    }
}
