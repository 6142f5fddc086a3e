using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Core.Organisation;
using Reception.Core.Time;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Demo;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Features.Cases;

/// <summary>What a test case should look like; <see cref="ListWorld.AddAsync"/> drives the real operations to get there.</summary>
public sealed record ListCase
{
    public string Unit { get; init; } = ListWorld.TownCode;
    public DateOnly Received { get; init; } = new(2026, 11, 2);
    public string Category { get; init; } = "land";
    public string Summary { get; init; } = "征地补偿款未到位";
    public Channel Channel { get; init; } = Channel.Visit;
    public int People { get; init; } = 1;
    public CaseState State { get; init; } = CaseState.Registered;
    public string? TransferTo { get; init; }
    public string HandlingUnit { get; init; } = ListWorld.DepartmentCode;
    public string? StabilityUnit { get; init; }
    public int? OwnerLeaderId { get; init; }
    public int? ReceivedByLeaderId { get; init; }
    public DateOnly? AcceptedOn { get; init; }
    public DateOnly? RepliedOn { get; init; }
    public Evaluation? Evaluation { get; init; }
    public bool Resolved { get; init; }
    public int? RepeatOf { get; init; }
    public CaseFlags SetFlags { get; init; }
    public bool Listed { get; init; }
    public string PetitionerName { get; init; } = "张三";
    public string? IdentityNumber { get; init; } = "11010519491231002X";
    public string? Phone { get; init; } = "13812345678";
}

/// <summary>
/// A demo app with a township of its own (测试镇, with two villages), a department, a township leader and users of every
/// casework role scoped to them, so the tests count exactly the cases they create, whatever demo cases the city holds.
/// Today is 2026-11-22.
/// </summary>
public sealed class ListWorld : AppFixture
{
    public const string TownCode = "cstown";
    public const string DepartmentCode = "csdept";
    public static readonly DateOnly Today = new(2026, 11, 22);

    public ListWorld() : this(DatabaseProvider.Sqlite) { }

    public ListWorld(DatabaseProvider provider) : base(app => app.On(provider).At(Today.Year, Today.Month, Today.Day, 10))
    {
    }

    public Dictionary<string, int> Units { get; } = [];
    public int LeaderId { get; private set; }
    public int OtherLeaderId { get; private set; }

    protected override async Task ArrangeAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var city = await db.OrgUnits.SingleAsync(o => o.Code == DemoData.CityCode);
        var town = new OrgUnit(TownCode, "测试镇", OrgUnitKind.Township, city, 90);
        db.OrgUnits.Add(town);
        await db.SaveChangesAsync();
        db.OrgUnits.AddRange(new OrgUnit("cstown-01", "测试一村", OrgUnitKind.Village, town, 1), new OrgUnit("cstown-02", "测试二村", OrgUnitKind.Village, town, 2),
            new OrgUnit(DepartmentCode, "测试局", OrgUnitKind.Department, city, 190), new OrgUnit("csdept2", "另一测试局", OrgUnitKind.Department, city, 191));
        var leader = new Leader("钱测试", "镇长", LeadingBody.Government, town.Id, 1, null, null);
        var other = new Leader("孙对照", "副镇长", LeadingBody.Government, town.Id, 2, null, null);
        db.Leaders.AddRange(leader, other);
        await db.SaveChangesAsync();
        foreach (var u in await db.OrgUnits.Where(o => o.Path.StartsWith("/demo/cstown/") || o.Code == DepartmentCode || o.Code == "csdept2" || o.Code == "rsj").ToListAsync())
            Units[u.Code] = u.Id;
        LeaderId = leader.Id;
        OtherLeaderId = other.Id;

