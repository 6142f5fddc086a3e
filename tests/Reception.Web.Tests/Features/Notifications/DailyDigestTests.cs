using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Mail;
using Reception.Core.Notifications;
using Reception.Web.Features.Notifications;
using Reception.Web.Mail;
using Reception.Web.Tests.Mail;
using static Reception.Web.Tests.Features.Notifications.NotificationTesting;

namespace Reception.Web.Tests.Features.Notifications;

/// <summary>
/// The daily digest (issue 15, item 11): non-urgent notifications wait for one email per person on the next working
/// morning — the holiday calendar decides, so a 调休 Saturday gets one and a holiday Monday none — sent through the outbox
/// to a real SMTP server (aiosmtpd); nothing is sent when nothing waits, and a second run on the same day sends nothing more.
/// Each test starts an app of its own at the moment its story begins (the clock only moves forward).
/// </summary>
public sealed class DailyDigestTests
{
    [Fact]
    public async Task FridayItems_GoInOneEmailOnTheMakeUpSaturday_SundayNothing_MondayTheRest()
    {
        // Friday 9 October 2026; Saturday 10 October is a 调休 working day (国庆节).
        await using var fixture = await AppFixture.StartAsync(app => app.At(China(2026, 10, 9, 10)).MailToOwnSmtp().WithDailyDigest().DrainingSeedMail());
        var (app, clock) = (fixture.App, fixture.Clock);
        var user = await app.UserIdAsync("leader03");
        await ForgetSeedItemsAsync(app);

        var empty = await RunDigestAsync(app);
        Assert.True(empty.WorkingDay);
        Assert.Equal(0, empty.Emails); // nothing waits: no email

        await app.NotifyAsync("leader03", NotificationKinds.Swap, PageTesting.Unique("swap:digest:"), "2026-10");
        await app.NotifyAsync("leader03", NotificationKinds.CaseAssigned, PageTesting.Unique("case:digest:"), "2026-11");
        var overdue = PageTesting.Unique("overdue:digest:");
        await app.NotifyAsync("leader03", NotificationKinds.Overdue, overdue, "2026-12");

        // The urgent one is an email of its own at once; the two others wait, and are in the app at once.
        Assert.Equal([NotificationKinds.Overdue.Key], await MailKindsAsync(app, user, ":digest:"));
        Assert.Equal(2, await WaitingAsync(app, user));
        Assert.Equal(3, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == user && n.OccurrenceKey!.Contains(":digest:"))));

        clock.SetUtcNow(China(2026, 10, 10, 8, 30));
        var saturday = await RunDigestAsync(app);
        Assert.Equal((true, 1, 2), (saturday.WorkingDay, saturday.Emails, saturday.Items));
        Assert.Equal(0, await WaitingAsync(app, user));
        var key = MailOutbox.KeyFor("digest:2026-10-10", user);
        await app.DispatchAsync();
        Assert.Equal(OutboxStatus.Sent, (await app.OutboxMessageAsync(key)).Status);
        var mail = Assert.Single(fixture.Smtp.Deliveries(), d => d.Key == key);
        Assert.Equal(["leader03@demo.reception.invalid"], mail.EnvelopeTo);
        Assert.Equal("每日汇总 2026-10-10：2 条通知", mail.Subject);
        var text = mail.Part("text/plain").Content;
        Assert.Contains("【换班代班】2026-10 值班表已发布", text, StringComparison.Ordinal);
        Assert.Contains("【事项交办】2026-11 值班表已发布", text, StringComparison.Ordinal);
        Assert.Contains("您在 2026-11 的值班安排有变化", text, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-12", text, StringComparison.Ordinal); // the overdue alert went on its own

        // Run again the same morning: nothing more.
        clock.SetUtcNow(China(2026, 10, 10, 9));
        Assert.Equal(0, (await RunDigestAsync(app)).Emails);

        // Sunday: a day off, nothing is sent; what arrives waits for Monday.
        clock.SetUtcNow(China(2026, 10, 11, 8, 30));
        var sunday = await RunDigestAsync(app);
        Assert.False(sunday.WorkingDay);
        clock.SetUtcNow(China(2026, 10, 11, 15));
        await app.NotifyAsync("leader03", NotificationKinds.RotaChanged, PageTesting.Unique("rota:digest:"), "2027-01");
        Assert.Equal(0, (await RunDigestAsync(app)).Emails);
        Assert.Equal(1, await WaitingAsync(app, user));

        clock.SetUtcNow(China(2026, 10, 12, 8, 30));
        var monday = await RunDigestAsync(app);
        Assert.Equal((1, 1), (monday.Emails, monday.Items));
        await app.DispatchAsync();
        var second = Assert.Single(fixture.Smtp.Deliveries(), d => d.Key == MailOutbox.KeyFor("digest:2026-10-12", user));
        Assert.Equal("每日汇总 2026-10-12：1 条通知", second.Subject);
        Assert.Equal(2, fixture.Smtp.Deliveries().Count(d => d.Key?.StartsWith("digest:", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task HolidayMonday_NoDigest_TheNextWorkingDayHasIt_InTheReadersLanguage()
    {
        // Saturday 4 April 2026; 清明节 runs 4–6 April, so Monday 6 April is a holiday.
        await using var fixture = await AppFixture.StartAsync(app => app.At(China(2026, 4, 4, 10)).MailToOwnSmtp().WithDailyDigest().DrainingSeedMail());
        var (app, clock) = (fixture.App, fixture.Clock);
        var user = await app.UserIdAsync("leader04");
        await ForgetSeedItemsAsync(app);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, "en")));
        await app.NotifyAsync("leader04", NotificationKinds.RotaChanged, PageTesting.Unique("rota:holiday:"), "2026-05");

        clock.SetUtcNow(China(2026, 4, 6, 8, 30));
        var monday = await RunDigestAsync(app);
        Assert.False(monday.WorkingDay);
        Assert.Equal(1, await WaitingAsync(app, user));
        await app.DispatchAsync();
        Assert.DoesNotContain(fixture.Smtp.Deliveries(), d => d.Key?.StartsWith("digest:", StringComparison.Ordinal) == true);

        clock.SetUtcNow(China(2026, 4, 7, 8, 30));
        Assert.Equal(1, (await RunDigestAsync(app)).Emails);
        await app.DispatchAsync();
        var mail = Assert.Single(fixture.Smtp.Deliveries(), d => d.Key == MailOutbox.KeyFor("digest:2026-04-07", user));
        Assert.Equal("Daily digest 2026-04-07: 1 notifications", mail.Subject);
        Assert.Contains("Duty rota 2026-05 published", mail.Part("text/plain").Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APersonWhoChoosesImmediateEmail_GetsItOnItsOwn_AndTheChoiceIsKept()
    {
        await using var fixture = await AppFixture.StartAsync(app => app.At(China(2026, 11, 24, 10)).MailToOwnSmtp().WithDailyDigest());
        var app = fixture.App;
        var user = await app.UserIdAsync("leader05");
        await ForgetSeedItemsAsync(app);
        using (var client = await app.LoginAsync("leader05"))
        {
            var page = await client.GetPageAsync("/Notifications/Preferences");
            // Non-urgent kinds default to the digest; urgent ones cannot be digested.
            Assert.True(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Digest-swap")!.IsChecked);
            Assert.Null(page.QuerySelector("#Digest-duty-reminder"));
            Assert.Null(page.QuerySelector("#Digest-overdue"));
            var digest = page.QuerySelector("#Digest-swap")!.GetAttribute("name")!;
            using var response = await client.SubmitAsync(page, new Dictionary<string, string> { [digest] = "false" });
            await response.AssertRedirectToAsync("/Notifications/Preferences");
            var again = await client.GetPageAsync("/Notifications/Preferences");
            Assert.False(again.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Digest-swap")!.IsChecked);
            Assert.True(again.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Digest-case")!.IsChecked);
        }

        await app.NotifyAsync("leader05", NotificationKinds.Swap, PageTesting.Unique("swap:own:"));
        await app.NotifyAsync("leader05", NotificationKinds.CaseAssigned, PageTesting.Unique("case:own:"));

        Assert.Equal([NotificationKinds.Swap.Key], await MailKindsAsync(app, user, ":own:"));
        Assert.Equal(1, await WaitingAsync(app, user));
    }

    private static async Task<DigestRun> RunDigestAsync(ReceptionFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DailyDigest>().RunAsync();
    }

    /// <summary>The demo seed's rota publications wait for a digest too; the tests start without them.</summary>
    private static Task<int> ForgetSeedItemsAsync(ReceptionFactory app) =>
        app.WithDbAsync(db => db.DigestItems.Where(d => d.DigestKey == null).ExecuteUpdateAsync(s => s.SetProperty(d => d.DigestKey, "seed")));

    private static Task<int> WaitingAsync(ReceptionFactory app, string user) =>
        app.WithDbAsync(db => db.DigestItems.CountAsync(d => d.UserId == user && d.DigestKey == null));

    /// <summary>The kinds of the emails queued for the user for the test's occurrences (their keys hold <paramref name="marker"/>).</summary>
    private static Task<List<string>> MailKindsAsync(ReceptionFactory app, string user, string marker) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.RecipientUserId == user && m.IdempotencyKey.Contains(marker))
            .Select(m => m.Kind).ToListAsync());
}
