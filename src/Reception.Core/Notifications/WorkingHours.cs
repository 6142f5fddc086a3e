using Reception.Core.Calendar;
using Reception.Core.Time;

namespace Reception.Core.Notifications;

/// <summary>
/// When an email may go out (DESIGN.md "Background jobs": alerts go out in working hours only). A message of an
/// <see cref="NotificationUrgency.Immediate"/> kind goes at once. Any other waits, when written outside the working
/// hours (China time, default 08:30–17:30) or on a day off, for the start of the next working day — a make-up working
/// Saturday or Sunday (调休上班) counts, an official holiday does not.
/// <para>
/// For a year whose holiday arrangement is unknown the calendar assumes Monday–Friday; the answer then names that year
/// in <see cref="CalendarAnswer{T}.UnknownYears"/> so the caller warns (never silently).
/// </para>
/// </summary>
public sealed record WorkingHours
{
    /// <summary>08:30–17:30, the office day of a Chinese government office.</summary>
    public static WorkingHours Default { get; } = new(new TimeOnly(8, 30), new TimeOnly(17, 30));

    /// <param name="start">The first moment of the working day (China time).</param>
    /// <param name="end">The end of the working day (exclusive).</param>
    public WorkingHours(TimeOnly start, TimeOnly end)
    {
        if (end <= start) throw new ArgumentException($"Working hours must end after they start ({start:HH\\:mm}–{end:HH\\:mm}).", nameof(end));
        Start = start;
        End = end;
    }

    public TimeOnly Start { get; }
    public TimeOnly End { get; }

    /// <summary>Whether the instant falls on a working day within the hours (and which unknown years that assumed).</summary>
    public CalendarAnswer<bool> IsWithin(DateTime nowUtc, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var local = ChinaTime.ToLocal(nowUtc);
        var day = calendar.Describe(DateOnly.FromDateTime(local));
        var time = TimeOnly.FromDateTime(local);
        return new CalendarAnswer<bool>(day.IsWorkingDay && time >= Start && time < End, day.YearKnown ? [] : [day.Date.Year]);
    }

    /// <summary>
    /// The earliest instant (UTC) at which a message written at <paramref name="nowUtc"/> may be sent: now when it is
    /// within the working hours of a working day; the start of today when it is a working day and earlier than that;
    /// else the start of the next working day.
    /// </summary>
    public CalendarAnswer<DateTime> NextSendTime(DateTime nowUtc, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        nowUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        var local = ChinaTime.ToLocal(nowUtc);
        var today = calendar.Describe(DateOnly.FromDateTime(local));
        var time = TimeOnly.FromDateTime(local);
        IReadOnlyList<int> unknown = today.YearKnown ? [] : [today.Date.Year];
        if (today.IsWorkingDay)
        {
            if (time < Start) return new CalendarAnswer<DateTime>(ChinaTime.ToUtc(today.Date, Start), unknown);
            if (time < End) return new CalendarAnswer<DateTime>(nowUtc, unknown);
        }

        var next = calendar.NextWorkingDay(today.Date);
        return new CalendarAnswer<DateTime>(ChinaTime.ToUtc(next.Value, Start), unknown.Union(next.UnknownYears).Order().ToArray());
    }

    /// <summary>When a message of this kind may be sent: now for an urgent kind, else <see cref="NextSendTime"/>.</summary>
    public CalendarAnswer<DateTime> SendTimeFor(NotificationKind kind, DateTime nowUtc, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.Urgency == NotificationUrgency.Immediate
            ? new CalendarAnswer<DateTime>(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), [])
            : NextSendTime(nowUtc, calendar);
    }
}
