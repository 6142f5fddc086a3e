using Reception.Core.Calendar;
using Reception.Core.Notifications;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Core.Time;
using Reception.Web.Features.Calendar;

namespace Reception.Web.Features.Rotas;

/// <summary>One problem of a published rota month with the names the pages show.</summary>
public sealed record RotaIssue(int RuleId, string RuleName, string OrgPath, DateOnly Month, RotaProblem Problem, string SessionName, string? LeaderName)
{
    public string MonthText => DateText.Month(Month);
    public string MonthUrl => $"/Rotas/Month?rule={RuleId.ToString(CultureInfo.InvariantCulture)}&month={MonthText}";
}

/// <summary>
/// Published rotas that stopped being true (issue 15 items 5 and 6): duties now on a day off, working days now without a
/// duty, leaders now away on their duty day. <see cref="FindAsync"/> reads them as they are now (no stored state, so a fix
/// by any means clears them); <see cref="RepairAsync"/> regenerates just those slots — the rest of the month is kept and
/// counts, so the owed-duty ledger decides who takes them — and publishes just those slots; the notify methods tell the
/// clerks of the rota's scope when a calendar change or an absence creates new ones.
/// </summary>
public sealed class RotaRepairs(AppDbContext db, HolidayCalendarService calendars, RotaPlanner planner, Notifier notifier, TimeProvider clock)
{
    public const string CalendarTitle = "Holiday calendar changed: {0} {1} needs attention";
    public const string CalendarBody = "{0} published duties now fall on a day off and {1} working days now have no duty. Open the month to regenerate just those days.";
    public const string AwayTitle = "{0} is away on a published duty";
    public const string AwayBody = "{0} cannot take the duty on {1} ({2}, {3}). Open the month to give it to the next leader in the owed-duty ledger.";

    /// <summary>
    /// The problems of published months from the current month on (dates from today), of the rules <paramref name="scope"/>
    /// sees (null: everywhere); optionally one rule's month, and against another calendar than the current one.
    /// </summary>
    public async Task<IReadOnlyList<RotaIssue>> FindAsync(UserScope? scope, int? ruleId = null, DateOnly? month = null,
        WorkingDayCalendar? calendar = null, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var firstMonth = new DateOnly(today.Year, today.Month, 1);
        calendar ??= await calendars.GetAsync(ct);
        var rules = scope is null ? db.DutyRules : db.DutyRules.VisibleTo(db, scope);
        var months = await (from m in db.RotaMonths.AsNoTracking()
                            join r in rules on m.DutyRuleId equals r.Id
                            join o in db.OrgUnits on r.OrgUnitId equals o.Id
                            where m.PublishedNumber > 0 && m.Month >= firstMonth && r.IsActive
                                  && (ruleId == null || r.Id == ruleId) && (month == null || m.Month == month)
                            select new { m.Id, m.Month, RuleId = r.Id, r.Name, o.Path, r.WeekdayMask }).ToListAsync(ct);
        if (months.Count == 0) return [];

        var monthIds = months.Select(m => m.Id).ToList();
        var ruleIds = months.Select(m => m.RuleId).Distinct().ToList();
        var rows = await db.DutyAssignments.AsNoTracking().Where(a => monthIds.Contains(a.RotaMonthId) && a.Date >= today)
            .Select(a => new { a.RotaMonthId, a.Date, a.SessionIndex, a.LeaderId, a.IsCancelled, a.Source }).ToListAsync(ct);
        var sessions = await db.Set<DutyRuleSession>().AsNoTracking().Where(s => ruleIds.Contains(s.DutyRuleId))
            .Select(s => new { s.DutyRuleId, s.Index, s.Name }).ToListAsync(ct);
        var leaderIds = rows.Where(r => !r.IsCancelled).Select(r => r.LeaderId).Distinct().ToList();
        var last = months.Max(m => m.Month).AddMonths(1).AddDays(-1);
        var away = await AbsencesAsync(leaderIds, today, last, ct);
        var names = await db.Leaders.AsNoTracking().Where(l => leaderIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);

        var issues = new List<RotaIssue>();
        foreach (var m in months.OrderBy(m => m.Month).ThenBy(m => m.Name))
        {
            var ruleSessions = sessions.Where(s => s.DutyRuleId == m.RuleId).ToDictionary(s => s.Index, s => s.Name);
            var slots = rows.Where(r => r.RotaMonthId == m.Id)
                .Select(r => new RotaSlotState(r.Date, r.SessionIndex, r.IsCancelled ? null : r.LeaderId, r.IsCancelled && r.Source == DutySource.Manual))
                .ToList();
            var from = m.Month < today ? today : m.Month;
            var to = m.Month.AddMonths(1).AddDays(-1);
            if (to < from) continue;
            var weekdays = m.WeekdayMask == 0 ? null : Enum.GetValues<DayOfWeek>().Where(d => (m.WeekdayMask & (1 << (int)d)) != 0).ToHashSet();
            foreach (var p in PublishedRotaCheck.Find(from, to, ruleSessions.Count == 0 ? 0 : ruleSessions.Keys.Max() + 1, weekdays, calendar, slots, away))
            {
                issues.Add(new RotaIssue(m.RuleId, m.Name, m.Path, m.Month, p, ruleSessions.GetValueOrDefault(p.SessionIndex) ?? "",
                    p.LeaderId is { } id ? names.GetValueOrDefault(id) : null));
            }
        }
        return issues;
    }

