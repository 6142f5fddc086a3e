using System.Text.Json;
using Reception.Core.Notifications;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Web.Features.Calendar;

namespace Reception.Web.Features.Rotas;

/// <summary>
/// Everything the rota pages do with the database around the domain's <see cref="RotaGenerator"/>:
/// gather a month's inputs, save a generation as the draft, change one slot, publish a version.
/// The callers save: each method only stages its changes on the DbContext.
/// </summary>
public sealed class RotaPlanner(AppDbContext db, HolidayCalendarService calendars, Notifier notifier, TimeProvider clock)
{
    /// <summary>The engine's rule with rotation orders and names from the leader records (inactive leaders left out).</summary>
    public async Task<RotaRule> RuleAsync(DutyRule rule, CancellationToken ct = default)
    {
        var ids = rule.Members.Select(m => m.LeaderId).ToList();
        var leaders = await db.Leaders.AsNoTracking().Where(l => ids.Contains(l.Id) && l.IsActive)
            .ToDictionaryAsync(l => l.Id, l => (l.RotationOrder, l.Name), ct);
        return rule.ToRule(leaders);
    }

    /// <summary>
    /// Runs the generator for one month: kept slots, closed sessions, unavailability, visits and the previous month's
    /// carry-over. <paramref name="release"/>: slots to decide afresh although they are kept (published) or closed — the
    /// rest of the month stays as it is and counts for fairness, so the owed-duty ledger decides who takes them.
    /// </summary>
    public async Task<RotaGenerationResult> GenerateAsync(DutyRule rule, DateOnly month,
        IReadOnlyCollection<(DateOnly Date, int Session)>? release = null, CancellationToken ct = default)
    {
        var first = month;
        var last = month.AddMonths(1).AddDays(-1);
        var engineRule = await RuleAsync(rule, ct);
        var memberIds = rule.Members.Select(m => m.LeaderId).ToList();

        var away = await db.Unavailabilities.AsNoTracking()
            .Where(u => memberIds.Contains(u.LeaderId) && u.From <= last && u.To >= first)
            .Select(u => new LeaderUnavailability(u.LeaderId, u.From, u.To, u.Reason)).ToListAsync(ct);
        var visits = await db.Visits.AsNoTracking()
            .Where(v => memberIds.Contains(v.LeaderId) && v.Date >= first && v.Date <= last && v.Status != VisitStatus.Cancelled)
            .Select(v => new LeaderUnavailability(v.LeaderId, v.Date, v.Date, UnavailabilityReason.Visit)).ToListAsync(ct);

        var current = await db.RotaMonths.AsNoTracking().SingleOrDefaultAsync(m => m.DutyRuleId == rule.Id && m.Month == month, ct);
        var kept = current is null ? [] : await db.DutyAssignments.AsNoTracking()
            .Where(a => a.RotaMonthId == current.Id && !a.IsCancelled && (current.PublishedNumber > 0 || a.Source != DutySource.Generated))
            .Select(a => new KeptAssignment(a.Date, a.SessionIndex, a.LeaderId, current.PublishedNumber > 0 ? AssignmentSource.Published : AssignmentSource.ManualOverride))
            .ToListAsync(ct);
        var closed = current is null ? [] : await db.DutyAssignments.AsNoTracking()
            .Where(a => a.RotaMonthId == current.Id && a.IsCancelled && a.Source == DutySource.Manual)
            .Select(a => new ClosedSlot(a.Date, a.SessionIndex)).ToListAsync(ct);
        if (release is { Count: > 0 })
        {
            kept = kept.Where(k => !release.Contains((k.Date, k.SessionIndex))).ToList();
            closed = closed.Where(c => !release.Contains((c.Date, c.SessionIndex))).ToList();
        }

        var previous = await db.RotaMonths.AsNoTracking().SingleOrDefaultAsync(m => m.DutyRuleId == rule.Id && m.Month == month.AddMonths(-1), ct);
        var request = new RotaGenerationRequest(engineRule, first, last, await calendars.GetAsync(ct))
        {
            Unavailability = [.. away, .. visits],
            Kept = kept,
            Closed = closed,
            OwedBefore = previous is null ? new Dictionary<int, int>() : ReadLedger(previous.OwedLedgerJson),
            Position = previous?.NextPositionLeaderId is { } id ? new RotaPosition(id, previous.NextPositionRotationOrder ?? 0) : null,
        };
        return RotaGenerator.Generate(request);
    }

