using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Rotas;

namespace Reception.Web.Tests.Features.Rotas;

/// <summary>The duty rule form (/Rotas/Rule): create, validate through the domain, edit with a stale-edit check, scope.</summary>
public sealed class RuleTests(RotaDemoApp demo) : IClassFixture<RotaDemoApp>
{
    private ReceptionFactory App => demo.App;

    private async Task<int> HallIdAsync() =>
        await App.WithDbAsync(db => db.Venues.Where(v => v.Name == "市信访局群众来访接待大厅").Select(v => v.Id).SingleAsync());

    [Fact]
    public async Task Get_NewRule_OffersMorningAndAfternoonSessionsAndTheLeadersInScope()
    {
        using var clerk = await App.LoginAsync("clerk");

        var page = await clerk.GetPageAsync("/Rotas/Rule");

        Assert.Equal("新增排班规则", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal(("上午", "08:30", "12:00"), (page.ValueOf("Input.Sessions[0].Name"), page.ValueOf("Input.Sessions[0].Start"), page.ValueOf("Input.Sessions[0].End")));
        Assert.Equal(("下午", "14:30", "17:30"), (page.ValueOf("Input.Sessions[1].Name"), page.ValueOf("Input.Sessions[1].Start"), page.ValueOf("Input.Sessions[1].End")));
        Assert.Equal("Rotation", page.ValueOf("Input.Pattern"));
        Assert.Equal((await App.OrgIdAsync("demo")).ToString(), page.ValueOf("Input.OrgUnitId"));
        // The city clerk sees the city's 12 leaders and the townships' leaders, none ticked.
        var rows = page.QuerySelectorAll("main table tbody tr");
        Assert.Equal(12 + 5 + 4, rows.Length);
        Assert.Empty(page.QuerySelectorAll("main input[name$='.Selected']:checked"));
        Assert.Contains("张建国", rows[0].TextContent);
    }

    [Fact]
    public async Task Create_RotationRuleWithThreeLeaders_IsSavedWithItsSessionsAndMembers()
    {
        using var clerk = await App.LoginAsync("clerk");
        var name = PageTesting.Unique("周三接访");
        var leaders = new[] { await App.LeaderIdAsync("张建国"), await App.LeaderIdAsync("黄海涛"), await App.LeaderIdAsync("李明华") };
        var page = await clerk.GetPageAsync("/Rotas/Rule");
        var values = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.VenueId"] = (await HallIdAsync()).ToString(),
            ["Input.Pattern"] = "Rotation",
            ["Input.Weekdays"] = "Wednesday",
        };
        foreach (var id in leaders) values[$"Input.Members[{page.MemberIndex(id)}].Selected"] = "true";

        using var response = await clerk.SubmitAsync(page, values);

        await response.AssertRedirectToAsync("/Rotas");
        var index = await clerk.GetPageAsync("/Rotas");
        Assert.Equal($"已保存“{name}”。", index.StatusMessage());
        var row = index.QuerySelectorAll("main table tbody tr").Single(r => r.TextContent.Contains(name));
        Assert.Contains("按序轮流", row.TextContent);
        Assert.Contains("未开始", row.TextContent);
        var rule = await App.WithDbAsync(db => db.DutyRules.AsNoTracking().Include(r => r.Sessions).Include(r => r.Members).SingleAsync(r => r.Name == name));
        Assert.Equal(RotaPattern.Rotation, rule.Pattern);
        Assert.Equal([("上午", new TimeOnly(8, 30), new TimeOnly(12, 0)), ("下午", new TimeOnly(14, 30), new TimeOnly(17, 30))],
            rule.Sessions.OrderBy(s => s.Index).Select(s => (s.Name, s.Start, s.End)));
        Assert.Equal(leaders.Order(), rule.Members.Select(m => m.LeaderId).Order());
        Assert.Equal([DayOfWeek.Wednesday], rule.Weekdays!);
        Assert.True(rule.IsActive);
    }