    /// <summary>
    /// Who the owed-duty ledger would put on each problem slot of a month (null: nobody available; the slot stays open or,
    /// on a day off, without duty) — what <see cref="RepairAsync"/> would do, for the page to offer by name.
    /// </summary>
    public async Task<IReadOnlyDictionary<(DateOnly Date, int Session), int?>> ProposalAsync(DutyRule rule, DateOnly month,
        IReadOnlyCollection<RotaIssue> issues, CancellationToken ct = default)
    {
        var slots = issues.Select(i => (i.Problem.Date, i.Problem.SessionIndex)).ToHashSet();
        if (slots.Count == 0) return new Dictionary<(DateOnly, int), int?>();
        var result = await planner.GenerateAsync(rule, month, slots, ct);
        var decided = result.Assignments.ToDictionary(a => (a.Date, a.SessionIndex), a => (int?)a.LeaderId);
        return slots.ToDictionary(s => s, s => decided.GetValueOrDefault(s));
    }

    /// <summary>
    /// Regenerates just the month's problem slots into the working copy and publishes just them as the next version
    /// (other unpublished edits stay drafts). Null when there is nothing to repair. Saves.
    /// </summary>
    public async Task<RotaVersion?> RepairAsync(DutyRule rule, DateOnly month, string publishedBy, CancellationToken ct = default)
    {
        var issues = await FindAsync(null, rule.Id, month, ct: ct);
        if (issues.Count == 0) return null;
        var slots = issues.Select(i => (i.Problem.Date, i.Problem.SessionIndex)).ToHashSet();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await planner.GenerateAsync(rule, month, slots, ct);
        var rota = await planner.ApplySlotsAsync(rule, month, result, slots, ct);
        await db.SaveChangesAsync(ct);
        var version = await planner.PublishAsync(rota, publishedBy, slots, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return version;
    }

    /// <summary>
    /// After the holiday calendar changed from <paramref name="before"/>: tells the clerks of each rota that has new duties
    /// on a day off or new working days without a duty (stages the notifications; the caller saves).
    /// </summary>
    public async Task NotifyCalendarChangeAsync(WorkingDayCalendar before, CancellationToken ct = default)
    {
        static bool CalendarKind(RotaIssue i) => i.Problem.Kind is RotaProblemKind.DutyOnDayOff or RotaProblemKind.WorkingDayWithoutDuty;
        var old = (await FindAsync(null, calendar: before, ct: ct)).Where(CalendarKind)
            .Select(i => (i.RuleId, i.Problem.Kind, i.Problem.Date, i.Problem.SessionIndex)).ToHashSet();
        var fresh = (await FindAsync(null, ct: ct)).Where(CalendarKind)
            .Where(i => !old.Contains((i.RuleId, i.Problem.Kind, i.Problem.Date, i.Problem.SessionIndex))).ToList();
        foreach (var group in fresh.GroupBy(i => (i.RuleId, i.Month)))
        {
            var first = group.First();
            var onDayOff = group.Count(i => i.Problem.Kind == RotaProblemKind.DutyOnDayOff);
            var uncovered = group.Count(i => i.Problem.Kind == RotaProblemKind.WorkingDayWithoutDuty);
            await notifier.ToRoleAsync(Roles.Clerk, first.OrgPath, NotificationKinds.RotaChanged,
                new Message(CalendarTitle, first.RuleName, first.MonthText), new Message(CalendarBody, onDayOff, uncovered), first.MonthUrl, ct);
        }
    }

    /// <summary>
    /// After an absence or a visit was recorded for <paramref name="leaderId"/> from <paramref name="from"/> to
    /// <paramref name="to"/>: the published duties it falls on (from today), each told to the clerks of its rota (staged;
    /// the caller saves). The person who recorded it is not notified of their own action.
    /// </summary>
    public async Task<IReadOnlyList<RotaIssue>> NotifyAwayAsync(int leaderId, DateOnly from, DateOnly to, string? actorUserId, CancellationToken ct = default)
    {
        var hit = (await FindAsync(null, ct: ct))
            .Where(i => i.Problem.Kind == RotaProblemKind.LeaderAway && i.Problem.LeaderId == leaderId && i.Problem.Date >= from && i.Problem.Date <= to)
            .ToList();
        foreach (var issue in hit)
        {
            await notifier.ToRoleAsync(Roles.Clerk, issue.OrgPath, NotificationKinds.RotaChanged,
                new Message(AwayTitle, issue.LeaderName ?? ""),
                new Message(AwayBody, issue.LeaderName ?? "", DateText.Of(issue.Problem.Date), issue.SessionName,
                    new Message($"{nameof(UnavailabilityReason)}.{issue.Problem.Reason}")),
                issue.MonthUrl, ct);
        }
        if (actorUserId is not null)
        {
            foreach (var own in db.ChangeTracker.Entries<Notification>()
                         .Where(e => e.State == EntityState.Added && e.Entity.UserId == actorUserId && e.Entity.Kind == NotificationKinds.RotaChanged.Key).ToList())
                own.State = EntityState.Detached;
        }
        return hit;
    }

    private async Task<IReadOnlyList<LeaderUnavailability>> AbsencesAsync(List<int> leaderIds, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var away = await db.Unavailabilities.AsNoTracking()
            .Where(u => leaderIds.Contains(u.LeaderId) && u.From <= to && u.To >= from)
            .Select(u => new LeaderUnavailability(u.LeaderId, u.From, u.To, u.Reason)).ToListAsync(ct);
        var visits = await db.Visits.AsNoTracking()
            .Where(v => leaderIds.Contains(v.LeaderId) && v.Date >= from && v.Date <= to && v.Status != VisitStatus.Cancelled)
            .Select(v => new LeaderUnavailability(v.LeaderId, v.Date, v.Date, UnavailabilityReason.Visit)).ToListAsync(ct);
        return [.. away, .. visits];
    }
}
