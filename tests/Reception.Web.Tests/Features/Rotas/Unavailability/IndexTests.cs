using AngleSharp.Dom;
using Reception.Core.Rotas;
using Reception.Web.Tests.Features.Visits;

namespace Reception.Web.Tests.Features.Rotas.Unavailability;

public sealed class IndexTests(VisitsDemoApp demo) : IClassFixture<VisitsDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Index_MonthFilter_ShowsTheEntriesTouchingThatMonthNewestFirst()
    {
        var a = await App.AddLeaderAsync("甲");
        var b = await App.AddLeaderAsync("乙");
        await App.AddUnavailabilityAsync(a, new DateOnly(2029, 4, 1), new DateOnly(2029, 4, 3));
        await App.AddUnavailabilityAsync(a, new DateOnly(2029, 5, 10), new DateOnly(2029, 5, 12), UnavailabilityReason.Meeting, "人代会");
        await App.AddUnavailabilityAsync(b, new DateOnly(2029, 4, 28), new DateOnly(2029, 5, 2), UnavailabilityReason.Travel);
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Unavailability?month=2029-05");

        var rows = Rows(page);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["2029-05-10", "2029-05-12", "3", "会议", "人代会"], rows[0][1..6]);
        Assert.Equal(["2029-04-28", "2029-05-02", "5", "出差"], rows[1][1..5]);
        Assert.Equal("2029-05", page.ValueOf("month"));
    }

    [Fact]
    public async Task Index_LeaderFilter_ShowsOnlyThatLeader()
    {
        var a = await App.AddLeaderAsync("丙");
        var b = await App.AddLeaderAsync("丁");
        await App.AddUnavailabilityAsync(a, new DateOnly(2029, 6, 1), new DateOnly(2029, 6, 1));
        await App.AddUnavailabilityAsync(b, new DateOnly(2029, 6, 2), new DateOnly(2029, 6, 2));
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync($"/Unavailability?leader={a}&month=2029-06");

        Assert.Equal(["2029-06-01"], Rows(page).Select(r => r[1]));
        Assert.Equal(a.ToString(), page.ValueOf("leader"));
        Assert.NotNull(page.QuerySelector($"main a[href='/Unavailability/Create?leader={a}']"));
    }

    [Fact]
    public async Task Index_Leader_SeesOnlyTheirOwnEntries()
    {
        await App.AddUnavailabilityAsync(await App.LeaderIdAsync("杨国栋"), new DateOnly(2029, 7, 1), new DateOnly(2029, 7, 2));
        await App.AddUnavailabilityAsync(await App.LeaderIdAsync("周丽萍"), new DateOnly(2029, 7, 3), new DateOnly(2029, 7, 4));
        using var client = await App.LoginAsync("leader09");

        var page = await client.GetPageAsync("/Unavailability?month=2029-07");

        var row = Assert.Single(Rows(page));
        Assert.StartsWith("杨国栋", row[0]);
        Assert.Null(page.QuerySelector("select[name=leader]"));
        Assert.NotNull(page.QuerySelector("main table a[href^='/Unavailability/Delete/']"));
    }

    [Fact]
    public async Task Index_Supervisor_ReadsWithoutChanging()
    {
        await App.AddUnavailabilityAsync(await App.AddLeaderAsync("督查"), new DateOnly(2029, 8, 1), new DateOnly(2029, 8, 2));
        using var client = await App.LoginAsync("supervisor");

        var page = await client.GetPageAsync("/Unavailability?month=2029-08");

        Assert.Single(Rows(page));
        Assert.Null(page.QuerySelector("main a[href^='/Unavailability/Create']"));
        Assert.Null(page.QuerySelector("main a[href^='/Unavailability/Delete']"));
    }

    [Fact]
    public async Task Index_BadMonth_SaysSoAndShowsEveryMonth()
    {
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Unavailability?month=2029-13");

        Assert.Contains("“2029-13”不是 yyyy-MM 格式的月份，已显示全部月份。", page.MainText());
    }

    [Fact]
    public async Task Index_EmptyMonth_SaysNothingIsRecorded()
    {
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Unavailability?month=2035-01");

        Assert.Empty(Rows(page));
        Assert.Contains("暂无登记。", page.MainText());
    }

    [Fact]
    public async Task Index_ManyEntries_ArePagedAndThePagerKeepsTheFilter()
    {
        var leader = await App.AddLeaderAsync("分页");
        for (var i = 0; i < 55; i++)
            await App.AddUnavailabilityAsync(leader, new DateOnly(2030, 1, 1).AddDays(2 * i), new DateOnly(2030, 1, 1).AddDays(2 * i));
        using var client = await App.LoginAsync("clerk");

        var first = await client.GetPageAsync($"/Unavailability?leader={leader}");
        var second = await client.GetPageAsync($"/Unavailability?leader={leader}&p=2");

        Assert.Equal(50, Rows(first).Count);
        Assert.Equal("2030-04-19", Rows(first)[0][1]); // newest first
        Assert.Contains("第 1 / 2 页 · 共 55 条", first.QuerySelector("nav.pager")!.TextContent);
        Assert.Equal($"/Unavailability?leader={leader}&p=2", first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal(5, Rows(second).Count);
        Assert.Equal("2030-01-01", Rows(second)[^1][1]);
    }

    /// <summary>Cells: leader (with title), start, end, days, reason, note[, delete].</summary>
    internal static List<List<string>> Rows(IDocument page) =>
        page.QuerySelectorAll("main table.grid tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => VisitTesting.Normalize(td.TextContent)).ToList())
            .ToList();
}