        foreach (var (name, role, unit, leaderId, department) in new (string, string, int, int?, int?)[]
                 {
                     ("cs-clerk", Roles.Clerk, town.Id, null, null),
                     ("cs-supervisor", Roles.Supervisor, town.Id, null, null),
                     ("cs-leader", Roles.Leader, town.Id, leader.Id, null),
                     ("cs-other-leader", Roles.Leader, town.Id, other.Id, null),
                     ("cs-unit", Roles.UnitHandler, Units[DepartmentCode], null, Units[DepartmentCode]),
                 })
        {
            var user = new AppUser { UserName = name, DisplayName = name, OrgUnitId = unit, LeaderId = leaderId, DepartmentId = department };
            Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
    }

    /// <summary>Registers a case and drives it through the real operations to <see cref="ListCase.State"/>; returns its id.</summary>
    public async Task<int> AddAsync(ListCase spec)
    {
        var units = await App.WithDbAsync(db => db.OrgUnits.ToDictionaryAsync(o => o.Code));
        DateTime At(DateOnly d) => ChinaTime.ToUtc(d, new TimeOnly(10, 0));
        void Ok(CaseResult r) => Assert.True(r.Succeeded, r.Error?.ToString());

        return await App.NewCase().At(units[spec.Unit].Id).Via(spec.Channel).Received(spec.Received).Category(spec.Category).Summary(spec.Summary)
            .People(spec.People).Petitioner(new CasePetitioner(spec.PetitionerName, spec.IdentityNumber, spec.Phone, "测试一村", "测试镇测试一村8号"))
            .RegisteredBy("clerk", At(spec.Received))
            .Then(c =>
            {
                c.SetSource(null, null, spec.ReceivedByLeaderId);
                if (spec.RepeatOf is { } earlier) Ok(c.MarkRepeat(earlier, "clerk", At(spec.Received)));
                foreach (var flag in CaseListQuery.SingleFlags.Where(f => spec.SetFlags.HasFlag(f))) Ok(c.SetFlag(flag, true, "clerk", At(spec.Received)));

                var accepted = spec.AcceptedOn ?? spec.Received;
                var target = spec.State;
                if (target == CaseState.Transferred) Ok(c.Transfer(units[spec.TransferTo ?? DepartmentCode].Id, "clerk", At(spec.Received)));
                else if (target == CaseState.NotAccepted) Ok(c.RejectAcceptance("不属于信访事项", "clerk", At(spec.Received)));
                else if (target != CaseState.Registered)
                {
                    Ok(c.Accept("clerk", At(accepted)));
                    if (target != CaseState.Accepted)
                    {
                        Ok(c.Assign(spec.OwnerLeaderId ?? OtherLeaderId, units[spec.HandlingUnit].Id, null,
                            spec.StabilityUnit is { } s ? units[s].Id : null, null, "clerk", At(accepted)));
                        if (target != CaseState.Assigned)
                        {
                            Ok(c.StartHandling("unit", At(accepted)));
                            if (spec.Resolved) Ok(c.Resolve(spec.RepliedOn ?? accepted, "clerk", At(accepted)));
                            if (target != CaseState.InProgress)
                            {
                                var replied = spec.RepliedOn ?? accepted.AddDays(10);
                                Ok(c.Reply("答复意见", replied, "unit", At(replied)));
                                if (spec.Evaluation is { } e) Ok(c.Evaluate(e, "clerk", At(replied)));
                                if (target == CaseState.Closed) Ok(c.Close("clerk", At(replied.AddDays(5))));
                            }
                        }
                    }
                }
                else if (spec.OwnerLeaderId is not null)
                {
                    throw new ArgumentException("A registered case has no owner yet.");
                }

                if (spec.Listed) Ok(c.SetListed(true, "久拖未决", "supervisor", At(spec.Received)));
                Assert.Equal(target, c.State);
            })
            .SaveIdAsync();
    }
}

