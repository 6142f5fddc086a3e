using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Organisation;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Cases;
using Reception.Web.Infrastructure;
using Reception.Web.Tests.Features.Visits;
using Reception.Web.Tests.UI.Charts;

namespace Reception.Web.Tests.Features.Cases.Board;

/// <summary>
/// The supervision board over a hand-made set of cases with known colours, in townships of their own (so the demo
/// cases, which are elsewhere, do not change the counts), at 2026-11-22.
/// </summary>
public sealed class BoardTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Board_CountsTheOpenCasesOfTheScopeByColourUnitAndLeader(DatabaseProvider provider)
    {
        await using var app = ReceptionFactory.Build().On(provider).At(2026, 11, 22).Create();
        var town = await app.AddTownshipAsync();
        var other = await app.AddTownshipAsync();
        var (rsj, zrzyj) = (await app.OrgIdAsync("rsj"), await app.OrgIdAsync("zrzyj"));
        var (a, b) = (await app.AddLeaderAsync("甲"), await app.AddLeaderAsync("乙"));
        var ids = new[]
        {
            await app.AddCaseAsync(town, Today),                                                     // route, 15 days left: green
            await app.AddCaseAsync(town, Today.AddDays(-10)),                                        // route, 5 days left: blue
            await app.AddCaseAsync(town, new DateOnly(2026, 10, 1)),                                 // route, 37 days overdue: red
            await app.AddCaseAsync(town, Today, accepted: Today, leader: a, unit: rsj),              // handle, 60 days left: green
            await app.AddCaseAsync(town, new DateOnly(2026, 11, 1), accepted: new DateOnly(2026, 11, 1), leader: a, unit: rsj), // no progress for 21 days: yellow
            await app.AddCaseAsync(town, Today, accepted: Today, leader: b, unit: zrzyj, listed: true), // 挂牌督办: red
            await app.AddCaseAsync(town, new DateOnly(2026, 9, 1), accepted: new DateOnly(2026, 9, 1), leader: b, unit: rsj), // 22 days overdue: red
            await app.AddCaseAsync(town, Today.AddDays(-3), accepted: Today.AddDays(-3), leader: b, unit: rsj, replied: true), // replied: no colour
        };
        await app.AddCaseAsync(other, Today, accepted: Today, leader: b, unit: rsj, listed: true); // another township's: red
        await app.AddCaseAsync(other, Today);                                                      // and green

        Assert.Equal<SupervisionColour?[]>(
            [SupervisionColour.Green, SupervisionColour.Blue, SupervisionColour.Red, SupervisionColour.Green, SupervisionColour.Yellow,
             SupervisionColour.Red, SupervisionColour.Red, null],
            await app.WithDbAsync(async db =>
            {
                var colours = await db.Cases.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Colour);
                return ids.Select(id => colours[id]).ToArray();
            }));

        await app.CreateUserAsync("clerk-" + town.Code, Roles.Clerk, orgUnitId: town.Id);
        using var clerk = await app.LoginAsync("clerk-" + town.Code);
        var board = await clerk.GetPageAsync("/Board");

        Assert.Equal(new Dictionary<string, int> { ["Red"] = 3, ["Yellow"] = 1, ["Blue"] = 1, ["Green"] = 2 }, board.Tiles());
        // The charts draw the same counts: the colour mix in the four colours, and the units by colour (cases without a unit aside).
        var pie = ChartJson.Read(board, "chart-board-colours");
        Assert.Equal("Pie", pie.Kind);
        Assert.Equal([3m, 1m, 1m, 2m], pie[0]);
        Assert.Equal(["red", "yellow", "blue", "green"], pie.Root.GetProperty("categoryColours").EnumerateArray().Select(c => c.GetString()));
        var unitChart = ChartJson.Read(board, "chart-board-units");
        Assert.Equal(2, unitChart.Categories.Count);
        Assert.Equal([1m, 1m], unitChart[0]); // red: rsj, zrzyj
        Assert.Equal([1m, 0m], unitChart[1]); // yellow
        Assert.NotNull(board.QuerySelector("#chart-board-units a[href='#table-board-units']"));
        Assert.Equal(new Dictionary<string, int> { ["Red"] = 1, ["Yellow"] = 0, ["Blue"] = 1, ["Green"] = 1, ["Total"] = 3 }, board.Row("units", "none"));
        Assert.Equal(new Dictionary<string, int> { ["Red"] = 1, ["Yellow"] = 1, ["Blue"] = 0, ["Green"] = 1, ["Total"] = 3 }, board.Row("units", rsj));
        Assert.Equal(new Dictionary<string, int> { ["Red"] = 1, ["Yellow"] = 0, ["Blue"] = 0, ["Green"] = 0, ["Total"] = 1 }, board.Row("units", zrzyj));
        Assert.Equal(3, board.QuerySelectorAll("table.board-units tbody tr").Length);
        Assert.Equal(new Dictionary<string, int> { ["Red"] = 2, ["Yellow"] = 0, ["Blue"] = 0, ["Green"] = 0, ["Total"] = 2 }, board.Row("leaders", b));
        Assert.Equal(new Dictionary<string, int> { ["Red"] = 0, ["Yellow"] = 1, ["Blue"] = 0, ["Green"] = 1, ["Total"] = 2 }, board.Row("leaders", a));
        Assert.Equal([b.ToString(), a.ToString()], board.QuerySelectorAll("table.board-leaders tbody tr").Select(r => r.GetAttribute("data-leader")));
        Assert.Null(board.QuerySelector("[data-truncated]"));
        // Every case coloured for the first time blue, yellow or red rose (from nothing, counted as green).
        Assert.Equal("5", board.QuerySelector("[data-rises]")!.GetAttribute("data-rises"));
        Assert.Contains("剩余不超过 7 天为蓝牌；已超期或连续 15 天无进展为黄牌；超期超过 15 天或挂牌督办为红牌", board.MainText());

        // The other township's board counts only its own two cases.
        await app.CreateUserAsync("super-" + other.Code, Roles.Supervisor, orgUnitId: other.Id);
        using var supervisor = await app.LoginAsync("super-" + other.Code);
        var otherBoard = await supervisor.GetPageAsync("/Board");
        Assert.Equal(new Dictionary<string, int> { ["Red"] = 1, ["Yellow"] = 0, ["Blue"] = 0, ["Green"] = 1 }, otherBoard.Tiles());
        Assert.Equal(new Dictionary<string, int> { ["Red"] = 1, ["Yellow"] = 0, ["Blue"] = 0, ["Green"] = 0, ["Total"] = 1 }, otherBoard.Row("leaders", b));
        Assert.Null(otherBoard.QuerySelector($"table.board-leaders tr[data-leader=\"{a}\"]"));
    }

    [Fact]
    public async Task Board_CountsLinkToTheCaseListWithTheirFilters()
    {
        await using var app = ReceptionFactory.Build().At(2026, 11, 22).Create();
        var town = await app.AddTownshipAsync();
        var rsj = await app.OrgIdAsync("rsj");
        var leader = await app.AddLeaderAsync("链");
        await app.AddCaseAsync(town, new DateOnly(2026, 11, 1), accepted: new DateOnly(2026, 11, 1), leader: leader, unit: rsj); // yellow
        await app.AddCaseAsync(town, Today, accepted: Today, leader: leader, unit: rsj, listed: true);                        // red
        await app.CreateUserAsync("clerk-" + town.Code, Roles.Clerk, orgUnitId: town.Id);
        using var clerk = await app.LoginAsync("clerk-" + town.Code);

        var board = await clerk.GetPageAsync("/Board");

        Assert.Equal("/Cases?open=true&colour=Red", board.QuerySelector(".board-tiles a[data-colour=Red]")!.GetAttribute("href"));
        Assert.Equal("/Cases?open=true&colour=Green", board.QuerySelector(".board-tiles a[data-colour=Green]")!.GetAttribute("href"));
        Assert.Equal($"/Cases?open=true&colour=Yellow&unit={rsj}", Link(board, "units", rsj, "Yellow"));
        Assert.Equal($"/Cases?open=true&colour=Red&unit={rsj}", Link(board, "units", rsj, "Red"));
        Assert.Equal($"/Cases?open=true&unit={rsj}", Link(board, "units", rsj, ""));
        Assert.Equal($"/Cases?open=true&colour=Red&leader={leader}", Link(board, "leaders", leader, "Red"));
        Assert.Equal($"/Cases?open=true&leader={leader}", Link(board, "leaders", leader, ""));
        Assert.Null(board.QuerySelector($"table.board-units tr[data-unit=\"{rsj}\"] td[data-colour=Blue] a")); // nothing to list
        Assert.Null(board.QuerySelector("form[action*=Recolour]")); // a clerk does not recolour
    }

    [Fact]
    public async Task RecolourNow_AfterTheClockMoves_ChangesTheCounts_AndOnlyASupervisorMayDoIt()
    {
        var clock = TestTime.AtChinaTime(2026, 11, 22);
        await using var app = ReceptionFactory.Build().WithClock(clock).Create();
        var town = await app.AddTownshipAsync();
        await app.AddCaseAsync(town, Today); // route, due 2026-12-07: green
        var otherTown = await app.AddTownshipAsync();
        var outside = await app.AddCaseAsync(otherTown, Today); // as green, but outside the supervisor's scope
        await app.CreateUserAsync("super-" + town.Code, Roles.Supervisor, orgUnitId: town.Id);
        await app.CreateUserAsync("clerk-" + town.Code, Roles.Clerk, orgUnitId: town.Id);
        using (var before = await app.LoginAsync("super-" + town.Code))
            Assert.Equal(new Dictionary<string, int> { ["Red"] = 0, ["Yellow"] = 0, ["Blue"] = 0, ["Green"] = 1 }, (await before.GetPageAsync("/Board")).Tiles());

        clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8))); // 5 days left: blue once recoloured
        using var supervisor = await app.LoginAsync("super-" + town.Code); // (the sign-in of ten days ago has expired)
        using var clerk = await app.LoginAsync("clerk-" + town.Code);
        var stale = await supervisor.GetPageAsync("/Board");
        Assert.Equal(1, stale.Tiles()["Green"]); // the stored colour until it is recomputed

        using var clerkPost = await clerk.PostFormAsync("/Board", [], action: "/Board?handler=Recolour");
        Assert.Equal(HttpStatusCode.Forbidden, clerkPost.StatusCode);
        Assert.Equal(1, (await supervisor.GetPageAsync("/Board")).Tiles()["Green"]);

        using var response = await supervisor.SubmitAsync(stale, form: "main form[method=post]");

        await response.AssertRedirectToAsync("/Board");
        var board = await supervisor.GetPageAsync("/Board");
        Assert.Equal(new Dictionary<string, int> { ["Red"] = 0, ["Yellow"] = 0, ["Blue"] = 1, ["Green"] = 0 }, board.Tiles());
        Assert.Matches(@"^已重新评定在办案件的颜色：[1-9]\d* 件颜色有变化。$", board.StatusMessage());
        Assert.Equal("1", board.QuerySelector("[data-rises]")!.GetAttribute("data-rises")); // green → blue
        // Issue 16 item 6: the supervisor's recolour stays inside their scope; the other township's case waits for the job.
        Assert.Equal(SupervisionColour.Green, await app.WithDbAsync(db => db.Cases.Where(c => c.Id == outside).Select(c => c.Colour).SingleAsync()));
    }

    [Fact]
    public async Task CountsAsync_KeepsTheFiftyLeadersWithTheMostRedThenYellowCases()
    {
        await using var app = ReceptionFactory.Build().At(2026, 11, 22).Create();
        var town = await app.AddTownshipAsync();
        var rsj = await app.OrgIdAsync("rsj");
        var leaders = new List<int>();
        for (var i = 0; i < BoardQuery.LeaderRows + 1; i++) leaders.Add(await app.AddLeaderAsync("多"));
        // Leader 0 has one red case, leader 1 one yellow, the rest one green each: leader 2.. are cut at 50 rows.
        await app.AddCaseAsync(town, Today, accepted: Today, leader: leaders[0], unit: rsj, listed: true);
        await app.AddCaseAsync(town, new DateOnly(2026, 11, 1), accepted: new DateOnly(2026, 11, 1), leader: leaders[1], unit: rsj);
        foreach (var l in leaders.Skip(2)) await app.AddCaseAsync(town, Today, accepted: Today, leader: l, unit: rsj);
        await app.CreateUserAsync("clerk-" + town.Code, Roles.Clerk, orgUnitId: town.Id);
        using var clerk = await app.LoginAsync("clerk-" + town.Code);

        var board = await clerk.GetPageAsync("/Board");

        var rows = board.QuerySelectorAll("table.board-leaders tbody tr").Select(r => r.GetAttribute("data-leader")).ToList();
        Assert.Equal(BoardQuery.LeaderRows, rows.Count);
        Assert.Equal([leaders[0].ToString(), leaders[1].ToString()], rows.Take(2));
        Assert.NotNull(board.QuerySelector("[data-truncated]"));
        Assert.Equal(BoardQuery.LeaderRows + 1, board.Tiles().Values.Sum()); // the totals still count every case
    }

    [Fact]
    public async Task CountsAsync_KeepsTheHundredUnitsWithTheMostRedThenYellowCases_AndTheTotalsStillCountEveryCase()
    {
        await using var app = ReceptionFactory.Build().At(2026, 11, 22).Create();
        var town = await app.AddTownshipAsync();
        var leader = await app.AddLeaderAsync("多");
        var units = new List<int>();
        for (var i = 0; i < BoardQuery.UnitRows + 1; i++) units.Add((await app.AddTownshipAsync()).Id);
        // Unit 0 handles one red case, unit 1 one yellow, the rest one green each; one more case has no unit yet.
        await app.AddCaseAsync(town, Today, accepted: Today, leader: leader, unit: units[0], listed: true);
        await app.AddCaseAsync(town, new DateOnly(2026, 11, 1), accepted: new DateOnly(2026, 11, 1), leader: leader, unit: units[1]);
        foreach (var u in units.Skip(2)) await app.AddCaseAsync(town, Today, accepted: Today, leader: leader, unit: u);
        await app.AddCaseAsync(town, Today);
        await app.CreateUserAsync("clerk-" + town.Code, Roles.Clerk, orgUnitId: town.Id);
        using var clerk = await app.LoginAsync("clerk-" + town.Code);

        var board = await clerk.GetPageAsync("/Board");

        var rows = board.QuerySelectorAll("table.board-units tbody tr").Select(r => r.GetAttribute("data-unit")).ToList();
        Assert.Equal(BoardQuery.UnitRows + 1, rows.Count); // the cut units, and the row of cases without a unit first
        Assert.Equal(["none", units[0].ToString(), units[1].ToString()], rows.Take(3));
        Assert.NotNull(board.QuerySelector("[data-truncated=units]"));
        Assert.Equal(BoardQuery.UnitRows + 2, board.Tiles().Values.Sum());
        Assert.Equal(1, board.Row("units", "none")["Total"]);
    }

    [Fact]
    public async Task AClerkOfTheOnlyRoot_SeesEveryCase_ButNotTheCasesOfASecondRootAddedLater()
    {
        await using var app = ReceptionFactory.Build().At(2026, 11, 22).Create();
        var town = await app.AddTownshipAsync();
        var word = PageTesting.Unique("根范围");
        var mine = await app.AddCaseAsync(town, Today, summary: word);
        var city = await app.OrgIdAsync("demo");
        await app.CreateUserAsync("clerk-city", Roles.Clerk, orgUnitId: city);
        using (var clerk = await app.LoginAsync("clerk-city"))
        {
            Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/Cases/Details/{mine}")).StatusCode);
        }

        // Another region at the top of the tree: the city's clerk's scope is no longer everything.
        var other = await app.WithDbAsync(async db =>
        {
            var region = new OrgUnit("x" + Guid.NewGuid().ToString("N")[..8], PageTesting.Unique("外县"), OrgUnitKind.County, parent: null);
            db.OrgUnits.Add(region);
            await db.SaveChangesAsync();
            return (region.Id, region.Code);
        });
        var theirs = await app.AddCaseAsync(other, Today, summary: word);
        using var again = await app.LoginAsync("clerk-city");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"/Cases/Details/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync($"/Cases/Details/{theirs}")).StatusCode);
        var list = await again.GetPageAsync("/Cases?q=" + Uri.EscapeDataString(word));
        Assert.Equal([mine], list.QuerySelectorAll("table.case-list tbody tr").Select(r => int.Parse(r.GetAttribute("data-case")!)));
    }

    private static string? Link(IDocument board, string table, int id, string colour) =>
        board.QuerySelector($"table.board-{table} tr[data-{(table == "units" ? "unit" : "leader")}=\"{id}\"] td[data-colour=\"{colour}\"] a")?.GetAttribute("href");
}

