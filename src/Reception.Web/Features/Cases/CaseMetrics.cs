using Reception.Core.Cases;

namespace Reception.Web.Features.Cases;

/// <summary>A count of cases under a name (a category, township, channel …).</summary>
public sealed record CaseCount(string Key, string Name, int Count);

/// <summary>One month of the metrics page: all cases received, and the three that should go down (三下降).</summary>
public sealed record MonthCounts(DateOnly Month, int Total, int Repeat, int LevelSkipping, int Collective);

/// <summary>
/// Repeat, 越级 and collective petitions in the period against the period before; a previous period in which no case was
/// registered (before the office used the system) has nothing to compare with.
/// </summary>
public sealed record ThreeDeclines(int Repeat, int PreviousRepeat, int LevelSkipping, int PreviousLevelSkipping, int Collective, int PreviousCollective,
    bool PreviousHasData = true)
{
    public TrendDirection RepeatTrend => CaseRates.Trend(Repeat, PreviousRepeat, PreviousHasData);
    public TrendDirection LevelSkippingTrend => CaseRates.Trend(LevelSkipping, PreviousLevelSkipping, PreviousHasData);
    public TrendDirection CollectiveTrend => CaseRates.Trend(Collective, PreviousCollective, PreviousHasData);
}

/// <summary>Everything the metrics page shows for one period and scope.</summary>
public sealed record MetricsReport(
    MonthRange Period,
    CaseFigures Figures,
    IReadOnlyList<CaseCount> ByCategory,
    IReadOnlyList<CaseCount> ByTownship,
    IReadOnlyList<CaseCount> ByChannel,
    IReadOnlyList<MonthCounts> ByMonth,
    ThreeDeclines Trends);

/// <summary>
/// The case metrics (DESIGN.md "Metrics"; definitions in <see cref="CaseFigures"/>, printed on the page). Every figure is a
/// set-based GROUP BY over the cases given (already scoped to the user): no case is loaded.
/// <para>"Closed on time" needs the handling clock's due date, which is not stored once the case is replied (the running
/// clock's <c>DueOn</c> is cleared then). It is computed from the columns the clock depends on: the closed cases are grouped
/// by appeal level, start day (acceptance in Asia/Shanghai, or the request for an appeal), extension, hearing and reply
/// date; each distinct start gets its due date from the deadline rules once (<see cref="CaseRates.HandlingDueDate"/>).</para>
/// </summary>
public sealed partial class CaseMetrics(AppDbContext db, CaseService cases)
{
    /// <summary>Asia/Shanghai is UTC+8 all year (no daylight saving since 1991), so a day there is the UTC instant + 8 hours.</summary>
    private const int ChinaOffsetHours = 8;

    private static readonly CaseState[] OpenStates = [.. CaseStates.Open];

    /// <summary>The counts behind the three rates for <paramref name="scoped"/> as they stand today.</summary>
    public async Task<CaseFigures> FiguresAsync(IQueryable<PetitionCase> scoped, CancellationToken ct = default)
    {
        var today = cases.Today;
        var counts = await scoped.GroupBy(c => 1).Select(g => new
        {
            Total = g.Count(),
            Owned = g.Count(c => c.OwnerLeaderId != null),
            Resolved = g.Count(c => c.OwnerLeaderId != null && c.IsResolved),
            Closed = g.Count(c => c.ClosedAtUtc != null),
            OpenOverdue = g.Count(c => OpenStates.Contains(c.State) && c.DueOn < today),
            Evaluated = g.Count(c => c.Evaluation != null),
            Satisfied = g.Count(c => c.Evaluation == Evaluation.Satisfied || c.Evaluation == Evaluation.BasicallySatisfied),
        }).FirstOrDefaultAsync(ct);
        if (counts is null) return CaseFigures.None;
        var onTime = await ClosedOnTimeAsync(scoped, ct);
        return new CaseFigures(counts.Total, counts.Owned, counts.Resolved, counts.Closed, onTime, counts.OpenOverdue, counts.Evaluated, counts.Satisfied);
    }

