using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Notifications;
using Reception.Core.Rotas.Model;
using Reception.Web.Features.Calendar;
using Reception.Web.Data;
using Reception.Web.Mail;
using Reception.Web.Features.Notifications;

namespace Reception.Web.Features.Rotas;

/// <summary>
/// The duty reminder (daily at 17:00): each leader on duty is reminded on the eve of the duty (<see cref="ReminderDays.EveOf"/>:
/// the Friday for a Monday, the last day of a holiday for the first working day after it, the day before a make-up working
/// day) and exactly seven calendar days before it. Only live duties of published rotas count (not cancelled, the rule
/// active). Every decision comes from the injected clock and the holiday calendar; an unknown year is a warning.
/// <para>Each reminder is one occurrence, "duty-reminder:{date}:duty-{id}" (and "duty-reminder-7d:…"), so running the
/// job twice, or twice in one evening, queues nothing more; a duty handed to another leader reminds the new one.</para>
/// </summary>
public sealed class DutyReminders(AppDbContext db, Notifier notifier, HolidayCalendarService calendars, TimeProvider clock) : IReceptionJob
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
        var duties = await (from a in db.DutyAssignments.AsNoTracking()
                            join m in db.RotaMonths on a.RotaMonthId equals m.Id
                            join r in db.DutyRules on m.DutyRuleId equals r.Id
                            join v in db.Venues on r.VenueId equals v.Id
                            join s in db.Set<DutyRuleSession>() on new { Rule = r.Id, Index = a.SessionIndex } equals new { Rule = s.DutyRuleId, Index = s.Index }
                            where a.Date >= first && a.Date <= last && !a.IsCancelled && m.PublishedNumber > 0 && r.IsActive
                            orderby a.Date, s.Start, a.Id
                            select new { a.Id, a.Date, a.LeaderId, RuleId = r.Id, m.Month, Session = s.Name, s.Start, s.End, Venue = v.Name, v.Address })
            .ToListAsync(ct);

        foreach (var d in duties)
        {
            if (window.Due(d.Date) is not { } due) continue;
            var prefix = due == ReminderDue.Eve ? "duty-reminder" : "duty-reminder-7d";

            tally.Occurrences++;
            var date = DateLabel(d.Date);
            var link = string.Create(CultureInfo.InvariantCulture, $"/Rotas/Month?rule={d.RuleId}&month={d.Month:yyyy-MM}");
            var (session, start, end, venue, address) = (d.Session, Time(d.Start), Time(d.End), d.Venue, d.Address);
            await notifier.ToLeadersAsync([d.LeaderId], new Notice(NotificationKinds.DutyReminder,
                new Message(AlertTexts.DutyTitle, date),
                new Message(AlertTexts.DutyBody, Relative(today, d.Date), date, session, start, end, venue), link)
            {
                OccurrenceKey = string.Create(CultureInfo.InvariantCulture, $"{prefix}:{d.Date:yyyy-MM-dd}:duty-{d.Id}"),
                Details = l => [new MailTable([l["Date"], l["Session"], l["Venue"], l["Address"]],
                    [[date.Render(l), $"{session} {start}–{end}", venue, address]])],
            }, ct);
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
