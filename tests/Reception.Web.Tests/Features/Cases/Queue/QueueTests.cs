using System.Text;
using Reception.Core.Cases;

namespace Reception.Web.Tests.Features.Cases.Queue;

/// <summary>The unit handler's queue: only the unit's cases, in sections; and the CSV.</summary>
public sealed class QueueTests(QueueTests.World w) : IClassFixture<QueueTests.World>
{
    public sealed class World : IAsyncLifetime
    {
        public ListWorld Cases { get; } = new();
        public Dictionary<string, int> Ids { get; } = [];

        public async Task InitializeAsync()
        {
            await Cases.InitializeAsync();
            var w = Cases;
            Ids["transferred"] = await w.AddAsync(new ListCase { Received = new(2026, 11, 18), State = CaseState.Transferred, TransferTo = ListWorld.DepartmentCode, Summary = "转来案件" });
            Ids["assigned"] = await w.AddAsync(new ListCase { Received = new(2026, 11, 12), State = CaseState.Assigned, OwnerLeaderId = w.LeaderId, Summary = "待办理案件" });
            Ids["later"] = await w.AddAsync(new ListCase { Received = new(2026, 10, 20), State = CaseState.InProgress, OwnerLeaderId = w.LeaderId, Summary = "后到期案件" });
            Ids["sooner"] = await w.AddAsync(new ListCase { Received = new(2026, 9, 1), State = CaseState.InProgress, OwnerLeaderId = w.LeaderId, Summary = "先到期案件" });
            Ids["replied"] = await w.AddAsync(new ListCase { Received = new(2026, 9, 10), State = CaseState.Replied, OwnerLeaderId = w.LeaderId, Summary = "已答复案件" });
            Ids["closed"] = await w.AddAsync(new ListCase { Received = new(2026, 5, 1), State = CaseState.Closed, OwnerLeaderId = w.LeaderId, Summary = "已办结案件" });
            Ids["elsewhere"] = await w.AddAsync(new ListCase { Received = new(2026, 9, 2), State = CaseState.InProgress, OwnerLeaderId = w.LeaderId, HandlingUnit = "csdept2", Summary = "其他单位案件" });
            Ids["transferred-elsewhere"] = await w.AddAsync(new ListCase { Received = new(2026, 11, 19), State = CaseState.Transferred, TransferTo = "csdept2", Summary = "转其他单位" });
        }

        public async Task DisposeAsync() => await Cases.DisposeAsync();
    }

    private static List<int> Section(AngleSharp.Dom.IDocument page, string key) =>
        page.QuerySelectorAll($"section[data-section={key}] tbody tr").Select(r => int.Parse(r.GetAttribute("data-case")!)).ToList();

    [Fact]
    public async Task Handler_SeesOnlyTheUnitsCases_InSections()
    {
        using var client = await w.Cases.App.LoginAsync("cs-unit");

        var page = await client.GetPageAsync("/Queue");

        Assert.Equal([w.Ids["transferred"]], Section(page, "to-accept"));
        Assert.Equal([w.Ids["assigned"]], Section(page, "to-start"));
        Assert.Equal([w.Ids["sooner"], w.Ids["later"]], Section(page, "in-progress")); // soonest due first
        Assert.Equal([w.Ids["replied"]], Section(page, "replied"));
        var shown = page.QuerySelectorAll("tbody tr").Select(r => int.Parse(r.GetAttribute("data-case")!)).ToList();
        Assert.DoesNotContain(w.Ids["elsewhere"], shown);
        Assert.DoesNotContain(w.Ids["transferred-elsewhere"], shown);
        Assert.DoesNotContain(w.Ids["closed"], shown);
        Assert.Contains("测试局", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_HasTheSections_AndNoPersonalData()
    {
        using var client = await w.Cases.App.LoginAsync("cs-unit");

        using var response = await client.GetAsync("/Queue?handler=Csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(6, lines.Length); // header + 5 cases
        Assert.Contains(lines, l => l.StartsWith("待受理或提出异议,", StringComparison.Ordinal) && l.Contains("转来案件", StringComparison.Ordinal));
        Assert.DoesNotContain("其他单位案件", text, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", text, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13812345678", text, StringComparison.Ordinal);
    }
}
