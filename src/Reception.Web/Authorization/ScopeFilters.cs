using Reception.Core.Cases;
using Reception.Core.Organisation;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Authorization;

/// <summary>
/// The scope filters, one per kind of record, all taking a <see cref="UserScope"/>: every query that loads records for a
/// page or a job goes through one of these, so nobody reaches anything outside their scope (a record outside it answers
/// 404). Records with an org unit are scoped by its path; visits and unavailability by their leader; duties by their
/// rule's unit; cases, 督办 notices and swaps by the rules of their own (see each).
/// </summary>
public static class ScopeFilters
{
    public static IQueryable<OrgUnit> VisibleTo(this IQueryable<OrgUnit> query, UserScope scope)
    {
        var path = scope.OrgPath;
        return query.Where(o => o.Path.StartsWith(path));
    }

    /// <summary>
    /// Whether the scope is the whole organisation tree: its unit is a root and there is no other root. Scope filters then
    /// need no predicate at all, which lets the database read a province's lists straight from an index (README "Casework
    /// performance"). Asked once per scope (a root's only; one query over the org units).
    /// </summary>
    public static bool IsWholeTree(this AppDbContext db, UserScope scope)
    {
        if (scope.IsWholeTreeMemo is { } known) return known;
        var path = scope.OrgPath;
        var isRoot = path.Count(c => c == '/') == 2;
        var whole = isRoot && !db.OrgUnits.Any(o => !o.Path.StartsWith(path));
        scope.IsWholeTreeMemo = whole;
        return whole;
    }

    public static IQueryable<Leader> VisibleTo(this IQueryable<Leader> query, UserScope scope)
    {
        var path = scope.OrgPath;
        return query.Where(l => l.OrgUnit!.Path.StartsWith(path));
    }

    public static IQueryable<AppUser> VisibleTo(this IQueryable<AppUser> query, UserScope scope)
    {
        var path = scope.OrgPath;
        return query.Where(u => u.OrgUnit!.Path.StartsWith(path));
    }

    /// <summary>Records that belong to an org unit by id only (no navigation): a subquery on the unit's path.</summary>
    public static IQueryable<Venue> VisibleTo(this IQueryable<Venue> query, AppDbContext db, UserScope scope)
    {
        var units = db.OrgUnits.VisibleTo(scope).Select(o => o.Id);
        return query.Where(v => units.Contains(v.OrgUnitId));
    }

    public static IQueryable<DutyRule> VisibleTo(this IQueryable<DutyRule> query, AppDbContext db, UserScope scope)
    {
        var units = db.OrgUnits.VisibleTo(scope).Select(o => o.Id);
        return query.Where(r => units.Contains(r.OrgUnitId));
    }

    /// <summary>A duty belongs to the org unit of its rota rule.</summary>
    public static IQueryable<DutySlot> VisibleTo(this IQueryable<DutySlot> slots, UserScope scope)
    {
        var path = scope.OrgPath;
        return slots.Where(s => s.OrgPath.StartsWith(path));
    }

    /// <summary>Swap requests of duties in scope; for anyone but a rota clerk only those they take part in.</summary>
    public static IQueryable<SwapRequest> VisibleTo(this IQueryable<SwapRequest> query, AppDbContext db, UserScope scope)
    {
        var slots = DutySlots.Of(db).VisibleTo(scope).Select(s => s.Id);
        query = query.Where(r => slots.Contains(r.AssignmentId));
        if (scope.ManagesRotas) return query;
        var leaderId = scope.LeaderId ?? -1;
        return query.Where(r => r.RequesterLeaderId == leaderId || r.CounterpartLeaderId == leaderId);
    }

    /// <summary>
    /// The leaders whose visits and unavailability the scope reaches (these have no org unit of their own, so they are
    /// scoped through their leader): the leaders in scope, and for a Leader only themselves (none without a leader record).
    /// </summary>
    public static IQueryable<Leader> WithRecordsVisibleTo(this IQueryable<Leader> leaders, UserScope scope)
    {
        var scoped = leaders.VisibleTo(scope);
        if (!scope.IsOwnRecordsOnly) return scoped;
        var own = scope.LeaderId ?? -1;
        return scoped.Where(l => l.Id == own);
    }

