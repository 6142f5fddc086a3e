using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Organisation;
using Reception.Tools;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Data.Search;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Demo;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Features.Demo;

/// <summary>The province-sized benchmark data (<see cref="ScaleSeed"/>) with a small number of cases.</summary>
public sealed class ScaleSeedTests
{
    private const int SmallN = 3_000;

    [Fact]
    public async Task Seed_IsDeterministic_Consistent_AndTheAppsQueriesWorkOnIt()
    {
        var first = await SeedAndInspectAsync(DatabaseProvider.Sqlite, SmallN, deep: true);
        var second = await SeedAndInspectAsync(DatabaseProvider.Sqlite, SmallN, deep: false);
        Assert.Equal(first, second);
    }

    /// <summary>PostgreSQL takes the rows by binary COPY, SQLite by prepared inserts: the same cases, colours, petitioners and search hits.</summary>
    [Fact]
    public async Task Seed_OnPostgres_WritesTheSameProvince()
    {
        var postgres = await SeedAndInspectAsync(DatabaseProvider.Postgres, 2_000, deep: true);
        var sqlite = await SeedAndInspectAsync(DatabaseProvider.Sqlite, 2_000, deep: false);
        Assert.Equal(sqlite, postgres);
        Assert.Contains("search 工资=", postgres, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_RefusesADatabaseWithCases_UnlessForced()
    {
        await using var app = ReceptionFactory.Build().At(2026, 11, 22).Create();
        var demoCases = await app.WithDbAsync(db => db.Cases.CountAsync());
        Assert.Equal(DemoCases.Total, demoCases);

        var log = new StringWriter();
        Assert.Null(await RunAsync(app, new ScaleSeedOptions(100), log));
        Assert.Contains("--force", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(demoCases, await app.WithDbAsync(db => db.Cases.CountAsync()));

        Assert.NotNull(await RunAsync(app, new ScaleSeedOptions(100, Force: true), log));
        Assert.Equal(100, await app.WithDbAsync(db => db.Cases.CountAsync()));
        Assert.NotNull(await RunAsync(app, new ScaleSeedOptions(50, Force: true), log));
        Assert.Equal(50, await app.WithDbAsync(db => db.Cases.CountAsync()));
    }

    private static async Task<ScaleSeedResult?> RunAsync(ReceptionFactory app, ScaleSeedOptions options, TextWriter log)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<ScaleSeed>(scope.ServiceProvider).RunAsync(options, log);
    }

    /// <summary>Seeds into a fresh app (beside the demo city, whose cases are replaced: --force) and returns a fingerprint.</summary>
    private static async Task<string> SeedAndInspectAsync(DatabaseProvider provider, int n, bool deep)
    {
        var clock = TestTime.AtChinaTime(2026, 11, 22);
        var today = new DateOnly(2026, 11, 22);
        await using var app = ReceptionFactory.Build().On(provider).WithClock(clock).Create();
        var result = await RunAsync(app, new ScaleSeedOptions(n, Force: true), TextWriter.Null);
        Assert.NotNull(result);
        Assert.Equal(n, result.Cases);

        var province = await app.WithDbAsync(db => db.OrgUnits.SingleAsync(o => o.Code == ScaleSeed.ProvinceCode));
        var shape = await app.WithDbAsync(async db =>
        {
            var units = db.OrgUnits.Where(o => o.Path.StartsWith(province.Path));
            return new
            {
                Counties = await units.CountAsync(o => o.Kind == OrgUnitKind.County),
                Townships = await units.CountAsync(o => o.Kind == OrgUnitKind.Township || o.Kind == OrgUnitKind.Street),
                Villages = await units.CountAsync(o => o.Kind == OrgUnitKind.Village || o.Kind == OrgUnitKind.Community),
                Departments = await units.CountAsync(o => o.Kind == OrgUnitKind.Department),
                Leaders = await db.Leaders.CountAsync(l => units.Select(u => u.Id).Contains(l.OrgUnitId)),
            };
        });
        Assert.Equal(ScaleSeed.Counties, shape.Counties);
        Assert.Equal(ScaleSeed.Counties * ScaleSeed.TownshipsPerCounty, shape.Townships);
        Assert.Equal(ScaleSeed.Counties * ScaleSeed.TownshipsPerCounty * ScaleSeed.VillagesPerTownship, shape.Villages);
        Assert.Equal(ScaleSeed.Counties * ScaleSeed.DepartmentsPerCounty, shape.Departments);
        Assert.InRange(shape.Leaders, 2_800, 3_200);

        var cases = await app.WithDbAsync(db => db.Cases.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Number, c.Summary, c.State, c.Colour, c.DueOn, c.OwnerLeaderId, c.ReceivedOn, c.OrgUnitId, c.ClockCode }).ToListAsync());
        Assert.Equal(n, cases.Count);
        Assert.All(cases, c => Assert.InRange(c.ReceivedOn, today.AddYears(-ScaleSeed.Years), today.AddDays(-1)));
        Assert.Equal(n, cases.Select(c => c.Number.ToString()).Distinct().Count());
        var open = cases.Count(c => c.Colour != null);
        Assert.Equal(result.OpenCases, open);
        Assert.InRange(open, n * 2 / 100, n * 9 / 100); // about 5% open
        Assert.True(cases.Count(c => c.State == CaseState.Closed) > n / 2, "most cases are closed");
        Assert.All(cases.Where(c => c.State is CaseState.Assigned or CaseState.InProgress or CaseState.Replied or CaseState.Evaluated or CaseState.Closed),
            c => Assert.NotNull(c.OwnerLeaderId));
        var counters = await app.WithDbAsync(db => db.CaseNumberCounters.AsNoTracking().ToListAsync());
        foreach (var group in cases.GroupBy(c => (c.OrgUnitId, c.Number.Year)))
            Assert.Equal(group.Max(c => c.Number.Sequence), counters.Single(x => x.OrgUnitId == group.Key.OrgUnitId && x.Year == group.Key.Year).LastSequence);

        if (deep)
        {
            // Foreign keys hold (PostgreSQL enforces them on insert; SQLite is asked).
            if (provider == DatabaseProvider.Sqlite)
            {
                var problems = await app.WithDbAsync(async db =>
                {
                    var conn = db.Database.GetDbConnection();
                    await conn.OpenAsync();
                    await using var cmd = conn.CreateCommand();
                    cmd.CommandText = "PRAGMA foreign_key_check";
                    await using var reader = await cmd.ExecuteReaderAsync();
                    var rows = 0;
                    while (await reader.ReadAsync()) rows++;
                    return rows;
                });
                Assert.Equal(0, problems);
            }

            // Every petitioner's ID number is valid; 2–4 events per case, registered first.
            var ids = await app.WithDbAsync(db => db.CasePetitioners.Select(p => p.IdentityNumber).ToListAsync());
            Assert.Equal(result.Petitioners, ids.Count);
            Assert.All(ids, id => Assert.Null(IdentityNumber.Validate(id, today)));
            var perCase = await app.WithDbAsync(db => db.CaseEvents.GroupBy(e => e.PetitionCaseId).Select(g => g.Count()).ToListAsync());
            Assert.Equal(n, perCase.Count);
            Assert.All(perCase, k => Assert.InRange(k, 2, 4));

            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<AppDbContext>();
            var service = sp.GetRequiredService<CaseService>();

            // The stored clocks are the domain's: recolouring changes nothing, and recomputing a case's clock neither.
            Assert.Equal(0, await service.RecolourAllAsync());
            var sample = await db.Cases.Include(c => c.Events).Include(c => c.Petitioners).Where(c => c.Colour != null).OrderBy(c => c.Id).Take(60).ToListAsync();
            Assert.NotEmpty(sample);
            foreach (var c in sample)
            {
                var (due, colour, code, last) = (c.DueOn, c.Colour, c.ClockCode, c.LastProgressOn);
                await service.RefreshClockAsync(c);
                Assert.Equal((due, colour, code, last), (c.DueOn, c.Colour, c.ClockCode, c.LastProgressOn));
            }

            db.ChangeTracker.Clear();

            // The app's own queries: the list for the province and a county clerk, the board, a leader's cases; sign-in works.
            var provinceClerk = await ScaleSeed.SignedInAsync(sp, ScaleSeed.ProvinceClerk);
            var countyClerk = await ScaleSeed.SignedInAsync(sp, ScaleSeed.CountyClerk);
            var leader = await ScaleSeed.SignedInAsync(sp, ScaleSeed.LeaderUser);
            Assert.Equal(n, await db.Cases.VisibleTo(db, provinceClerk.Scope).CountAsync());
            var inCounty = await db.Cases.VisibleTo(db, countyClerk.Scope).CountAsync();
            Assert.InRange(inCounty, 1, n / 20);
            Assert.True(await db.Cases.VisibleTo(db, leader.Scope).AllAsync(c => c.OwnerLeaderId == leader.LeaderId || c.ReceivedByLeaderId == leader.LeaderId));

            var query = new CaseListQuery { Open = true, Colour = SupervisionColour.Yellow };
            var (filtered, errors) = await query.ApplyAsync(db.Cases.AsNoTracking().VisibleTo(db, provinceClerk.Scope), db, provinceClerk.Scope);
            Assert.Empty(errors);
            var page = await query.PageAsync(filtered, db);
            Assert.Equal(cases.Count(c => c.Colour == SupervisionColour.Yellow), page.Total);
            Assert.All(page.Items, r => Assert.Equal(SupervisionColour.Yellow, r.Colour));

            var board = await BoardQuery.CountsAsync(db, provinceClerk.Scope, clock);
            Assert.Equal(open, board.Totals.Total);

            var client = await app.LoginAsync(ScaleSeed.CountyClerk);
            var home = await client.GetAsync("/");
            Assert.Equal(System.Net.HttpStatusCode.OK, home.StatusCode);
        }

        // The search index as the app reads it: the same hits for words, a phrase from the replies and names; an ID number
        // (blind index) through the list's own query.
        var hits = await app.WithDbAsync(async db =>
        {
            var lines = new List<string>();
            foreach (var text in new[] { "工资", "污水直排", "建国", "李建国", "补偿款" })
            {
                var ids = await CaseSearchIndex.Matching(db, SearchTerms.Query(text)).OrderBy(i => i).ToListAsync();
                Assert.NotEmpty(ids);
                lines.Add($"search {text}={ids.Count}:{ids.Aggregate(17L, (h, i) => unchecked(h * 31 + i))}");
            }

            var petitioners = await db.CasePetitioners.AsNoTracking().OrderBy(p => p.Id).Take(3).Select(p => new { p.IdentityNumber, p.Phone, p.Name }).ToListAsync();
            lines.Add("petitioners " + string.Join(",", petitioners.Select(p => $"{p.Name}/{p.IdentityNumber}/{p.Phone}")));
            return lines;
        });
        await using (var searchScope = app.Services.CreateAsyncScope())
        {
            var db = searchScope.ServiceProvider.GetRequiredService<AppDbContext>();
            var clerk = await ScaleSeed.SignedInAsync(searchScope.ServiceProvider, ScaleSeed.ProvinceClerk);
            var someone = await db.CasePetitioners.AsNoTracking().OrderBy(p => p.Id).Skip(n / 2).Select(p => p.IdentityNumber).FirstAsync();
            var query = new CaseListQuery { Text = someone };
            var (filtered, errors) = await query.ApplyAsync(db.Cases.AsNoTracking().VisibleTo(db, clerk.Scope), db, clerk.Scope);
            Assert.Empty(errors);
            var page = await query.PageAsync(filtered, db);
            Assert.InRange(page.Total, 1, 10);
            hits.Add($"id number: {page.Total} {string.Join(",", page.Items.Select(i => i.Number))}");
        }

        var fingerprint = string.Join("\n", hits) + "\n" + string.Join("\n", cases.Take(5).Select(c => $"{c.Number}|{c.Summary}|{c.State}|{c.Colour}|{c.DueOn}"))
                          + $"\n{result.Cases}|{result.OpenCases}|{result.Petitioners}|{result.Events}|{result.Leaders}|{result.OrgUnits}"
                          + "\n" + string.Join(",", cases.GroupBy(c => c.State).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"))
                          + "\n" + string.Join(",", cases.GroupBy(c => c.Colour).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"))
                          + "\n" + cases.Aggregate(17L, (h, c) => unchecked(h * 31 + StableHash($"{c.Number}{c.State}{c.DueOn}{c.Summary}"))).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return fingerprint;
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var ch in s) h = (h ^ ch) * 16777619;
            return h;
        }
    }
}
