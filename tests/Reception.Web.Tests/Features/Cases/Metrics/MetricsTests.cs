using System.Globalization;
using System.Text;
using Reception.Core.Cases;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Features.Cases.Metrics;

/// <summary>
/// The metrics page against a small dataset computed by hand, on both databases (the "closed on time" grouping turns
/// instants into China days in SQL): 测试镇's clerk sees exactly these cases.
/// </summary>
public sealed class MetricsTests
{
    /// <summary>
    /// 2026 (the period): A closed on time, satisfied, resolved; B closed late, dissatisfied; C evaluated basically satisfied,
    /// resolved, not closed; D in progress and overdue, collective and 越级; E registered, not overdue, a repeat.
    /// 2025 (the previous period): two repeats, one 越级, no collective petition.
    /// </summary>
    internal static async Task SeedAsync(ListWorld w)
    {
        var a = await w.AddAsync(new ListCase
        {
            Received = new(2026, 3, 2),
            State = CaseState.Closed,
            OwnerLeaderId = w.LeaderId,
            RepliedOn = new(2026, 3, 20),
            Evaluation = Evaluation.Satisfied,
            Resolved = true,
            StabilityUnit = "cstown-01",
            Category = "land",
            Channel = Channel.Visit,
        });
        await w.AddAsync(new ListCase
        {
            Received = new(2026, 4, 1),
            State = CaseState.Closed,
            OwnerLeaderId = w.LeaderId,
            RepliedOn = new(2026, 7, 15), // due 2026-06-01
            Evaluation = Evaluation.Dissatisfied,
            Category = "land",
            Channel = Channel.Letter,
        });
        await w.AddAsync(new ListCase
        {
            Received = new(2026, 5, 6),
            State = CaseState.Evaluated,
            OwnerLeaderId = w.OtherLeaderId,
            RepliedOn = new(2026, 5, 20),
            Evaluation = Evaluation.BasicallySatisfied,
            Resolved = true,
            Category = "labour",
            Channel = Channel.Online,
        });
        await w.AddAsync(new ListCase
        {
            Received = new(2026, 7, 1),
            State = CaseState.InProgress,
            OwnerLeaderId = w.LeaderId,
            People = 6,
            SetFlags = CaseFlags.LevelSkipping,
            StabilityUnit = "cstown-02",
            Category = "labour",
            Channel = Channel.Visit,
        });
        await w.AddAsync(new ListCase { Received = new(2026, 11, 10), RepeatOf = a, Category = "environment", Channel = Channel.Phone });
        await w.AddAsync(new ListCase { Received = new(2025, 6, 1), RepeatOf = a, SetFlags = CaseFlags.LevelSkipping });
        await w.AddAsync(new ListCase { Received = new(2025, 8, 1), RepeatOf = a });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Figures_EqualTheHandComputedValues(DatabaseProvider provider)
    {
        await using var w = new ListWorld(provider);
        await w.InitializeAsync();
        await SeedAsync(w);
        using var client = await w.App.LoginAsync("cs-clerk");

        var page = await client.GetPageAsync("/Metrics?year=2026");
        string Rate(string key) => page.QuerySelector($"tr[data-rate={key}] [data-value]")!.TextContent.Trim();
        Dictionary<string, int> Table(string key) => page.QuerySelectorAll($"[data-table={key}] tbody tr")
            .ToDictionary(r => r.GetAttribute("data-key")!, r => int.Parse(r.QuerySelector("[data-count]")!.TextContent));

        Assert.Contains("5", page.QuerySelector("[data-figure=total]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("50.0%", Rate("resolution"));   // owned A B C D; resolved A C
        Assert.Equal("33.3%", Rate("on-time"));      // A on time ÷ (A B closed + D open overdue)
        Assert.Equal("66.7%", Rate("satisfaction")); // A satisfied, C basically ÷ A B C evaluated
        Assert.Equal(new Dictionary<string, int> { ["land"] = 2, ["labour"] = 2, ["environment"] = 1 }, Table("category"));
        Assert.Equal(new Dictionary<string, int> { ["Visit"] = 2, ["Letter"] = 1, ["Online"] = 1, ["Phone"] = 1 }, Table("channel"));
        Assert.Equal(new Dictionary<string, int> { [""] = 3, ["/demo/cstown/cstown-01/"] = 1, ["/demo/cstown/cstown-02/"] = 1 }, Table("township"));
        Assert.Contains("测试一村", page.QuerySelector("[data-table=township] tr[data-key='/demo/cstown/cstown-01/']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("测试镇（本级）", page.QuerySelector("[data-table=township] tr[data-key='']")!.TextContent, StringComparison.Ordinal);

        var months = page.QuerySelectorAll("table.metrics-months tbody tr");
        Assert.Equal(12, months.Length);
        var july = page.QuerySelector("tr[data-month='2026-07']")!;
        Assert.Equal(["1", "0", "1", "1"], july.QuerySelectorAll("[data-count]").Select(c => c.TextContent.Trim()));
        Assert.Equal("1", page.QuerySelector("tr[data-month='2026-11'] [data-count=repeat]")!.TextContent);
        Assert.Equal("0", page.QuerySelector("tr[data-month='2026-02'] [data-count=total]")!.TextContent.Trim());

        string Trend(string key) => page.QuerySelector($"tr[data-trend={key}]")!.GetAttribute("data-direction")!;
        Assert.Equal("Down", Trend("repeat"));         // 1 against 2
        Assert.Equal("Level", Trend("level-skipping")); // 1 against 1
        Assert.Equal("Up", Trend("collective"));        // 1 against 0
        Assert.Equal("2", page.QuerySelector("tr[data-trend=repeat] [data-count=previous]")!.TextContent);
    }

    [Fact]
    public async Task DefinitionsArePrinted_AndEmptyRatesShowADash()
    {
        await using var w = new ListWorld();
        await w.InitializeAsync();
        using var client = await w.App.LoginAsync("cs-clerk");

        var page = await client.GetPageAsync("/Metrics?year=2024");

        var text = page.QuerySelector(".definitions")!.TextContent;
        Assert.Contains("化解率 = 已化解 ÷ 包案数（有包案领导的案件）", text, StringComparison.Ordinal);
        Assert.Contains("按期办结率 = 按期办结 ÷（已办结 + 在办超期）", text, StringComparison.Ordinal);
        Assert.Contains("满意率 =（满意 + 基本满意）÷ 已评价", text, StringComparison.Ordinal);
        Assert.All(page.QuerySelectorAll("table.metrics-figures [data-value]"), v => Assert.Equal("—", v.TextContent.Trim()));
        // 2023 has no case either: nothing to compare with, which is not "level".
        var trends = page.QuerySelectorAll("table.metrics-trends tr[data-trend]");
        Assert.Equal(3, trends.Length);
        Assert.All(trends, t => Assert.Equal("NoData", t.GetAttribute("data-direction")));
        Assert.All(trends, t => Assert.Equal("无可比数据", t.QuerySelector(".badge")!.TextContent.Trim()));
    }

    [Fact]
    public async Task Leader_CountsOwnCasesOnly_AndMonthRangesWork()
    {
        await using var w = new ListWorld();
        await w.InitializeAsync();
        await SeedAsync(w);
        using var leader = await w.App.LoginAsync("cs-leader");
        using var clerk = await w.App.LoginAsync("cs-clerk");

        var own = await leader.GetPageAsync("/Metrics?year=2026");
        var range = await clerk.GetPageAsync("/Metrics?from=2026-03&to=2026-05");
        var bad = await clerk.GetPageAsync("/Metrics?from=2026-05&to=2026-03");

        Assert.Contains("3", own.QuerySelector("[data-figure=total]")!.TextContent, StringComparison.Ordinal); // A B D
        Assert.Equal("33.3%", own.QuerySelector("tr[data-rate=resolution] [data-value]")!.TextContent.Trim()); // A B D owned, A resolved
        Assert.Contains("3", range.QuerySelector("[data-figure=total]")!.TextContent, StringComparison.Ordinal); // A B C
        Assert.Equal(3, range.QuerySelectorAll("table.metrics-months tbody tr").Length);
        Assert.Contains("起始月份不晚于截止月份", bad.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_HoldsTheTables_InChinese_WithABom()
    {
        await using var w = new ListWorld();
        await w.InitializeAsync();
        await SeedAsync(w);
        using var client = await w.App.LoginAsync("cs-clerk");

        using var response = await client.GetAsync("/Metrics?handler=Csv&year=2026");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var lines = Encoding.UTF8.GetString(bytes.AsSpan(3)).Split("\r\n");

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Contains("化解率,50.0%", lines);
        Assert.Contains("按期办结率,33.3%", lines);
        Assert.Contains("满意率,66.7%", lines);
        Assert.Contains("征地拆迁,2", lines);
        Assert.Contains("测试一村,1", lines);
        Assert.Contains(lines, l => l.StartsWith("重复访,1,2,", StringComparison.Ordinal));

        // The charts' series: a row per month of 2026 with the cohort's rates, adding up to the year's figures; the colour mix.
        var total = lines.Single(l => l.StartsWith("登记案件数,", StringComparison.Ordinal)).Split(',')[1];
        var monthly = Array.FindIndex(lines, l => l.StartsWith("受理月份,登记案件数,已化解,", StringComparison.Ordinal));
        Assert.True(monthly > 0);
        var months = lines[(monthly + 1)..(monthly + 13)].Select(l => l.Split(',')).ToList();
        Assert.Equal("2026年01月", months[0][0]);
        Assert.Equal("2026年12月", months[11][0]);
        Assert.Equal(int.Parse(total, CultureInfo.InvariantCulture), months.Sum(m => int.Parse(m[1], CultureInfo.InvariantCulture)));
        Assert.Equal("", lines[monthly + 13]);
        var colours = lines[monthly + 14].Split(',');
        Assert.Equal(["红牌", "黄牌", "蓝牌", "绿牌"], colours[1..]);
        Assert.Equal(12, lines[(monthly + 15)..].TakeWhile(l => l.Length > 0).Count());
    }
}
