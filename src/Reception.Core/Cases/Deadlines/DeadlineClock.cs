using Reception.Core.Calendar;
using Reception.Core.Common;

namespace Reception.Core.Cases.Deadlines;

/// <summary>An approved extension (延期) of a deadline.</summary>
/// <param name="Days">Extra days in the rule's unit, 1..<see cref="DeadlineRule.MaxExtensionDays"/>.</param>
/// <param name="Reason">Why; the petitioner is told it (required).</param>
/// <param name="ApprovedBy">Who approved it (the unit's head; required).</param>
/// <param name="ApprovedOn">When it was approved, if recorded.</param>
public sealed record DeadlineExtension(int Days, string Reason, string ApprovedBy, DateOnly? ApprovedOn = null);

/// <summary>A period during which the clock stands still (e.g. a hearing 听证), <paramref name="From"/> and
/// <paramref name="To"/> both inclusive.</summary>
public sealed record DeadlinePause(DateOnly From, DateOnly To, string? Reason = null);

/// <summary>The computed deadline of one clock.</summary>
/// <param name="DueDate">The last day on which the act is still in time.</param>
/// <param name="Today">The day <see cref="DaysRemaining"/> is counted from.</param>
/// <param name="DaysRemaining">Calendar days from <see cref="Today"/> to <see cref="DueDate"/>:
/// 0 = due today (not overdue), negative = overdue by that many days.</param>
/// <param name="ExtendedByDays">The approved extension included (0 when none).</param>
/// <param name="PausedDays">Days the clock stood still (in the rule's unit; only paused days inside the running clock count).</param>
/// <param name="MovedFrom">For a calendar-day clock whose last day was an off day: that day (the due date is then the
/// next working day); otherwise null.</param>
/// <param name="UnknownYears">Years whose holiday arrangement is unknown but the answer depended on, ascending.</param>
public sealed record DeadlineAnswer(
    DateOnly DueDate,
    DateOnly Today,
    int DaysRemaining,
    int ExtendedByDays,
    int PausedDays,
    DateOnly? MovedFrom,
    IReadOnlyList<int> UnknownYears)
{
    public bool IsOverdue => DaysRemaining < 0;

    public bool IsCertain => UnknownYears.Count == 0;

    /// <summary>The warning to show when the answer depended on an unknown year (provisional holidays, 调休 not known); null otherwise.</summary>
    public LocalizableMessage? Warning => new CalendarAnswer<DateOnly>(DueDate, UnknownYears).Warning;

    /// <summary>Days remaining counted from another day (negative = overdue).</summary>
    public int DaysRemainingOn(DateOnly today) => DueDate.DayNumber - today.DayNumber;
}

