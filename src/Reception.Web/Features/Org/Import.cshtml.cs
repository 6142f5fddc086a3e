using Reception.Core.Imports;
using Reception.Core.Organisation;

namespace Reception.Web.Features.Org;

/// <summary>
/// Imports org units from CSV, all or nothing: every bad row is listed with its line number, and
/// nothing is saved unless every row is good. Parents may be existing units in the user's scope or
/// rows of the same file.
/// </summary>
[Authorize(Roles = Roles.Admin)]
[Reception.Web.Audit.Audited(Reception.Web.Audit.AuditActions.OrgChange)]
[RequestSizeLimit(CsvUpload.MaxBytes + 64 * 1024)]
public sealed class ImportModel(AppDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }

    public const string NeedsParent = "Give a parent code: new units must sit inside your own area.";

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

        var inScope = await db.OrgUnits.VisibleTo(me.Scope).ToDictionaryAsync(o => o.Code, ct);
        var result = OrgUnitImport.Parse(text, inScope.ToDictionary(p => p.Key, p => p.Value.Kind));
        var errors = result.Errors.ToList();
        if (result.Succeeded)
        {
            // Codes are unique across the whole deployment, also outside this user's scope.
            var codes = result.Rows.Select(r => r.Code).ToList();
            var taken = await db.OrgUnits.Where(o => codes.Contains(o.Code)).Select(o => o.Code).ToListAsync(ct);
            errors.AddRange(result.Rows.Where(r => taken.Contains(r.Code))
                .Select(r => new ImportError(r.Line, new LocalizableMessage(ImportMessageKeys.CodeExists, r.Code))));
            // A new root would fall outside the importing user's own scope.
            errors.AddRange(result.Rows.Where(r => r.ParentCode is null)
                .Select(r => new ImportError(r.Line, new LocalizableMessage(NeedsParent))));
        }
        if (errors.Count > 0)
        {
            Errors = CsvUpload.Describe(errors.OrderBy(e => e.Line), l);
            return Page();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var byCode = new Dictionary<string, OrgUnit>(inScope);
        foreach (var row in result.Rows) // parents come before children
        {
            var parent = row.ParentCode is null ? null : byCode[row.ParentCode];
            if (parent is { Id: 0 }) await db.SaveChangesAsync(ct); // a parent from this file needs its key before a child can point at it
            var unit = new OrgUnit(row.Code, row.Name, row.Kind, parent);
            db.OrgUnits.Add(unit);
            byCode[row.Code] = unit;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        Status.Set(TempData, l["Imported {0} units.", result.Rows.Count]);
        return RedirectToPage("Index");
    }
}
