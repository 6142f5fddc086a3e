using Reception.Core.Cases;
using Reception.Web.Authorization;
using Reception.Web.Data;

namespace Reception.Web.Features.Cases;

/// <summary>
/// Who sees which cases (issue 4, "Access"): Clerks and Supervisors every case registered, handled or
/// transferred within their org subtree; a unit handler the cases of their own unit (handling, co-handling, transferred
/// to it, or stability control); a leader the cases they own (包案) or received on duty or a visit. Every case query of a
/// page starts here, so a case outside scope answers 404. Admins keep the system, not the casework: they see no cases.
/// </summary>
public static class CaseScope
{
    public static IQueryable<PetitionCase> VisibleTo(this IQueryable<PetitionCase> query, AppDbContext db, CurrentUser user)
    {
        if (user.IsInRole(Roles.Leader))
        {
            var leaderId = user.LeaderId ?? -1;
            return query.Where(c => c.OwnerLeaderId == leaderId || c.ReceivedByLeaderId == leaderId);
        }

        if (user.IsInRole(Roles.UnitHandler))
        {
            var unit = HandlerUnitId(user);
            return query.Where(c => c.HandlingUnitId == unit || c.TransferredToUnitId == unit || c.StabilityControlUnitId == unit
                                    || c.CoHandlingUnits.Any(u => u.OrgUnitId == unit));
        }

        if (user.IsInRole(Roles.Clerk) || user.IsInRole(Roles.Supervisor))
        {
            // The whole tree: every case is in scope, and no predicate lets lists read straight from their index.
            if (db.ScopeIsWholeTree(user)) return query;
            var units = db.OrgUnits.VisibleTo(user).Select(o => o.Id);
            return query.Where(c => units.Contains(c.OrgUnitId)
                                    || (c.HandlingUnitId != null && units.Contains(c.HandlingUnitId.Value))
                                    || (c.TransferredToUnitId != null && units.Contains(c.TransferredToUnitId.Value)));
        }

        return query.Where(_ => false);
    }

    /// <summary>The unit a unit handler works for: their department, or else their org unit.</summary>
    public static int HandlerUnitId(CurrentUser user) => user.DepartmentId ?? user.OrgUnitId;

    /// <summary>
    /// Whether the user may see petitioners' ID numbers, phones and addresses unmasked: Clerks and Supervisors, for the
    /// cases of their scope (the case was loaded through <see cref="VisibleTo"/>). Everyone else sees them masked.
    /// </summary>
    public static bool SeesPersonalData(CurrentUser user) => user.IsInRole(Roles.Clerk) || user.IsInRole(Roles.Supervisor);
}
