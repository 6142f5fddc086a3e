using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Organisation;

namespace Reception.Web.Features.Org;

/// <summary>Select-list choices of org units within the user's scope, indented by depth.</summary>
public sealed class OrgChoices(AppDbContext db, CurrentUser me)
{
    private static readonly OrgUnitKind[] Regions = [OrgUnitKind.Province, OrgUnitKind.City, OrgUnitKind.County, OrgUnitKind.Township, OrgUnitKind.Street];

    /// <summary>Regions and townships/streets: where leaders and office staff sit.</summary>
    public Task<List<SelectListItem>> RegionsAsync(int? selected) =>
        ListAsync(db.OrgUnits.VisibleTo(me.Scope).Where(o => Regions.Contains(o.Kind)), selected);

    public Task<List<SelectListItem>> DepartmentsAsync(int? selected) =>
        ListAsync(db.OrgUnits.VisibleTo(me.Scope).Where(o => o.Kind == OrgUnitKind.Department), selected);

    public Task<List<SelectListItem>> LeadersAsync(int? selected) =>
        db.Leaders.VisibleTo(me.Scope).Where(l => l.IsActive || l.Id == selected)
            .OrderBy(l => l.OrgUnit!.Path).ThenBy(l => l.RotationOrder)
            .Select(l => new SelectListItem(l.Name + " · " + l.Title + " · " + l.OrgUnit!.Name, l.Id.ToString(CultureInfo.InvariantCulture), l.Id == selected))
            .ToListAsync();

    private static async Task<List<SelectListItem>> ListAsync(IQueryable<OrgUnit> units, int? selected)
    {
        var rows = await units.Where(o => o.IsActive || o.Id == selected)
            .OrderBy(o => o.Path)
            .Select(o => new { o.Id, o.Name, o.Code, o.Path })
            .ToListAsync();
        var top = rows.Count == 0 ? 0 : rows.Min(r => Depth(r.Path));
        return rows.Select(r => new SelectListItem(
            new string('\u3000', Depth(r.Path) - top) + r.Name + "（" + r.Code + "）", r.Id.ToString(CultureInfo.InvariantCulture), r.Id == selected)).ToList();
    }

    private static int Depth(string path) => path.Count(c => c == '/');
}
