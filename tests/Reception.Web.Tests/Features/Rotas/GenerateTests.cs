using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Organisation;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Tests.Features.Rotas;

/// <summary>
/// Generate (/Rotas/Generate): the preview with its warnings (GET), saving it as the draft (POST),
/// and regenerating without losing hand edits. The clock stands at 2026-09-15, so 2026-10 is next month.
/// </summary>
public sealed class GenerateTests(RotaDemoApp demo) : IClassFixture<RotaDemoApp>
{
    private ReceptionFactory App => demo.App;

    private static readonly string[] NationalDay = ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"];

    /// <summary>The 18 working days of October 2026 (the make-up Saturday 10-10 included).</summary>
    private static readonly string[] OctoberWorkingDays =
    [
        "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12", "2026-10-13", "2026-10-14", "2026-10-15", "2026-10-16",
        "2026-10-19", "2026-10-20", "2026-10-21", "2026-10-22", "2026-10-23", "2026-10-26", "2026-10-27", "2026-10-28",
        "2026-10-29", "2026-10-30",
    ];

    /// <summary>A rotation of three city leaders who have no leave or visits in September and October.</summary>
    private async Task<int> NewRuleAsync(string prefix) =>
        await App.CreateRuleAsync(PageTesting.Unique(prefix), RotaPattern.Rotation,
            [await App.LeaderIdAsync("张建国"), await App.LeaderIdAsync("吴建平"), await App.LeaderIdAsync("王志强")]);

    [Fact]
    public async Task Get_NextMonth_NoDutyOverNationalDay_DutyOnTheMakeUpSaturday_NoWarnings_NothingSaved()
    {
        var rule = await NewRuleAsync("国庆预览");
        using var clerk = await App.LoginAsync("clerk");

        var page = await clerk.GetPageAsync(RotaTesting.GenerateUrl(rule, "2026-10"));

        Assert.StartsWith("预览：", page.QuerySelector("main h1")!.TextContent.Trim());
        Assert.EndsWith("· 2026-10", page.QuerySelector("main h1")!.TextContent.Trim());
        foreach (var day in NationalDay)
        {
            Assert.Null(page.DutyOn(day));
            Assert.Equal("holiday", page.Day(day).ClassName);
        }
        Assert.Equal("makeup", page.Day("2026-10-10").ClassName);
        Assert.Contains("国庆节 · 调休上班", page.Day("2026-10-10").TextContent);
        Assert.All(OctoberWorkingDays, d => Assert.NotNull(page.DutyOn(d)));
        Assert.Equal(OctoberWorkingDays.Length, page.QuerySelectorAll("table.duty-grid .slot").Length);
        Assert.Null(page.DutyOn("2026-10-11")); // an ordinary Sunday
        // 18 duties among 3 leaders: 6 each, in rotation order from the start.
        Assert.Equal(["张建国", "吴建平", "王志强", "张建国"], OctoberWorkingDays.Take(4).Select(d => page.DutyOn(d)));
        Assert.Equal("没有提示：每个工作日都有人值班，值班次数均衡。", page.QuerySelector("#warnings")!.TextContent.Trim());
        Assert.Equal(["6", "6", "6"], page.QuerySelectorAll("main table.grid tbody tr").Take(3).Select(r => r.QuerySelectorAll("td")[1].TextContent.Trim()));
        Assert.Equal("保存为草稿", page.QuerySelector("main form button[type=submit]")!.TextContent.Trim());
        Assert.Null(await App.RotaAsync(rule, "2026-10")); // a preview writes nothing
    }

    [Fact]
    public async Task Get_ThisMonth_HasADutyOnTheMakeUpSunday0920_AndNoneOnMidAutumn()
    {
        var rule = await NewRuleAsync("九月预览");
        using var clerk = await App.LoginAsync("clerk");

        var page = await clerk.GetPageAsync(RotaTesting.GenerateUrl(rule, "2026-09"));

        Assert.Equal("makeup", page.Day("2026-09-20").ClassName);
        Assert.NotNull(page.DutyOn("2026-09-20"));
        Assert.Null(page.DutyOn("2026-09-25")); // 中秋节, a Friday off
        Assert.Equal("holiday", page.Day("2026-09-25").ClassName);
        Assert.Null(page.DutyOn("2026-09-19")); // an ordinary Saturday
        Assert.Equal(22, page.QuerySelectorAll("table.duty-grid .slot").Length); // 22 weekdays − 1 holiday + 1 make-up day
    }