    /// <summary>Stores a generation as the month's working copy; rows keep their ids where the slot already existed.</summary>
    public async Task<RotaMonth> SaveAsync(DutyRule rule, DateOnly month, RotaGenerationResult result, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rota = await db.RotaMonths.SingleOrDefaultAsync(m => m.DutyRuleId == rule.Id && m.Month == month, ct);
        if (rota is null)
        {
            rota = new RotaMonth(rule.Id, month);
            db.RotaMonths.Add(rota);
            await db.SaveChangesAsync(ct); // the rows below need the month's key
        }
        var existing = await db.DutyAssignments.Where(a => a.RotaMonthId == rota.Id).ToDictionaryAsync(a => (a.Date, a.SessionIndex), ct);
        var wanted = result.Assignments.ToDictionary(a => (a.Date, a.SessionIndex));
        var changed = false;
        foreach (var a in result.Assignments)
        {
            if (existing.TryGetValue((a.Date, a.SessionIndex), out var row))
            {
                // A session the clerk closed by hand stays closed.
                if (row is { IsCancelled: true, Source: DutySource.Manual }) continue;
                if (!a.IsKept) changed |= row.Reassign(a.LeaderId, DutySource.Generated, now);
            }
            else
            {
                db.DutyAssignments.Add(new DutyAssignment(rota.Id, a.Date, a.SessionIndex, a.LeaderId, DutySource.Generated, now));
                changed = true;
            }
        }
        foreach (var (slot, row) in existing.Where(e => !wanted.ContainsKey(e.Key)))
        {
            // A slot that no longer has duty: never published → gone; published → stays, cancelled (feeds show it cancelled).
            if (rota.PublishedNumber == 0 && row.Source == DutySource.Generated)
            {
                db.DutyAssignments.Remove(row);
                changed = true;
            }
            else changed |= row.Cancel(now);
        }
        rota.RecordGeneration(result.NextPosition, WriteLedger(result.OwedAfter()), changed, now);
        return rota;
    }

    /// <summary>
    /// Puts a generation's decision for just <paramref name="slots"/> into the working copy (a duty where it has one,
    /// cancelled where the day has no duty now) and keeps its ledger; every other slot is left alone. The generation
    /// must have released these slots (<see cref="GenerateAsync"/>) and kept the rest.
    /// </summary>
    public async Task<RotaMonth> ApplySlotsAsync(DutyRule rule, DateOnly month, RotaGenerationResult result,
        IReadOnlyCollection<(DateOnly Date, int Session)> slots, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rota = await db.RotaMonths.SingleAsync(m => m.DutyRuleId == rule.Id && m.Month == month, ct);
        var existing = await db.DutyAssignments.Where(a => a.RotaMonthId == rota.Id).ToDictionaryAsync(a => (a.Date, a.SessionIndex), ct);
        var wanted = result.Assignments.ToDictionary(a => (a.Date, a.SessionIndex));
        var changed = false;
        foreach (var slot in slots)
        {
            var row = existing.GetValueOrDefault(slot);
            if (wanted.TryGetValue(slot, out var a))
            {
                if (row is null)
                {
                    db.DutyAssignments.Add(new DutyAssignment(rota.Id, slot.Date, slot.Session, a.LeaderId, DutySource.Generated, now));
                    changed = true;
                }
                else changed |= row.Reassign(a.LeaderId, DutySource.Generated, now);
            }
            else if (row is not null) changed |= row.Cancel(now);
        }
        rota.RecordGeneration(result.NextPosition, WriteLedger(result.OwedAfter()), changed, now);
        return rota;
    }

    /// <summary>Sets one slot by hand (a leader, or null to close the session on purpose). The override survives regeneration.</summary>
    public async Task SetSlotAsync(RotaMonth rota, DateOnly date, int sessionIndex, int? leaderId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var row = await db.DutyAssignments.SingleOrDefaultAsync(a => a.RotaMonthId == rota.Id && a.Date == date && a.SessionIndex == sessionIndex, ct);
        bool changed;
        if (leaderId is { } id)
        {
            if (row is null)
            {
                db.DutyAssignments.Add(new DutyAssignment(rota.Id, date, sessionIndex, id, DutySource.Manual, now));
                changed = true;
            }
            else changed = row.Reassign(id, DutySource.Manual, now);
        }
        else
        {
            changed = row?.Close(now) ?? false;
        }
        if (changed) rota.Touch(now);
    }

