using Reception.Core.Notifications;
using Reception.Core.Rotas.Model;
using Reception.Web.Features.Calendar;
using Reception.Web.Features.Rotas;

namespace Reception.Web.Features.Visits;

/// <summary>
/// The visit reminder (daily at 17:00): a leader with a planned 下访 or 约访 is reminded on the same days as for a duty —
/// the eve (<see cref="ReminderDays.EveOf"/>: a Monday's visit on the Friday, a visit on a weekend the day before) and
/// exactly seven calendar days before. The message names the destination and the case numbers the visit carries or is
/// about, never anything about the petitioner — nor a 下访's purpose, free text that may name one (the feeds leave it out
/// for the same reason); the link opens the visit page, where the leader is signed in. One occurrence per visit and date
/// ("visit-reminder:{date}:visit-{id}"): a visit moved to another date is reminded again.
/// </summary>
public sealed class VisitReminders(AppDbContext db, Notifier notifier, HolidayCalendarService calendars, TimeProvider clock) : IReceptionJob
{
    public const string Name = "VisitReminder";

    /// <summary>The scheduled job: the work of <see cref="RunAsync(CancellationToken)"/>; its summary goes to the ledger.</summary>
    async Task<string?> IReceptionJob.RunAsync(JobOccurrence occurrence, CancellationToken ct) => (await RunAsync(ct)).Summary;

    public async Task<AlertRun> RunAsync(CancellationToken ct = default)
    {
        var tally = new AlertTally(db, Name);
        var window = await ReminderWindow.OpenAsync(calendars, clock, tally, db, Name, ct);
        var (today, first, last) = (window.Today, window.First, window.Last);

        var visits = await (from v in db.Visits.AsNoTracking()
                            join o in VisitDestinations.Of(db) on v.DestinationId equals o.Id
                            where v.Date >= first && v.Date <= last && v.Status == VisitStatus.Planned
                            orderby v.Date, v.Id
                            select new
                            {
                                v.Id,
                                v.Date,
                                v.LeaderId,
                                v.Kind,
                                Destination = o.Label,
                            }).ToListAsync(ct);
        var due = visits.Select(v => (Visit: v, Due: window.Due(v.Date))).Where(x => x.Due is not null).ToList();
        var ids = due.Select(x => x.Visit.Id).ToList();
        // One query for the case numbers the visits carry (带案下访) or are about (约访).
        var numbers = (await (from link in db.VisitCases.AsNoTracking()
                              join c in db.Cases on link.PetitionCaseId equals c.Id
                              where ids.Contains(link.VisitId)
                              select new { link.VisitId, c.Number }).ToListAsync(ct))
            .GroupBy(x => x.VisitId).ToDictionary(g => g.Key, g => string.Join("、", g.Select(x => x.Number.ToString()).Order(StringComparer.Ordinal)));

        foreach (var (v, when) in due)
        {
            var eve = when == ReminderDue.Eve;
            tally.Occurrences++;
            var date = DutyReminders.DateLabel(v.Date);
            var relative = DutyReminders.Relative(today, v.Date);
            var cases = numbers.GetValueOrDefault(v.Id);
            var appointment = v.Kind == VisitKind.Appointment;
            var (title, body) = appointment
                ? (new Message(AlertTexts.AppointmentTitle, date), new Message(AlertTexts.AppointmentBody, relative, date, v.Destination, cases ?? "—"))
                : (new Message(AlertTexts.VillageVisitTitle, date), new Message(AlertTexts.VillageVisitBody, relative, date, v.Destination));
            await notifier.ToLeadersAsync([v.LeaderId], new OutgoingNotification(NotificationKinds.VisitReminder, title, body,
                "/Visits/Details/" + v.Id.ToString(CultureInfo.InvariantCulture))
            {
                OccurrenceKey = string.Create(CultureInfo.InvariantCulture, $"{(eve ? "visit-reminder" : "visit-reminder-7d")}:{DateText.Of(v.Date)}:visit-{v.Id}"),
                Details = !appointment && cases is not null ? l => [new MailParagraph(l["Cases carried: {0}", cases])] : null,
            }, ct);
        }

        await tally.SaveAsync(ct);
        return tally.Result();
    }
}
