using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Tests.Features.Visits;

public sealed class CreateTests(VisitsDemoApp demo) : IClassFixture<VisitsDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Create_ValidPlan_SavesRedirectsToTheMonthAndSaysSo()
    {
        using var client = await App.LoginAsync("clerk");
        var leader = await App.AddLeaderAsync("下访");
        var village = await App.OrgIdAsync("baihe-02");

        using var response = await client.OpenAndSubmitAsync("/Visits/Create", Valid(leader, village, "2026-12-07"));

        await response.AssertRedirectToAsync("/Visits?month=2026-12");
        var visit = await App.WithDbAsync(db => db.Visits.AsNoTracking().SingleAsync(v => v.LeaderId == leader));
        Assert.Equal(new DateOnly(2026, 12, 7), visit.Date);
        Assert.Equal(village, visit.DestinationId);
        Assert.Equal("化解河口村土地纠纷，带案 2 件", visit.Purpose);
        Assert.Equal("信访局、自然资源局", visit.AccompanyingUnits);
        Assert.Equal(VisitStatus.Planned, visit.Status);
        Assert.Null(visit.Outcome);
        var month = await client.GetPageAsync("/Visits?month=2026-12");
        Assert.Equal("已安排 2026-12-07 的下访。", month.StatusMessage());
    }

    [Fact]
    public async Task Create_Get_PrefillsLeaderAndDateFromTheAddress()
    {
        using var client = await App.LoginAsync("clerk");
        var leader = await App.LeaderIdAsync("黄海涛");

        var page = await client.GetPageAsync($"/Visits/Create?leader={leader}&date=2026-12-09");

        Assert.Equal(leader.ToString(), page.ValueOf("Input.LeaderId"));
        Assert.Equal("2026-12-09", page.ValueOf("Input.Date"));
        var destinations = page.QuerySelectorAll("select[name='Input.DestinationId'] option").Select(o => o.TextContent).ToList();
        Assert.Contains("青山镇（qingshan）", destinations);
        Assert.Contains("\u3000青山村（qingshan-01）", destinations);
        Assert.DoesNotContain(destinations, d => d.Contains("演示市", StringComparison.Ordinal) || d.Contains("人力资源", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Input.Purpose", "", "请填写下访事由。")]
    [InlineData("Input.Purpose", "   ", "请填写下访事由。")]
    [InlineData("Input.AccompanyingUnits", "LONG300", "陪同单位最多 300 个字。")]
    [InlineData("Input.Purpose", "LONG500", "下访事由最多 500 个字。")]
    [InlineData("Input.Date", "", "请填写下访日期。")]
    [InlineData("Input.Date", "2101-01-03", "请填写 2000-01-01 至 2100-12-31 之间的日期。")]
    [InlineData("Input.Date", "明天", "“明天”不是有效的下访日期。")]
    [InlineData("Input.LeaderId", "", "请选择领导。")]
    [InlineData("Input.LeaderId", "987654", "请从列表中选择领导。")]
    [InlineData("Input.DestinationId", "", "请选择下访地点。")]
    [InlineData("Input.DestinationId", "CITY", "请从列表中选择乡镇（街道）或村（社区）。")]
    [InlineData("Input.DestinationId", "DEPARTMENT", "请从列表中选择乡镇（街道）或村（社区）。")]
    [InlineData("Input.DestinationId", "987654", "请从列表中选择乡镇（街道）或村（社区）。")]
    public async Task Create_BadField_ShowsTheChineseMessageNextToItAndSavesNothing(string field, string value, string message)
    {
        using var client = await App.LoginAsync("clerk");
        var before = await App.VisitCountAsync();
        var values = Valid(await App.AddLeaderAsync("坏"), await App.OrgIdAsync("qingshan"), "2026-12-08");
        values[field] = value switch
        {
            "LONG300" => new string('单', 301),
            "LONG500" => new string('事', 501),
            "CITY" => (await App.OrgIdAsync("demo")).ToString(),
            "DEPARTMENT" => (await App.OrgIdAsync("rsj")).ToString(),
            _ => value,
        };

        using var response = await client.OpenAndSubmitAsync("/Visits/Create", values);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(message, page.ErrorFor(field));
        Assert.Equal([field], page.FieldErrors().Keys);
        Assert.Equal(before, await App.VisitCountAsync());
    }

    [Fact]
    public async Task Create_LeaderOnDutyThatDay_IsFlaggedAndSavedOnlyAfterConfirming()
    {
        using var client = await App.LoginAsync("clerk");
        var leader = await App.AddLeaderAsync("值班冲突");
        var (_, venue, rule) = await App.AddDutyAsync(leader, new DateOnly(2026, 12, 14));
        var values = Valid(leader, await App.OrgIdAsync("liulin"), "2026-12-14");

        using var first = await client.OpenAndSubmitAsync("/Visits/Create", values);

        var page = await first.AssertFormReturnedAsync();
        Assert.Equal([$"在{venue}坐班接访（{rule} · 上午）。"], page.Conflicts());
        Assert.Contains("该领导当天另有安排：", page.MainText());
        Assert.Empty(page.FieldErrors());
        Assert.Equal("化解河口村土地纠纷，带案 2 件", page.ValueOf("Input.Purpose")); // kept
        Assert.False(await AnyVisitAsync(leader));

        var box = page.QuerySelector("input[type=checkbox][name='Input.ConfirmedConflicts']")!;
        Assert.Contains("仍然保存", box.ParentElement!.TextContent);
        using var confirmed = await client.SubmitAsync(page, new Dictionary<string, string> { ["Input.ConfirmedConflicts"] = box.GetAttribute("value")! });

        await confirmed.AssertRedirectToAsync("/Visits?month=2026-12");
        Assert.True(await AnyVisitAsync(leader));
        var month = await client.GetPageAsync("/Visits?month=2026-12");
        Assert.Equal("已安排 2026-12-14 的下访；请注意该领导当天另有安排。", month.StatusMessage());
        Assert.Equal("warning", month.QuerySelector("main .status")!.ClassList.Single(c => c.StartsWith("status-", StringComparison.Ordinal))[7..]);
    }

    [Fact]
    public async Task Create_LeaderUnavailableAndAlreadyVisitingThatDay_BothAreFlagged()
    {
        using var client = await App.LoginAsync("clerk");
        var leader = await App.AddLeaderAsync("多冲突");
        await App.AddUnavailabilityAsync(leader, new DateOnly(2026, 12, 15), new DateOnly(2026, 12, 17), UnavailabilityReason.Travel, "赴省里开会");
        await App.AddVisitAsync(leader, new DateOnly(2026, 12, 16), "shiqiao-02");

        using var response = await client.OpenAndSubmitAsync("/Visits/Create", Valid(leader, await App.OrgIdAsync("liulin"), "2026-12-16"));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(["出差（2026-12-15 至 2026-12-17）。 赴省里开会", "另有一次下访：李家村。"], page.Conflicts());
        Assert.NotNull(page.QuerySelector("main .conflicts a[href^='/Visits/Details/']"));
    }

    [Fact]
    public async Task Create_CancelledDutyOrVisitAndOtherLeadersDuty_AreNoConflict()
    {
        using var client = await App.LoginAsync("clerk");
        var leader = await App.AddLeaderAsync("无冲突");
        var other = await App.AddLeaderAsync("别人");
        var day = new DateOnly(2026, 12, 18);
        await App.AddDutyAsync(leader, day, cancelled: true);
        await App.AddVisitAsync(leader, day, status: VisitStatus.Cancelled);
        await App.AddDutyAsync(other, day);
        await App.AddUnavailabilityAsync(leader, day.AddDays(1), day.AddDays(3));

        using var response = await client.OpenAndSubmitAsync("/Visits/Create", Valid(leader, await App.OrgIdAsync("liulin"), Date(day)));

        await response.AssertRedirectToAsync("/Visits?month=2026-12");
    }

    [Fact]
    public async Task Create_ConfirmedConflictsThenDateChangedToAnotherConflict_AsksAgain()
    {
        using var client = await App.LoginAsync("clerk");
        var leader = await App.AddLeaderAsync("改日期");
        await App.AddDutyAsync(leader, new DateOnly(2026, 12, 21));
        var (_, venue2, _) = await App.AddDutyAsync(leader, new DateOnly(2026, 12, 22));
        using var first = await client.OpenAndSubmitAsync("/Visits/Create", Valid(leader, await App.OrgIdAsync("liulin"), "2026-12-21"));
        var page = await first.AssertFormReturnedAsync();
        var seen = page.QuerySelector("input[name='Input.ConfirmedConflicts']")!.GetAttribute("value")!;

        using var second = await client.SubmitAsync(page, new Dictionary<string, string> { ["Input.ConfirmedConflicts"] = seen, ["Input.Date"] = "2026-12-22" });

        var again = await second.AssertFormReturnedAsync();
        Assert.Single(again.Conflicts(), c => c.Contains(venue2, StringComparison.Ordinal));
        Assert.False(await AnyVisitAsync(leader));
    }

    [Fact]
    public async Task Create_Leader_PlansTheirOwnVisitWithoutChoosingALeader()
    {
        using var client = await App.LoginAsync("leader03");
        var own = await App.LeaderIdAsync("黄海涛");
        var page = await client.GetPageAsync("/Visits/Create");
        Assert.Null(page.QuerySelector("select[name='Input.LeaderId']"));
        Assert.Contains("领导：黄海涛", page.MainText());

        using var response = await client.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.Date"] = "2027-06-23",
            ["Input.DestinationId"] = (await App.OrgIdAsync("beihu-03")).ToString(),
            ["Input.Purpose"] = "走访望湖社区",
        });

        await response.AssertRedirectToAsync("/Visits?month=2027-06");
        Assert.True(await App.WithDbAsync(db => db.Visits.AnyAsync(v => v.LeaderId == own && v.Date == new DateOnly(2027, 6, 23))));
    }

    [Fact]
    public async Task Create_LeaderPostsAnotherLeadersId_NotFoundAndNothingSaved()
    {
        using var client = await App.LoginAsync("leader03");
        var other = await App.LeaderIdAsync("张建国");
        var before = await App.VisitCountAsync();
        var page = await client.GetPageAsync("/Visits/Create");

        using var response = await client.SubmitAsync(page, Valid(other, await App.OrgIdAsync("qingshan"), "2026-12-24"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await App.VisitCountAsync());
    }

    private Task<bool> AnyVisitAsync(int leaderId) => App.WithDbAsync(db => db.Visits.AnyAsync(v => v.LeaderId == leaderId && v.Status != VisitStatus.Cancelled));

    private static string Date(DateOnly d) => VisitTesting.Date(d);

    internal static Dictionary<string, string> Valid(int leaderId, int destinationId, string date) => new()
    {
        ["Input.LeaderId"] = leaderId.ToString(),
        ["Input.Date"] = date,
        ["Input.DestinationId"] = destinationId.ToString(),
        ["Input.Purpose"] = "化解河口村土地纠纷，带案 2 件",
        ["Input.AccompanyingUnits"] = "信访局、自然资源局",
    };
}