    [Fact]
    public async Task Get_WhenNoLeaderIsAvailable_ThePreviewWarnsOfTheGapAndShowsTheOwedDuty()
    {
        var zhou = await App.LeaderIdAsync("周丽萍");
        var xu = await App.LeaderIdAsync("徐志明");
        var rule = await App.CreateRuleAsync(PageTesting.Unique("缺人"), RotaPattern.Rotation, [zhou, xu]);
        await App.AddUnavailabilityAsync(zhou, RotaTesting.Date("2026-10-12"), RotaTesting.Date("2026-10-14"));
        await App.AddUnavailabilityAsync(xu, RotaTesting.Date("2026-10-12"), RotaTesting.Date("2026-10-12"), UnavailabilityReason.Travel);
        using var clerk = await App.LoginAsync("clerk");

        var page = await clerk.GetPageAsync(RotaTesting.GenerateUrl(rule, "2026-10"));

        var warnings = page.Warnings();
        Assert.Contains(("Uncovered", App.Zh(RotaMessages.Uncovered, "2026-10-12", "全天")), warnings);
        Assert.Equal($"共 {warnings.Count} 条提示，请在保存前阅读：", page.QuerySelector("#warnings p")!.TextContent.Trim());
        Assert.Equal("无人值班", page.QuerySelector("#warnings li[data-kind=Uncovered] .badge")!.TextContent.Trim());
        Assert.Null(page.DutyOn("2026-10-12"));
        Assert.Equal("徐志明", page.DutyOn("2026-10-13"));
        // 周丽萍 was skipped while on leave: the owed-duty ledger says so.
        var owed = page.QuerySelectorAll("#owed tbody tr").Single(r => r.TextContent.Contains("周丽萍"));
        Assert.Contains(App.Zh(RotaMessages.SkippedOnLeave, "2026-10-14", "全天"), owed.TextContent);
    }

    [Fact]
    public async Task Get_AMonthIn2027_WarnsThatTheHolidayArrangementIsUnknown()
    {
        var rule = await App.CityRuleIdAsync();
        using var clerk = await App.LoginAsync("clerk");

        var page = await clerk.GetPageAsync(RotaTesting.GenerateUrl(rule, "2027-01"));

        var warning = Assert.Single(page.Warnings(), w => w.Kind == "UnknownHolidayYear");
        Assert.Equal(App.Zh(RotaMessages.UnknownHolidayYear, 2027), warning.Text);
        Assert.Contains("2027", warning.Text);
        Assert.Equal("节假日未载入", page.QuerySelector("#warnings li[data-kind=UnknownHolidayYear] .badge")!.TextContent.Trim());
        Assert.Null(page.DutyOn("2027-01-01")); // 元旦, a Friday: a statutory day off before the notice too (provisional)
        Assert.NotNull(page.DutyOn("2027-01-04")); // the Monday after: assumed a working day until the notice says otherwise

        var month = await clerk.GetPageAsync(RotaTesting.MonthUrl(rule, "2027-01"));
        Assert.Equal("尚未载入 2027 年的法定节假日安排；法定节假日暂按放假计算，调休安排尚不确定。", month.QuerySelector("main .status-warning")!.TextContent.Trim());
    }

