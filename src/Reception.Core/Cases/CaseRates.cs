using System.Globalization;
using Reception.Core.Calendar;
using Reception.Core.Cases.Deadlines;

namespace Reception.Core.Cases;

/// <summary>
/// The counts behind the three rates of the metrics page and a leader's "my figures" (DESIGN.md "Metrics"):
/// <list type="bullet">
/// <item>resolution rate = <see cref="Resolved"/> ÷ <see cref="Owned"/> (cases with an owning leader);</item>
/// <item>on-time rate = <see cref="ClosedOnTime"/> ÷ (<see cref="Closed"/> + <see cref="OpenOverdue"/>);</item>
/// <item>satisfaction = <see cref="Satisfied"/> (满意 + 基本满意) ÷ <see cref="Evaluated"/>.</item>
/// </list>
/// </summary>
public sealed record CaseFigures(int Total, int Owned, int Resolved, int Closed, int ClosedOnTime, int OpenOverdue, int Evaluated, int Satisfied)
{
    public static CaseFigures None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public double? ResolutionRate => CaseRates.Rate(Resolved, Owned);
    public double? OnTimeRate => CaseRates.Rate(ClosedOnTime, Closed + OpenOverdue);
    public double? SatisfactionRate => CaseRates.Rate(Satisfied, Evaluated);
}

/// <summary>Which way a count moved against the previous period ("三下降": repeat, 越级 and collective petitions should go down).</summary>
public enum TrendDirection
{
    Down = -1,
    Level = 0,
    Up = 1,

    /// <summary>The previous period has no data to compare with (no case registered in it): 无可比数据.</summary>
    NoData = 2,
}

/// <summary>The pure formulas of the case metrics: rates with an empty denominator, trends, and "closed on time".</summary>
public static class CaseRates
{
    /// <summary>What a rate shows when its denominator is 0 (nothing to measure is not 0 %).</summary>
    public const string NoRate = "—";

    /// <summary><paramref name="numerator"/> ÷ <paramref name="denominator"/>, or null when the denominator is 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static double? Rate(int numerator, int denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerator);
        ArgumentOutOfRangeException.ThrowIfNegative(denominator);
        return denominator == 0 ? null : (double)numerator / denominator;
    }

    /// <summary>"85.7%" (one decimal, rounded half away from zero), or <see cref="NoRate"/> for no rate.</summary>
    public static string Percent(double? rate) =>
        rate is { } r ? Math.Round(r * 100, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture) + "%" : NoRate;

    /// <summary>The trend against a previous period, or <see cref="TrendDirection.NoData"/> when that period had no data at all.</summary>
    public static TrendDirection Trend(int current, int previous, bool previousHasData) =>
        previousHasData ? Trend(current, previous) : TrendDirection.NoData;

    public static TrendDirection Trend(int current, int previous) =>
        current < previous ? TrendDirection.Down : current > previous ? TrendDirection.Up : TrendDirection.Level;

    /// <summary>The change against the previous period as a fraction (−0.25 = a quarter fewer), or null when the previous count is 0.</summary>
    public static double? Change(int current, int previous) =>
        previous == 0 ? null : (double)(current - previous) / previous;

    /// <summary>
    /// A closed case was handled on time when its written reply (答复, which stops the statutory clock — the case page shows
    /// the handling clock as met on that day) is dated on or before the handling clock's due date.
    /// </summary>
    public static bool IsOnTime(DateOnly repliedOn, DateOnly dueOn) => repliedOn <= dueOn;

    /// <summary>
    /// The due date of the handling clock of a case, from the few stored columns a set-based query can group by (the same
    /// rule as <see cref="CaseClocks"/>): <c>handle</c> from acceptance (plus an approved extension) for an original matter,
    /// <c>review-answer</c> / <c>rereview-answer</c> (hearing days paused) from the request for an appeal.
    /// </summary>
    /// <param name="acceptedOn">The day of acceptance in Asia/Shanghai (null: the received date, as <see cref="CaseClocks"/> does).</param>
    public static DateOnly HandlingDueDate(AppealLevel level, DateOnly receivedOn, DateOnly? acceptedOn, int? extensionDays,
        DateOnly? hearingFrom, DateOnly? hearingTo, DeadlineRuleSet rules, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var (rule, start) = level switch
        {
            AppealLevel.Review => (rules[DeadlineRules.ReviewAnswer], receivedOn),
            AppealLevel.ReReview => (rules[DeadlineRules.RereviewAnswer], receivedOn),
            _ => (rules[DeadlineRules.Handle], acceptedOn ?? receivedOn),
        };
        IReadOnlyList<DeadlineExtension>? extensions = rule.CanExtend && extensionDays is { } days
            ? [new DeadlineExtension(days, "-", "approved")]
            : null;
        IReadOnlyList<DeadlinePause>? pauses = rule.CanPause && hearingFrom is { } from && hearingTo is { } to && to >= from
            ? [new DeadlinePause(from, to)]
            : null;
        // "today" only sets DaysRemaining, which is not used here.
        var result = DeadlineClock.Compute(rule, start, calendar, start, extensions, pauses);
        return (result.Answer ?? DeadlineClock.Compute(rule, start, calendar, start).Answer!).DueDate;
    }
}

/// <summary>
/// A period of the metrics page: whole months from <see cref="First"/> to <see cref="Last"/> (first days of months,
/// inclusive), e.g. a year or a month range, and the period of the same length just before it (for the trends).
/// </summary>
public readonly record struct MonthRange
{
    /// <summary>The longest range the page accepts (five years).</summary>
    public const int MaxMonths = 60;

    private MonthRange(DateOnly first, DateOnly last)
    {
        First = first;
        Last = last;
    }

    public DateOnly First { get; }
    public DateOnly Last { get; }

    public int Months => (Last.Year - First.Year) * 12 + Last.Month - First.Month + 1;
    public DateOnly FirstDay => First;
    public DateOnly LastDay => Last.AddMonths(1).AddDays(-1);
    public bool IsWholeYear => First.Month == 1 && Last.Month == 12 && First.Year == Last.Year;

    /// <summary>The same number of months immediately before.</summary>
    public MonthRange Previous => new(First.AddMonths(-Months), First.AddMonths(-1));

    public static MonthRange Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 1));

    /// <summary>The months from <paramref name="from"/> to <paramref name="to"/> (any day of each); null when reversed or longer than <see cref="MaxMonths"/>.</summary>
    public static MonthRange? Between(DateOnly from, DateOnly to)
    {
        var range = new MonthRange(new DateOnly(from.Year, from.Month, 1), new DateOnly(to.Year, to.Month, 1));
        return range.Last < range.First || range.Months > MaxMonths ? null : range;
    }

    public IEnumerable<DateOnly> EachMonth()
    {
        for (var m = First; m <= Last; m = m.AddMonths(1)) yield return m;
    }
}