    /// <summary>How many closed cases were replied to on or before their handling clock's due date.</summary>
    public async Task<int> ClosedOnTimeAsync(IQueryable<PetitionCase> scoped, CancellationToken ct = default)
    {
        var groups = await scoped.Where(c => c.ClosedAtUtc != null && c.ReplyDate != null)
            .GroupBy(c => new
            {
                c.AppealLevel,
                ReceivedOn = c.AppealLevel == AppealLevel.Original ? (DateOnly?)null : c.ReceivedOn,
                AcceptedDay = c.AppealLevel != AppealLevel.Original || c.AcceptedAtUtc == null
                    ? (DateTime?)null
                    : c.AcceptedAtUtc.Value.AddHours(ChinaOffsetHours).Date,
                FallbackReceivedOn = c.AppealLevel == AppealLevel.Original && c.AcceptedAtUtc == null ? (DateOnly?)c.ReceivedOn : null,
                c.ExtensionDays,
                HearingFrom = c.AppealLevel == AppealLevel.ReReview ? c.HearingFrom : null,
                HearingTo = c.AppealLevel == AppealLevel.ReReview ? c.HearingTo : null,
                c.ReplyDate,
            })
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        if (groups.Count == 0) return 0;

        var due = await DueDatesAsync(ct);
        return groups.Where(g => due.OnTime(g.Key.AppealLevel, g.Key.ReceivedOn, g.Key.AcceptedDay, g.Key.FallbackReceivedOn, g.Key.ExtensionDays,
            g.Key.HearingFrom, g.Key.HearingTo, g.Key.ReplyDate!.Value)).Sum(g => g.Count);
    }

    private async Task<HandlingDueDates> DueDatesAsync(CancellationToken ct) => new(await cases.CalendarAsync(ct), cases.Rules.Deadlines);

    /// <summary>The handling clock's due date of each distinct start, computed once (the grouped rows of "closed on time").</summary>
    private sealed class HandlingDueDates(Reception.Core.Calendar.WorkingDayCalendar calendar, Reception.Core.Cases.Deadlines.DeadlineRuleSet rules)
    {
        private readonly Dictionary<(AppealLevel, DateOnly, DateOnly?, int?, DateOnly?, DateOnly?), DateOnly> dueDates = [];

        public bool OnTime(AppealLevel level, DateOnly? receivedOn, DateTime? acceptedDay, DateOnly? fallbackReceivedOn, int? extensionDays,
            DateOnly? hearingFrom, DateOnly? hearingTo, DateOnly replyDate)
        {
            DateOnly? accepted = acceptedDay is { } a ? DateOnly.FromDateTime(a) : null;
            var received = receivedOn ?? fallbackReceivedOn ?? accepted!.Value;
            var key = (level, received, accepted, extensionDays, hearingFrom, hearingTo);
            if (!dueDates.TryGetValue(key, out var due))
            {
                dueDates[key] = due = CaseRates.HandlingDueDate(level, received, accepted, extensionDays, hearingFrom, hearingTo, rules, calendar);
            }
            return CaseRates.IsOnTime(replyDate, due);
        }
    }