    [Fact]
    public async Task Post_SavesTheGenerationAsTheDraft()
    {
        var rule = await NewRuleAsync("保存草稿");
        using var clerk = await App.LoginAsync("clerk");
        var preview = await clerk.GetPageAsync(RotaTesting.GenerateUrl(rule, "2026-10"));
        var expected = OctoberWorkingDays.ToDictionary(d => d, d => preview.DutyOn(d));

        using var response = await clerk.SubmitAsync(preview);

        await response.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        var month = await clerk.GetPageAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        Assert.Equal("已保存为草稿。请核对，如需调整可单独修改某天，然后发布。", month.StatusMessage());
        Assert.Contains("草稿", month.QuerySelector("main p.muted strong")!.TextContent);
        Assert.Equal(expected, OctoberWorkingDays.ToDictionary(d => d, d => month.DutyOn(d)));
        Assert.Equal("发布", month.QuerySelector("main form[action*='handler=Publish'] button")!.TextContent.Trim());
        var rota = await App.RotaAsync(rule, "2026-10");
        Assert.NotNull(rota);
        Assert.Equal((RotaStatus.Draft, 0, false), (rota.Status, rota.PublishedNumber, rota.HasUnpublishedChanges));
        var rows = await App.WithDbAsync(db => db.DutyAssignments.AsNoTracking().Where(a => a.RotaMonthId == rota.Id).ToListAsync());
        Assert.Equal(OctoberWorkingDays.Length, rows.Count);
        Assert.All(rows, a => Assert.Equal(DutySource.Generated, a.Source));
        Assert.Equal(0, await App.WithDbAsync(db => db.RotaVersions.CountAsync(v => v.RotaMonthId == rota.Id)));
    }

    [Fact]
    public async Task Regenerate_KeepsTheHandEditedSlot()
    {
        var rule = await NewRuleAsync("重新生成");
        using var clerk = await App.LoginAsync("clerk");
        using (var saved = await clerk.SubmitAsync(await clerk.GetPageAsync(RotaTesting.GenerateUrl(rule, "2026-10"))))
            await saved.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        var before = (await App.AssignmentAsync(rule, RotaTesting.Date("2026-10-12")))!;
        var other = await App.LeaderIdAsync(await App.LeaderNameAsync(before.LeaderId) == "张建国" ? "吴建平" : "张建国");
        using (var edited = await clerk.OpenAndSubmitAsync(RotaTesting.SlotUrl(rule, "2026-10", "2026-10-12"),
                   new Dictionary<string, string> { ["LeaderId"] = other.ToString() }))
            await edited.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2026-10"));

        var preview = await clerk.GetPageAsync(RotaTesting.GenerateUrl(rule, "2026-10"));
        var otherName = await App.LeaderNameAsync(other);
        Assert.Equal(otherName, preview.DutyOn("2026-10-12"));
        Assert.Contains("kept", preview.Day("2026-10-12").QuerySelector(".slot")!.ClassList);
        using var response = await clerk.SubmitAsync(preview);

        await response.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        var after = (await App.AssignmentAsync(rule, RotaTesting.Date("2026-10-12")))!;
        Assert.Equal((before.Id, other, DutySource.Manual, false), (after.Id, after.LeaderId, after.Source, after.IsCancelled));
        var month = await clerk.GetPageAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        Assert.Equal(otherName, month.DutyOn("2026-10-12"));
        Assert.Equal(OctoberWorkingDays.Length, await App.WithDbAsync(db => db.DutyAssignments.CountAsync(a => a.RotaMonthId == after.RotaMonthId && !a.IsCancelled)));
    }

    [Fact]
    public async Task Regenerate_APublishedMonth_KeepsThePublishedDutiesAndSavesIntoTheWorkingCopy()
    {
        var rule = await App.TownshipRuleIdAsync("dongcheng");
        var rota = (await App.RotaAsync(rule, "2026-10"))!;
        var published = await App.WithDbAsync(db => db.DutyAssignments.AsNoTracking().Where(a => a.RotaMonthId == rota.Id)
            .OrderBy(a => a.Date).Select(a => new { a.Id, a.Date, a.LeaderId }).ToListAsync());
        using var clerk = await App.LoginAsync("clerk");
        var preview = await clerk.GetPageAsync(RotaTesting.GenerateUrl(rule, "2026-10"));
        Assert.Equal("保存到工作稿", preview.QuerySelector("main form button[type=submit]")!.TextContent.Trim());
        Assert.All(preview.QuerySelectorAll("table.duty-grid .slot"), s => Assert.Contains("kept", s.ClassList));

        using var response = await clerk.SubmitAsync(preview);

        await response.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        var month = await clerk.GetPageAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        Assert.Equal("已保存。新的值班安排在工作稿中，发布后才会公开。", month.StatusMessage());
        var after = await App.WithDbAsync(db => db.DutyAssignments.AsNoTracking().Where(a => a.RotaMonthId == rota.Id)
            .OrderBy(a => a.Date).Select(a => new { a.Id, a.Date, a.LeaderId }).ToListAsync());
        Assert.Equal(published, after);
        Assert.Equal(1, (await App.RotaAsync(rule, "2026-10"))!.PublishedNumber);
    }

