using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Features.Rotas;

/// <summary>
/// The month page (/Rotas/Month) and its Publish handler, the versions page, the leaders'
/// notifications and what the public page (/rota/demo) shows before and after publishing.
/// </summary>
public sealed class PublishTests(RotaDemoApp demo) : IClassFixture<RotaDemoApp>
{
    private ReceptionFactory App => demo.App;

    private const string StaleEdit = "在您编辑期间，其他人修改了这条记录。您的修改没有保存；请刷新页面查看最新内容。";

    /// <summary>The public page's section of one rule's month.</summary>
    internal static IElement? PublicSection(IDocument page, string month, string rule) =>
        page.QuerySelectorAll($"section.rota-month[data-month=\"{month}\"]").FirstOrDefault(s => s.QuerySelector("h2")!.TextContent.Contains(rule));

    private static async Task<IReadOnlyDictionary<string, int>> NotificationCountsAsync(ReceptionFactory app) =>
        await app.WithDbAsync(async db => (IReadOnlyDictionary<string, int>)await db.Notifications
            .Where(n => n.Kind == Reception.Core.Notifications.NotificationKinds.RotaChanged.Key)
            .GroupBy(n => n.UserId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count));

    private static async Task<string> LeaderAccountAsync(ReceptionFactory app, int leaderId) =>
        await app.WithDbAsync(db => db.Users.Where(u => u.LeaderId == leaderId).Select(u => u.Id).SingleAsync());

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ChangeAfterPublishing_StaysOffThePublicPageUntilVersion2IsPublished_ThenNotifiesTheTwoLeaders(DatabaseProvider provider)
    {
        var clock = RotaDemoApp.NewClock();
        await using var app = ReceptionFactory.Build().On(provider).WithClock(clock).Create();
        var rule = await app.CityRuleIdAsync();
        var month = RotaTesting.MonthUrl(rule, "2026-10");
        var before = (await app.AssignmentAsync(rule, RotaTesting.Date("2026-10-20")))!;
        var beforeName = await app.LeaderNameAsync(before.LeaderId);
        var after = await app.LeaderIdAsync(beforeName == "孙秀英" ? "徐志明" : "孙秀英");
        var afterName = await app.LeaderNameAsync(after);
        using var clerk = await app.LoginAsync("clerk");
        using var visitor = app.CreateAppClient();

        // A hand edit of the published month: the working copy changes, the public page does not.
        using (var edited = await clerk.OpenAndSubmitAsync(RotaTesting.SlotUrl(rule, "2026-10", "2026-10-20"), new Dictionary<string, string> { ["LeaderId"] = after.ToString() }))
            await edited.AssertRedirectToAsync(month);
        var changed = await clerk.GetPageAsync(month);
        var status = changed.QuerySelector("main p.muted")!.TextContent;
        Assert.Contains("已发布第 1 版", status);
        Assert.Contains("最后更新：2026-09-15 09:00", status);
        Assert.Equal("有未发布的修改", changed.QuerySelector("main p.muted .badge-off")!.TextContent.Trim());
        Assert.Equal(afterName, changed.DutyOn("2026-10-20"));
        Assert.Equal("发布第 2 版", changed.QuerySelector("main form[action*='handler=Publish'] button")!.TextContent.Trim());
        var publicBefore = PublicSection(await visitor.GetPageAsync("/rota/demo"), "2026-10", RotaTesting.CityRule)!;
        Assert.Equal("第 1 版", publicBefore.QuerySelector(".version")!.TextContent.Trim());
        Assert.Equal("最后更新：2026-09-15 09:00", publicBefore.QuerySelector(".updated")!.TextContent.Trim());
        Assert.Contains(beforeName, publicBefore.QuerySelector("td[data-date='2026-10-20']")!.TextContent);
        Assert.DoesNotContain(afterName, publicBefore.QuerySelector("td[data-date='2026-10-20']")!.TextContent);

        // Publish version 2 an hour later.
        clock.Advance(TimeSpan.FromHours(1));
        // An hour without a request ends a session (idle timeout 30 minutes): the clerk signs in again.
        using var clerkLater = await app.LoginAsync("clerk");
        var notificationsBefore = await NotificationCountsAsync(app);
        using var response = await clerkLater.SubmitAsync(await clerkLater.GetPageAsync(month));

        await response.AssertRedirectToAsync(month);
        var published = await clerkLater.GetPageAsync(month);
        Assert.Equal("已发布第 2 版。公开页面已更新，并已通知相关领导。", published.StatusMessage());
        Assert.Contains("已发布第 2 版", published.QuerySelector("main p.muted")!.TextContent);
        Assert.Contains("最后更新：2026-09-15 10:00", published.QuerySelector("main p.muted")!.TextContent);
        Assert.Null(published.QuerySelector("main p.muted .badge-off"));
        Assert.Null(published.QuerySelector("main form[action*='handler=Publish']"));
        var rota = (await app.RotaAsync(rule, "2026-10"))!;
        Assert.Equal((RotaStatus.Published, 2, false), (rota.Status, rota.PublishedNumber, rota.HasUnpublishedChanges));
        Assert.Equal([1, 2], await app.WithDbAsync(db => db.RotaVersions.Where(v => v.RotaMonthId == rota.Id).OrderBy(v => v.Number).Select(v => v.Number).ToListAsync()));

        // The two leaders whose duty changed are notified (in Chinese, with a link), nobody else.
        var notificationsAfter = await NotificationCountsAsync(app);
        var accounts = new[] { await LeaderAccountAsync(app, before.LeaderId), await LeaderAccountAsync(app, after) };
        var newOnes = notificationsAfter.Where(p => p.Value > notificationsBefore.GetValueOrDefault(p.Key)).Select(p => p.Key).Order().ToList();
        Assert.Equal(accounts.Order(), newOnes);
        var notes = await app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => accounts.Contains(n.UserId) && n.Title.Contains("第 2 版")).ToListAsync());
        Assert.Equal(2, notes.Count);
        Assert.All(notes, n =>
        {
            Assert.Equal(Reception.Core.Notifications.NotificationKinds.RotaChanged.Key, n.Kind);
            Assert.Equal("2026-10 值班表已变更（第 2 版）", n.Title);
            // The day, the session and old → new leader.
            Assert.Matches(@"^值班调整：10月\d+日 星期. 全天：\S+ → \S+。$", n.Body);
            Assert.Equal($"/Rotas/Month?rule={rule}&month=2026-10", n.Link);
            Assert.Null(n.ReadAtUtc);
        });

        // The public page now shows version 2 with its time and the new leader.
        var publicAfter = PublicSection(await visitor.GetPageAsync("/rota/demo"), "2026-10", RotaTesting.CityRule)!;
        Assert.Equal("第 2 版", publicAfter.QuerySelector(".version")!.TextContent.Trim());
        Assert.Equal("最后更新：2026-09-15 10:00", publicAfter.QuerySelector(".updated")!.TextContent.Trim());
        Assert.Contains(afterName, publicAfter.QuerySelector("td[data-date='2026-10-20']")!.TextContent);
        // September was not touched: still version 1.
        Assert.Equal("第 1 版", PublicSection(await visitor.GetPageAsync("/rota/demo"), "2026-09", RotaTesting.CityRule)!.QuerySelector(".version")!.TextContent.Trim());

        // The versions page lists what changed: 2026-10-20 before → after.
        var versions = await clerkLater.GetPageAsync(RotaTesting.VersionsUrl(rule, "2026-10"));
        var v2 = versions.QuerySelector("main section#v2")!;
        Assert.StartsWith("第 2 版", v2.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("2026-09-15 10:00", v2.QuerySelector("h2")!.TextContent);
        Assert.Contains("王秀兰（信访局）", v2.QuerySelector("h2")!.TextContent);
        Assert.Equal(["原安排", "新安排"], v2.QuerySelectorAll("thead th").Skip(2).Select(th => th.TextContent.Trim()));
        var row = Assert.Single(v2.QuerySelectorAll("tbody tr"));
        Assert.Equal(["2026-10-20", "全天", beforeName, afterName], row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal("首次发布：共 18 个班次。", versions.QuerySelector("main section#v1 p")!.TextContent.Trim());
        Assert.Equal(["v2", "v1"], versions.QuerySelectorAll("main section.card").Select(s => s.Id));
    }

    [Fact]
    public async Task ADraft_IsNotOnThePublicPage_UntilItsFirstPublication_WhichNotifiesItsLeaders()
    {
        var name = PageTesting.Unique("新规则");
        var leaders = new[] { await App.LeaderIdAsync("张建国"), await App.LeaderIdAsync("吴建平"), await App.LeaderIdAsync("王志强") };
        var rule = await App.CreateRuleAsync(name, RotaPattern.Rotation, leaders);
        using var clerk = await App.LoginAsync("clerk");
        using var visitor = App.CreateAppClient();
        using (var saved = await clerk.OpenAndSubmitAsync(RotaTesting.GenerateUrl(rule, "2026-10")))
            await saved.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2026-10"));

        var draftPublic = await visitor.GetPageAsync("/rota/demo");
        Assert.DoesNotContain(name, draftPublic.Body!.TextContent);
        Assert.NotNull(PublicSection(draftPublic, "2026-10", RotaTesting.CityRule)); // the published city rota is still there
        var draft = await clerk.GetPageAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        Assert.Null(draft.QuerySelector("main a[href*='/Rotas/Versions']"));
        var notificationsBefore = await NotificationCountsAsync(App);

        using var response = await clerk.SubmitAsync(draft);

        await response.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        Assert.Equal("已发布第 1 版。公开页面已更新，并已通知相关领导。", (await clerk.GetPageAsync(RotaTesting.MonthUrl(rule, "2026-10"))).StatusMessage());
        var section = PublicSection(await visitor.GetPageAsync("/rota/demo"), "2026-10", name)!;
        Assert.Equal("第 1 版", section.QuerySelector(".version")!.TextContent.Trim());
        Assert.Equal(18, section.QuerySelectorAll(".slot").Length);
        var notificationsAfter = await NotificationCountsAsync(App);
        foreach (var leader in leaders)
        {
            var account = await LeaderAccountAsync(App, leader);
            Assert.Equal(notificationsBefore.GetValueOrDefault(account) + 1, notificationsAfter[account]);
        }
        var note = await App.WithDbAsync(db => db.Notifications.AsNoTracking().OrderByDescending(n => n.Id).FirstAsync());
        Assert.Equal("2026-10 值班表已发布", note.Title);
    }

    [Fact]
    public async Task CancelledDuty_OncePublished_IsGoneFromThePublicPage_AndTheVersionsPageShowsNoDutyAfter()
    {
        var rule = await App.CityRuleIdAsync();
        var duty = (await App.AssignmentAsync(rule, RotaTesting.Date("2026-10-27")))!;
        var name = await App.LeaderNameAsync(duty.LeaderId);
        var number = (await App.RotaAsync(rule, "2026-10"))!.PublishedNumber;
        var notificationsBefore = await NotificationCountsAsync(App);
        using var clerk = await App.LoginAsync("clerk");
        var slot = RotaTesting.SlotUrl(rule, "2026-10", "2026-10-27");
        using (var cancelled = await clerk.PostFormAsync(slot, [], slot + "&handler=CancelDuty"))
            await cancelled.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2026-10"));

        using (var published = await clerk.OpenAndSubmitAsync(RotaTesting.MonthUrl(rule, "2026-10")))
            await published.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2026-10"));

        var versions = await clerk.GetPageAsync(RotaTesting.VersionsUrl(rule, "2026-10"));
        var latest = versions.QuerySelector($"main section#v{number + 1}")!;
        Assert.Equal(["2026-10-27", "全天", name, "（无值班）"], latest.QuerySelectorAll("tbody tr td").Select(td => td.TextContent.Trim()));
        using var visitor = App.CreateAppClient();
        var section = PublicSection(await visitor.GetPageAsync("/rota/demo"), "2026-10", RotaTesting.CityRule)!;
        Assert.Equal($"第 {number + 1} 版", section.QuerySelector(".version")!.TextContent.Trim());
        // Closed on purpose: the public sees it closed, not as a gap and not with the old leader (issue 15 item 8).
        Assert.Equal("本时段不安排值班", section.QuerySelector("td[data-date='2026-10-27'] .slot.closed")!.TextContent.Trim());
        Assert.DoesNotContain(name, section.QuerySelector("td[data-date='2026-10-27']")!.TextContent);
        var account = await LeaderAccountAsync(App, duty.LeaderId);
        Assert.Equal(notificationsBefore.GetValueOrDefault(account) + 1, (await NotificationCountsAsync(App))[account]);
        // A leader may read the versions too.
        using var leader = await App.LoginAsync("leader02");
        Assert.NotNull((await leader.GetPageAsync(RotaTesting.VersionsUrl(rule, "2026-10"))).QuerySelector($"main section#v{number + 1}"));
    }

    [Fact]
    public async Task Publish_WithNothingGenerated_SaysSo()
    {
        var rule = await App.CityRuleIdAsync();
        using var clerk = await App.LoginAsync("clerk");
        var month = RotaTesting.MonthUrl(rule, "2027-02");
        Assert.Null((await clerk.GetPageAsync(month)).QuerySelector("main form[action*='handler=Publish']"));

        using var response = await clerk.PostFormAsync(month, new Dictionary<string, string> { ["RotaVersion"] = "0" }, RotaTesting.PublishUrl(rule, "2027-02"));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("还没有可发布的内容：请先生成值班表。", page.Summary());
        Assert.Null(await App.RotaAsync(rule, "2027-02"));
    }

    [Fact]
    public async Task Publish_WithoutChangesSinceTheLastVersion_SaysSoAndAddsNoVersion()
    {
        var rule = await App.TownshipRuleIdAsync("qingshan");
        var rota = (await App.RotaAsync(rule, "2026-09"))!;
        using var clerk = await App.LoginAsync("clerk");
        var month = RotaTesting.MonthUrl(rule, "2026-09");
        Assert.Null((await clerk.GetPageAsync(month)).QuerySelector("main form[action*='handler=Publish']"));

        using var response = await clerk.PostFormAsync(month, new Dictionary<string, string> { ["RotaVersion"] = rota.Version.ToString() }, RotaTesting.PublishUrl(rule, "2026-09"));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("该版本已发布，此后没有改动。", page.Summary());
        Assert.Equal(1, (await App.RotaAsync(rule, "2026-09"))!.PublishedNumber);
        Assert.Equal(1, await App.WithDbAsync(db => db.RotaVersions.CountAsync(v => v.RotaMonthId == rota.Id)));
    }

    [Fact]
    public async Task Publish_FromAStalePage_ShowsTheConcurrencyMessageAndPublishesNothing()
    {
        var rule = await App.TownshipRuleIdAsync("dongcheng");
        var monthUrl = RotaTesting.MonthUrl(rule, "2026-10");
        var deputies = new[] { await App.LeaderIdAsync("吴斌"), await App.LeaderIdAsync("郑红") };
        using var clerk = await App.LoginAsync("clerk");
        using var other = await App.LoginAsync("admin");
        async Task EditAsync(AppClient client, string date)
        {
            var current = (await App.AssignmentAsync(rule, RotaTesting.Date(date)))!.LeaderId;
            var to = deputies.Contains(current) ? deputies.Single(d => d != current) : deputies[0];
            using var edited = await client.OpenAndSubmitAsync(RotaTesting.SlotUrl(rule, "2026-10", date), new Dictionary<string, string> { ["LeaderId"] = to.ToString() });
            await edited.AssertRedirectToAsync(monthUrl);
        }
        await EditAsync(clerk, "2026-10-13");
        var stale = await clerk.GetPageAsync(monthUrl);
        demo.Clock.Advance(TimeSpan.FromMinutes(5));
        await EditAsync(other, "2026-10-14"); // someone else changes the month meanwhile

        using var response = await clerk.SubmitAsync(stale);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(StaleEdit, page.Summary());
        var rota = (await App.RotaAsync(rule, "2026-10"))!;
        Assert.Equal((1, true), (rota.PublishedNumber, rota.HasUnpublishedChanges));
        Assert.Equal(1, await App.WithDbAsync(db => db.RotaVersions.CountAsync(v => v.RotaMonthId == rota.Id)));
    }

    [Fact]
    public async Task Month_Published_ShowsVersionTimeAndActions()
    {
        var rule = await App.TownshipRuleIdAsync("qingshan");
        using var clerk = await App.LoginAsync("clerk");

        var page = await clerk.GetPageAsync(RotaTesting.MonthUrl(rule, "2026-09"));

        Assert.Equal("青山镇领导接访 · 2026-09", page.QuerySelector("main h1")!.TextContent.Trim());
        var status = page.QuerySelector("main p.muted")!.TextContent;
        Assert.Contains("接待场所：青山镇综治中心接待室", status);
        Assert.Contains("已发布第 1 版", status);
        Assert.Contains("最后更新：2026-09-15 09:00", status);
        Assert.Equal("重新生成", page.QuerySelector("main a[href^='/Rotas/Generate']")!.TextContent.Trim());
        Assert.Equal("版本记录", page.QuerySelector("main a[href^='/Rotas/Versions']")!.TextContent.Trim());
        // The township's main leaders keep their weekdays: 刘海峰 on Mondays, 陈国强 on Fridays.
        Assert.Equal("刘海峰", page.DutyOn("2026-09-14"));
        Assert.Equal("陈国强", page.DutyOn("2026-09-18"));
        Assert.Null(page.DutyOn("2026-09-25")); // 中秋节
        Assert.Equal(page.QuerySelectorAll("table.duty-grid .slot").Length, page.QuerySelectorAll("main table.grid tbody tr").Length);
    }

    [Fact]
    public async Task Month_ForALeader_IsReadOnlyAndMarksTheirOwnDuties_AndTheyCannotPublish()
    {
        var rule = await App.CityRuleIdAsync();
        var zhang = await App.LeaderIdAsync("张建国");
        var mine = await App.WithDbAsync(db => db.DutyAssignments.Where(a => a.RotaMonth!.DutyRuleId == rule && a.LeaderId == zhang && !a.IsCancelled && a.Date >= new DateOnly(2026, 10, 1) && a.Date <= new DateOnly(2026, 10, 31))
            .Select(a => a.Date).ToListAsync());
        Assert.NotEmpty(mine);
        using var leader = await App.LoginAsync("leader01");

        var page = await leader.GetPageAsync(RotaTesting.MonthUrl(rule, "2026-10"));

        Assert.Null(page.QuerySelector("main a[href^='/Rotas/Generate']"));
        Assert.Null(page.QuerySelector("main a[href^='/Rotas/Slot']"));
        Assert.Null(page.QuerySelector("main form[action*='handler=Publish']"));
        Assert.Equal(mine.Select(d => d.ToString("yyyy-MM-dd")).Order(),
            page.QuerySelectorAll("table.duty-grid .slot.mine").Select(s => s.ParentElement!.GetAttribute("data-date")!).Order());
        using var publish = await leader.PostFormAsync(RotaTesting.MonthUrl(rule, "2026-10"), new Dictionary<string, string> { ["RotaVersion"] = "1" }, RotaTesting.PublishUrl(rule, "2026-10"));
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("abc")]
    [InlineData("2101-01")]
    public async Task MonthAndVersions_BadMonth_Answer404(string month)
    {
        var rule = await App.CityRuleIdAsync();
        using var clerk = await App.LoginAsync("clerk");

        using (var get = await clerk.GetAsync(RotaTesting.MonthUrl(rule, month)))
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var versions = await clerk.GetAsync(RotaTesting.VersionsUrl(rule, month));
        Assert.Equal(HttpStatusCode.NotFound, versions.StatusCode);
    }

    [Fact]
    public async Task TownshipClerk_CannotSeePublishOrListVersionsOfTheCitysRota_ButSeesTheirOwn()
    {
        var rule = await App.CityRuleIdAsync();
        using var clerk = await App.TownshipClerkAsync();

        using (var get = await clerk.GetAsync(RotaTesting.MonthUrl(rule, "2026-10")))
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using (var publish = await clerk.PostFormAsync("/Rotas", new Dictionary<string, string> { ["RotaVersion"] = "1" }, RotaTesting.PublishUrl(rule, "2026-10")))
            Assert.Equal(HttpStatusCode.NotFound, publish.StatusCode);
        using (var versions = await clerk.GetAsync(RotaTesting.VersionsUrl(rule, "2026-10")))
            Assert.Equal(HttpStatusCode.NotFound, versions.StatusCode);
        var index = await clerk.GetPageAsync("/Rotas");
        Assert.Equal(["青山镇领导接访"], index.QuerySelectorAll("main table.grid tbody tr").Take(1).Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        Assert.DoesNotContain(RotaTesting.CityRule, index.QuerySelector("main")!.TextContent);

        var own = await clerk.GetPageAsync(RotaTesting.MonthUrl(await App.TownshipRuleIdAsync("qingshan"), "2026-10"));
        Assert.Contains("已发布第 1 版", own.QuerySelector("main p.muted")!.TextContent);
    }

    [Fact]
    public async Task Index_ShowsEachRulesStatusForThisAndNextMonth()
    {
        using var clerk = await App.LoginAsync("clerk");

        var page = await clerk.GetPageAsync("/Rotas");

        Assert.Equal("值班排班", page.QuerySelector("main h1")!.TextContent.Trim());
        var headers = page.QuerySelectorAll("main table.grid")[0].QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Contains("2026-09", headers);
        Assert.Contains("2026-10", headers);
        var row = page.QuerySelectorAll("main table.grid tbody tr").First(r => r.QuerySelector("td")!.TextContent.Trim() == RotaTesting.CityRule);
        var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(RotaTesting.CityRule, cells[0]);
        Assert.Equal("演示市", cells[1]);
        Assert.Equal("市信访局群众来访接待大厅", cells[2]);
        Assert.Equal("按序轮流", cells[3]);
        Assert.Equal("12", cells[4]);
        Assert.StartsWith("已发布第", cells[5]);
        Assert.StartsWith("已发布第", cells[6]);
        Assert.Equal(RotaTesting.MonthUrl(await App.CityRuleIdAsync(), "2026-10"), row.QuerySelectorAll("td")[6].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains(page.QuerySelectorAll("main table.grid tbody tr"), r => r.TextContent.Contains("青山镇领导接访") && r.TextContent.Contains("固定星期"));
        Assert.NotNull(page.QuerySelector("main a[href='/Rotas/Rule']"));
    }

    [Fact]
    public async Task Index_ForASupervisor_HasNoEditingLinks()
    {
        using var supervisor = await App.LoginAsync("supervisor");

        var page = await supervisor.GetPageAsync("/Rotas");

        Assert.Contains(RotaTesting.CityRule, page.QuerySelector("main")!.TextContent);
        Assert.Null(page.QuerySelector("main a[href^='/Rotas/Rule']"));
        Assert.Null(page.QuerySelector("main a[href^='/Rotas/Venue']"));
    }
}
