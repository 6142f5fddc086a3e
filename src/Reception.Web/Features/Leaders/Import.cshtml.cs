using Reception.Core.Imports;
using Reception.Core.Organisation;

namespace Reception.Web.Features.Leaders;

/// <summary>Imports leaders from CSV, all or nothing; units are looked up by code within the user's scope.</summary>
[Authorize(Roles = Roles.AdminOrClerk)]
[RequestSizeLimit(CsvUpload.MaxBytes + 64 * 1024)]
public sealed class ImportModel(AppDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (text, error) = await CsvUpload.ReadAsync(Upload, l, ct);
        if (text is null)
        {
            ModelState.AddModelError(nameof(Upload), error!);
            return Page();
        }
        var units = await db.OrgUnits.VisibleTo(me.Scope).Where(o => o.IsActive).ToDictionaryAsync(o => o.Code, o => o.Id, ct);
        var result = LeaderImport.Parse(text, units);
        if (!result.Succeeded)
        {
            Errors = CsvUpload.Describe(result.Errors, l);
            return Page();
        }
        db.Leaders.AddRange(result.Rows.Select(r => new Leader(r.Name, r.Title, r.Body, r.OrgUnitId, r.RotationOrder, r.Email, r.Phone)));
        await db.SaveChangesAsync(ct); // one SaveChanges: one transaction, all rows or none
        Status.Set(TempData, l["Imported {0} leaders.", result.Rows.Count]);
        return RedirectToPage("Index");
    }
}
