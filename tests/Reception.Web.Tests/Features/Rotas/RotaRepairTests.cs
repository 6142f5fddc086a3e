using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Notifications;
using Reception.Core.Rotas;
using Reception.Web.Features.Calendar;
using Reception.Web.Features.Rotas;
using Reception.Web.Tests.Features.Visits;

namespace Reception.Web.Tests.Features.Rotas;

/// <summary>
/// Published rotas that stay true (issue 15 items 5 and 6): a calendar change or an absence over a published duty is
/// listed on the month page and the clerk's agenda, notified to the rota's clerks, and repaired in one action that
/// regenerates just those slots (the owed-duty ledger decides) and publishes just them. Clock: 2026-09-15 (RotaDemoApp).
/// </summary>
public sealed class RotaRepairTests
{
    private static async Task<int> RotaNotificationsAsync(ReceptionFactory app, string userName, string titleStart) =>
        await app.WithDbAsync(async db =>
        {
            var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
            var titles = await db.Notifications.Where(n => n.UserId == id && n.Kind == NotificationKinds.RotaChanged.Key).Select(n => n.Title).ToListAsync();
            return titles.Count(t => t.StartsWith(titleStart, StringComparison.Ordinal));
        });

    [Fact]
    public async Task CalendarChange_DutyNowOnADayOff_IsListedNotifiedAndRepairedByPublishingJustThatDay()
    {
        await using var app = ReceptionFactory.Build().WithClock(RotaDemoApp.NewClock()).Create();
        var rule = await app.CityRuleIdAsync();
        var day = RotaTesting.Date("2026-10-20");
        var onDuty = (await app.AssignmentAsync(rule, day))!.LeaderId;
        using var clerk = await app.LoginAsync("clerk");
        // An unpublished hand edit on another day: the repair must not publish it.
        var other = await app.LeaderIdAsync(await app.LeaderNameAsync(onDuty) == "孙秀英" ? "徐志明" : "孙秀英");
        var draftDay = RotaTesting.Date("2026-10-27");
        if ((await app.AssignmentAsync(rule, draftDay))!.LeaderId == other) other = onDuty;
        using (var edited = await clerk.OpenAndSubmitAsync(RotaTesting.SlotUrl(rule, "2026-10", "2026-10-27"), new Dictionary<string, string> { ["LeaderId"] = other.ToString() }))
            await edited.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2026-10"));

        static string Agenda(AngleSharp.Dom.IDocument home) => home.QuerySelector("li[data-agenda='rota-problems'] .agenda-value")!.TextContent.Trim();
        var problemsBefore = int.Parse(Agenda(await clerk.GetPageAsync("/")));

        // The admin makes 2026-10-20 a day off (a single date, as on /Admin/Calendar/Day).
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<HolidayArrangementStore>().SetDayAsync(day, HolidayArrangementStore.DayChoice.OffDay, "临时放假");

        Assert.Equal(1, await RotaNotificationsAsync(app, "clerk", "节假日安排已变更：" + RotaTesting.CityRule + " 2026-10"));
        var month = await clerk.GetPageAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        var issue = month.QuerySelector("#rota-issues li[data-date='2026-10-20']") ?? throw new InvalidOperationException("The month page does not list 2026-10-20.");
        Assert.Equal(nameof(RotaProblemKind.DutyOnDayOff), issue.GetAttribute("data-kind"));
        Assert.Contains("放假日仍有值班：" + await app.LeaderNameAsync(onDuty), issue.TextContent);
        Assert.Contains("→ 不安排值班（放假）", issue.TextContent);
        Assert.Contains("临时放假 · 不接访", month.Day("2026-10-20").TextContent);
        Assert.NotNull(month.Day("2026-10-20").QuerySelector(".mark"));
        // The township rules have a duty on 10-20 too: each is a problem on the city clerk's agenda.
        var problemsAfter = int.Parse(Agenda(await clerk.GetPageAsync("/")));
        Assert.True(problemsAfter > problemsBefore);
        var cityIssues = month.QuerySelectorAll("#rota-issues li").Length;

        using var repaired = await clerk.SubmitAsync(month, form: "form[action*='handler=Repair']");
        await repaired.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2026-10"));

        var after = await clerk.GetPageAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        Assert.Matches("^已修正 [0-9]+ 个值班时段并发布为第 2 版", after.StatusMessage());
        Assert.Null(after.QuerySelector("#rota-issues"));
        Assert.True((await app.AssignmentAsync(rule, day))!.IsCancelled);
        var rota = (await app.RotaAsync(rule, "2026-10"))!;
        Assert.Equal((2, true), (rota.PublishedNumber, rota.HasUnpublishedChanges)); // the hand edit of 10-27 is still a draft
        var published = await app.WithDbAsync(db => db.RotaVersions.AsNoTracking().SingleAsync(v => v.RotaMonthId == rota.Id && v.Number == 2));
        Assert.DoesNotContain(published.Duties, d => d.Date == day);
        Assert.NotEqual(other, published.Duties.Single(d => d.Date == draftDay).LeaderId);
        Assert.Equal(problemsAfter - cityIssues, int.Parse(Agenda(await clerk.GetPageAsync("/"))));
    }

