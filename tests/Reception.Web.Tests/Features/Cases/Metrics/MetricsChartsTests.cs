using Microsoft.EntityFrameworkCore;
using Reception.Core.Cases;
using System.Globalization;
using Reception.Web.Infrastructure;
using Reception.Web.Tests.UI.Charts;

namespace Reception.Web.Tests.Features.Cases.Metrics;

/// <summary>
/// The metrics page's charts (issue 19 item 1) against the hand-computed dataset of <see cref="MetricsTests"/>: the
/// monthly series are the page's figures per month of receipt (they add up to the period's figures), the colour mix
/// follows the colour changes of the case history at the month ends in China time, and scope is respected.
/// </summary>
public sealed class MetricsChartsTests
{
    private static decimal?[] Months(params (int Month, decimal? Value)[] values)
    {
        var months = new decimal?[12];
        foreach (var (m, v) in values) months[m - 1] = v;
        return months;
    }

    private static decimal?[] Counts(params (int Month, decimal Value)[] values) =>
        [.. Months([.. values.Select(v => (v.Month, (decimal?)v.Value))]).Select(v => v ?? 0)];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task MonthlySeries_AreThePeriodsFiguresPerMonthOfReceipt(DatabaseProvider provider)
    {
        await using var w = new ListWorld(provider);
        await w.InitializeAsync();
        await MetricsTests.SeedAsync(w);
        using var client = await w.App.LoginAsync("cs-clerk");

        var page = await client.GetPageAsync("/Metrics?year=2026");

        var trend = ChartJson.Read(page, "chart-trend");
        Assert.Equal("Line", trend.Kind);
        Assert.Equal(12, trend.Categories.Count);
        Assert.Equal("2026年03月", trend.Categories[2]);
        Assert.Equal(Counts((3, 1), (4, 1), (5, 1), (7, 1), (11, 1)), trend[0]); // registered: A B C D E
        Assert.Equal(Counts((3, 1), (5, 1)), trend[1]);                          // resolved (owned): A C
        Assert.Equal(Counts((7, 1)), trend[2]);                                  // open overdue: D
        Assert.Equal(["blue", "green", "red"], trend.Colours);
        // The months add up to the period's figures in the table above.
        Assert.Contains(trend[0].Sum()!.Value.ToString(CultureInfo.InvariantCulture), page.QuerySelector("[data-figure=total]")!.TextContent, StringComparison.Ordinal);

        var rates = ChartJson.Read(page, "chart-rates");
        Assert.Equal("%", rates.Root.GetProperty("unit").GetString());
        Assert.Equal(Months((3, 100m), (4, 0m), (5, 100m), (7, 0m)), rates[0]); // resolution: E has no owner, so — in November
        Assert.Equal(Months((3, 100m), (4, 0m), (7, 0m)), rates[1]);            // on time: A; B late; D overdue; C not closed
        Assert.Equal(Months((3, 100m), (4, 0m), (5, 100m)), rates[2]);          // satisfaction: A, B, C evaluated
        // The chart's own data table writes the same figures (a rate with nothing to divide is —).
        var march = page.QuerySelectorAll("#chart-rates table.chart-data tbody tr")[2];
        Assert.Equal(["100.0%", "100.0%", "100.0%"], march.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Equal("—", page.QuerySelectorAll("#chart-rates table.chart-data tbody tr")[10].QuerySelectorAll("td")[0].TextContent.Trim());

        var declines = ChartJson.Read(page, "chart-declines");
        Assert.Equal([2m, 1m, 0m], declines[0]); // 2025: repeats, 越级, collective
        Assert.Equal([1m, 1m, 1m], declines[1]); // 2026
        Assert.Equal("table-declines", declines.Root.GetProperty("tableRef").GetString());
        Assert.NotNull(page.QuerySelector("#chart-declines a[href='#table-declines']"));
        Assert.NotNull(page.QuerySelector("table#table-declines"));

        var categories = ChartJson.Read(page, "chart-category");
        Assert.Equal("HorizontalBar", categories.Kind);
        Assert.Equal([2m, 2m, 1m], categories[0]);
        Assert.Equal(3, ChartJson.Read(page, "chart-township").Categories.Count);
        Assert.Equal(4, ChartJson.Read(page, "chart-channel").Categories.Count);
        Assert.NotNull(page.QuerySelector("table#table-category"));
    }

    [Fact]
    public async Task Leader_SeesTheirOwnCasesInTheCharts()
    {
        await using var w = new ListWorld();
        await w.InitializeAsync();
        await MetricsTests.SeedAsync(w);
        using var leader = await w.App.LoginAsync("cs-leader");

        var page = await leader.GetPageAsync("/Metrics?year=2026");

        var trend = ChartJson.Read(page, "chart-trend");
        Assert.Equal(Counts((3, 1), (4, 1), (7, 1)), trend[0]); // A B D are theirs; C is the other leader's, E has none
        Assert.Equal(Counts((3, 1)), trend[1]);
    }

    /// <summary>
    /// Colour changes written into the history at known instants (the daily colouring writes the same rows), around
    /// month ends in China time, and one case outside the clerk's township that must not count.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ColourMix_FollowsTheColourChangesOfTheHistory_AtChinaMonthEnds(DatabaseProvider provider)
    {
        await using var w = new ListWorld(provider);
        await w.InitializeAsync();
        // Closed cases have no colour of their own at the end; their history says what they were.
        var p = await w.AddAsync(new ListCase { Received = new(2026, 1, 5), State = CaseState.Closed, OwnerLeaderId = w.LeaderId });
        var q = await w.AddAsync(new ListCase { Received = new(2026, 2, 1), State = CaseState.Closed, OwnerLeaderId = w.LeaderId });
        var early = await w.AddAsync(new ListCase { Received = new(2025, 12, 1), State = CaseState.Closed, OwnerLeaderId = w.LeaderId });
        var outside = await w.AddAsync(new ListCase { Unit = ListWorld.DepartmentCode, Received = new(2026, 3, 1), State = CaseState.Closed, OwnerLeaderId = w.LeaderId });
        // An open case registered today (2026-11-22): the real colouring gives it its colour now.
        var open = await w.AddAsync(new ListCase { Received = ListWorld.Today });
        var openColour = await w.App.WithDbAsync(db => db.Cases.Where(c => c.Id == open).Select(c => c.Colour).SingleAsync());
        Assert.NotNull(openColour);

        static DateTime Utc(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, DateTimeKind.Utc);
        await w.App.WithDbAsync(async db =>
        {
            foreach (var (id, at, before, after) in new (int, DateTime, string?, string?)[]
                     {
                         (early, Utc(2025, 12, 15, 2, 0), null, "Green"),    // before the period: green from January
                         (early, Utc(2026, 2, 10, 2, 0), "Green", null),     // closed in February
                         (p, Utc(2026, 1, 10, 2, 0), null, "Green"),
                         (p, Utc(2026, 3, 31, 17, 0), "Green", "Yellow"),    // 1 April 01:00 in China: still green at the end of March
                         (p, Utc(2026, 4, 20, 0, 0), "Yellow", "Red"),
                         (p, Utc(2026, 6, 30, 15, 59), "Red", null),         // 30 June 23:59 in China: gone by the end of June
                         (q, Utc(2026, 2, 28, 15, 30), null, "Blue"),        // 28 February 23:30 in China
                         (q, Utc(2026, 5, 15, 2, 0), "Blue", "Red"),
                         (q, Utc(2026, 9, 1, 2, 0), "Red", null),
                         (outside, Utc(2026, 3, 1, 2, 0), null, "Red"),       // not in 测试镇: never counted
                     })
            {
                var sql = "INSERT INTO \"CaseEvents\" (\"PetitionCaseId\", \"Kind\", \"UserId\", \"AtUtc\", \"Before\", \"After\") VALUES ({0}, {1}, 'system', {2}, "
                          + Text(before) + ", " + Text(after) + ")";
                await db.Database.ExecuteSqlRawAsync(sql, id, (int)CaseEventKind.ColourChanged, at);
            }

            return 0;
        });
        using var client = await w.App.LoginAsync("cs-clerk");

        var mix = ChartJson.Read(await client.GetPageAsync("/Metrics?year=2026"), "chart-colours");

        Assert.Equal("StackedBar", mix.Kind);
        Assert.Equal(["red", "yellow", "blue", "green"], mix.Colours);
        // Jan … Oct from the history; November and December (not ended yet) as the colours stand now: the open case.
        decimal[] Expected(string colour, params decimal[] janToOct) => [.. janToOct, .. Enumerable.Repeat(openColour.ToString() == colour ? 1m : 0m, 2)];
        Assert.Equal(Expected("Red", 0, 0, 0, 1, 2, 1, 1, 1, 0, 0), mix[0].Select(v => v!.Value));
        Assert.Equal(Expected("Yellow", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), mix[1].Select(v => v!.Value));
        Assert.Equal(Expected("Blue", 0, 1, 1, 1, 0, 0, 0, 0, 0, 0), mix[2].Select(v => v!.Value));
        Assert.Equal(Expected("Green", 2, 1, 1, 0, 0, 0, 0, 0, 0, 0), mix[3].Select(v => v!.Value));
        // Its data table is on the page with the chart.
        Assert.Equal(12, (await client.GetPageAsync("/Metrics?year=2026")).QuerySelectorAll("#chart-colours table.chart-data tbody tr").Length);
    }

    private static string Text(string? colour) => colour is null ? "NULL" : $"'{colour}'";
}
