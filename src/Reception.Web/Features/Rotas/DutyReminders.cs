using Reception.Core.Notifications;
using Reception.Web.Features.Calendar;

namespace Reception.Web.Features.Rotas;

/// <summary>
/// The duty reminder (daily at 17:00): each leader on duty is reminded on the eve of the duty (<see cref="ReminderDays.EveOf"/>:
/// the Friday for a Monday, the last day of a holiday for the first working day after it, the day before a make-up working
/// day) and exactly seven calendar days before it. Only live duties of published rotas count (not cancelled, the rule
/// active). Every decision comes from the injected clock and the holiday calendar; an unknown year is a warning.
/// <para>Each reminder is one occurrence, "duty-reminder:{date}:duty-{id}" (and "duty-reminder-7d:…"), so running the
/// job twice, or twice in one evening, queues nothing more; a duty handed to another leader reminds the new one.</para>
/// <para>The eve reminders of a rule's unit also go to that unit's group robot, if it has one: one message per unit and
/// day listing the sessions and leaders ("duty-reminder:{date}:org-{unit}").</para>
/// </summary>
public sealed class DutyReminders(AppDbContext db, Notifier notifier, HolidayCalendarService calendars, TimeProvider clock, UnitRobots robots) : IReceptionJob
{
    public const string Name = "DutyReminder";

    /// <summary>The scheduled job: the work of <see cref="RunAsync(CancellationToken)"/>; its summary goes to the ledger.</summary>
    async Task<string?> IReceptionJob.RunAsync(JobOccurrence occurrence, CancellationToken ct) => (await RunAsync(ct)).Summary;

    public async Task<AlertRun> RunAsync(CancellationToken ct = default)
    {
        var tally = new AlertTally(db, Name);
        var window = await ReminderWindow.OpenAsync(calendars, clock, tally, db, Name, ct);
        var (today, first, last) = (window.Today, window.First, window.Last);

        // One query: the live duties of published rotas in the next week, with what the message needs.
        var duties = await DutySlots.Of(db).Published()
            .Where(s => s.Date >= first && s.Date <= last && !s.IsCancelled)
            .OrderBy(s => s.Date).ThenBy(s => s.Start).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Date, s.LeaderId, RuleId = s.DutyRuleId, s.Month, Session = s.SessionName, s.Start, s.End, Venue = s.VenueName, Address = s.VenueAddress, s.OrgUnitId, s.LeaderName, s.RuleName })
            .ToListAsync(ct);

        foreach (var d in duties)
        {
            if (window.Due(d.Date) is not { } due) continue;
            var prefix = due == ReminderDue.Eve ? "duty-reminder" : "duty-reminder-7d";

            tally.Occurrences++;
            var date = DateLabel(d.Date);
            var link = string.Create(CultureInfo.InvariantCulture, $"/Rotas/Month?rule={d.RuleId}&month={DateText.Month(d.Month)}");
            var (session, start, end, venue, address) = (d.Session, Time(d.Start), Time(d.End), d.Venue, d.Address);
            await notifier.ToLeadersAsync([d.LeaderId], new OutgoingNotification(NotificationKinds.DutyReminder,
                new Message(AlertTexts.DutyTitle, date),
                new Message(AlertTexts.DutyBody, Relative(today, d.Date), date, session, start, end, venue), link)
            {
                OccurrenceKey = string.Create(CultureInfo.InvariantCulture, $"{prefix}:{DateText.Of(d.Date)}:duty-{d.Id}"),
                Details = l => [new MailTable([l["Date"], l["Session"], l["Venue"], l["Address"]],
                    [[date.Render(l), $"{session} {start}–{end}", venue, address]])],
            }, ct);
        }

        // The units' group robots: tomorrow's (the eve's) duties, one message per unit and day.
        foreach (var unitDay in duties.Where(d => window.Due(d.Date) == ReminderDue.Eve).GroupBy(d => (d.OrgUnitId, d.Date)))
        {
            var date = DateLabel(unitDay.Key.Date);
            var sample = unitDay.First();
            await robots.QueueAsync([unitDay.Key.OrgUnitId], NotificationKinds.DutyReminder,
                string.Create(CultureInfo.InvariantCulture, $"duty-reminder:{DateText.Of(unitDay.Key.Date)}:org-{unitDay.Key.OrgUnitId}"),
                new Message(AlertTexts.RobotDutyTitle, Relative(today, unitDay.Key.Date), date),
                unitDay.Select(d => new Message(AlertTexts.RobotDutyLine, d.RuleName, d.Session, Time(d.Start), Time(d.End), d.LeaderName, d.Venue)).ToList(),
                string.Create(CultureInfo.InvariantCulture, $"/Rotas/Month?rule={sample.RuleId}&month={DateText.Month(sample.Month)}"), ct);
        }

        await tally.SaveAsync(ct);
        return tally.Result();
    }

    /// <summary>"11月24日（星期二）" / "November 24 (Tuesday)", rendered in the recipient's language.</summary>
    internal static Message DateLabel(DateOnly date) => new(AlertTexts.Date, date, date.DayOfWeek);

    /// <summary>明天 / 后天 / N天后.</summary>
    internal static Message Relative(DateOnly today, DateOnly date) => (date.DayNumber - today.DayNumber) switch
    {
        1 => new Message(AlertTexts.Tomorrow),
        2 => new Message(AlertTexts.DayAfterTomorrow),
        var n => new Message(AlertTexts.InDays, n),
    };

    internal static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
}
