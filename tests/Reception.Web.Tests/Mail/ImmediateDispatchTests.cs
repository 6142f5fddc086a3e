using Microsoft.EntityFrameworkCore;
using Reception.Core.Mail;
using Reception.Core.Notifications;
using Reception.Web.Features;
using Reception.Web.Mail;
using Reception.Web.Tests.Features.Notifications;
using Reception.Web.Tests.Jobs;

namespace Reception.Web.Tests.Mail;

/// <summary>
/// A change that queues mail enqueues a Hangfire dispatch once it has committed: the message reaches the real SMTP
/// server within seconds, with the MailDispatch sweep scheduled far away; a dead letter sent again goes the same way;
/// with the MailDispatch job switched off nothing is sent.
/// </summary>
public sealed class ImmediateDispatchTests
{
    [Fact]
    public async Task QueuedMail_LeavesWithinSeconds_WithoutWaitingForTheSweep()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = App(smtp, mailDispatch: true);

        var occurrence = PageTesting.Unique("overdue:now:");
        await NotificationTesting.NotifyAsync(app, "leader05", NotificationKinds.Overdue, occurrence);
        var key = MailOutbox.KeyFor(occurrence, await app.UserIdAsync("leader05"));

        var delivered = await smtp.WaitForDeliveriesAsync(d => d.Any(m => m.Key == key), TimeSpan.FromSeconds(15));
        Assert.Single(delivered, d => d.Key == key);
        // the server acknowledges the message before the dispatcher records it as sent: wait for the record
        Assert.Equal(OutboxStatus.Sent, (await WaitForStatusAsync(app, key, OutboxStatus.Sent)).Status);
        Assert.Empty(await app.RunsAsync("MailDispatch")); // the sweep did not run: the dispatch after the commit sent it
    }

    [Fact]
    public async Task ADeadLetterSentAgain_LeavesWithinSeconds()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = App(smtp, mailDispatch: true);
        var occurrence = PageTesting.Unique("overdue:dead:");
        smtp.Control(rcptReplies: new Dictionary<string, string> { ["leader06@demo.reception.invalid"] = "550 5.1.1 No such user" });
        await NotificationTesting.NotifyAsync(app, "leader06", NotificationKinds.Overdue, occurrence);
        var key = MailOutbox.KeyFor(occurrence, await app.UserIdAsync("leader06"));
        var dead = await WaitForStatusAsync(app, key, OutboxStatus.DeadLetter);

        smtp.Control();
        Assert.True(await app.ResendAsync(dead.Id));
        await smtp.WaitForDeliveriesAsync(d => d.Any(m => m.Key == key), TimeSpan.FromSeconds(15));
        Assert.Equal(OutboxStatus.Sent, (await WaitForStatusAsync(app, key, OutboxStatus.Sent)).Status);
    }

    [Fact]
    public async Task WithTheMailDispatchJobSwitchedOff_NothingIsSent()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var app = App(smtp, mailDispatch: false);
        var occurrence = PageTesting.Unique("overdue:off:");
        await NotificationTesting.NotifyAsync(app, "leader05", NotificationKinds.Overdue, occurrence);

        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(OutboxStatus.Pending, (await app.OutboxMessageAsync(MailOutbox.KeyFor(occurrence, await app.UserIdAsync("leader05")))).Status);
        Assert.Empty(smtp.Deliveries());
    }

    private static ReceptionFactory App(SmtpTestServer smtp, bool mailDispatch)
    {
        var settings = JobRegistry.All.ToDictionary(j => $"Reception:Jobs:{j.Name}:Cron", _ => (string?)"0 3 1 1 *"); // no sweep during the test
        settings["Reception:Jobs:MailDispatch:Enabled"] = mailDispatch ? "true" : "false";
        return ReceptionFactory.Build().At(2026, 11, 23, 10).MailTo(smtp).RunningScheduler().Settings(settings).Create();
    }

    private static async Task<OutboxMessage> WaitForStatusAsync(ReceptionFactory app, string key, OutboxStatus status)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var message = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.IdempotencyKey == key));
            if (message.Status == status || DateTime.UtcNow > until) return message;
            await Task.Delay(200);
        }
    }
}
