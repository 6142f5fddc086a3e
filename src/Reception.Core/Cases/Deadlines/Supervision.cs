using System.Globalization;
using Reception.Core.Common;

namespace Reception.Core.Cases.Deadlines;

/// <summary>The four supervision colours (红黄蓝绿挂牌督办), in rising order of urgency; the numeric values are stable
/// (store and compare them as ints: a higher value is more urgent).</summary>
public enum SupervisionColour
{
    Green = 0,
    Blue = 1,
    Yellow = 2,
    Red = 3,
}

/// <summary>
/// The configurable thresholds of the four colours, as plain ints (DESIGN.md defaults: blue ≤ 7 days left; yellow
/// overdue or no progress for 15 days; red overdue more than 15 days, or a key case escalated).
/// </summary>
public sealed record SupervisionThresholds
{
    public const int MaxDays = 365;

    public static SupervisionThresholds Default { get; } = new();

    /// <summary>Blue when at most this many days are left (0..365). Default 7.</summary>
    public int BlueDaysLeft { get; init; } = 7;

    /// <summary>Yellow when there has been no progress for at least this many days (1..365). Default 15.</summary>
    public int YellowNoProgressDays { get; init; } = 15;

    /// <summary>Red when overdue by more than this many days (0..365). Default 15.</summary>
    public int RedOverdueDays { get; init; } = 15;

    /// <summary>Problems with the values; empty when valid.</summary>
    public IReadOnlyList<LocalizableMessage> Validate()
    {
        var errors = new List<LocalizableMessage>();
        if (BlueDaysLeft is < 0 or > MaxDays)
        {
            errors.Add(new LocalizableMessage(DeadlineMessages.BlueThresholdOutOfRange, 0, MaxDays));
        }

        if (YellowNoProgressDays is < 1 or > MaxDays)
        {
            errors.Add(new LocalizableMessage(DeadlineMessages.NoProgressThresholdOutOfRange, 1, MaxDays));
        }

        if (RedOverdueDays is < 0 or > MaxDays)
        {
            errors.Add(new LocalizableMessage(DeadlineMessages.RedThresholdOutOfRange, 0, MaxDays));
        }

        return errors;
    }
}

/// <summary>A colour and why (the first condition that gave it, in the order of <see cref="Supervision.ColourOf(DateOnly, DateOnly, DateOnly, bool, SupervisionThresholds?)"/>).</summary>
public sealed record SupervisionResult(SupervisionColour Colour, LocalizableMessage Reason);

/// <summary>
/// Cut-off dates for one "today", so a set-based query can colour cases by comparing stored date columns with
/// constants (see <see cref="Supervision"/> for the SQL).
/// </summary>
/// <param name="RedIfDueBefore">Red when <c>due_date &lt; RedIfDueBefore</c> (= today − RedOverdueDays).</param>
/// <param name="YellowIfDueBefore">Yellow when <c>due_date &lt; YellowIfDueBefore</c> (= today).</param>
/// <param name="YellowIfLastProgressOnOrBefore">Yellow when <c>last_progress_date &lt;= YellowIfLastProgressOnOrBefore</c>
/// (= today − YellowNoProgressDays).</param>
/// <param name="BlueIfDueOnOrBefore">Blue when <c>due_date &lt;= BlueIfDueOnOrBefore</c> (= today + BlueDaysLeft).</param>
public readonly record struct SupervisionBoundaries(
    DateOnly RedIfDueBefore,
    DateOnly YellowIfDueBefore,
    DateOnly YellowIfLastProgressOnOrBefore,
    DateOnly BlueIfDueOnOrBefore);

