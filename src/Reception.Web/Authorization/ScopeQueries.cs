using Reception.Core.Organisation;
using Reception.Web.Data;

namespace Reception.Web.Authorization;

/// <summary>
/// Org-scope filters: every query that loads records for a page goes through one of these, so a
/// user never reaches anything outside their subtree (a record outside it answers 404).
/// </summary>
public static class ScopeQueries
{
    public static IQueryable<OrgUnit> VisibleTo(this IQueryable<OrgUnit> query, CurrentUser user)
    {
        var path = user.OrgPath;
        return query.Where(o => o.Path.StartsWith(path));
    }

    /// <summary>
    /// Whether the user's subtree is the whole organisation tree: their unit is a root and there is no other root. Scope
    /// filters then need no predicate at all, which lets the database read a province's lists straight from an index
    /// (README "Casework performance"). Asked once per request (a root user only; one query over the org units).
    /// </summary>
    public static bool ScopeIsWholeTree(this AppDbContext db, CurrentUser user)
    {
        if (user.ScopeIsWholeTree is { } known) return known;
        var path = user.OrgPath;
        var isRoot = path.Count(c => c == '/') == 2;
        var whole = isRoot && !db.OrgUnits.Any(o => !o.Path.StartsWith(path));
        user.ScopeIsWholeTree = whole;
        return whole;
    }

    public static IQueryable<Leader> VisibleTo(this IQueryable<Leader> query, CurrentUser user)
    {
        var path = user.OrgPath;
        return query.Where(l => l.OrgUnit!.Path.StartsWith(path));
    }

    /// <summary>Records that belong to an org unit by id only (no navigation): a subquery on the unit's path.</summary>
    public static IQueryable<Reception.Core.Rotas.Model.Venue> VisibleTo(this IQueryable<Reception.Core.Rotas.Model.Venue> query, AppDbContext db, CurrentUser user)
    {
        var units = db.OrgUnits.VisibleTo(user).Select(o => o.Id);
        return query.Where(v => units.Contains(v.OrgUnitId));
    }

    public static IQueryable<Reception.Core.Rotas.Model.DutyRule> VisibleTo(this IQueryable<Reception.Core.Rotas.Model.DutyRule> query, AppDbContext db, CurrentUser user)
    {
        var units = db.OrgUnits.VisibleTo(user).Select(o => o.Id);
        return query.Where(r => units.Contains(r.OrgUnitId));
    }

    public static IQueryable<AppUser> VisibleTo(this IQueryable<AppUser> query, CurrentUser user)
    {
        var path = user.OrgPath;
        return query.Where(u => u.OrgUnit!.Path.StartsWith(path));
    }
}
