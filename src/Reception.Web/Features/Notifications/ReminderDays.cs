using Reception.Core.Calendar;

namespace Reception.Web.Features.Notifications;

/// <summary>
/// When the "day before" reminder of a duty or a visit goes out (at 17:00, Asia/Shanghai). The rule:
/// <list type="bullet">
/// <item>For an ordinary working day (Monday–Friday, not in the holiday arrangement) after an ordinary weekend, the
/// working day before the weekend: a Monday's duty is announced on the Friday, at work, not on Sunday evening.</item>
/// <item>Otherwise the evening before: after a holiday, on the holiday's last day (the first working day after the
/// National Day holiday is announced on 7 October, not on 30 September and not on every evening of the holiday); before
/// a make-up working day (调休), on the day before it, which people easily forget is a working day; before a
/// non-working day (a visit on a weekend), the day before.</item>
/// </list>
/// The run on day D therefore reminds of the days X with <see cref="EveOf"/>(X) = D, which are always within the
/// next <see cref="Horizon"/> days. For a year with no holiday data its statutory days are provisional days off and the
/// weekday rule is assumed otherwise (调休 unknown), and the job warns.
/// </summary>
public static class ReminderDays
{
    /// <summary>How far ahead of the run an eve can point (a Friday reminds of the Monday, three days on).</summary>
    public const int Horizon = 4;

    /// <summary>The 7-days-ahead reminder: exactly seven calendar days before (the same weekday next week).</summary>
    public const int WeekAhead = 7;

    public static DateOnly EveOf(DateOnly date, WorkingDayCalendar calendar)
    {
        var before = date.AddDays(-1);
        if (calendar.Describe(date).Kind != DayKind.Workday) return before;
        var d = before;
        while (calendar.Describe(d).Kind == DayKind.Weekend) d = d.AddDays(-1);
        return d != before && calendar.IsWorkingDay(d) ? d : before;
    }
}

/// <summary>Which reminder of a duty or visit is due today.</summary>
public enum ReminderDue
{
    /// <summary>The eve (<see cref="ReminderDays.EveOf"/>).</summary>
    Eve,

    /// <summary>Exactly <see cref="ReminderDays.WeekAhead"/> days before.</summary>
    WeekAhead,
}

/// <summary>
/// What a reminder run looks at: today in China time, the holiday calendar (an unknown year among the days an eve can
/// point to is warned about once, in the run's tally) and the dates it may remind of, tomorrow to a week ahead.
/// </summary>
internal sealed record ReminderWindow(DateOnly Today, WorkingDayCalendar Calendar)
{
    public DateOnly First => Today.AddDays(1);
    public DateOnly Last => Today.AddDays(ReminderDays.WeekAhead);

    public static async Task<ReminderWindow> OpenAsync(Reception.Web.Features.Calendar.HolidayCalendarService calendars, TimeProvider clock,
        AlertTally tally, CancellationToken ct)
    {
        var today = Reception.Core.Time.ChinaTime.Today(clock);
        var calendar = await calendars.GetAsync(ct);
        tally.WarnUnknownYears(calendar, today, today.AddDays(ReminderDays.Horizon));
        return new ReminderWindow(today, calendar);
    }

    /// <summary>The reminder due today for something on <paramref name="date"/>, if any.</summary>
    public ReminderDue? Due(DateOnly date) =>
        ReminderDays.EveOf(date, Calendar) == Today ? ReminderDue.Eve
        : date == Today.AddDays(ReminderDays.WeekAhead) ? ReminderDue.WeekAhead
        : null;
}
