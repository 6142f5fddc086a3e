using System.Text;
using Reception.Core.Cases;

namespace Reception.Web.Tests.Features.Cases.MyCases;

/// <summary>A leader's "my cases": only owned or received cases, in sections, with the leader's figures; and the CSV.</summary>
public sealed class MyCasesTests(MyCasesTests.World w) : IClassFixture<MyCasesTests.World>
{
    public sealed class World : IAsyncLifetime
    {
        public ListWorld Cases { get; } = new();
        public Dictionary<string, int> Ids { get; } = [];

        public async Task InitializeAsync()
        {
            await Cases.InitializeAsync();
            var w = Cases;
            Ids["overdue"] = await w.AddAsync(new ListCase { Received = new(2026, 7, 1), State = CaseState.InProgress, OwnerLeaderId = w.LeaderId, Summary = "超期案件" });
            Ids["due-soon"] = await w.AddAsync(new ListCase { Received = new(2026, 9, 25), State = CaseState.InProgress, OwnerLeaderId = w.LeaderId, Summary = "将到期案件" });
            Ids["other"] = await w.AddAsync(new ListCase { Received = new(2026, 11, 15), State = CaseState.Assigned, OwnerLeaderId = w.LeaderId, Summary = "刚交办案件" });
            Ids["received"] = await w.AddAsync(new ListCase { Received = new(2026, 11, 16), State = CaseState.Accepted, ReceivedByLeaderId = w.LeaderId, Summary = "接访案件" });
            Ids["replied"] = await w.AddAsync(new ListCase { Received = new(2026, 10, 1), State = CaseState.Replied, OwnerLeaderId = w.LeaderId, Summary = "已答复案件" });
            Ids["closed"] = await w.AddAsync(new ListCase
            {
                Received = new(2026, 5, 6),
                State = CaseState.Closed,
                OwnerLeaderId = w.LeaderId,
                RepliedOn = new(2026, 5, 20),
                Evaluation = Evaluation.Satisfied,
                Resolved = true,
                Summary = "已办结案件",
            });
            Ids["not-mine"] = await w.AddAsync(new ListCase { Received = new(2026, 7, 2), State = CaseState.InProgress, OwnerLeaderId = w.OtherLeaderId, Summary = "别人的案件" });
        }

        public async Task DisposeAsync() => await Cases.DisposeAsync();
    }

    private static List<int> Section(AngleSharp.Dom.IDocument page, string key) =>
        page.QuerySelectorAll($"section[data-section={key}] tbody tr").Select(r => int.Parse(r.GetAttribute("data-case")!)).ToList();

    [Fact]
    public async Task Leader_SeesOwnedAndReceivedCases_InSections()
    {
        using var client = await w.Cases.App.LoginAsync("cs-leader");

        var page = await client.GetPageAsync("/MyCases");

        Assert.Equal([w.Ids["overdue"]], Section(page, "overdue"));
        Assert.Equal([w.Ids["due-soon"]], Section(page, "due-soon"));
        Assert.Equal(new[] { w.Ids["other"], w.Ids["received"], w.Ids["replied"] }.Order(), Section(page, "other").Order());
        Assert.Equal([w.Ids["closed"]], Section(page, "finished"));
        Assert.DoesNotContain(w.Ids["not-mine"].ToString(), page.QuerySelector("main")!.InnerHtml, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"tr[data-case='{w.Ids["received"]}'] [data-received=me]"));
        Assert.Null(page.QuerySelector($"tr[data-case='{w.Ids["other"]}'] [data-received=me]"));
    }

    [Fact]
    public async Task OtherLeader_SeesOnlyTheirs()
    {
        using var client = await w.Cases.App.LoginAsync("cs-other-leader");

        var page = await client.GetPageAsync("/MyCases");

        var all = page.QuerySelectorAll("tbody tr").Select(r => int.Parse(r.GetAttribute("data-case")!)).ToList();
        Assert.Equal([w.Ids["not-mine"]], all);
        Assert.Equal("1", page.QuerySelector("[data-figure=owned]")!.TextContent);
    }

    [Fact]
    public async Task MyFigures_FollowTheMetricsDefinitions()
    {
        using var client = await w.Cases.App.LoginAsync("cs-leader");

        var page = await client.GetPageAsync("/MyCases");
        string Figure(string key) => page.QuerySelector($"[data-figure={key}]")!.TextContent.Trim();

        // Owned: overdue, due soon, other, replied, closed (the received case is not owned).
        Assert.Equal("5", Figure("owned"));
        Assert.Equal("1", Figure("resolved"));
        Assert.Equal("20.0%", Figure("resolution-rate"));
        Assert.Equal("50.0%", Figure("on-time-rate"));      // 1 closed on time ÷ (1 closed + 1 open overdue)
        Assert.Equal("100.0%", Figure("satisfaction"));    // 1 satisfied ÷ 1 evaluated
    }

    [Fact]
    public async Task Csv_HasSections_AndNoPersonalData()
    {
        using var client = await w.Cases.App.LoginAsync("cs-leader");

        using var response = await client.GetAsync("/MyCases?handler=Csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.StartsWith("分组,", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("信访人", lines[0], StringComparison.Ordinal);
        Assert.Equal(7, lines.Length); // header + 6 cases
        Assert.Contains(lines, l => l.Contains("超期案件", StringComparison.Ordinal) && l.StartsWith("已逾期", StringComparison.Ordinal));
        Assert.DoesNotContain("张三", text, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", text, StringComparison.Ordinal);
    }
}