/// <summary>The case list: every filter narrows, paging, sorting, scope, bad values, and the CSV export.</summary>
public sealed class CaseListTests(CaseListTests.World w) : IClassFixture<CaseListTests.World>
{
    /// <summary>Eight cases of 测试镇 in different states, colours, categories, units and dates (created once).</summary>
    public sealed class World : IAsyncLifetime
    {
        public ListWorld Cases { get; } = new();
        public Dictionary<string, int> Ids { get; } = [];

        public async Task InitializeAsync()
        {
            await Cases.InitializeAsync();
            var w = Cases;
            Ids["registered"] = await w.AddAsync(new ListCase { Received = new(2026, 11, 20), Summary = "楼顶漏水无人维修", Category = "property", PetitionerName = "赵一" });
            Ids["transferred"] = await w.AddAsync(new ListCase { Received = new(2026, 11, 18), State = CaseState.Transferred, TransferTo = "cstown-01", Summary = "村道损坏" });
            Ids["inprogress"] = await w.AddAsync(new ListCase { Received = new(2026, 10, 1), State = CaseState.InProgress, OwnerLeaderId = w.LeaderId, Summary = "拖欠工资三个月", Category = "labour" });
            Ids["overdue"] = await w.AddAsync(new ListCase { Received = new(2026, 7, 1), State = CaseState.InProgress, OwnerLeaderId = w.OtherLeaderId, HandlingUnit = "csdept2", Summary = "征地补偿标准过低", SetFlags = CaseFlags.Key });
            Ids["replied"] = await w.AddAsync(new ListCase { Received = new(2026, 10, 8), State = CaseState.Replied, OwnerLeaderId = w.LeaderId, Summary = "低保资格被取消", Category = "civil" });
            Ids["closed"] = await w.AddAsync(new ListCase { Received = new(2026, 3, 3), State = CaseState.Closed, OwnerLeaderId = w.LeaderId, Evaluation = Evaluation.Satisfied, Summary = "征地补偿款分配不公" });
            Ids["collective"] = await w.AddAsync(new ListCase { Received = new(2026, 11, 10), People = 6, State = CaseState.Accepted, Summary = "集体反映厂区噪音", Category = "environment" });
            Ids["city"] = await w.AddAsync(new ListCase { Unit = "demo", HandlingUnit = "rsj", Received = new(2026, 11, 21), State = CaseState.Assigned, OwnerLeaderId = w.OtherLeaderId, Summary = "市级登记的测试标记案件" });
        }

        public async Task DisposeAsync() => await Cases.DisposeAsync();
    }

    private static string[] All => ["registered", "transferred", "inprogress", "overdue", "replied", "closed", "collective"];

    private async Task<List<int>> ListAsync(string query, string user = "cs-clerk")
    {
        using var client = await w.Cases.App.LoginAsync(user);
        var page = await client.GetPageAsync("/Cases" + query);
        return page.QuerySelectorAll("table.case-list tbody tr").Select(r => int.Parse(r.GetAttribute("data-case")!)).ToList();
    }

    private int[] Ids(params string[] names) => names.Select(n => w.Ids[n]).ToArray();

    [Fact]
    public async Task TownshipClerk_SeesOnlyTheTownshipsCases()
    {
        var ids = await ListAsync("");

        Assert.Equal(Ids(All).Order(), ids.Order());
    }

    [Fact]
    public async Task CityClerk_SeesTheTownshipsCases_AndTheCitys()
    {
        var ids = await ListAsync("?q=" + Uri.EscapeDataString("cstown"), "clerk");
        var city = await ListAsync("?q=" + Uri.EscapeDataString("测试标记"), "clerk");

        Assert.Equal(Ids(All).Order(), ids.Order());
        Assert.Equal(Ids("city"), city);
    }

