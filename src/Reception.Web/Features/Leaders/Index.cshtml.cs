using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Organisation;
using Reception.Web.Features.Org;

namespace Reception.Web.Features.Leaders;

[Authorize(Roles = Roles.OfficeStaff)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, OrgChoices choices) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "org")] public int? OrgUnitId { get; set; }
    [BindProperty(SupportsGet = true, Name = "inactive")] public bool IncludeInactive { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Paged<Row> Rows { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> OrgUnits { get; private set; } = [];
    public bool CanEdit => me.IsInRole(Roles.Admin) || me.IsInRole(Roles.Clerk);

    public async Task OnGetAsync()
    {
        OrgUnits = await choices.RegionsAsync(OrgUnitId);
        var query = db.Leaders.AsNoTracking().VisibleTo(me.Scope);
        if (OrgUnitId is { } org) query = query.Where(l => l.OrgUnitId == org);
        if (!IncludeInactive) query = query.Where(l => l.IsActive);
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var q = Query.Trim();
            query = query.Where(l => l.Name.Contains(q) || l.Title.Contains(q));
        }
        Rows = await query
            .OrderBy(l => l.OrgUnit!.Path).ThenBy(l => l.RotationOrder).ThenBy(l => l.Id)
            .Select(l => new Row(l.Id, l.Name, l.Title, l.LeadingBody, l.OrgUnit!.Name, l.RotationOrder, l.Email, l.Phone, l.IsActive))
            .ToPagedAsync(PageNumber);
    }

    public sealed record Row(int Id, string Name, string Title, LeadingBody Body, string OrgUnit, int RotationOrder, string? Email, string? Phone, bool IsActive);
}
