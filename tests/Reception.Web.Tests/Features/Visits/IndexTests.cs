using System.Net;
using AngleSharp.Dom;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Tests.Features.Visits;

public sealed class IndexTests(VisitsDemoApp demo) : IClassFixture<VisitsDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Index_Month_IsACalendarStartingOnMondayWithEachDaysVisits()
    {
        var zhang = await App.LeaderIdAsync("张建国");
        var zhao = await App.LeaderIdAsync("赵文军");
        var v1 = await App.AddVisitAsync(zhang, new DateOnly(2027, 3, 1), "qingshan-01");
        var v2 = await App.AddVisitAsync(zhao, new DateOnly(2027, 3, 1), "baihe");
        var v3 = await App.AddVisitAsync(zhang, new DateOnly(2027, 3, 31), "dongcheng-02", VisitStatus.Cancelled);
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Visits?month=2027-03");

        // 2027-03-01 is a Monday: the first cell of the first row.
        Assert.Equal(["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
            page.QuerySelectorAll("table.visit-calendar thead th").Select(th => th.TextContent));
        var firstRow = page.QuerySelectorAll("table.visit-calendar tbody tr")[0].QuerySelectorAll("td").ToList();
        Assert.Equal("2027-03-01", firstRow[0].GetAttribute("data-date"));
        Assert.Equal(["张建国 → 青山村", "赵文军 → 白河镇"], Cell(page, "2027-03-01"));
        Assert.Equal($"/Visits/Details/{v1}", page.QuerySelector("td[data-date='2027-03-01'] a")!.GetAttribute("href"));
        Assert.Equal(["张建国 → 建设社区"], Cell(page, "2027-03-31"));
        Assert.Equal(31, page.QuerySelectorAll("table.visit-calendar td[data-date]").Length);

        var list = ListRows(page);
        Assert.Equal(3, list.Count);
        Assert.Equal(["2027-03-01 星期一", "张建国 市委书记", "青山镇 · 青山村", "化解征地补偿信访问题", "已计划", "下访"], list[0]);
        Assert.Equal("白河镇", list[1][2]);
        Assert.Equal("已取消", list[2][4]);
        Assert.NotNull(page.QuerySelector($"table.visit-list a[href='/Visits/Details/{v2}']"));
        Assert.NotNull(page.QuerySelector($"table.visit-list a[href='/Visits/Details/{v3}']"));
    }

    [Fact]
    public async Task Index_MonthStartingOnSunday_LeavesSixEmptyCellsFirst()
    {
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Visits?month=2026-11"); // 2026-11-01 is a Sunday

        var firstRow = page.QuerySelectorAll("table.visit-calendar tbody tr")[0].QuerySelectorAll("td").ToList();
        Assert.All(firstRow.Take(6), td => Assert.Null(td.GetAttribute("data-date")));
        Assert.Equal("2026-11-01", firstRow[6].GetAttribute("data-date"));
    }

    [Fact]
    public async Task Index_NoMonth_ShowsTheCurrentMonthWithNavigation()
    {
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Visits");

        Assert.Equal("下访 2026-11", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("/Visits?month=2026-10", page.QuerySelector("main a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/Visits?month=2026-12", page.QuerySelector("main a[rel=next]")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("main a[href='/Visits/Create']"));
        Assert.NotNull(page.QuerySelector("main a[href='/Visits/Compliance?month=2026-11']"));
    }

    [Fact]
    public async Task Index_LeaderFilter_ShowsOnlyThatLeader()
    {
        var zhang = await App.LeaderIdAsync("张建国");
        var huang = await App.LeaderIdAsync("黄海涛");
        await App.AddVisitAsync(zhang, new DateOnly(2027, 4, 6));
        await App.AddVisitAsync(huang, new DateOnly(2027, 4, 7));
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync($"/Visits?month=2027-04&leader={huang}");

        Assert.Equal(["黄海涛 市人大常委会主任"], ListRows(page).Select(r => r[1]));
        Assert.Equal(huang.ToString(), page.ValueOf("leader"));
    }

    [Fact]
    public async Task Index_Leader_SeesOnlyTheirOwnVisitsAndNoReports()
    {
        await App.AddVisitAsync(await App.LeaderIdAsync("周丽萍"), new DateOnly(2027, 5, 10));
        await App.AddVisitAsync(await App.LeaderIdAsync("徐志明"), new DateOnly(2027, 5, 11));
        using var client = await App.LoginAsync("leader10");

        var page = await client.GetPageAsync("/Visits?month=2027-05");

        Assert.Equal(["周丽萍 市人大常委会副主任"], ListRows(page).Select(r => r[1]));
        Assert.Null(page.QuerySelector("select[name=leader]"));
        Assert.Null(page.QuerySelector("main a[href^='/Visits/Compliance']"));
        Assert.NotNull(page.QuerySelector("main a[href='/Visits/Create']"));
    }

    [Fact]
    public async Task Index_Supervisor_SeesEveryoneButCannotPlan()
    {
        await App.AddVisitAsync(await App.LeaderIdAsync("孙秀英"), new DateOnly(2027, 6, 10));
        using var client = await App.LoginAsync("supervisor");

        var page = await client.GetPageAsync("/Visits?month=2027-06");

        Assert.Single(ListRows(page));
        Assert.Null(page.QuerySelector("main a[href^='/Visits/Create']"));
        Assert.NotNull(page.QuerySelector("main a[href^='/Visits/Coverage']"));
    }

    [Fact]
    public async Task Index_EmptyMonth_SaysSo()
    {
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Visits?month=2031-02");

        Assert.Contains("本月没有下访。", page.MainText());
        Assert.Equal(28, page.QuerySelectorAll("table.visit-calendar td[data-date]").Length);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("abc")]
    [InlineData("1999-12")]
    public async Task Index_BadMonth_NotFound(string month)
    {
        using var client = await App.LoginAsync("clerk");

        using var response = await client.GetAsync("/Visits?month=" + month);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static List<string> Cell(IDocument page, string date) =>
        page.QuerySelectorAll($"td[data-date='{date}'] a").Select(a => VisitTesting.Normalize(a.TextContent)).ToList();

    internal static List<List<string>> ListRows(IDocument page) =>
        page.QuerySelectorAll("table.visit-list tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => VisitTesting.Normalize(td.TextContent)).ToList())
            .ToList();
}