    [Theory]
    [InlineData("?state=InProgress", new[] { "inprogress", "overdue" })]
    [InlineData("?state=closed", new[] { "closed" })]
    [InlineData("?open=true", new[] { "registered", "transferred", "inprogress", "overdue", "collective" })]
    [InlineData("?open=false", new[] { "replied", "closed" })]
    [InlineData("?colour=Red", new[] { "overdue" })]
    [InlineData("?category=labour", new[] { "inprogress" })]
    [InlineData("?category=land", new[] { "transferred", "overdue", "closed" })]
    [InlineData("?flag=Collective", new[] { "collective" })]
    [InlineData("?flag=Key", new[] { "overdue" })]
    [InlineData("?from=2026-11-01", new[] { "registered", "transferred", "collective" })]
    [InlineData("?from=2026-09-01&to=2026-10-31", new[] { "inprogress", "replied" })]
    [InlineData("?colour=Yellow", new[] { "inprogress" })] // no progress for 15 days
    [InlineData("?to=2026-07-01", new[] { "overdue", "closed" })]
    [InlineData("?q=%E5%BE%81%E5%9C%B0%20%E8%A1%A5%E5%81%BF", new[] { "overdue", "closed" })] // "征地 补偿": every word
    [InlineData("?q=%E8%A1%A5%E5%81%BF%20%E4%B8%8D%E5%85%AC", new[] { "closed" })] // "补偿 不公"
    [InlineData("?state=InProgress&colour=Red", new[] { "overdue" })]
    public async Task Filter_NarrowsTheList(string query, string[] expected)
    {
        var ids = await ListAsync(query);

        Assert.Equal(Ids(expected).Order(), ids.Order());
    }

    [Fact]
    public async Task Filter_ByLeaderUnitAndTownship()
    {
        var w2 = w.Cases;
        var village = w2.Units["cstown-01"];

        Assert.Equal(Ids("inprogress", "replied", "closed").Order(), (await ListAsync($"?leader={w2.LeaderId}")).Order());
        Assert.Equal(Ids("overdue"), await ListAsync($"?unit={w2.Units["csdept2"]}"));
        Assert.Equal(Ids("transferred"), await ListAsync($"?township={village}"));
        Assert.Equal(Ids(All).Order(), (await ListAsync($"?township={w2.Units[ListWorld.TownCode]}")).Order());
    }

    [Fact]
    public async Task Filter_ByCaseNumberPrefix()
    {
        var number = await w.Cases.App.WithDbAsync(db => db.Cases.Where(c => c.Id == w.Ids["overdue"]).Select(c => c.Number).SingleAsync());
        var text = number.ToString();

        Assert.Equal(Ids("overdue"), await ListAsync("?q=" + text));
        Assert.Equal(Ids("overdue"), await ListAsync("?q=" + text.ToUpperInvariant()));
        Assert.Contains(w.Ids["overdue"], await ListAsync("?q=" + text[..^1]));
        Assert.Empty(await ListAsync("?q=" + "cstown-2025-"));
    }