/// <summary>Either an answer or the reasons the inputs (extensions, pauses) are not acceptable.</summary>
public sealed record DeadlineResult(DeadlineAnswer? Answer, IReadOnlyList<LocalizableMessage> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Computes due dates. Dates are calendar dates in Asia/Shanghai (see <see cref="Time.ChinaTime"/>).
/// <para><b>Calendar-day clocks</b> (<see cref="DeadlineUnit.CalendarDays"/>): the day of the start event is day 0
/// (期间开始的当日不计算在期间内), so without pauses the raw due date is <c>start + (Length + extension)</c>.
/// Then, if the raw due date is an off day — a holiday, or a Saturday/Sunday that is not a make-up working day
/// (调休上班) — the due date is the next working day. This is the general rule of Chinese administrative
/// law: 期间届满的最后一日是法定休假日的，以休假日后的第一日为期间届满的日期 (e.g. 行政诉讼法 / 民事诉讼法 on 期间).
/// "The first day after the holidays" is taken as the next working day of the calendar, so a make-up working day
/// counts and a weekend right after the holiday does not.</para>
/// <para><b>Working-day clocks</b> (<see cref="DeadlineUnit.WorkingDays"/>): the due date is the
/// (Length + extension)-th working day strictly after the start day
/// (<see cref="WorkingDayCalendar.AddWorkingDays"/>); it is always a working day, so no move is needed.</para>
/// <para><b>Extension</b>: the extension's days are added to the length before the off-day move (the period is
/// one period of Length + extension days), so an extension never moves the due date earlier.</para>
/// <para><b>Pauses</b>: the clock stands still on paused days. A paused day counts only if it lies after the start
/// day and the clock had not yet run out by then; overlapping pauses count each day once. For a working-day clock
/// only paused working days matter. Equivalently: the due date is the day on which the (Length + extension)-th
/// unpaused day (or unpaused working day) after the start day falls, then moved off an off day as above.
/// With no pauses this is exactly <c>start + N</c> / <c>AddWorkingDays(start, N)</c>.</para>
/// <para><b>Unknown years</b>: the answer lists every year whose arrangement is unknown and on which it depended
/// (for a calendar-day clock: the year of the raw due date and of any day it was moved across; for a working-day
/// clock: every day counted). Nothing is assumed silently: show <see cref="DeadlineAnswer.Warning"/>.</para>
/// </summary>
public static class DeadlineClock
{
    /// <summary>
    /// Checks an extension about to be granted. <paramref name="alreadyGranted"/> is the number of extensions the
    /// clock already has. Returns the problems (empty when acceptable).
    /// </summary>
    public static IReadOnlyList<LocalizableMessage> ValidateExtension(DeadlineRule rule, DeadlineExtension proposed, int alreadyGranted = 0)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(proposed);
        if (rule.MaxExtensionDays is not { } max)
        {
            return [new LocalizableMessage(DeadlineMessages.NotExtendable)];
        }

        var errors = new List<LocalizableMessage>();
        if (alreadyGranted > 0)
        {
            errors.Add(new LocalizableMessage(DeadlineMessages.ExtendedOnlyOnce));
        }

        if (proposed.Days < 1)
        {
            errors.Add(new LocalizableMessage(DeadlineMessages.ExtensionTooShort));
        }
        else if (proposed.Days > max)
        {
            errors.Add(new LocalizableMessage(DeadlineMessages.ExtensionTooLong, max));
        }

        if (string.IsNullOrWhiteSpace(proposed.Reason))
        {
            errors.Add(new LocalizableMessage(DeadlineMessages.ExtensionReasonRequired));
        }

        if (string.IsNullOrWhiteSpace(proposed.ApprovedBy))
        {
            errors.Add(new LocalizableMessage(DeadlineMessages.ExtensionApproverRequired));
        }

        return errors;
    }

    /// <summary>Checks the pauses of a clock. Returns the problems (empty when acceptable).</summary>
    public static IReadOnlyList<LocalizableMessage> ValidatePauses(DeadlineRule rule, IReadOnlyList<DeadlinePause> pauses)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(pauses);
        if (pauses.Count == 0)
        {
            return Array.Empty<LocalizableMessage>();
        }

        if (!rule.CanPause)
        {
            return [new LocalizableMessage(DeadlineMessages.NotPausable)];
        }

        return pauses
            .Where(p => p.To < p.From)
            .Select(p => new LocalizableMessage(DeadlineMessages.PauseEndsBeforeStart, DateText.Of(p.From), DateText.Of(p.To)))
            .ToArray();
    }

    /// <summary>
    /// Computes the due date of <paramref name="rule"/> started on <paramref name="start"/> (see the class remarks
    /// for the exact rules). <paramref name="extensions"/> holds the approved extensions (at most one is allowed);
    /// <paramref name="pauses"/> the periods the clock stood still.
    /// </summary>
    /// <returns>The answer, or the errors when an extension or a pause is not acceptable (then no answer).</returns>
    /// <exception cref="ArgumentException">The rule itself is invalid (rule sets are validated when loaded).</exception>
    public static DeadlineResult Compute(
        DeadlineRule rule,
        DateOnly start,
        WorkingDayCalendar calendar,
        DateOnly today,
        IReadOnlyList<DeadlineExtension>? extensions = null,
        IReadOnlyList<DeadlinePause>? pauses = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(calendar);
        if (rule.Validate() is [var invalid, ..])
        {
            throw new ArgumentException($"The deadline rule is invalid: {invalid}", nameof(rule));
        }

        extensions ??= Array.Empty<DeadlineExtension>();
        pauses ??= Array.Empty<DeadlinePause>();

        var errors = new List<LocalizableMessage>();
        for (var i = 0; i < extensions.Count; i++)
        {
            foreach (var error in ValidateExtension(rule, extensions[i], i))
            {
                if (!errors.Any(e => e.ToString() == error.ToString()))
                {
                    errors.Add(error);
                }
            }
        }

        errors.AddRange(ValidatePauses(rule, pauses));
        if (errors.Count > 0)
        {
            return new DeadlineResult(null, errors);
        }

        var extensionDays = extensions.Sum(e => e.Days);
        var n = rule.Length + extensionDays;
        var unknown = new SortedSet<int>();
        var merged = Merge(pauses);

        DateOnly due;
        int pausedDays;
        DateOnly? movedFrom = null;
        if (rule.Unit == DeadlineUnit.CalendarDays)
        {
            (var raw, pausedDays) = Run(
                start, n, merged,
                count: (from, to) => to.DayNumber - from.DayNumber + 1,
                add: (from, days) => from.AddDays(days));

            // 期间届满的最后一日是法定休假日的，以休假日后的第一日为期间届满的日期: when the last day is an off day
            // (a holiday, or a weekend day that is not a make-up working day), the period ends on the next working day.
            var info = calendar.Describe(raw);
            due = info.IsWorkingDay ? raw : calendar.NextWorkingDay(raw).Value;
            if (due != raw)
            {
                movedFrom = raw;
            }

            unknown.UnionWith(calendar.UnknownYearsBetween(raw, due));
        }
        else
        {
            (due, pausedDays) = Run(
                start, n, merged,
                count: (from, to) => Collect(calendar.CountWorkingDays(from, to), unknown),
                add: (from, days) => Collect(calendar.AddWorkingDays(from, days), unknown));
        }

        var answer = new DeadlineAnswer(
            due, today, due.DayNumber - today.DayNumber, extensionDays, pausedDays, movedFrom, unknown.ToArray());
        return new DeadlineResult(answer, Array.Empty<LocalizableMessage>());
    }

    /// <summary>
    /// Advances <paramref name="n"/> counted days from <paramref name="start"/> (exclusive), skipping the days inside
    /// the pauses (sorted, disjoint). <paramref name="count"/> gives the counted days in an inclusive range,
    /// <paramref name="add"/> the day that is the k-th counted day after a day.
    /// </summary>
    private static (DateOnly Due, int PausedDays) Run(
        DateOnly start,
        int n,
        IReadOnlyList<(DateOnly From, DateOnly To)> pauses,
        Func<DateOnly, DateOnly, int> count,
        Func<DateOnly, int, DateOnly> add)
    {
        var cursor = start; // every counted day up to and including cursor has been used
        var remaining = n;
        var paused = 0;
        foreach (var (pauseFrom, pauseTo) in pauses)
        {
            if (pauseTo <= cursor)
            {
                continue; // before the clock started, or already passed
            }

            var from = pauseFrom > cursor ? pauseFrom : cursor.AddDays(1);
            var available = from > cursor.AddDays(1) ? count(cursor.AddDays(1), from.AddDays(-1)) : 0;
            if (available >= remaining)
            {
                return (add(cursor, remaining), paused); // the clock runs out before this pause
            }

            remaining -= available;
            paused += count(from, pauseTo);
            cursor = pauseTo;
        }

        return (add(cursor, remaining), paused);
    }

    private static List<(DateOnly From, DateOnly To)> Merge(IReadOnlyList<DeadlinePause> pauses)
    {
        var merged = new List<(DateOnly From, DateOnly To)>();
        foreach (var p in pauses.OrderBy(p => p.From))
        {
            if (merged.Count > 0 && p.From.DayNumber <= merged[^1].To.DayNumber + 1)
            {
                if (p.To > merged[^1].To)
                {
                    merged[^1] = (merged[^1].From, p.To);
                }
            }
            else
            {
                merged.Add((p.From, p.To));
            }
        }

        return merged;
    }

    private static T Collect<T>(CalendarAnswer<T> answer, SortedSet<int> unknown)
    {
        unknown.UnionWith(answer.UnknownYears);
        return answer.Value;
    }
}