    [Fact]
    public async Task Create_NoLeaderTicked_ShowsTheDomainsMessageAndSavesNothing()
    {
        using var clerk = await App.LoginAsync("clerk");
        var name = PageTesting.Unique("无人规则");

        using var response = await clerk.OpenAndSubmitAsync("/Rotas/Rule", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.VenueId"] = (await HallIdAsync()).ToString(),
        });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请至少选择一位参加排班的领导。", page.Summary());
        Assert.Equal(App.Zh(RotaMessages.NoLeaders), page.Summary());
        Assert.Equal(name, page.ValueOf("Input.Name"));
        Assert.False(await App.WithDbAsync(db => db.DutyRules.AnyAsync(r => r.Name == name)));
    }

    [Fact]
    public async Task Create_FixedWeekdayRule_MainLeadersKeepTheirWeekdaysAndDeputiesRotateOnTheOtherDays()
    {
        using var clerk = await App.LoginAsync("clerk");
        var name = PageTesting.Unique("主要领导周一周五");
        var monday = await App.LeaderIdAsync("张建国");
        var friday = await App.LeaderIdAsync("吴建平");
        var deputies = new[] { await App.LeaderIdAsync("王志强"), await App.LeaderIdAsync("杨国栋") };
        var page = await clerk.GetPageAsync("/Rotas/Rule");
        var values = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.VenueId"] = (await HallIdAsync()).ToString(),
            ["Input.Pattern"] = "FixedWeekday",
            ["Input.Sessions[1].Name"] = "",
            ["Input.Sessions[1].Start"] = "",
            ["Input.Sessions[1].End"] = "", // morning only
            [$"Input.Members[{page.MemberIndex(monday)}].FixedDays"] = "Monday",
            [$"Input.Members[{page.MemberIndex(friday)}].FixedDays"] = "Friday",
        };
        foreach (var id in deputies.Append(monday).Append(friday)) values[$"Input.Members[{page.MemberIndex(id)}].Selected"] = "true";

        using var response = await clerk.SubmitAsync(page, values);

        await response.AssertRedirectToAsync("/Rotas");
        var rule = await App.WithDbAsync(db => db.DutyRules.AsNoTracking().Include(r => r.Sessions).Include(r => r.Members).SingleAsync(r => r.Name == name));
        Assert.Equal(RotaPattern.FixedWeekday, rule.Pattern);
        Assert.Equal(["上午"], rule.Sessions.Select(s => s.Name));
        var fixedDays = rule.Members.ToDictionary(m => m.LeaderId, m => m.FixedDays.ToList());
        Assert.Equal([DayOfWeek.Monday], fixedDays[monday]);
        Assert.Equal([DayOfWeek.Friday], fixedDays[friday]);
        Assert.All(deputies, d => Assert.Empty(fixedDays[d]));

        // The preview of October follows the rule: Monday and Friday fixed, deputies on the other working days
        // (the make-up Saturday 10-10 included), nobody during the National Day holiday.
        var preview = await clerk.GetPageAsync(RotaTesting.GenerateUrl(rule.Id, "2026-10"));
        foreach (var d in new[] { "2026-10-12", "2026-10-19", "2026-10-26" }) Assert.Equal("张建国", preview.DutyOn(d));
        foreach (var d in new[] { "2026-10-09", "2026-10-16", "2026-10-23", "2026-10-30" }) Assert.Equal("吴建平", preview.DutyOn(d));
        foreach (var d in new[] { "2026-10-10", "2026-10-13", "2026-10-14", "2026-10-15", "2026-10-20" })
            Assert.Contains(preview.DutyOn(d), new[] { "王志强", "杨国栋" });
        Assert.Null(preview.DutyOn("2026-10-05"));
    }

    [Fact]
    public async Task Create_SessionEndingBeforeItStarts_IsRefusedWithTheDomainsMessage()
    {
        using var clerk = await App.LoginAsync("clerk");
        var name = PageTesting.Unique("时间倒置");
        var page = await clerk.GetPageAsync("/Rotas/Rule");
        var values = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.VenueId"] = (await HallIdAsync()).ToString(),
            ["Input.Sessions[0].Start"] = "12:00",
            ["Input.Sessions[0].End"] = "08:30",
            [$"Input.Members[{page.MemberIndex(await App.LeaderIdAsync("张建国"))}].Selected"] = "true",
        };

        using var response = await clerk.SubmitAsync(page, values);

        var form = await response.AssertFormReturnedAsync();
        Assert.Equal("时段“上午”的结束时间必须晚于开始时间（12:00–08:30）。", form.Summary());
        Assert.Equal(App.Zh(RotaMessages.SessionEndsBeforeStart, "上午", "12:00", "08:30"), form.Summary());
        Assert.Equal(("12:00", "08:30"), (form.ValueOf("Input.Sessions[0].Start"), form.ValueOf("Input.Sessions[0].End")));
        Assert.False(await App.WithDbAsync(db => db.DutyRules.AnyAsync(r => r.Name == name)));
    }

    [Theory]
    [InlineData("Monthly", "", "每月最少值班次数至少为 1。")]
    [InlineData("FixedWeekday", "", "请至少为一位主要领导设置固定值班的星期。")]
    public async Task Create_PatternWithoutItsSettings_ShowsTheDomainsMessage(string pattern, string minimum, string expected)
    {
        using var clerk = await App.LoginAsync("clerk");
        var page = await clerk.GetPageAsync("/Rotas/Rule");
        var name = PageTesting.Unique("缺设置");

        using var response = await clerk.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.VenueId"] = (await HallIdAsync()).ToString(),
            ["Input.Pattern"] = pattern,
            ["Input.MinimumPerMonth"] = minimum,
            [$"Input.Members[{page.MemberIndex(await App.LeaderIdAsync("张建国"))}].Selected"] = "true",
            [$"Input.Members[{page.MemberIndex(await App.LeaderIdAsync("赵文军"))}].Selected"] = "true",
        });

        var form = await response.AssertFormReturnedAsync();
        var key = pattern == "Monthly" ? RotaMessages.MinimumPerMonthTooLow : RotaMessages.NoFixedDuties;
        Assert.Equal(App.Zh(key), form.Summary());
        Assert.Equal(expected, form.Summary());
        Assert.Equal(pattern, form.ValueOf("Input.Pattern"));
        Assert.False(await App.WithDbAsync(db => db.DutyRules.AnyAsync(r => r.Name == name)));
    }

    [Fact]
    public async Task Create_SessionWithoutTimes_AsksForThemBesideTheRow()
    {
        using var clerk = await App.LoginAsync("clerk");
        var page = await clerk.GetPageAsync("/Rotas/Rule");

        using var response = await clerk.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.Name"] = PageTesting.Unique("缺时间"),
            ["Input.VenueId"] = (await HallIdAsync()).ToString(),
            ["Input.Sessions[2].Name"] = "晚上",
            [$"Input.Members[{page.MemberIndex(await App.LeaderIdAsync("张建国"))}].Selected"] = "true",
        });

        var form = await response.AssertFormReturnedAsync();
        Assert.Equal("请填写开始和结束时间。", form.ErrorFor("Input.Sessions[2].End"));
    }

    [Fact]
    public async Task Create_WithoutNameAndVenue_AsksForBoth()
    {
        using var clerk = await App.LoginAsync("clerk");

        using var response = await clerk.OpenAndSubmitAsync("/Rotas/Rule", new Dictionary<string, string> { ["Input.Name"] = " " });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请填写规则名称。", page.ErrorFor("Input.Name"));
        Assert.Equal("请选择接待场所。", page.ErrorFor("Input.VenueId"));
    }

    [Fact]
    public async Task Create_TownshipClerkPostingTheCitysVenue_IsToldToChooseFromTheList()
    {
        using var clerk = await App.TownshipClerkAsync();
        var page = await clerk.GetPageAsync("/Rotas/Rule");
        var hall = await HallIdAsync();
        Assert.DoesNotContain(page.QuerySelectorAll("main select[name='Input.VenueId'] option"), o => o.GetAttribute("value") == hall.ToString());
        var name = PageTesting.Unique("越权场所");

        using var response = await clerk.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.VenueId"] = hall.ToString(),
            [$"Input.Members[{page.MemberIndex(await App.LeaderIdAsync("刘海峰"))}].Selected"] = "true",
        });

        var form = await response.AssertFormReturnedAsync();
        Assert.Equal("请从列表中选择接待场所。", form.ErrorFor("Input.VenueId"));
        Assert.False(await App.WithDbAsync(db => db.DutyRules.AnyAsync(r => r.Name == name)));
    }

    [Fact]
    public async Task Edit_Get_ShowsTheCityRuleWithItsTwelveLeadersTicked()
    {
        using var clerk = await App.LoginAsync("clerk");

        var page = await clerk.GetPageAsync($"/Rotas/Rule?id={await App.CityRuleIdAsync()}");

        Assert.Equal("编辑规则", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal(RotaTesting.CityRule, page.ValueOf("Input.Name"));
        Assert.Equal(("全天", "08:30", "17:30"), (page.ValueOf("Input.Sessions[0].Name"), page.ValueOf("Input.Sessions[0].Start"), page.ValueOf("Input.Sessions[0].End")));
        Assert.Equal(12, page.QuerySelectorAll("main input[name$='.Selected']:checked").Length);
    }

    [Fact]
    public async Task Edit_Rename_IsSaved()
    {
        var rule = await App.CreateRuleAsync(PageTesting.Unique("改名前"), RotaPattern.Rotation, [await App.LeaderIdAsync("张建国"), await App.LeaderIdAsync("赵文军")]);
        using var clerk = await App.LoginAsync("clerk");
        var renamed = PageTesting.Unique("改名后");

        using var response = await clerk.OpenAndSubmitAsync($"/Rotas/Rule?id={rule}", new Dictionary<string, string> { ["Input.Name"] = renamed });

        await response.AssertRedirectToAsync("/Rotas");
        var stored = await App.WithDbAsync(db => db.DutyRules.AsNoTracking().Include(r => r.Members).SingleAsync(r => r.Id == rule));
        Assert.Equal(renamed, stored.Name);
        Assert.Equal(2, stored.Members.Count);
    }

    [Fact]
    public async Task Edit_StaleAfterAnotherClerkRenamedIt_ShowsTheConcurrencyMessageAndKeepsTheirChange()
    {
        var rule = await App.CreateRuleAsync(PageTesting.Unique("并发"), RotaPattern.Rotation, [await App.LeaderIdAsync("张建国"), await App.LeaderIdAsync("赵文军")]);
        using var first = await App.LoginAsync("clerk");
        using var second = await App.LoginAsync("admin");
        var stale = await first.GetPageAsync($"/Rotas/Rule?id={rule}");
        var theirs = PageTesting.Unique("他人改名");
        using (var saved = await second.OpenAndSubmitAsync($"/Rotas/Rule?id={rule}", new Dictionary<string, string> { ["Input.Name"] = theirs }))
            await saved.AssertRedirectToAsync("/Rotas");

        using var response = await first.SubmitAsync(stale, new Dictionary<string, string> { ["Input.Name"] = PageTesting.Unique("我的改名") });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("在您编辑期间，其他人修改了这条记录。您的修改没有保存；请刷新页面查看最新内容。", page.Summary());
        Assert.Equal(theirs, await App.WithDbAsync(db => db.DutyRules.Where(r => r.Id == rule).Select(r => r.Name).SingleAsync()));
    }

    [Fact]
    public async Task Edit_StaleAfterAnotherClerkChangedOnlyTheLeaders_IsRefusedToo()
    {
        // The second clerk only ticks one more leader: the rule's own columns do not change, but the
        // first clerk's form still shows the old list and must not silently overwrite it.
        var zhang = await App.LeaderIdAsync("张建国");
        var zhao = await App.LeaderIdAsync("赵文军");
        var huang = await App.LeaderIdAsync("黄海涛");
        var rule = await App.CreateRuleAsync(PageTesting.Unique("并发成员"), RotaPattern.Rotation, [zhang, zhao]);
        using var first = await App.LoginAsync("clerk");
        using var second = await App.LoginAsync("admin");
        var stale = await first.GetPageAsync($"/Rotas/Rule?id={rule}");
        var theirs = await second.GetPageAsync($"/Rotas/Rule?id={rule}");
        using (var saved = await second.SubmitAsync(theirs, new Dictionary<string, string> { [$"Input.Members[{theirs.MemberIndex(huang)}].Selected"] = "true" }))
            await saved.AssertRedirectToAsync("/Rotas");

        using var response = await first.SubmitAsync(stale, new Dictionary<string, string> { ["Input.Name"] = PageTesting.Unique("我的改名") });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("在您编辑期间，其他人修改了这条记录。您的修改没有保存；请刷新页面查看最新内容。", page.Summary());
        var members = await App.WithDbAsync(db => db.DutyRules.Where(r => r.Id == rule).SelectMany(r => r.Members.Select(m => m.LeaderId)).ToListAsync());
        Assert.Contains(huang, members);
    }

    [Fact]
    public async Task UnknownRule_Answers404()
    {
        using var clerk = await App.LoginAsync("clerk");

        using var response = await clerk.GetAsync("/Rotas/Rule?id=999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TownshipClerk_CannotOpenOrSaveTheCitysRule_ButCanOpenTheirOwn()
    {
        using var clerk = await App.TownshipClerkAsync();
        var city = await App.CityRuleIdAsync();

        using (var get = await clerk.GetAsync($"/Rotas/Rule?id={city}"))
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using (var post = await clerk.PostFormAsync("/Rotas/Rule", new Dictionary<string, string> { ["Input.Name"] = "篡改" }, $"/Rotas/Rule?id={city}"))
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(RotaTesting.CityRule, await App.WithDbAsync(db => db.DutyRules.Where(r => r.Id == city).Select(r => r.Name).SingleAsync()));

        var own = await clerk.GetPageAsync($"/Rotas/Rule?id={await App.TownshipRuleIdAsync("qingshan")}");
        Assert.Equal("青山镇领导接访", own.ValueOf("Input.Name"));
        Assert.Equal(5, own.QuerySelectorAll("main table tbody tr").Length); // only the township's leaders
    }

    [Fact]
    public async Task Supervisor_CannotOpenTheRuleForm()
    {
        using var supervisor = await App.LoginAsync("supervisor");

        using var response = await supervisor.GetAsync("/Rotas/Rule");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
