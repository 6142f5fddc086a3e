using Reception.Core.Calendar;
using Reception.Core.Cases;
using Reception.Core.Organisation;
using Reception.Core.Time;
using Reception.Web.Features.Cases;

namespace Reception.Web.Features.Demo;

/// <summary>
/// The demo city's petition cases: <see cref="Total"/> cases received over the ten months before "today" (the injected
/// clock), in every state and — for the open ones, today — every colour, spread over the townships and categories. The
/// leaders (the city's 12 and the townships') own <see cref="LeaderOwned"/> of them and have resolved
/// <see cref="LeaderResolved"/>. Every case is driven through the domain's operations with past timestamps, so the
/// histories are real; then its clock and colour are computed for today. Deterministic for a given "today"
/// (fixed random seed). The stories include 集体访, 重复访, 越级访, 复查/复核 and one 终结 with a later 不再受理 filing,
/// transfers with an objection, an approved extension, a 挂牌督办 case, 督办 notices and 包案 checklists.
/// <para>
/// Numbers are allocated in order of receipt per registering unit and year, and the number counters are filled so that
/// new cases continue after them. No demo case is registered by 青山镇 (qingshan): its numbers stay free for tests.
/// </para>
/// <para>
/// The domain's <see cref="PetitionCase.Assign"/> always names an owning leader, so every case that reached 交办 is owned:
/// the other cases are still 登记/转送/受理 (recent) or were not accepted (不予受理).
/// </para>
/// <para>
/// In three parts: <see cref="DemoCaseTexts"/> (the Chinese texts), <see cref="DemoCasePlan"/> (which cases, in which
/// states, on which days) and <see cref="DemoCaseRunner"/> (applies the plan through the domain).
/// </para>
/// </summary>
public sealed class DemoCases(AppDbContext db, CaseService cases, TimeProvider clock)
{
    public const int RandomSeed = 20_261_122;
    public const int Total = 300;
    public const int LeaderOwned = 140;
    public const int LeaderResolved = 117;

    /// <summary>Received dates reach back this many days.</summary>
    public const int HistoryDays = 300;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var world = await LoadAsync(ct);
        var rng = new Random(RandomSeed);
        var runner = new DemoCaseRunner(db, cases, world, rng);
        var stories = new DemoCasePlan(world, rng, runner).Make();
        runner.AllocateNumbers(stories);
        await runner.RunAsync(stories, ct);
        await tx.CommitAsync(ct);
    }

    private async Task<DemoCaseWorld> LoadAsync(CancellationToken ct)
    {
        var city = await db.OrgUnits.SingleAsync(o => o.Code == DemoData.CityCode, ct);
        var below = await db.OrgUnits.Where(o => o.ParentId != null).ToListAsync(ct);
        var townships = below.Where(o => o.ParentId == city.Id && o.Kind.IsTownshipLevel()).OrderBy(o => o.SortOrder)
            .Select((t, i) => new DemoTownship(t, below.Where(v => v.ParentId == t.Id).OrderBy(v => v.SortOrder).ToList(), i)).ToList();
        var leaders = await db.Leaders.OrderBy(l => l.OrgUnitId).ThenBy(l => l.RotationOrder).ToListAsync(ct);
        var users = await db.Users.Select(u => new { u.Id, u.UserName, u.LeaderId }).ToListAsync(ct);
        var checklist = await db.ChecklistItems.Where(i => i.IsActive).OrderBy(i => i.SortOrder).ToListAsync(ct);
        var known = await db.CaseCategories.Select(c => c.Code).ToListAsync(ct);
        foreach (var topic in DemoCaseTexts.Topics.Keys)
            if (!known.Contains(topic)) throw new InvalidOperationException($"The demo cases need the case category '{topic}'.");
        return new DemoCaseWorld(
            Today: ChinaTime.Today(clock),
            Calendar: await cases.CalendarAsync(ct),
            Rules: cases.Rules,
            City: city,
            Townships: townships,
            Departments: below.Where(o => o.Kind == OrgUnitKind.Department).ToDictionary(o => o.Code),
            CityLeaders: leaders.Where(l => l.OrgUnitId == city.Id).ToList(),
            TownshipLeaders: leaders.Where(l => l.OrgUnitId != city.Id).GroupBy(l => l.OrgUnitId).ToDictionary(g => g.Key, g => g.ToList()),
            LeaderUsers: users.Where(u => u.LeaderId != null).ToDictionary(u => u.LeaderId!.Value, u => u.Id),
            Checklist: checklist,
            Clerk: users.Single(u => u.UserName == "clerk").Id,
            Supervisor: users.Single(u => u.UserName == "supervisor").Id,
            UnitUser: users.Single(u => u.UserName == "unit").Id);
    }
}

/// <summary>What the demo cases are planned over: today, the calendar and rules, the city's places, leaders and users.</summary>
internal sealed record DemoCaseWorld(
    DateOnly Today, WorkingDayCalendar Calendar, CaseRules Rules, OrgUnit City, IReadOnlyList<DemoTownship> Townships,
    IReadOnlyDictionary<string, OrgUnit> Departments, IReadOnlyList<Leader> CityLeaders, IReadOnlyDictionary<int, List<Leader>> TownshipLeaders,
    IReadOnlyDictionary<int, string> LeaderUsers, IReadOnlyList<ChecklistItem> Checklist, string Clerk, string Supervisor, string UnitUser);

/// <summary>A township or street of the demo city with its villages or communities (<see cref="Index"/>: its place among them).</summary>
internal sealed record DemoTownship(OrgUnit Unit, IReadOnlyList<OrgUnit> Villages, int Index);

internal static class DemoPetitioners
{
    /// <summary>A fresh copy (a petitioner row belongs to one case).</summary>
    public static CasePetitioner CopyForDemo(this CasePetitioner p) => new(p.Name, p.IdentityNumber, p.Phone, p.HouseholdLocality, p.Address);
}