    public static IQueryable<Visit> VisibleTo(this IQueryable<Visit> visits, AppDbContext db, UserScope scope)
    {
        var leaders = db.Leaders.WithRecordsVisibleTo(scope);
        return visits.Where(v => leaders.Any(l => l.Id == v.LeaderId));
    }

    public static IQueryable<Unavailability> VisibleTo(this IQueryable<Unavailability> entries, AppDbContext db, UserScope scope)
    {
        var leaders = db.Leaders.WithRecordsVisibleTo(scope);
        return entries.Where(u => leaders.Any(l => l.Id == u.LeaderId));
    }

    /// <summary>
    /// Who sees which cases: Clerks and Supervisors every case registered, handled or transferred within their subtree; a
    /// unit handler the cases of their own unit (handling, co-handling, transferred to it, or stability control); a leader
    /// the cases they own (包案) or received on duty or a visit. Admins keep the system, not the casework: they see no cases.
    /// </summary>
    public static IQueryable<PetitionCase> VisibleTo(this IQueryable<PetitionCase> query, AppDbContext db, UserScope scope)
    {
        if (scope.Is(Roles.Leader))
        {
            var leaderId = scope.LeaderId ?? -1;
            return query.Where(c => c.OwnerLeaderId == leaderId || c.ReceivedByLeaderId == leaderId);
        }

        if (scope.Is(Roles.UnitHandler))
        {
            var unit = scope.HandlerUnitId;
            return query.Where(c => c.HandlingUnitId == unit || c.TransferredToUnitId == unit || c.StabilityControlUnitId == unit
                                    || c.CoHandlingUnits.Any(u => u.OrgUnitId == unit));
        }

        if (scope.IsCaseworkStaff)
        {
            // The whole tree: every case is in scope, and no predicate lets lists read straight from their index.
            if (db.IsWholeTree(scope)) return query;
            if (db.Database.IsNpgsql())
            {
                // PostgreSQL cannot estimate "IN (subquery) OR IN (subquery) …": it guessed 70% of a million cases for a
                // county's 1%, and read every case. With the subtree's ids as arrays (= ANY, one query per scope) it
                // estimates from its statistics and ORs the three indexes (README "Casework performance", PostgreSQL).
                var ids = scope.UnitIdsMemo ??= db.OrgUnits.VisibleTo(scope).Select(o => o.Id).ToList();
                return query.Where(c => ids.Contains(c.OrgUnitId)
                                        || (c.HandlingUnitId != null && ids.Contains(c.HandlingUnitId.Value))
                                        || (c.TransferredToUnitId != null && ids.Contains(c.TransferredToUnitId.Value)));
            }

            var units = db.OrgUnits.VisibleTo(scope).Select(o => o.Id);
            return query.Where(c => units.Contains(c.OrgUnitId)
                                    || (c.HandlingUnitId != null && units.Contains(c.HandlingUnitId.Value))
                                    || (c.TransferredToUnitId != null && units.Contains(c.TransferredToUnitId.Value)));
        }

        return query.Where(_ => false);
    }

    /// <summary>
    /// Which 督办 notices the scope sees: Clerks and Supervisors those about the cases of their scope; a unit handler those
    /// addressed to their unit. Nobody else sees any.
    /// </summary>
    public static IQueryable<SupervisionNotice> VisibleTo(this IQueryable<SupervisionNotice> query, AppDbContext db, UserScope scope)
    {
        if (scope.Is(Roles.UnitHandler))
        {
            var unit = scope.HandlerUnitId;
            return query.Where(n => n.ToUnitId == unit);
        }

        if (scope.IsCaseworkStaff)
        {
            var cases = db.Cases.VisibleTo(db, scope).Select(c => c.Id);
            return query.Where(n => cases.Contains(n.PetitionCaseId));
        }

        return query.Where(_ => false);
    }
}