    /// <summary>
    /// Freezes the working copy as the next numbered version and notifies the leaders whose duties changed. With
    /// <paramref name="onlySlots"/>, only those slots are taken from the working copy (an approved swap, a repaired day);
    /// every other slot stays as last published and its unpublished edits stay in the working copy.
    /// </summary>
    public async Task<RotaVersion> PublishAsync(RotaMonth rota, string publishedBy,
        IReadOnlyCollection<(DateOnly Date, int Session)>? onlySlots = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var working = await WorkingSnapshotAsync(rota, ct);
        var previous = await db.RotaVersions.AsNoTracking().Where(v => v.RotaMonthId == rota.Id)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        var snapshot = working;
        if (onlySlots is not null && previous is not null)
        {
            snapshot = [.. RotaVersion.Read(previous.SnapshotJson).Where(d => !onlySlots.Contains((d.Date, d.SessionIndex))),
                .. working.Where(d => onlySlots.Contains((d.Date, d.SessionIndex)))];
        }
        var number = rota.Publish(now, unpublishedLeft: !SameSlots(snapshot, working));
        var version = new RotaVersion(rota.Id, number, now, publishedBy, snapshot);
        db.RotaVersions.Add(version);

        var changes = version.ChangesSince(previous);
        var monthText = DateText.Month(rota.Month);
        var link = $"/Rotas/Month?rule={rota.DutyRuleId}&month={monthText}";
        if (previous is null)
        {
            var affected = changes.SelectMany(c => new[] { c.Before?.LeaderId, c.After?.LeaderId }).OfType<int>().Distinct().ToList();
            await notifier.ToLeadersAsync(affected, NotificationKinds.RotaChanged, new Message("Duty rota {0} published", monthText),
                new Message("Your duties in {0} changed. Open the rota to see them.", monthText), link, ct);
            return version;
        }
        // A change names each day, session and old → new leader; each leader is told of the changes that concern them.
        foreach (var leader in changes.SelectMany(c => new[] { c.Before?.LeaderId, c.After?.LeaderId }).OfType<int>().Where(id => id > 0).Distinct())
        {
            var theirs = changes.Where(c => c.Before?.LeaderId == leader || c.After?.LeaderId == leader).ToList();
            await notifier.ToLeadersAsync([leader], NotificationKinds.RotaChanged,
                new Message("Duty rota {0} changed (version {1})", monthText, number),
                new Message("Changed duties: {0}.", new MessageList(theirs.Select(ChangeLine).ToList())), link, ct);
        }
        return version;
    }

    /// <summary>"12月7日 星期一 上午：张三 → 李四" in the reader's language; a duty added or removed has 无 on its other side, a
    /// session closed on purpose says so.</summary>
    internal static Message ChangeLine(DutyChange c)
    {
        var session = (c.After ?? c.Before)!.SessionName;
        object Who(PublishedDuty? d) => d is null ? new Message("nobody") : d.Closed ? new Message("No duty in this session") : d.LeaderName;
        return new Message("{0} {1}: {2} → {3}", new Message(AlertTexts.Date, c.Date, c.Date.DayOfWeek), session, Who(c.Before), Who(c.After));
    }

    /// <summary>The working copy as a version would hold it: duties and the sessions closed on purpose.</summary>
    public async Task<IReadOnlyList<PublishedDuty>> WorkingSnapshotAsync(RotaMonth rota, CancellationToken ct = default)
    {
        var rule = await db.DutyRules.AsNoTracking().Include(r => r.Sessions).SingleAsync(r => r.Id == rota.DutyRuleId, ct);
        var sessions = rule.Sessions.ToDictionary(s => s.Index);
        var rows = await (from a in db.DutyAssignments.AsNoTracking()
                          join l in db.Leaders on a.LeaderId equals l.Id
                          where a.RotaMonthId == rota.Id && (!a.IsCancelled || a.Source == DutySource.Manual)
                          select new { a.Date, a.SessionIndex, a.LeaderId, a.IsCancelled, l.Name, l.Title })
            .ToListAsync(ct);
        return rows.Where(d => sessions.ContainsKey(d.SessionIndex)).Select(d =>
        {
            var s = sessions[d.SessionIndex];
            return d.IsCancelled
                ? PublishedDuty.ClosedSession(d.Date, d.SessionIndex, s.Name, s.Start, s.End)
                : new PublishedDuty(d.Date, d.SessionIndex, s.Name, s.Start, s.End, d.LeaderId, d.Name, d.Title);
        }).OrderBy(d => d.Date).ThenBy(d => d.SessionIndex).ToList();
    }

    private static bool SameSlots(IEnumerable<PublishedDuty> a, IEnumerable<PublishedDuty> b) =>
        a.Select(d => (d.Date, d.SessionIndex, d.LeaderId, d.Closed)).ToHashSet()
            .SetEquals(b.Select(d => (d.Date, d.SessionIndex, d.LeaderId, d.Closed)));

    public static IReadOnlyDictionary<int, int> ReadLedger(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [])
            .ToDictionary(p => int.Parse(p.Key, CultureInfo.InvariantCulture), p => p.Value);

    public static string WriteLedger(IReadOnlyDictionary<int, int> ledger) =>
        JsonSerializer.Serialize(ledger.Where(p => p.Value != 0).OrderBy(p => p.Key)
            .ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value));
}