/// <summary>
/// The four-colour supervision of an open clock. With <c>daysLeft = due − today</c> (calendar days; negative =
/// overdue) and <c>daysSinceProgress = today − last_progress</c> (the last progress entry, or the clock's start when
/// there is none), and thresholds B = <see cref="SupervisionThresholds.BlueDaysLeft"/>,
/// P = <see cref="SupervisionThresholds.YellowNoProgressDays"/>, R = <see cref="SupervisionThresholds.RedOverdueDays"/>,
/// the colour is the first that holds of:
/// <list type="number">
/// <item>Red: <c>escalated || daysLeft &lt; −R</c> (overdue by more than R days; with R = 15 from 16 days overdue).</item>
/// <item>Yellow: <c>daysLeft &lt; 0 || daysSinceProgress &gt;= P</c>.</item>
/// <item>Blue: <c>daysLeft &lt;= B</c>.</item>
/// <item>Green otherwise.</item>
/// </list>
/// In dates, with the constants of <see cref="DueDateBoundaries"/> (the stored, precomputed due date), this is:
/// <code>
/// CASE
///   WHEN c.is_key_case_escalated OR c.due_date &lt; @red_if_due_before                 THEN 3 -- Red
///   WHEN c.due_date &lt; @yellow_if_due_before
///        OR c.last_progress_date &lt;= @yellow_if_last_progress_on_or_before          THEN 2 -- Yellow
///   WHEN c.due_date &lt;= @blue_if_due_on_or_before                                  THEN 1 -- Blue
///   ELSE 0                                                                          -- Green
/// END
/// </code>
/// (<see cref="ColourOfDates"/> is that query in C#, and agrees with <see cref="ColourOf(DateOnly, DateOnly, DateOnly, bool, SupervisionThresholds?)"/>.)
/// </summary>
public static class Supervision
{
    /// <summary>The colour of a clock and the reason. See the class remarks for the exact conditions.</summary>
    /// <exception cref="ArgumentException">The thresholds are invalid.</exception>
    public static SupervisionResult ColourOf(
        int daysLeft, int daysSinceLastProgress, bool isKeyCaseEscalated, SupervisionThresholds? thresholds = null)
    {
        var t = Checked(thresholds);
        if ((long)daysLeft < -(long)t.RedOverdueDays)
        {
            return new(SupervisionColour.Red, new LocalizableMessage(DeadlineMessages.ReasonOverdueBeyondRed, Overdue(daysLeft), t.RedOverdueDays));
        }

        if (isKeyCaseEscalated)
        {
            return new(SupervisionColour.Red, new LocalizableMessage(DeadlineMessages.ReasonKeyCaseEscalated));
        }

        if (daysLeft < 0)
        {
            return new(SupervisionColour.Yellow, new LocalizableMessage(DeadlineMessages.ReasonOverdue, Overdue(daysLeft)));
        }

        if (daysSinceLastProgress >= t.YellowNoProgressDays)
        {
            return new(SupervisionColour.Yellow, new LocalizableMessage(DeadlineMessages.ReasonNoProgress, daysSinceLastProgress));
        }

        if (daysLeft <= t.BlueDaysLeft)
        {
            return daysLeft == 0
                ? new(SupervisionColour.Blue, new LocalizableMessage(DeadlineMessages.ReasonDueToday))
                : new(SupervisionColour.Blue, new LocalizableMessage(DeadlineMessages.ReasonDueSoon, daysLeft));
        }

        return new(SupervisionColour.Green, new LocalizableMessage(DeadlineMessages.ReasonOnTrack, daysLeft));
    }

    /// <summary>The colour from dates: <c>daysLeft = dueDate − today</c>, <c>daysSinceLastProgress = today − lastProgress</c>.</summary>
    public static SupervisionResult ColourOf(
        DateOnly dueDate, DateOnly lastProgress, DateOnly today, bool isKeyCaseEscalated, SupervisionThresholds? thresholds = null) =>
        ColourOf(dueDate.DayNumber - today.DayNumber, today.DayNumber - lastProgress.DayNumber, isKeyCaseEscalated, thresholds);

    /// <summary>The cut-off dates for a set-based query (see the class remarks).</summary>
    /// <exception cref="ArgumentException">The thresholds are invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A cut-off falls outside the range of <see cref="DateOnly"/>.</exception>
    public static SupervisionBoundaries DueDateBoundaries(DateOnly today, SupervisionThresholds? thresholds = null)
    {
        var t = Checked(thresholds);
        return new SupervisionBoundaries(
            RedIfDueBefore: today.AddDays(-t.RedOverdueDays),
            YellowIfDueBefore: today,
            YellowIfLastProgressOnOrBefore: today.AddDays(-t.YellowNoProgressDays),
            BlueIfDueOnOrBefore: today.AddDays(t.BlueDaysLeft));
    }

    /// <summary>The colour by comparing dates with the boundaries only: exactly the SQL CASE of the class remarks.</summary>
    public static SupervisionColour ColourOfDates(DateOnly dueDate, DateOnly lastProgress, bool isKeyCaseEscalated, SupervisionBoundaries b)
    {
        if (isKeyCaseEscalated || dueDate < b.RedIfDueBefore)
        {
            return SupervisionColour.Red;
        }

        if (dueDate < b.YellowIfDueBefore || lastProgress <= b.YellowIfLastProgressOnOrBefore)
        {
            return SupervisionColour.Yellow;
        }

        return dueDate <= b.BlueIfDueOnOrBefore ? SupervisionColour.Blue : SupervisionColour.Green;
    }

    private static SupervisionThresholds Checked(SupervisionThresholds? thresholds)
    {
        var t = thresholds ?? SupervisionThresholds.Default;
        if (t.Validate() is [var first, ..])
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "The supervision thresholds are invalid: {0}", first), nameof(thresholds));
        }

        return t;
    }

    private static int Overdue(int daysLeft) => daysLeft == int.MinValue ? int.MaxValue : -daysLeft;
}

/// <summary>Whether a colour change is a rise (to be recorded as an event and alerted).</summary>
public static class ColourRise
{
    /// <summary>
    /// True when <paramref name="newColour"/> is more urgent than <paramref name="oldColour"/>. A clock coloured for
    /// the first time (<paramref name="oldColour"/> null) counts as coming from green. A fall or no change is not a rise.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a defined colour.</exception>
    public static bool Rose(SupervisionColour? oldColour, SupervisionColour newColour)
    {
        var from = oldColour ?? SupervisionColour.Green;
        if (!Enum.IsDefined(from))
        {
            throw new ArgumentOutOfRangeException(nameof(oldColour), oldColour, "Not a supervision colour.");
        }

        if (!Enum.IsDefined(newColour))
        {
            throw new ArgumentOutOfRangeException(nameof(newColour), newColour, "Not a supervision colour.");
        }

        return newColour > from;
    }
}