    [Fact]
    public async Task RuleWithoutEligibleLeaders_ShowsWhyAndCannotBeSaved()
    {
        var rule = await App.CreateRuleAsync(PageTesting.Unique("空规则"), RotaPattern.Rotation, []);
        using var clerk = await App.LoginAsync("clerk");

        var page = await clerk.GetPageAsync(RotaTesting.GenerateUrl(rule, "2026-10"));

        var problems = page.QuerySelector("main .errors-list")!;
        Assert.Contains("该规则还不能使用：", problems.TextContent);
        Assert.Equal(["请至少选择一位参加排班的领导。"], problems.QuerySelectorAll("li").Select(li => li.TextContent.Trim()));
        Assert.Null(page.QuerySelector("main form[method=post]"));

        // Posting anyway (an old tab) saves nothing.
        using var response = await clerk.PostFormAsync(RotaTesting.GenerateUrl(rule, "2026-10"), [], RotaTesting.GenerateUrl(rule, "2026-10"));
        var again = await response.AssertFormReturnedAsync();
        Assert.Contains("请至少选择一位参加排班的领导。", again.QuerySelector("main .errors-list")!.TextContent);
        Assert.Null(await App.RotaAsync(rule, "2026-10"));
    }

    [Fact]
    public async Task RuleWhoseOnlyLeaderWasDeactivated_HasNoEligibleLeader()
    {
        var leader = await App.WithDbAsync(async db =>
        {
            var city = await db.OrgUnits.SingleAsync(o => o.Code == "demo");
            var l = new Leader(PageTesting.Unique("离任"), "副市长", LeadingBody.Government, city.Id, 99, null, null);
            db.Leaders.Add(l);
            await db.SaveChangesAsync();
            return l;
        });
        var rule = await App.CreateRuleAsync(PageTesting.Unique("离任规则"), RotaPattern.Rotation, [leader.Id]);
        await App.WithDbAsync(async db =>
        {
            (await db.Leaders.SingleAsync(l => l.Id == leader.Id)).Deactivate();
            return await db.SaveChangesAsync();
        });
        using var clerk = await App.LoginAsync("clerk");

        var page = await clerk.GetPageAsync(RotaTesting.GenerateUrl(rule, "2026-10"));

        Assert.Contains("请至少选择一位参加排班的领导。", page.QuerySelector("main .errors-list")!.TextContent);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("1999-12")]
    [InlineData("")]
    public async Task BadMonth_Answers404(string month)
    {
        var rule = await App.CityRuleIdAsync();
        using var clerk = await App.LoginAsync("clerk");

        using var response = await clerk.GetAsync(RotaTesting.GenerateUrl(rule, month));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UnknownRule_Answers404()
    {
        using var clerk = await App.LoginAsync("clerk");

        using var response = await clerk.GetAsync(RotaTesting.GenerateUrl(999999, "2026-10"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TownshipClerk_CannotPreviewOrSaveTheCitysRota()
    {
        var rule = await App.CityRuleIdAsync();
        var before = (await App.RotaAsync(rule, "2026-11"));
        using var clerk = await App.TownshipClerkAsync();

        using (var get = await clerk.GetAsync(RotaTesting.GenerateUrl(rule, "2026-11")))
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using (var post = await clerk.PostFormAsync("/Rotas", [], RotaTesting.GenerateUrl(rule, "2026-11")))
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        Assert.Null(before);
        Assert.Null(await App.RotaAsync(rule, "2026-11"));
    }

    [Fact]
    public async Task Supervisor_CannotGenerate()
    {
        using var supervisor = await App.LoginAsync("supervisor");

        using var response = await supervisor.GetAsync(RotaTesting.GenerateUrl(await App.CityRuleIdAsync(), "2026-11"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