    [Fact]
    public async Task LeaveOverAPublishedDuty_WarnsWhoEntersIt_NotifiesTheClerks_AndTheRepairGivesTheDutyToTheLedgersNextLeader()
    {
        await using var app = ReceptionFactory.Build().WithClock(RotaDemoApp.NewClock()).Create();
        var rule = await app.CityRuleIdAsync();
        var day = RotaTesting.Date("2026-10-21");
        var away = (await app.AssignmentAsync(rule, day))!.LeaderId;
        var awayName = await app.LeaderNameAsync(away);
        var leaderAccount = await app.WithDbAsync(db => db.Users.Where(u => u.LeaderId == away).Select(u => u.UserName!).SingleAsync());
        using var leader = await app.LoginAsync(leaderAccount);

        using var saved = await leader.OpenAndSubmitAsync("/Unavailability/Create", new Dictionary<string, string>
        {
            ["Input.From"] = "2026-10-21",
            ["Input.To"] = "2026-10-21",
            ["Input.Reason"] = nameof(UnavailabilityReason.Travel),
            ["Input.Note"] = "",
        });
        var listed = await leader.GetPageAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains(awayName + " 在已发布的值班表中于 2026-10-21", listed.StatusMessage());
        Assert.Equal(1, await RotaNotificationsAsync(app, "clerk", awayName + " 在已发布的值班日不在岗"));
        Assert.Equal(0, await RotaNotificationsAsync(app, leaderAccount, awayName)); // not told of their own entry

        using var clerk = await app.LoginAsync("clerk");
        var month = await clerk.GetPageAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        var issue = month.QuerySelector("#rota-issues li[data-date='2026-10-21']")!;
        Assert.Equal(nameof(RotaProblemKind.LeaderAway), issue.GetAttribute("data-kind"));
        Assert.Contains(awayName + " 不在岗（出差）", issue.TextContent);
        var offered = issue.QuerySelector(".proposal")!.TextContent.Trim();
        Assert.EndsWith("（按欠班台账接替）", offered);

        using var repaired = await clerk.SubmitAsync(month, form: "form[action*='handler=Repair']");
        await repaired.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2026-10"));

        var substitute = (await app.AssignmentAsync(rule, day))!.LeaderId;
        Assert.NotEqual(away, substitute);
        Assert.Equal("→ " + await app.LeaderNameAsync(substitute) + "（按欠班台账接替）", offered);
        var rota = (await app.RotaAsync(rule, "2026-10"))!;
        Assert.Equal(2, rota.PublishedNumber);
        Assert.True(RotaPlanner.ReadLedger(rota.OwedLedgerJson).GetValueOrDefault(away) > 0, "The leader away is owed the duty they missed.");
    }

    [Fact]
    public async Task VisitMovedOntoAPublishedDuty_WarnsWhoMovesIt_NotifiesTheClerksOnce_AndTheMonthOffersTheSubstitute()
    {
        await using var app = ReceptionFactory.Build().WithClock(RotaDemoApp.NewClock()).Create();
        var rule = await app.CityRuleIdAsync();
        var day = RotaTesting.Date("2026-10-22");
        var onDuty = (await app.AssignmentAsync(rule, day))!.LeaderId;
        var name = await app.LeaderNameAsync(onDuty);
        var leaderAccount = await app.WithDbAsync(db => db.Users.Where(u => u.LeaderId == onDuty).Select(u => u.UserName!).SingleAsync());
        // A visit planned for a day outside the published months, then moved by the leader onto their duty day.
        var visit = await app.AddVisitAsync(onDuty, new DateOnly(2026, 11, 20));
        using var clerk = await app.LoginAsync("clerk");
        static int Agenda(AngleSharp.Dom.IDocument home) => int.Parse(home.QuerySelector("li[data-agenda='rota-problems'] .agenda-value")!.TextContent.Trim(), CultureInfo.InvariantCulture);
        var problemsBefore = Agenda(await clerk.GetPageAsync("/"));
        using var leader = await app.LoginAsync(leaderAccount);

        using var first = await leader.OpenAndSubmitAsync($"/Visits/Edit/{visit}", new Dictionary<string, string> { ["Input.Date"] = "2026-10-22" });
        var asked = await first.AssertFormReturnedAsync();
        Assert.Contains(asked.Conflicts(), c => c.Contains(RotaTesting.CityRule, StringComparison.Ordinal)); // warned before saving
        Assert.Equal(0, await RotaNotificationsAsync(app, "clerk", name + " 在已发布的值班日不在岗"));
        var seen = asked.QuerySelector("input[name='Input.ConfirmedConflicts']")!.GetAttribute("value")!;
        using var confirmed = await leader.SubmitAsync(asked, new Dictionary<string, string> { ["Input.ConfirmedConflicts"] = seen });
        await confirmed.AssertRedirectToAsync($"/Visits/Details/{visit}");

        var details = await leader.GetPageAsync($"/Visits/Details/{visit}");
        Assert.Contains(name + " 在已发布的值班表中于 2026-10-22", details.StatusMessage());
        Assert.Equal(1, await RotaNotificationsAsync(app, "clerk", name + " 在已发布的值班日不在岗"));
        Assert.Equal(0, await RotaNotificationsAsync(app, leaderAccount, name)); // not told of their own change

        // Saving it again without moving it tells nobody twice.
        using (var again = await leader.OpenAndSubmitAsync($"/Visits/Edit/{visit}", new Dictionary<string, string>
               {
                   ["Input.Purpose"] = "回访征地补偿信访问题",
                   ["Input.ConfirmedConflicts"] = seen,
               }))
            await again.AssertRedirectToAsync($"/Visits/Details/{visit}");
        Assert.Equal(1, await RotaNotificationsAsync(app, "clerk", name + " 在已发布的值班日不在岗"));

        Assert.Equal(problemsBefore + 1, Agenda(await clerk.GetPageAsync("/")));
        var month = await clerk.GetPageAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        var issue = month.QuerySelector("#rota-issues li[data-date='2026-10-22']") ?? throw new InvalidOperationException("The month page does not list 2026-10-22.");
        Assert.Equal(nameof(RotaProblemKind.LeaderAway), issue.GetAttribute("data-kind"));
        Assert.Contains(name + " 不在岗（下访）", issue.TextContent);
        Assert.NotNull(month.Day("2026-10-22").QuerySelector(".mark"));
        Assert.EndsWith("（按欠班台账接替）", issue.QuerySelector(".proposal")!.TextContent.Trim());

        using var repaired = await clerk.SubmitAsync(month, form: "form[action*='handler=Repair']");
        await repaired.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        Assert.NotEqual(onDuty, (await app.AssignmentAsync(rule, day))!.LeaderId);
    }

