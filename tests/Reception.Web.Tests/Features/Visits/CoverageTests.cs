using System.Net;
using AngleSharp.Dom;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Tests.Features.Visits;

public sealed class CoverageTests(VisitsDemoApp demo) : IClassFixture<VisitsDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Coverage_Quarter_ListsTheTownshipsNoLeaderVisitedAndCountsTheOthers()
    {
        await ArrangeFirstQuarterOf2027Async(App);
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Visits/Coverage?quarter=2027Q1");

        Assert.Equal(["东城街道", "西城街道", "南关街道", "北湖街道", "柳林乡", "石桥镇"], NotVisited(page));
        Assert.Equal([["青山镇 乡镇", "3", "2", "2027-02-10"], ["白河镇 乡镇", "1", "1", "2027-03-31"]], Visited(page));
        Assert.Contains("2027 年第 1 季度", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("/Visits/Coverage?quarter=2026Q4", page.QuerySelector("main a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/Visits/Coverage?quarter=2027Q2", page.QuerySelector("main a[rel=next]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Coverage_QuarterWithoutVisits_ListsEveryTownship()
    {
        using var client = await App.LoginAsync("supervisor");

        var page = await client.GetPageAsync("/Visits/Coverage?quarter=2031Q3");

        Assert.Equal(8, NotVisited(page).Count);
        Assert.Empty(Visited(page));
        Assert.Contains("本季度没有乡镇（街道）有领导下访。", page.MainText());
    }

    [Fact]
    public async Task Coverage_NoQuarter_IsTheCurrentOne()
    {
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Visits/Coverage");

        Assert.Contains("2026 年第 4 季度", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("统计期间：2026-10-01 至 2026-12-31。", page.MainText());
    }

    [Theory]
    [InlineData("2026Q5")]
    [InlineData("2026-10")]
    public async Task Coverage_BadQuarter_NotFound(string quarter)
    {
        using var client = await App.LoginAsync("clerk");

        using var response = await client.GetAsync("/Visits/Coverage?quarter=" + quarter);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>青山镇: two leaders, three visits (two to its villages); 白河镇: one village visit on the quarter's last day;
    /// 柳林乡 only cancelled, 石桥镇 only the next quarter, 东城街道 only the previous one.</summary>
    internal static async Task ArrangeFirstQuarterOf2027Async(ReceptionFactory app)
    {
        var zhang = await app.LeaderIdAsync("张建国");
        var zhao = await app.LeaderIdAsync("赵文军");
        await app.AddVisitAsync(zhang, new DateOnly(2027, 1, 5), "qingshan-01");
        await app.AddVisitAsync(zhang, new DateOnly(2027, 1, 6), "qingshan-04");
        await app.AddVisitAsync(zhao, new DateOnly(2027, 2, 10), "qingshan", VisitStatus.Done);
        await app.AddVisitAsync(zhao, new DateOnly(2027, 3, 31), "baihe-03");
        await app.AddVisitAsync(zhang, new DateOnly(2027, 2, 1), "liulin", VisitStatus.Cancelled);
        await app.AddVisitAsync(zhang, new DateOnly(2027, 4, 1), "shiqiao");
        await app.AddVisitAsync(zhang, new DateOnly(2026, 12, 31), "dongcheng-01");
    }

    internal static List<string> NotVisited(IDocument page) =>
        page.QuerySelectorAll("ul.not-visited li strong").Select(s => s.TextContent).ToList();

    internal static List<List<string>> Visited(IDocument page) =>
        page.QuerySelectorAll("table.visited tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => VisitTesting.Normalize(td.TextContent)).ToList()).ToList();
}
