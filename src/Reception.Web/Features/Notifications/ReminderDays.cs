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
/// <para>
/// A reminder is due at 17:00 (<see cref="SendTime"/>, China time) of its day — the eve, or seven days before. A run
/// sends those whose moment lies after the job's last successful run (<c>Since</c>, from the JobRuns ledger; a day
/// back when there is none, a week at most) and not after now. So reminders missed while the app was down catch up at the
/// next run — the start-up run after downtime — as long as they are useful: a duty from tomorrow on (a missed eve
/// reminder of tomorrow's duty goes at once), and a missed week-ahead reminder only while the eve is still to come.
/// The occurrence keys keep each reminder once, however many runs see it.
/// </para>
/// </summary>
internal sealed record ReminderWindow(DateOnly Today, WorkingDayCalendar Calendar, DateTime NowUtc, DateTime SinceUtc)
{
    /// <summary>The time of day a reminder is due (the reminder jobs' default schedule).</summary>
    public static readonly TimeOnly SendTime = new(17, 0);

    public DateOnly First => Today.AddDays(1);
    public DateOnly Last => Today.AddDays(ReminderDays.WeekAhead);

    public static async Task<ReminderWindow> OpenAsync(Reception.Web.Features.Calendar.HolidayCalendarService calendars, TimeProvider clock,
        AlertTally tally, Reception.Web.Data.AppDbContext db, string jobName, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Reception.Core.Time.ChinaTime.Today(clock);
        var calendar = await calendars.GetAsync(ct);
        tally.WarnUnknownYears(calendar, today, today.AddDays(ReminderDays.Horizon));
        var last = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MaxAsync(
            db.JobRuns.Where(r => r.JobName == jobName && r.Outcome == Reception.Core.Jobs.JobRunOutcome.Succeeded && r.ScheduledAtUtc < now)
                .Select(r => (DateTime?)r.ScheduledAtUtc), ct);
        var since = last is { } l ? (l < now.AddDays(-ReminderDays.WeekAhead) ? now.AddDays(-ReminderDays.WeekAhead) : l) : now.AddDays(-1);
        return new ReminderWindow(today, calendar, now, DateTime.SpecifyKind(since, DateTimeKind.Utc));
    }

    /// <summary>The reminder due in this run for something on <paramref name="date"/>, if any.</summary>
    public ReminderDue? Due(DateOnly date)
    {
        if (date <= Today) return null;
        var eve = ReminderDays.EveOf(date, Calendar);
        if (InWindow(eve)) return ReminderDue.Eve;
        return eve > Today && InWindow(date.AddDays(-ReminderDays.WeekAhead)) ? ReminderDue.WeekAhead : null;
    }

    private bool InWindow(DateOnly day)
    {
        var at = Reception.Core.Time.ChinaTime.ToUtc(day, SendTime);
        return at > SinceUtc && at <= NowUtc;
    }
}
