using System.Linq.Expressions;
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
/// <param name="Months">The figures per month of receipt (the trend and rate charts); they add up to <paramref name="Figures"/>.</param>
public sealed record MetricsReport(
    MonthRange Period,
    CaseFigures Figures,
    IReadOnlyList<CaseCount> ByCategory,
    IReadOnlyList<CaseCount> ByTownship,
    IReadOnlyList<CaseCount> ByChannel,
    IReadOnlyList<MonthCounts> ByMonth,
    ThreeDeclines Trends,
    IReadOnlyList<MonthFigures> Months);

/// <summary>
/// The case metrics (DESIGN.md "Metrics"; definitions in <see cref="CaseFigures"/>, printed on the page). Every figure is a
/// set-based GROUP BY over the cases given (already scoped to the user): no case is loaded. Each figure is written once:
/// the counts in <see cref="CountsOf"/> and the grouping of "closed on time" in <see cref="ClockKeyOf"/>, whatever the
/// cases are grouped by (nothing, the month of receipt, the owning leader, the handling unit).
/// <para>"Closed on time" needs the handling clock's due date, which is not stored once the case is replied (the running
/// clock's <c>DueOn</c> is cleared then). It is computed from the columns the clock depends on: the closed cases are grouped
/// by appeal level, start day (acceptance in Asia/Shanghai, or the request for an appeal), extension, hearing and reply
/// date; each distinct start gets its due date from the deadline rules once (<see cref="CaseRates.HandlingDueDate"/>).</para>
/// <para>At a million cases a year of a province is some 336,000 cases: each statement over them costs a scan of the
/// period's entries of <c>IX_Cases_Metrics</c> (README "Casework performance", metrics), so the page runs as few as it
/// can — the months' figures are added up from the days of receipt (one statement and one for "closed on time"), the
/// period's from the months, category and channel come from one statement, the township and the previous period's 三下降
/// from one each.</para>
/// </summary>
public sealed partial class CaseMetrics(AppDbContext db, CaseService cases)
{
    /// <summary>Asia/Shanghai is UTC+8 all year (no daylight saving since 1991), so a day there is the UTC instant + 8 hours.</summary>
    private const int ChinaOffsetHours = 8;

    private static readonly CaseState[] OpenStates = [.. CaseStates.Open];

    /// <summary>The counts of one group of cases (all of them, a month of receipt, a leader …), as SQL counts them.</summary>
    private sealed class GroupCounts<TKey>
    {
        public required TKey Key { get; init; }
        public int Total { get; init; }
        public int Owned { get; init; }
        public int Resolved { get; init; }
        public int Closed { get; init; }
        public int OpenOverdue { get; init; }
        public int Evaluated { get; init; }
        public int Satisfied { get; init; }
        public int Repeat { get; init; }
        public int LevelSkipping { get; init; }
        public int Collective { get; init; }

        public CaseFigures Figures(int closedOnTime) => new(Total, Owned, Resolved, Closed, closedOnTime, OpenOverdue, Evaluated, Satisfied);
    }

    /// <summary>The one definition of each count (<see cref="CaseFigures"/>, and the 三下降 flags), per group.</summary>
    private static Expression<Func<IGrouping<TKey, PetitionCase>, GroupCounts<TKey>>> CountsOf<TKey>(DateOnly today) => g => new GroupCounts<TKey>
    {
        Key = g.Key,
        Total = g.Count(),
        Owned = g.Count(c => c.OwnerLeaderId != null),
        Resolved = g.Count(c => c.OwnerLeaderId != null && c.IsResolved),
        Closed = g.Count(c => c.ClosedAtUtc != null),
        OpenOverdue = g.Count(c => OpenStates.Contains(c.State) && c.DueOn < today),
        Evaluated = g.Count(c => c.Evaluation != null),
        Satisfied = g.Count(c => c.Evaluation == Evaluation.Satisfied || c.Evaluation == Evaluation.BasicallySatisfied),
        Repeat = g.Count(c => (c.Flags & CaseFlags.Repeat) != 0),
        LevelSkipping = g.Count(c => (c.Flags & CaseFlags.LevelSkipping) != 0),
        Collective = g.Count(c => (c.Flags & CaseFlags.Collective) != 0),
    };