    [Fact]
    public async Task VisitPlannedOnAPublishedDuty_NotifiesTheClerksAndWarnsWhoPlansIt()
    {
        await using var app = ReceptionFactory.Build().WithClock(RotaDemoApp.NewClock()).Create();
        var rule = await app.CityRuleIdAsync();
        var onDuty = (await app.AssignmentAsync(rule, RotaTesting.Date("2026-10-23")))!.LeaderId;
        var name = await app.LeaderNameAsync(onDuty);
        var second = PageTesting.Unique("clerk-");
        await app.CreateUserAsync(second, Reception.Web.Authorization.Roles.Clerk);
        using var planner = await app.LoginAsync(second);
        var values = new Dictionary<string, string>
        {
            ["Input.LeaderId"] = onDuty.ToString(CultureInfo.InvariantCulture),
            ["Input.Date"] = "2026-10-23",
            ["Input.DestinationId"] = (await app.OrgIdAsync("qingshan-01")).ToString(CultureInfo.InvariantCulture),
            ["Input.Purpose"] = "化解征地补偿信访问题",
        };

        using var first = await planner.OpenAndSubmitAsync("/Visits/Create", values);
        var asked = await first.AssertFormReturnedAsync();
        values["Input.ConfirmedConflicts"] = asked.QuerySelector("input[name='Input.ConfirmedConflicts']")!.GetAttribute("value")!;
        using var saved = await planner.SubmitAsync(asked, values);
        var listed = await planner.GetPageAsync(saved.Headers.Location!.OriginalString);

        Assert.Contains(name + " 在已发布的值班表中于 2026-10-23", listed.StatusMessage());
        Assert.Equal(1, await RotaNotificationsAsync(app, "clerk", name + " 在已发布的值班日不在岗"));
        Assert.Equal(0, await RotaNotificationsAsync(app, second, name)); // not told of their own entry
    }

    [Fact]
    public async Task PublishingAMonthOfAnUnknownHolidayYear_AsksToConfirmTheRisk()
    {
        await using var app = ReceptionFactory.Build().WithClock(RotaDemoApp.NewClock()).Create();
        var rule = await app.CityRuleIdAsync();
        using var clerk = await app.LoginAsync("clerk");
        using (var generated = await clerk.OpenAndSubmitAsync(RotaTesting.GenerateUrl(rule, "2027-01")))
            await generated.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2027-01"));
        var month = await clerk.GetPageAsync(RotaTesting.MonthUrl(rule, "2027-01"));
        Assert.Contains("2027 年的节假日安排尚未发布", month.QuerySelector("#publish-risk")!.TextContent);
        Assert.Contains("元旦 · 不接访（暂定）", month.Day("2027-01-01").TextContent);

        using var refused = await clerk.SubmitAsync(month, form: "form[action*='handler=Publish']");
        var again = await refused.AssertFormReturnedAsync();
        Assert.Equal("请确认：2027 年的节假日安排尚未发布，仍要发布本月值班表。", again.ErrorFor("ConfirmRisk"));
        Assert.Equal(0, (await app.RotaAsync(rule, "2027-01"))!.PublishedNumber);

        using var published = await clerk.SubmitAsync(again, new Dictionary<string, string> { ["ConfirmRisk"] = "true" }, form: "form[action*='handler=Publish']");
        await published.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2027-01"));
        Assert.Equal(1, (await app.RotaAsync(rule, "2027-01"))!.PublishedNumber);
    }
}
