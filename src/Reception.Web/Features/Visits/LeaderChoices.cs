using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Features.Visits;

/// <summary>Choosing a leader and finding a visit on the visit and unavailability pages, within the user's scope.</summary>
public static class LeaderChoices
{
    /// <summary>The leaders a user may choose in a form: active ones (and <paramref name="selected"/>), a Leader only themselves.</summary>
    public static Task<List<SelectListItem>> LeaderChoicesAsync(this AppDbContext db, UserScope scope, int? selected) =>
        db.Leaders.AsNoTracking().WithRecordsVisibleTo(scope).Where(l => l.IsActive || l.Id == selected)
            .OrderBy(l => l.OrgUnit!.Path).ThenBy(l => l.RotationOrder)
            .Select(l => new SelectListItem(l.Name + " · " + l.Title + " · " + l.OrgUnit!.Name, l.Id.ToString(CultureInfo.InvariantCulture), l.Id == selected))
            .ToListAsync();

    public static bool Offers(this IEnumerable<SelectListItem> choices, int? id) =>
        id is { } value && choices.Any(c => c.Value == value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A visit in scope, tracked, with its leader's and destination's names; null outside scope.</summary>
    public static async Task<(Visit Visit, string Leader, string Destination)?> FindVisitAsync(this AppDbContext db, UserScope scope, int id)
    {
        var visit = await db.Visits.VisibleTo(db, scope).SingleOrDefaultAsync(v => v.Id == id);
        if (visit is null) return null;
        var leader = await db.Leaders.Where(x => x.Id == visit.LeaderId).Select(x => x.Name).SingleAsync();
        var destination = await db.OrgUnits.Where(o => o.Id == visit.DestinationId).Select(o => o.Name).SingleAsync();
        return (visit, leader, destination);
    }
}
