using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Notifications;
using Reception.Core.Time;
using Reception.Web.Features.Calendar;

namespace Reception.Web.Features.Cases;

/// <summary>Settings of the deadline scan (section Reception:Alerts).</summary>
public sealed class AlertOptions
{
    public const string Section = "Reception:Alerts";

    /// <summary>A case still red this many working days after it turned red goes to the supervision office.</summary>
    public int EscalateAfterWorkingDays { get; set; } = 3;

    /// <summary>How long after its due date a case not yet alerted as overdue (the app was down) is still alerted.</summary>
    public int OverdueCatchUpDays { get; set; } = 7;
}

/// <summary>
/// The deadline scan (hourly). Each step selects its cases in one set-based query; the messages carry the case number,
/// category and due date only, never petitioner data or the summary, and link to /Cases/Details/{id}.
/// <list type="number">
/// <item>Recolour every open case (<see cref="CaseService.RecolourAllAsync"/>, which records ColourChanged events).</item>
/// <item>Reminders 7, 3 and 1 calendar days before the due date, to the owning leader and the handling unit's handlers,
/// once per case, due date and threshold ("deadline:{case}:{due}:{n}"). The reminder of a threshold goes on the first
/// scan with at most n days left (normally the day exactly n days before; after downtime, the next scan): a case
/// assigned with five days left gets its 7-day reminder at once, saying five.</item>
/// <item>Overdue: once per case and due date ("overdue:{case}:{due}") on the first scan after the due date (within
/// <see cref="AlertOptions.OverdueCatchUpDays"/>), to the owning leader and the handling unit.</item>
/// <item>Red cases: the owning leader is alerted once per red episode (the latest ColourChanged-to-Red event,
/// "escalation:{case}:red-{event}:leader"); a case still red <see cref="AlertOptions.EscalateAfterWorkingDays"/> working
/// days after it turned red goes to the supervision office — the Supervisors whose scope contains the case's unit
/// ("escalation:{case}:red-{event}:office"). Each step is an Escalated event in the case's history.</item>
/// </list>
/// Hourly scans repeat nothing: the occurrences already written are read back in one query per step, and the Notifier
/// skips any recipient's copy that exists.
/// </summary>
public sealed class DeadlineScan(AppDbContext db, CaseService cases, Notifier notifier, HolidayCalendarService calendars,
    TimeProvider clock, Microsoft.Extensions.Options.IOptions<AlertOptions> options, UnitRobots robots) : IReceptionJob
{
    public const string Name = "DeadlineScan";

    /// <summary>The scheduled job: the work of <see cref="RunAsync(CancellationToken)"/>; its summary goes to the ledger.</summary>
    async Task<string?> IReceptionJob.RunAsync(JobOccurrence occurrence, CancellationToken ct) => (await RunAsync(ct)).Summary;
    public static readonly int[] Thresholds = [1, 3, 7];

    private static readonly string Red = Reception.Core.Cases.History.ColourChanged.Text(SupervisionColour.Red)!;

    public async Task<AlertRun> RunAsync(CancellationToken ct = default)
    {
        var tally = new AlertTally(db, Name);
        await cases.RecolourAllAsync(ct);
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var categories = await db.CaseCategories.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        string Category(string code) => categories.GetValueOrDefault(code) ?? code;

        // 2. Reminders before the due date.
        var horizon = today.AddDays(Thresholds[^1]);
        var approaching = await (from c in db.Cases.AsNoTracking()
                                 join o in db.OrgUnits on c.OrgUnitId equals o.Id
                                 where c.Colour != null && c.DueOn != null && c.DueOn >= today && c.DueOn <= horizon
                                 orderby c.Id
                                 select new CaseRow(c.Id, c.Number, c.CategoryCode, c.DueOn, c.OwnerLeaderId, c.HandlingUnitId, o.Path))
            .ToListAsync(ct);
        var sent = await OccurrencesAsync(NotificationKinds.DeadlineApproaching.Key, now.AddDays(-(Thresholds[^1] + 2)), ct);
        foreach (var c in approaching)
        {
            var left = c.DueOn.DayNumber - today.DayNumber;
            var n = Thresholds.First(t => left <= t);
            var key = Key($"deadline:{c.Id}:{DateText.Of(c.DueOn)}:{n}");
            if (sent.ContainsKey(key)) continue;
            tally.Occurrences++;
            var title = left == 0 ? new Message(AlertTexts.DueTodayTitle, c.Number.ToString()) : new Message(AlertTexts.DueInDaysTitle, c.Number.ToString(), left);
            await ToOwnerAndUnitAsync(c, new OutgoingNotification(NotificationKinds.DeadlineApproaching, title,
                new Message(AlertTexts.DueBody, c.Number.ToString(), Category(c.CategoryCode), c.DueOn), Link(c.Id))
            { OccurrenceKey = key }, ct);
        }
        await tally.SaveAsync(ct);

        // 3. Overdue.
        var catchUp = today.AddDays(-Math.Max(1, options.Value.OverdueCatchUpDays));
        var overdue = await (from c in db.Cases.AsNoTracking()
                             join o in db.OrgUnits on c.OrgUnitId equals o.Id
                             where c.Colour != null && c.DueOn != null && c.DueOn < today && c.DueOn >= catchUp
                             orderby c.Id
                             select new CaseRow(c.Id, c.Number, c.CategoryCode, c.DueOn, c.OwnerLeaderId, c.HandlingUnitId, o.Path))
            .ToListAsync(ct);
        sent = await OccurrencesAsync(NotificationKinds.Overdue.Key, ChinaTime.ToUtc(catchUp, TimeOnly.MinValue), ct);
        foreach (var c in overdue)
        {
            var key = Key($"overdue:{c.Id}:{DateText.Of(c.DueOn)}");
            if (sent.ContainsKey(key)) continue;
            tally.Occurrences++;
            await ToOwnerAndUnitAsync(c, new OutgoingNotification(NotificationKinds.Overdue, new Message(AlertTexts.OverdueTitle, c.Number.ToString()),
                new Message(AlertTexts.OverdueBody, c.Number.ToString(), Category(c.CategoryCode), c.DueOn), Link(c.Id))
            { OccurrenceKey = key }, ct);
        }
        await tally.SaveAsync(ct);

        // 4. Red cases: the owning leader, then the supervision office.
        var red = await (from c in db.Cases.AsNoTracking()
                         join o in db.OrgUnits on c.OrgUnitId equals o.Id
                         where c.Colour == SupervisionColour.Red
                         orderby c.Id
                         select new
                         {
                             Case = new CaseRow(c.Id, c.Number, c.CategoryCode, c.DueOn, c.OwnerLeaderId, c.HandlingUnitId, o.Path) { OrgUnitId = o.Id, UnitName = o.Name },
                             EventId = db.CaseEvents.Where(e => e.PetitionCaseId == c.Id && e.Kind == CaseEventKind.ColourChanged && e.After == Red).Max(e => (long?)e.Id),
                             SinceUtc = db.CaseEvents.Where(e => e.PetitionCaseId == c.Id && e.Kind == CaseEventKind.ColourChanged && e.After == Red).Max(e => (DateTime?)e.AtUtc),
                         }).ToListAsync(ct);
        if (red.Count > 0)
        {
            var since = red.Any(r => r.SinceUtc is null) ? now.AddDays(-366) : red.Min(r => r.SinceUtc!.Value);
            sent = await OccurrencesAsync(NotificationKinds.Escalation.Key, since, ct);
            var calendar = await calendars.GetAsync(ct);
            var days = Math.Max(0, options.Value.EscalateAfterWorkingDays);
            foreach (var r in red)
            {
                var c = r.Case;
                var episode = Key($"escalation:{c.Id}:red-{r.EventId ?? 0}");
                var leaderKey = episode + ":leader";
                var due = c.DueOnOrNull;
                if (!sent.ContainsKey(leaderKey) && c.OwnerLeaderId is { } owner)
                {
                    tally.Occurrences++;
                    await notifier.ToLeadersAsync([owner], new OutgoingNotification(NotificationKinds.Escalation, new Message(AlertTexts.RedTitle, c.Number.ToString()),
                        new Message(AlertTexts.RedBody, c.Number.ToString(), Category(c.CategoryCode), (object?)due ?? "—"), Link(c.Id))
                    { OccurrenceKey = leaderKey }, ct);
                    db.CaseEvents.Add(CaseEvent.Escalation(c.Id, toOffice: false, now));
                }

                // The red card in the work chat of the case's unit and of its handling unit: number, due date and units only.
                var robotKey = episode + ":robot";
                if (!sent.ContainsKey(robotKey))
                {
                    var handling = c.HandlingUnitId is { } h ? await db.OrgUnits.Where(o => o.Id == h).Select(o => o.Name).SingleOrDefaultAsync(ct) : null;
                    await robots.QueueAsync(c.HandlingUnitId is { } hu ? [c.OrgUnitId, hu] : [c.OrgUnitId], NotificationKinds.Escalation, robotKey,
                        new Message(AlertTexts.RedTitle, c.Number.ToString()),
                        [new Message(AlertTexts.RobotRedLine, c.Number.ToString(), (object?)due ?? "—", c.UnitName, handling ?? "—")], Link(c.Id), ct);
                }

                var officeKey = episode + ":office";
                if (sent.ContainsKey(officeKey)) continue;
                // Red since the event; a case red without one (imported) counts from its leader alert, or from now.
                var sinceUtc = r.SinceUtc ?? (sent.TryGetValue(leaderKey, out var alerted) ? alerted : now);
                var redDay = DateOnly.FromDateTime(ChinaTime.ToLocal(sinceUtc));
                var escalateOn = calendar.AddWorkingDays(redDay, days);
                if (today < escalateOn.Value) continue;
                tally.Warn(escalateOn);
                tally.Occurrences++;
                await notifier.ToRoleAsync(Roles.Supervisor, c.OrgPath, new OutgoingNotification(NotificationKinds.Escalation,
                    new Message(AlertTexts.EscalatedTitle, c.Number.ToString()),
                    new Message(AlertTexts.EscalatedBody, c.Number.ToString(), Category(c.CategoryCode), (object?)due ?? "—", redDay, days), Link(c.Id))
                {
                    OccurrenceKey = officeKey,
                }, ct);
                db.CaseEvents.Add(CaseEvent.Escalation(c.Id, toOffice: true, now));
            }
            await tally.SaveAsync(ct);
        }

        return tally.Result();
    }

    private sealed record CaseRow(int Id, CaseNumber Number, string CategoryCode, DateOnly? DueOnOrNull, int? OwnerLeaderId, int? HandlingUnitId, string OrgPath)
    {
        public int OrgUnitId { get; init; }
        public string UnitName { get; init; } = "";

        public DateOnly DueOn => DueOnOrNull!.Value;
    }

    private async Task ToOwnerAndUnitAsync(CaseRow c, OutgoingNotification notification, CancellationToken ct)
    {
        if (c.OwnerLeaderId is { } owner) await notifier.ToLeadersAsync([owner], notification, ct);
        if (c.HandlingUnitId is { } unit) await notifier.ToUnitHandlersAsync(unit, notification, ct);
    }

    /// <summary>
    /// The occurrences of a kind already written since <paramref name="sinceUtc"/> (each recipient's copy is keyed
    /// "{occurrence}/{user}"), with when the first copy was queued. One query.
    /// </summary>
    private async Task<Dictionary<string, DateTime>> OccurrencesAsync(string kind, DateTime sinceUtc, CancellationToken ct)
    {
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind && m.CreatedAtUtc >= sinceUtc)
            .Select(m => new { m.IdempotencyKey, m.CreatedAtUtc }).ToListAsync(ct);
        var found = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var slash = row.IdempotencyKey.LastIndexOf('/');
            if (slash <= 0) continue;
            var occurrence = row.IdempotencyKey[..slash];
            if (!found.TryGetValue(occurrence, out var first) || row.CreatedAtUtc < first) found[occurrence] = row.CreatedAtUtc;
        }
        return found;
    }

    private static string Key(FormattableString key) => key.ToString(CultureInfo.InvariantCulture);

    private static string Link(int id) => "/Cases/Details/" + id.ToString(CultureInfo.InvariantCulture);
}
