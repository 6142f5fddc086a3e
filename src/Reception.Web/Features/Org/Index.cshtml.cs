using Reception.Core.Organisation;

namespace Reception.Web.Features.Org;

/// <summary>
/// Browses the org tree one unit at a time (the unit, its ancestors within scope and its children),
/// or searches the whole scope by name or code — so a province of 50,000 units stays fast.
/// </summary>
[Authorize(Roles = Roles.OfficeStaff)]
public sealed class IndexModel(AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public UnitRow Unit { get; private set; } = null!;
    public IReadOnlyList<UnitRow> Ancestors { get; private set; } = [];
    public Paged<UnitRow> Rows { get; private set; } = null!;
    public bool CanEdit => me.IsInRole(Roles.Admin);

    public async Task<IActionResult> OnGetAsync()
    {
        var visible = db.OrgUnits.AsNoTracking().VisibleTo(me.Scope);
        var unitId = Id ?? me.OrgUnitId;
        var unit = await visible.Where(o => o.Id == unitId).Select(Project).SingleOrDefaultAsync();
        if (unit is null) return NotFound();
        Unit = unit;

        var ancestorCodes = unit.Path.Trim('/').Split('/').SkipLast(1).ToList();
        Ancestors = await visible.Where(o => ancestorCodes.Contains(o.Code)).OrderBy(o => o.Path).Select(Project).ToListAsync();

        IQueryable<OrgUnit> rows;
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var q = Query.Trim();
            var code = q.ToLowerInvariant();
            rows = visible.Where(o => o.Path.StartsWith(unit.Path) && (o.Name.Contains(q) || o.Code.Contains(code))).OrderBy(o => o.Path);
        }
        else
        {
            rows = visible.Where(o => o.ParentId == unit.Id).OrderBy(o => o.SortOrder).ThenBy(o => o.Name);
        }
        Rows = await rows.Select(Project).ToPagedAsync(PageNumber, 100);
        return Page();
    }

    private static readonly System.Linq.Expressions.Expression<Func<OrgUnit, UnitRow>> Project = o =>
        new UnitRow(o.Id, o.Code, o.Name, o.Kind, o.Path, o.IsActive, o.SortOrder, o.ParentId, o.Parent != null ? o.Parent.Name : null);

    public sealed record UnitRow(int Id, string Code, string Name, OrgUnitKind Kind, string Path, bool IsActive, int SortOrder, int? ParentId, string? ParentName);
}