    [Fact]
    public async Task Category_IncludesItsChildren()
    {
        await using var world = new ListWorld();
        await world.InitializeAsync();
        await world.App.WithDbAsync(async db =>
        {
            db.CaseCategories.Add(new CaseCategory("land-relocation", "房屋征收", "land", 1));
            return await db.SaveChangesAsync();
        });
        var parent = await world.AddAsync(new ListCase { Category = "land" });
        var child = await world.AddAsync(new ListCase { Category = "land-relocation" });
        await world.AddAsync(new ListCase { Category = "labour" });
        using var client = await world.App.LoginAsync("cs-clerk");

        var land = await client.GetPageAsync("/Cases?category=land");
        var relocation = await client.GetPageAsync("/Cases?category=land-relocation");

        Assert.Equal([child, parent], land.QuerySelectorAll("table.case-list tbody tr").Select(r => int.Parse(r.GetAttribute("data-case")!)));
        Assert.Equal([child], relocation.QuerySelectorAll("table.case-list tbody tr").Select(r => int.Parse(r.GetAttribute("data-case")!)));
        Assert.Contains("房屋征收", relocation.QuerySelector("select[name=category] option[selected]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?state=Nonsense", "状态")]
    [InlineData("?colour=purple", "颜色")]
    [InlineData("?from=2026-13-01", "登记日期起")]
    [InlineData("?leader=abc", "包案领导")]
    [InlineData("?flag=Collective,Key", "标记")]
    [InlineData("?sort=sideways", "排序")]
    [InlineData("?township=999999", "乡镇")]
    [InlineData("?category=nosuch", "类别")]
    public async Task InvalidFilterValue_IsExplainedInChinese_AndIgnored(string query, string field)
    {
        using var client = await w.Cases.App.LoginAsync("cs-clerk");

        var page = await client.GetPageAsync("/Cases" + query);

        var message = page.QuerySelector(".filter-errors")!.TextContent;
        Assert.Contains(field, message, StringComparison.Ordinal);
        Assert.Contains("已忽略", message, StringComparison.Ordinal);
        Assert.Equal(All.Length, page.QuerySelectorAll("table.case-list tbody tr").Length);
    }

    [Fact]
    public async Task ReversedDates_AreExplained_AndTheEndIgnored()
    {
        using var client = await w.Cases.App.LoginAsync("cs-clerk");

        var page = await client.GetPageAsync("/Cases?from=2026-11-01&to=2026-10-01");

        Assert.Contains("早于", page.QuerySelector(".filter-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll("table.case-list tbody tr").Length); // from 11-01 only
        Assert.Equal("2026-10-01", page.QuerySelector("input[name=to]")!.GetAttribute("value")); // what was typed stays
    }

    [Theory]
    [InlineData("", new[] { "registered", "transferred", "collective", "replied", "inprogress", "overdue", "closed" })]
    [InlineData("?sort=-received", new[] { "registered", "transferred", "collective", "replied", "inprogress", "overdue", "closed" })]
    [InlineData("?sort=received", new[] { "closed", "overdue", "inprogress", "replied", "collective", "transferred", "registered" })]
    public async Task Sort_ByReceivedDate(string query, string[] expected)
    {
        Assert.Equal(Ids(expected), await ListAsync(query));
    }

    [Fact]
    public async Task Sort_ByDueDate_PutsCasesWithoutAClockLast()
    {
        var ids = await ListAsync("?sort=due");
        var due = await w.Cases.App.WithDbAsync(db => db.Cases.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.DueOn));

        var dates = ids.Select(id => due[id]).ToList();
        Assert.Equal(Ids("overdue"), ids.Take(1));
        Assert.Equal(dates.Where(d => d is not null).Order(), dates.Take(5));
        Assert.All(dates.Skip(5), d => Assert.Null(d)); // replied and closed: no running clock
    }

    [Fact]
    public async Task Sort_ByNumber()
    {
        var ids = await ListAsync("?sort=number");
        var numbers = await w.Cases.App.WithDbAsync(db => db.Cases.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Number.ToString()));

        Assert.Equal(numbers.Values.Order(StringComparer.Ordinal), ids.Select(id => numbers[id]));
    }

    [Fact]
    public async Task Paging_FiftyAPage_KeepsTheFilter()
    {
        await using var world = new ListWorld();
        await world.InitializeAsync();
        for (var i = 0; i < 53; i++)
            await world.AddAsync(new ListCase { Received = new DateOnly(2026, 1, 1).AddDays(i), Summary = "分页测试" + i, Category = i % 2 == 0 ? "land" : "labour" });
        using var client = await world.App.LoginAsync("cs-clerk");

        var first = await client.GetPageAsync("/Cases");
        var second = await client.GetPageAsync(first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var filtered = await client.GetPageAsync("/Cases?category=land");
        var filteredSecond = await client.GetPageAsync("/Cases?category=land&page=2");

        Assert.Equal(50, first.QuerySelectorAll("table.case-list tbody tr").Length);
        Assert.Equal("53", first.QuerySelector("[data-total]")!.GetAttribute("data-total"));
        Assert.Equal(3, second.QuerySelectorAll("table.case-list tbody tr").Length);
        Assert.Contains("分页测试2", second.QuerySelector("table.case-list tbody")!.TextContent, StringComparison.Ordinal); // oldest last
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.Equal(27, filtered.QuerySelectorAll("table.case-list tbody tr").Length);
        Assert.Null(filtered.QuerySelector("a[rel=next]"));
        Assert.Equal(27, filteredSecond.QuerySelectorAll("table.case-list tbody tr").Length); // clamped to the last page
        var firstIds = first.QuerySelectorAll("table.case-list tbody tr").Select(r => r.GetAttribute("data-case")).ToHashSet();
        Assert.DoesNotContain(second.QuerySelectorAll("table.case-list tbody tr").Select(r => r.GetAttribute("data-case")), firstIds.Contains);
    }

    [Fact]
    public async Task Page_ShowsColourBadges_DetailLinks_AndRegisterForClerksOnly()
    {
        using var clerk = await w.Cases.App.LoginAsync("cs-clerk");
        using var supervisor = await w.Cases.App.LoginAsync("cs-supervisor");

        var page = await clerk.GetPageAsync("/Cases");
        var supervisorPage = await supervisor.GetPageAsync("/Cases");

        var row = page.QuerySelector($"tr[data-case='{w.Ids["overdue"]}']")!;
        Assert.Equal("Red", row.QuerySelector("[data-colour]")!.GetAttribute("data-colour"));
        Assert.Equal($"/Cases/Details/{w.Ids["overdue"]}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("a[href='/Cases/Register']"));
        Assert.Null(supervisorPage.QuerySelector("a[href='/Cases/Register']"));
        Assert.Equal(All.Length, supervisorPage.QuerySelectorAll("table.case-list tbody tr").Length);
    }

    [Fact]
    public async Task Csv_HasBom_ChineseHeaders_TheWholeFilteredList_AsTheLedger_UnmaskedForTheClerk()
    {
        using var client = await w.Cases.App.LoginAsync("cs-clerk");

        using var response = await client.GetAsync("/Cases?handler=Csv&open=true");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var header = lines[0].Split(',');
        Assert.Equal(30, header.Length); // the ledger's columns (LedgerExportTests checks them against the .xlsx)
        Assert.All(header, h => Assert.Matches(@"^[\u4e00-\u9fff（）]+$", h)); // Chinese headers
        Assert.Equal(["事项编号", "信访人", "身份证号", "摘要", "包案领导"], new[] { header[0], header[4], header[5], header[11], header[15] });
        Assert.Equal(6, lines.Length); // header + the 5 open cases
        Assert.Contains(lines, l => l.Contains("赵一", StringComparison.Ordinal) && l.Contains("2026-11-20", StringComparison.Ordinal));
        // As the case page shows them to a clerk: unmasked (the audit record says personal-data=yes).
        Assert.Contains("11010519491231002X", text, StringComparison.Ordinal);
        Assert.Contains("13812345678", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageAsync_JoinsTheNamesOfCategoryLeaderAndUnit()
    {
        var (total, rows) = await w.Cases.App.WithDbAsync(async db =>
        {
            var filter = CaseListQuery.Parse(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["open"] = "true", ["leader"] = w.Cases.LeaderId.ToString() });
            var (filtered, errors) = await filter.ApplyAsync(db.Cases.AsNoTracking(), db, null!);
            Assert.Empty(errors);
            var page = await filter.PageAsync(filtered, db);
            return (page.Total, page.Items);
        });

        var row = Assert.Single(rows); // of the leader's three cases, the one not replied yet
        Assert.Equal(1, total);
        Assert.Equal((w.Ids["inprogress"], "钱测试", "测试局", "劳动社保"), (row.Id, row.OwnerLeader, row.HandlingUnit, row.CategoryName));
    }
}
