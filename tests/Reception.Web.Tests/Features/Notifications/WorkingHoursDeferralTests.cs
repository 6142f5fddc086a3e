using Microsoft.EntityFrameworkCore;
using Reception.Core.Mail;
using Reception.Core.Notifications;
using Reception.Web.Mail;
using Reception.Web.Tests.Features.Cases;
using Reception.Web.Tests.Features.Cases.Board;
using Reception.Web.Tests.Mail;
using static Reception.Web.Tests.Features.Notifications.NotificationTesting;

namespace Reception.Web.Tests.Features.Notifications;

/// <summary>
/// Non-urgent email written out of hours waits in the outbox for the next working morning (the dispatcher does not
/// send it earlier, and does then); the in-app copy is there at once. Urgent kinds go at once.
/// Each test starts an app of its own at the moment its story begins (the clock only moves forward).
/// </summary>
public sealed class WorkingHoursDeferralTests
{
    /// <summary>Saturday 28 November 2026, 20:00 China time: outside working hours, on a day off.</summary>
    private static readonly DateTimeOffset SaturdayEvening = China(2026, 11, 28, 20);
    private static readonly DateTime MondayMorning = China(2026, 11, 30, 8, 30).UtcDateTime;

    [Fact]
    public async Task CaseAssignedOnSaturdayEvening_EmailWaitsForMonday0830_TheAppCopyIsThereAtOnce()
    {
        await using var fixture = await AppFixture.StartAsync(app => app.At(SaturdayEvening).MailToOwnSmtp());
        var (app, clock) = (fixture.App, fixture.Clock);
        var id = await app.AddCaseAsync(accept: true);
        await app.AssignThroughThePageAsync(id, "leader04");
        var leader = await app.UserIdAsync("leader04");
        var link = $"/Cases/Details/{id}";

        var message = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.RecipientUserId == leader && m.Link == link));
        Assert.Equal(NotificationKinds.CaseAssigned.Key, message.Kind);
        Assert.Equal(MondayMorning, message.NextAttemptAtUtc);
        Assert.Equal(new DateTime(2026, 11, 30, 0, 30, 0, DateTimeKind.Utc), message.NextAttemptAtUtc);
        Assert.Equal(SaturdayEvening.UtcDateTime, message.CreatedAtUtc);
        var inApp = await app.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == leader && n.Link == link));
        Assert.Equal(SaturdayEvening.UtcDateTime, inApp.CreatedAtUtc);
        using (var client = await app.LoginAsync("leader04"))
            Assert.NotNull((await client.GetPageAsync("/Notifications")).QuerySelector($"main li.unread[data-kind='case']"));

        // Saturday night, Sunday, Monday 08:29: the dispatcher runs and leaves it alone.
        foreach (var at in new[] { China(2026, 11, 28, 23, 59), China(2026, 11, 29, 10), China(2026, 11, 30, 8, 29) })
        {
            clock.SetUtcNow(at);
            await app.DispatchAsync();
            Assert.Equal((OutboxStatus.Pending, 0), await StateAsync(app, message.IdempotencyKey));
            Assert.DoesNotContain(fixture.Smtp.Deliveries(), d => d.Key == message.IdempotencyKey);
        }

        clock.SetUtcNow(China(2026, 11, 30, 8, 30));
        await app.DispatchAsync();

        Assert.Equal((OutboxStatus.Sent, 1), await StateAsync(app, message.IdempotencyKey));
        var mail = Assert.Single(fixture.Smtp.Deliveries(), d => d.Key == message.IdempotencyKey);
        Assert.Equal(["leader04@demo.reception.invalid"], mail.EnvelopeTo);
    }

    [Fact]
    public async Task OverdueAlertOnSaturdayEvening_GoesAtOnce()
    {
        await using var fixture = await AppFixture.StartAsync(app => app.At(SaturdayEvening).MailToOwnSmtp());
        var app = fixture.App;
        var occurrence = PageTesting.Unique("overdue:weekend:");
        await app.NotifyAsync("leader05", NotificationKinds.Overdue, occurrence);
        var key = MailOutbox.KeyFor(occurrence, await app.UserIdAsync("leader05"));

        Assert.Equal(SaturdayEvening.UtcDateTime, (await app.OutboxMessageAsync(key)).NextAttemptAtUtc);
        await app.DispatchAsync();

        Assert.Equal((OutboxStatus.Sent, 1), await StateAsync(app, key));
        Assert.Single(fixture.Smtp.Deliveries(), d => d.Key == key);
    }

    [Fact]
    public async Task SwapNoticeOnTheEveOfNationalDay_WaitsUntil8October_AndAMakeUpSaturdayIsAWorkingDay()
    {
        await using var fixture = await AppFixture.StartAsync(app => app.At(China(2026, 9, 30, 18)).MailToOwnSmtp());
        var (app, clock) = (fixture.App, fixture.Clock);
        var eve = PageTesting.Unique("swap:eve:");
        await app.NotifyAsync("leader03", NotificationKinds.Swap, eve);
        clock.SetUtcNow(China(2026, 10, 9, 19)); // Friday evening before the 调休 Saturday 10 October
        var friday = PageTesting.Unique("swap:friday:");
        await app.NotifyAsync("leader03", NotificationKinds.Swap, friday);
        var user = await app.UserIdAsync("leader03");

        Assert.Equal(China(2026, 10, 8, 8, 30).UtcDateTime, (await app.OutboxMessageAsync(MailOutbox.KeyFor(eve, user))).NextAttemptAtUtc);
        Assert.Equal(China(2026, 10, 10, 8, 30).UtcDateTime, (await app.OutboxMessageAsync(MailOutbox.KeyFor(friday, user))).NextAttemptAtUtc);
    }

    private static Task<(OutboxStatus, int)> StateAsync(ReceptionFactory app, string key) =>
        app.WithDbAsync(async db => await db.OutboxMessages.AsNoTracking().Where(m => m.IdempotencyKey == key)
            .Select(m => ValueTuple.Create(m.Status, m.Attempts)).SingleAsync());
}
