using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Organisation;
using Reception.Core.Rotas.Model;
using Reception.Web.Authorization;
using Reception.Web.Data;

namespace Reception.Web.Features.Visits;

/// <summary>
/// Whose visits and unavailability a user reaches: the leaders in their org scope, and for a Leader only
/// themselves. Visits and unavailability have no org unit of their own, so they are scoped through their leader.
/// </summary>
public static class LeaderRecords
{
    /// <summary>A Leader account manages only its own records; office staff manage everyone in their scope.</summary>
    public static bool IsOwnOnly(this CurrentUser me) => me.IsInRole(Roles.Leader);

    public static IQueryable<Leader> WithRecordsVisibleTo(this IQueryable<Leader> leaders, CurrentUser me)
    {
        var scoped = leaders.VisibleTo(me);
        if (!me.IsOwnOnly()) return scoped;
        var own = me.LeaderId ?? -1; // a Leader account without a leader record sees nothing
        return scoped.Where(l => l.Id == own);
    }

    public static IQueryable<Visit> VisibleTo(this IQueryable<Visit> visits, AppDbContext db, CurrentUser me)
    {
        var leaders = db.Leaders.WithRecordsVisibleTo(me);
        return visits.Where(v => leaders.Any(l => l.Id == v.LeaderId));
    }

    public static IQueryable<Reception.Core.Rotas.Model.Unavailability> VisibleTo(this IQueryable<Reception.Core.Rotas.Model.Unavailability> entries, AppDbContext db, CurrentUser me)
    {
        var leaders = db.Leaders.WithRecordsVisibleTo(me);
        return entries.Where(u => leaders.Any(l => l.Id == u.LeaderId));
    }

    /// <summary>The leaders a user may choose in a form: active ones (and <paramref name="selected"/>), a Leader only themselves.</summary>
    public static Task<List<SelectListItem>> LeaderChoicesAsync(this AppDbContext db, CurrentUser me, int? selected) =>
        db.Leaders.AsNoTracking().WithRecordsVisibleTo(me).Where(l => l.IsActive || l.Id == selected)
            .OrderBy(l => l.OrgUnit!.Path).ThenBy(l => l.RotationOrder)
            .Select(l => new SelectListItem(l.Name + " · " + l.Title + " · " + l.OrgUnit!.Name, l.Id.ToString(CultureInfo.InvariantCulture), l.Id == selected))
            .ToListAsync();

    public static bool Offers(this IEnumerable<SelectListItem> choices, int? id) =>
        id is { } value && choices.Any(c => c.Value == value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A visit in scope, tracked, with its leader's and destination's names; null outside scope.</summary>
    public static async Task<(Visit Visit, string Leader, string Destination)?> FindVisitAsync(this AppDbContext db, CurrentUser me, int id)
    {
        var visit = await db.Visits.VisibleTo(db, me).SingleOrDefaultAsync(v => v.Id == id);
        if (visit is null) return null;
        var leader = await db.Leaders.Where(x => x.Id == visit.LeaderId).Select(x => x.Name).SingleAsync();
        var destination = await db.OrgUnits.Where(o => o.Id == visit.DestinationId).Select(o => o.Name).SingleAsync();
        return (visit, leader, destination);
    }
}
