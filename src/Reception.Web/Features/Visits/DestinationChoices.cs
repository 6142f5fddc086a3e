using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Organisation;

namespace Reception.Web.Features.Visits;

/// <summary>Where a visit can go: the townships/streets and villages/communities in the user's scope, villages indented under their township.</summary>
public static class DestinationChoices
{
    private static readonly OrgUnitKind[] Kinds = [OrgUnitKind.Township, OrgUnitKind.Street, OrgUnitKind.Village, OrgUnitKind.Community];

    public static async Task<List<SelectListItem>> DestinationChoicesAsync(this AppDbContext db, UserScope scope, int? selected)
    {
        var rows = await db.OrgUnits.AsNoTracking().VisibleTo(scope)
            .Where(o => Kinds.Contains(o.Kind) && (o.IsActive || o.Id == selected))
            .OrderBy(o => o.Path)
            .Select(o => new { o.Id, o.Name, o.Code, o.Kind })
            .ToListAsync();
        return rows.Select(r => new SelectListItem(
            (r.Kind.IsVillageLevel() ? "\u3000" : "") + r.Name + "（" + r.Code + "）", r.Id.ToString(CultureInfo.InvariantCulture), r.Id == selected)).ToList();
    }
}
