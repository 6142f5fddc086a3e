using Reception.Core.Rotas;

namespace Reception.Core.Reports;

/// <summary>
/// When the periodic 通报 of each kind is drafted (issue 19 item 2): a period is drafted on the day after it ends — a month
/// on the 1st of the next month, a quarter, half-year or year on the 1st after its last month. A job that was not running on
/// that day still drafts it within <see cref="CatchUpDays"/> days; an older period is left alone (nobody wants a 通报 of a
/// month long gone drafted by surprise).
/// </summary>
public static class PeriodicSchedule
{
    /// <summary>
    /// How long after its drafting day a period is still drafted by a late run: less than the 28 days between two drafting
    /// days, so a run drafts at most one period of each kind.
    /// </summary>
    public const int CatchUpDays = 27;

    /// <summary>The kinds of 通报, in the order the archive lists them.</summary>
    public static IReadOnlyList<PeriodKind> Kinds { get; } = [PeriodKind.Month, PeriodKind.Quarter, PeriodKind.HalfYear, PeriodKind.Year];

    /// <summary>The day a period's 通报 is drafted: the day after its last day.</summary>
    public static DateOnly DraftOn(ReportPeriod period) => period.EndsBefore;

    /// <summary>The period of <paramref name="kind"/> that ended last before <paramref name="today"/>.</summary>
    public static ReportPeriod LastEnded(PeriodKind kind, DateOnly today) =>
        ReportPeriod.Containing(kind, ReportPeriod.Containing(kind, today).From.AddDays(-1));

    /// <summary>
    /// The periods to be drafted as of <paramref name="today"/>: of each kind, those whose drafting day is today or in the
    /// <paramref name="catchUpDays"/> days before, newest first within a kind.
    /// </summary>
    public static IReadOnlyList<ReportPeriod> Due(DateOnly today, int catchUpDays = CatchUpDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(catchUpDays);
        var earliest = today.AddDays(-catchUpDays);
        var due = new List<ReportPeriod>();
        foreach (var kind in Kinds)
        {
            for (var p = LastEnded(kind, today); DraftOn(p) >= earliest; p = LastEnded(kind, p.From))
            {
                due.Add(p);
                if (p.Year <= 2000) break;
            }
        }
        return due;
    }
}
