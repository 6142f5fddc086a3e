using Reception.Core.Rotas.Model;

namespace Reception.Web.Data;

/// <summary>
/// One duty (a leader on a session of a rota on a date) with what the rota, swap, duty-record, reminder, feed and case
/// pages show and check: its rule and the rule's org unit and path (the scope), the month, the venue, the session's name
/// and times, the leader on duty. Read through <see cref="DutySlots.Of"/>, the one place the duty join is written.
/// </summary>
public sealed record DutySlot
{
    public int Id { get; init; }
    public int RotaMonthId { get; init; }

    /// <summary>The first day of the rota's month.</summary>
    public DateOnly Month { get; init; }

    public int DutyRuleId { get; init; }
    public string RuleName { get; init; } = "";
    public bool RuleIsActive { get; init; }
    public int OrgUnitId { get; init; }
    public string OrgPath { get; init; } = "";
    public string VenueName { get; init; } = "";
    public string VenueAddress { get; init; } = "";
    public DateOnly Date { get; init; }
    public int SessionIndex { get; init; }
    public string SessionName { get; init; } = "";
    public TimeOnly Start { get; init; }
    public TimeOnly End { get; init; }
    public int LeaderId { get; init; }
    public string LeaderName { get; init; } = "";
    public string LeaderTitle { get; init; } = "";
    public bool IsCancelled { get; init; }
    public bool IsPublished { get; init; }

    /// <summary>Counts the duty's changes (calendar SEQUENCE).</summary>
    public int Sequence { get; init; }

    public DateTime UpdatedAtUtc { get; init; }

    /// <summary>"2026-09-30 上午": the same in every language (the session name is the office's own).</summary>
    public string Label => $"{DateText.Of(Date)} {SessionName}";

    public bool Overlaps(DutySlot other) => Date == other.Date && Start < other.End && other.Start < End;
}

/// <summary>The duty join: an assignment with its month, rule, org unit, venue, session and leader.</summary>
public static class DutySlots
{
    /// <summary>
    /// Every duty of every rota (published or not, cancelled or not); callers narrow it — by scope with
    /// <c>VisibleTo</c>, by date, by state. No AsNoTracking: a projection tracks nothing, and EF would apply it to a whole
    /// query that uses this as a subquery.
    /// </summary>
    public static IQueryable<DutySlot> Of(AppDbContext db) =>
        from a in db.DutyAssignments
        join m in db.RotaMonths on a.RotaMonthId equals m.Id
        join r in db.DutyRules on m.DutyRuleId equals r.Id
        join o in db.OrgUnits on r.OrgUnitId equals o.Id
        join v in db.Venues on r.VenueId equals v.Id
        join s in db.Set<DutyRuleSession>() on new { Rule = r.Id, Index = a.SessionIndex } equals new { Rule = s.DutyRuleId, Index = s.Index }
        join l in db.Leaders on a.LeaderId equals l.Id
        select new DutySlot
        {
            Id = a.Id,
            RotaMonthId = m.Id,
            Month = m.Month,
            DutyRuleId = r.Id,
            RuleName = r.Name,
            RuleIsActive = r.IsActive,
            OrgUnitId = o.Id,
            OrgPath = o.Path,
            VenueName = v.Name,
            VenueAddress = v.Address,
            Date = a.Date,
            SessionIndex = a.SessionIndex,
            SessionName = s.Name,
            Start = s.Start,
            End = s.End,
            LeaderId = a.LeaderId,
            LeaderName = l.Name,
            LeaderTitle = l.Title,
            IsCancelled = a.IsCancelled,
            IsPublished = m.PublishedNumber > 0,
            Sequence = a.Sequence,
            UpdatedAtUtc = a.UpdatedAtUtc,
        };

    /// <summary>Duties of published rotas whose rule is active — what reminders and feeds announce (cancelled ones included).</summary>
    public static IQueryable<DutySlot> Published(this IQueryable<DutySlot> slots) => slots.Where(s => s.IsPublished && s.RuleIsActive);
}