/// <summary>Cases and townships made for casework tests through the domain and <see cref="CaseService"/>.</summary>
public static class BoardTesting
{
    public static async Task<T> WithCasesAsync<T>(this ReceptionFactory app, Func<AppDbContext, CaseService, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<CaseService>());
    }

    /// <summary>A new township of the demo city, so its cases are the only ones its staff see.</summary>
    public static Task<(int Id, string Code)> AddTownshipAsync(this ReceptionFactory app) =>
        app.WithDbAsync(async db =>
        {
            var city = await db.OrgUnits.SingleAsync(o => o.Code == "demo");
            var code = "t" + Guid.NewGuid().ToString("N")[..8];
            var unit = new OrgUnit(code, PageTesting.Unique("测试镇"), OrgUnitKind.Township, city, 90);
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync();
            return (unit.Id, code);
        });

    /// <summary>
    /// Registers a case at <paramref name="town"/> received on <paramref name="received"/> (acting at 09:00 China time on
    /// the day of each step); when <paramref name="accepted"/> is given, accepts it and assigns it to the leader and unit
    /// that day; then lists it, starts and replies when asked; finally stores its clock and colour as of the app's today.
    /// </summary>
    public static Task<int> AddCaseAsync(this ReceptionFactory app, (int Id, string Code) town, DateOnly received, DateOnly? accepted = null,
        int? leader = null, int? unit = null, bool listed = false, bool replied = false, string summary = "征地补偿款未到位") =>
        app.NewCase().At(town.Id).Received(received).Summary(summary)
            .Petitioner(new CasePetitioner("张三", "110101199003074477", "13800000000", null, "青山镇青山村 1 号"))
            .RegisteredBy("clerk", At(received))
            .Then((c, cases) =>
            {
                if (accepted is { } day)
                {
                    Check(c.Accept("clerk", At(day)));
                    Check(c.Assign(leader ?? throw new ArgumentNullException(nameof(leader)), unit ?? throw new ArgumentNullException(nameof(unit)),
                        null, null, null, "clerk", At(day)));
                }

                if (listed) Check(c.SetListed(true, "群众反映强烈", "supervisor", cases.UtcNow));
                if (replied)
                {
                    Check(c.StartHandling("unit", cases.UtcNow));
                    Check(c.Reply("已书面答复", cases.Today, "unit", cases.UtcNow));
                }
            })
            .SaveIdAsync();

    /// <summary>Counts of the four colour tiles.</summary>
    public static Dictionary<string, int> Tiles(this IDocument board) =>
        board.QuerySelectorAll(".board-tiles a[data-colour]")
            .ToDictionary(a => a.GetAttribute("data-colour")!, a => int.Parse(a.QuerySelector(".count")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The counts of one row of the unit ("units") or leader ("leaders") table, by colour and "Total".</summary>
    public static Dictionary<string, int> Row(this IDocument board, string table, object key)
    {
        var attribute = table == "units" ? "data-unit" : "data-leader";
        var row = board.QuerySelector($"table.board-{table} tr[{attribute}=\"{key}\"]")
                  ?? throw new InvalidOperationException($"No row {key} in the {table} table.");
        return row.QuerySelectorAll("td[data-colour]").ToDictionary(
            td => td.GetAttribute("data-colour") is { Length: > 0 } c ? c : "Total",
            td => int.Parse(td.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static DateTime At(DateOnly day) => new(day.Year, day.Month, day.Day, 1, 0, 0, DateTimeKind.Utc); // 09:00 in China

    private static void Check(CaseResult result) => Assert.True(result.Succeeded, result.ToString());
}