    /// <summary>
    /// The metrics of the cases received in <paramref name="period"/>. Townships are the units one level below
    /// <paramref name="scopePath"/> (the user's org unit); a case counts for the township of its stability-control unit
    /// (属地, by default the petitioner's household-registration locality), or else of the unit that registered it.
    /// </summary>
    public async Task<MetricsReport> ReportAsync(IQueryable<PetitionCase> scoped, MonthRange period, string scopePath, CancellationToken ct = default)
    {
        var (first, last) = (period.FirstDay, period.LastDay);
        var inPeriod = scoped.Where(c => c.ReceivedOn >= first && c.ReceivedOn <= last);
        var figures = await FiguresAsync(inPeriod, ct);

        var byCategory = await CategoriesAsync(inPeriod, ct);
        var byTownship = await TownshipsAsync(inPeriod, scopePath, ct);
        var byChannel = (await inPeriod.GroupBy(c => c.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .OrderBy(r => r.Key).Select(r => new CaseCount(r.Key.ToString(), r.Key.ToString(), r.Count)).ToList();

        var months = await inPeriod.GroupBy(c => new { c.ReceivedOn.Year, c.ReceivedOn.Month }).Select(g => new
        {
            g.Key.Year,
            g.Key.Month,
            Total = g.Count(),
            Repeat = g.Count(c => (c.Flags & CaseFlags.Repeat) != 0),
            LevelSkipping = g.Count(c => (c.Flags & CaseFlags.LevelSkipping) != 0),
            Collective = g.Count(c => (c.Flags & CaseFlags.Collective) != 0),
        }).ToListAsync(ct);
        var byMonth = period.EachMonth().Select(m => months.FirstOrDefault(r => r.Year == m.Year && r.Month == m.Month) is { } r
            ? new MonthCounts(m, r.Total, r.Repeat, r.LevelSkipping, r.Collective)
            : new MonthCounts(m, 0, 0, 0, 0)).ToList();

        var (pFirst, pLast) = (period.Previous.FirstDay, period.Previous.LastDay);
        var previous = await scoped.Where(c => c.ReceivedOn >= pFirst && c.ReceivedOn <= pLast).GroupBy(c => 1).Select(g => new
        {
            Repeat = g.Count(c => (c.Flags & CaseFlags.Repeat) != 0),
            LevelSkipping = g.Count(c => (c.Flags & CaseFlags.LevelSkipping) != 0),
            Collective = g.Count(c => (c.Flags & CaseFlags.Collective) != 0),
        }).FirstOrDefaultAsync(ct);
        var trends = new ThreeDeclines(byMonth.Sum(m => m.Repeat), previous?.Repeat ?? 0, byMonth.Sum(m => m.LevelSkipping), previous?.LevelSkipping ?? 0,
            byMonth.Sum(m => m.Collective), previous?.Collective ?? 0, PreviousHasData: previous is not null);

        return new MetricsReport(period, figures, byCategory, byTownship, byChannel, byMonth, trends);
    }

    /// <summary>Counts by top-level category (a child category counts for its root), in the tree's order.</summary>
    private async Task<IReadOnlyList<CaseCount>> CategoriesAsync(IQueryable<PetitionCase> inPeriod, CancellationToken ct)
    {
        var counts = await inPeriod.GroupBy(c => c.CategoryCode).Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync(ct);
        var categories = await db.CaseCategories.AsNoTracking().Select(c => new { c.Code, c.Name, c.ParentCode, c.SortOrder }).ToListAsync(ct);
        var byCode = categories.ToDictionary(c => c.Code);

        string Root(string code)
        {
            var seen = new HashSet<string>();
            while (byCode.TryGetValue(code, out var c) && c.ParentCode is { } parent && byCode.ContainsKey(parent) && seen.Add(code)) code = parent;
            return code;
        }

        return counts.GroupBy(c => Root(c.Code))
            .Select(g => new { Code = g.Key, Count = g.Sum(x => x.Count), Category = byCode.GetValueOrDefault(g.Key) })
            .OrderBy(x => x.Category?.SortOrder ?? int.MaxValue).ThenBy(x => x.Code, StringComparer.Ordinal)
            .Select(x => new CaseCount(x.Code, x.Category?.Name ?? x.Code, x.Count))
            .ToList();
    }

    /// <summary>Counts by the unit one level below the scope (the scope's own unit: key "", units outside it: key "-").</summary>
    private async Task<IReadOnlyList<CaseCount>> TownshipsAsync(IQueryable<PetitionCase> inPeriod, string scopePath, CancellationToken ct)
    {
        var counts = await inPeriod.GroupBy(c => c.StabilityControlUnitId ?? c.OrgUnitId).Select(g => new { UnitId = g.Key, Count = g.Count() }).ToListAsync(ct);
        if (counts.Count == 0) return [];
        var ids = counts.Select(c => c.UnitId).ToList();
        var paths = await db.OrgUnits.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Path, ct);

        string Township(int unitId)
        {
            if (!paths.TryGetValue(unitId, out var path) || !path.StartsWith(scopePath, StringComparison.Ordinal)) return "-";
            if (path.Length == scopePath.Length) return "";
            return path[..(path.IndexOf('/', scopePath.Length) + 1)];
        }

        var byTownship = counts.GroupBy(c => Township(c.UnitId)).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var townshipPaths = byTownship.Keys.Where(k => k.Length > 1).ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(o => townshipPaths.Contains(o.Path))
            .Select(o => new { o.Path, o.Name, o.SortOrder }).ToListAsync(ct);
        var scopeName = await db.OrgUnits.AsNoTracking().Where(o => o.Path == scopePath).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";

        return byTownship
            .Select(p => p.Key switch
            {
                "" => (Order: -1, Row: new CaseCount("", scopeName, p.Value)),
                "-" => (Order: int.MaxValue, Row: new CaseCount("-", "", p.Value)),
                _ => units.FirstOrDefault(u => u.Path == p.Key) is { } u
                    ? (Order: u.SortOrder, Row: new CaseCount(p.Key, u.Name, p.Value))
                    : (Order: int.MaxValue - 1, Row: new CaseCount(p.Key, p.Key, p.Value)),
            })
            .OrderBy(x => x.Order).ThenBy(x => x.Row.Key, StringComparer.Ordinal)
            .Select(x => x.Row)
            .ToList();
    }
}
