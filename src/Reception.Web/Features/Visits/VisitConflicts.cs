using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Features.Visits;

public enum VisitConflictKind
{
    Duty,
    Unavailable,
    OtherVisit,
}

/// <summary>
/// Something else the leader has on the day of a visit. Conflicts are flagged, not refused: offices do move a
/// duty or shorten a leave for a visit, and the person planning knows whether that has been arranged.
/// </summary>
public sealed record VisitConflict(VisitConflictKind Kind, int Id, string What, string? Detail, DateOnly From, DateOnly To, UnavailabilityReason? Reason)
{
    public string Key => Kind switch { VisitConflictKind.Duty => "d", VisitConflictKind.Unavailable => "u", _ => "v" } + Id;
}

public static class VisitConflicts
{
    /// <summary>The leader's duties, leave/travel/meetings and other visits on <paramref name="date"/> (the visit being edited excluded).</summary>
    public static async Task<IReadOnlyList<VisitConflict>> FindAsync(AppDbContext db, int leaderId, DateOnly date, int? exceptVisitId = null)
    {
        var duties = await (from a in db.DutyAssignments.AsNoTracking()
                            join m in db.RotaMonths on a.RotaMonthId equals m.Id
                            join r in db.DutyRules on m.DutyRuleId equals r.Id
                            join v in db.Venues on r.VenueId equals v.Id
                            where a.LeaderId == leaderId && a.Date == date && !a.IsCancelled
                            orderby a.SessionIndex
                            select new
                            {
                                a.Id,
                                Venue = v.Name,
                                Rule = r.Name,
                                Session = r.Sessions.Where(s => s.Index == a.SessionIndex).Select(s => s.Name).FirstOrDefault(),
                            }).ToListAsync();
        var away = await db.Unavailabilities.AsNoTracking()
            .Where(u => u.LeaderId == leaderId && u.From <= date && u.To >= date)
            .OrderBy(u => u.From).Select(u => new { u.Id, u.Reason, u.From, u.To, u.Note }).ToListAsync();
        var visits = await db.Visits.AsNoTracking()
            .Where(v => v.LeaderId == leaderId && v.Date == date && v.Status != VisitStatus.Cancelled && v.Id != exceptVisitId)
            .Join(db.OrgUnits, v => v.DestinationId, o => o.Id, (v, o) => new { v.Id, o.Name, v.Purpose })
            .OrderBy(v => v.Id).ToListAsync();

        return
        [
            .. duties.Select(d => new VisitConflict(VisitConflictKind.Duty, d.Id, d.Venue, d.Session is null ? d.Rule : d.Rule + " · " + d.Session, date, date, null)),
            .. away.Select(u => new VisitConflict(VisitConflictKind.Unavailable, u.Id, "", u.Note, u.From, u.To, u.Reason)),
            .. visits.Select(v => new VisitConflict(VisitConflictKind.OtherVisit, v.Id, v.Name, v.Purpose, date, date, null)),
        ];
    }

    /// <summary>Names exactly this set of conflicts, for the "save anyway" confirmation.</summary>
    public static string Signature(IEnumerable<VisitConflict> conflicts) => string.Join(",", conflicts.Select(c => c.Key).Order(StringComparer.Ordinal));
}