    /// <summary>The counts of <paramref name="set"/> grouped by <paramref name="key"/>: one statement.</summary>
    private Task<List<GroupCounts<TKey>>> CountsByAsync<TKey>(IQueryable<PetitionCase> set, Expression<Func<PetitionCase, TKey>> key, CancellationToken ct) =>
        set.GroupBy(key).Select(CountsOf<TKey>(cases.Today)).ToListAsync(ct);

    /// <summary>
    /// The day of receipt: the months' cohorts are grouped by day and added up here (a year is 365 rows). Grouped by the
    /// indexed date itself, the databases read the index in order without computing a month per case.
    /// </summary>
    private static readonly Expression<Func<PetitionCase, DateOnly>> DayOfReceipt = c => c.ReceivedOn;

    private static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The counts behind the three rates for <paramref name="scoped"/> as they stand today.</summary>
    public async Task<CaseFigures> FiguresAsync(IQueryable<PetitionCase> scoped, CancellationToken ct = default)
    {
        var counts = (await CountsByAsync(scoped, c => 1, ct)).FirstOrDefault();
        if (counts is null) return CaseFigures.None;
        return counts.Figures(await ClosedOnTimeAsync(scoped, ct));
    }

    /// <summary>
    /// <see cref="FiguresAsync"/> for each value of <paramref name="key"/> at once (the leaders' assessment, the 通报's unit and
    /// leader rankings): the same definitions, two statements whatever the number of groups. Groups without a case are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, CaseFigures>> FiguresByAsync(IQueryable<PetitionCase> scoped, Expression<Func<PetitionCase, int>> key,
        CancellationToken ct = default)
    {
        var counts = await CountsByAsync(scoped, key, ct);
        if (counts.Count == 0) return new Dictionary<int, CaseFigures>();
        var onTime = await ClosedOnTimeByAsync(scoped, key, ct);
        return counts.ToDictionary(c => c.Key, c => c.Figures(onTime.GetValueOrDefault(c.Key)));
    }

    /// <summary>How many closed cases were replied to on or before their handling clock's due date.</summary>
    public async Task<int> ClosedOnTimeAsync(IQueryable<PetitionCase> scoped, CancellationToken ct = default) =>
        (await ClosedOnTimeByAsync(scoped, c => 1, ct)).Values.Sum();

    /// <summary>What the handling clock's due date of a closed case depends on, plus the key the counts are grouped by.</summary>
    private sealed class ClockKey<TKey>
    {
        public required TKey By { get; init; }
        public AppealLevel AppealLevel { get; init; }
        public DateOnly? ReceivedOn { get; init; }
        public DateTime? AcceptedDay { get; init; }
        public DateOnly? FallbackReceivedOn { get; init; }
        public int? ExtensionDays { get; init; }
        public DateOnly? HearingFrom { get; init; }
        public DateOnly? HearingTo { get; init; }
        public DateOnly? ReplyDate { get; init; }
    }

    /// <summary>The one grouping of "closed on time" (the start of the clock and the reply), without its key.</summary>
    private static Expression<Func<PetitionCase, ClockKey<TKey>>> ClockColumns<TKey>() => c => new ClockKey<TKey>
    {
        By = default!,
        AppealLevel = c.AppealLevel,
        ReceivedOn = c.AppealLevel == AppealLevel.Original ? null : c.ReceivedOn,
        AcceptedDay = c.AppealLevel != AppealLevel.Original || c.AcceptedAtUtc == null
            ? null
            : c.AcceptedAtUtc.Value.AddHours(ChinaOffsetHours).Date,
        FallbackReceivedOn = c.AppealLevel == AppealLevel.Original && c.AcceptedAtUtc == null ? c.ReceivedOn : null,
        ExtensionDays = c.ExtensionDays,
        HearingFrom = c.AppealLevel == AppealLevel.ReReview ? c.HearingFrom : null,
        HearingTo = c.AppealLevel == AppealLevel.ReReview ? c.HearingTo : null,
        ReplyDate = c.ReplyDate,
    };

    /// <summary><see cref="ClockColumns{TKey}"/> with <paramref name="key"/> as <c>By</c>.</summary>
    private static Expression<Func<PetitionCase, ClockKey<TKey>>> ClockKeyOf<TKey>(Expression<Func<PetitionCase, TKey>> key)
    {
        var columns = ClockColumns<TKey>();
        var c = columns.Parameters[0];
        var init = (MemberInitExpression)columns.Body;
        var by = new ParameterSwap(key.Parameters[0], c).Visit(key.Body);
        var byMember = typeof(ClockKey<TKey>).GetProperty(nameof(ClockKey<TKey>.By))!;
        return Expression.Lambda<Func<PetitionCase, ClockKey<TKey>>>(
            Expression.MemberInit(init.NewExpression, [.. init.Bindings.Where(b => b.Member.Name != byMember.Name), Expression.Bind(byMember, by)]), c);
    }

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>"Closed on time" per value of <paramref name="key"/>: one grouped statement, the due dates computed here.</summary>
    private async Task<Dictionary<TKey, int>> ClosedOnTimeByAsync<TKey>(IQueryable<PetitionCase> scoped, Expression<Func<PetitionCase, TKey>> key, CancellationToken ct)
        where TKey : notnull
    {
        var groups = await scoped.Where(c => c.ClosedAtUtc != null && c.ReplyDate != null)
            .GroupBy(ClockKeyOf(key))
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var onTime = new Dictionary<TKey, int>();
        if (groups.Count == 0) return onTime;

        var due = await DueDatesAsync(ct);
        foreach (var g in groups)
        {
            var k = g.Key;
            if (!due.OnTime(k.AppealLevel, k.ReceivedOn, k.AcceptedDay, k.FallbackReceivedOn, k.ExtensionDays, k.HearingFrom, k.HearingTo, k.ReplyDate!.Value)) continue;
            onTime[k.By] = onTime.GetValueOrDefault(k.By) + g.Count;
        }
        return onTime;
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

    private static IQueryable<PetitionCase> Received(IQueryable<PetitionCase> scoped, MonthRange period)
    {
        var (first, last) = (period.FirstDay, period.LastDay);
        return scoped.Where(c => c.ReceivedOn >= first && c.ReceivedOn <= last);
    }

    /// <summary>Each month's cohort of <paramref name="period"/>: its figures and its 三下降 counts (two statements).</summary>
    private async Task<IReadOnlyList<(MonthFigures Figures, MonthCounts Counts)>> CohortsAsync(IQueryable<PetitionCase> inPeriod, MonthRange period,
        CancellationToken ct)
    {
        var days = await CountsByAsync(inPeriod, DayOfReceipt, ct);
        var onTime = days.Count == 0 ? [] : (await ClosedOnTimeByAsync(inPeriod, DayOfReceipt, ct))
            .GroupBy(d => MonthOf(d.Key)).ToDictionary(g => g.Key, g => g.Sum(d => d.Value));
        var months = days.GroupBy(d => MonthOf(d.Key)).ToDictionary(g => g.Key, g => g.ToList());
        return period.EachMonth().Select(m => months.GetValueOrDefault(m) is { } r
                ? (new MonthFigures(m, Sum(r.Select(d => d.Figures(0))) with { ClosedOnTime = onTime.GetValueOrDefault(m) }),
                    new MonthCounts(m, r.Sum(d => d.Total), r.Sum(d => d.Repeat), r.Sum(d => d.LevelSkipping), r.Sum(d => d.Collective)))
                : (new MonthFigures(m, CaseFigures.None), new MonthCounts(m, 0, 0, 0, 0)))
            .ToList();
    }

    /// <summary>The sum of the months' figures: the period's (every count is a count of cases, each in one month of receipt).</summary>
    private static CaseFigures Sum(IEnumerable<MonthFigures> months) => Sum(months.Select(m => m.Figures));

    private static CaseFigures Sum(IEnumerable<CaseFigures> figures) => figures.Aggregate(CaseFigures.None, (a, f) => new CaseFigures(
        a.Total + f.Total, a.Owned + f.Owned, a.Resolved + f.Resolved, a.Closed + f.Closed, a.ClosedOnTime + f.ClosedOnTime, a.OpenOverdue + f.OpenOverdue,
        a.Evaluated + f.Evaluated, a.Satisfied + f.Satisfied));

    /// <summary>
    /// The metrics of the cases received in <paramref name="period"/>. Townships are the units one level below
    /// <paramref name="scopePath"/> (the user's org unit); a case counts for the township of its stability-control unit
    /// (属地, by default the petitioner's household-registration locality), or else of the unit that registered it.
    /// The period's figures are the sum of its months' (<see cref="MetricsReport.Months"/>, the charts' series).
    /// </summary>
    public async Task<MetricsReport> ReportAsync(IQueryable<PetitionCase> scoped, MonthRange period, string scopePath, CancellationToken ct = default)
    {
        var inPeriod = Received(scoped, period);
        var cohorts = await CohortsAsync(inPeriod, period, ct);
        var months = cohorts.Select(c => c.Figures).ToList();
        var byMonth = cohorts.Select(c => c.Counts).ToList();
        var figures = Sum(months);

        var (byCategory, byChannel) = await CategoriesAndChannelsAsync(inPeriod, ct);
        var byTownship = await TownshipsAsync(inPeriod, scopePath, ct);

        var previous = await Received(scoped, period.Previous).GroupBy(c => 1).Select(g => new
        {
            Repeat = g.Count(c => (c.Flags & CaseFlags.Repeat) != 0),
            LevelSkipping = g.Count(c => (c.Flags & CaseFlags.LevelSkipping) != 0),
            Collective = g.Count(c => (c.Flags & CaseFlags.Collective) != 0),
        }).FirstOrDefaultAsync(ct);
        var trends = new ThreeDeclines(byMonth.Sum(m => m.Repeat), previous?.Repeat ?? 0, byMonth.Sum(m => m.LevelSkipping), previous?.LevelSkipping ?? 0,
            byMonth.Sum(m => m.Collective), previous?.Collective ?? 0, PreviousHasData: previous is not null);

        return new MetricsReport(period, figures, byCategory, byTownship, byChannel, byMonth, trends, months);
    }

    /// <summary>Counts by top-level category and by channel, from one statement grouped by both (a few hundred groups at most).</summary>
    private async Task<(IReadOnlyList<CaseCount> Categories, IReadOnlyList<CaseCount> Channels)> CategoriesAndChannelsAsync(IQueryable<PetitionCase> inPeriod,
        CancellationToken ct)
    {
        // Channel first: grouped by category first, SQLite walks IX_Cases_CategoryList in order and reads every case's row.
        var counts = await inPeriod.GroupBy(c => new { c.Channel, c.CategoryCode })
            .Select(g => new { g.Key.CategoryCode, g.Key.Channel, Count = g.Count() }).ToListAsync(ct);
        var channels = counts.GroupBy(c => c.Channel).OrderBy(g => g.Key)
            .Select(g => new CaseCount(g.Key.ToString(), g.Key.ToString(), g.Sum(x => x.Count))).ToList();
        var categories = await CategoriesAsync(counts.GroupBy(c => c.CategoryCode).Select(g => (g.Key, g.Sum(x => x.Count))).ToList(), ct);
        return (categories, channels);
    }

    /// <summary>Counts by top-level category (a child category counts for its root), in the tree's order.</summary>
    private async Task<IReadOnlyList<CaseCount>> CategoriesAsync(IReadOnlyList<(string Code, int Count)> counts, CancellationToken ct)
    {
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
        // The paths of the units in the scope's subtree (the others count as outside): a province's 14,000 units are read by
        // the path index in a few ms, where a list of the 13,000 ids that have cases took SQLite seconds as an IN list.
        var paths = await db.OrgUnits.AsNoTracking().Where(o => o.Path.StartsWith(scopePath)).ToDictionaryAsync(o => o.Id, o => o.Path, ct);

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
