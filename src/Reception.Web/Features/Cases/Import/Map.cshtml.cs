using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Cases.Import;

namespace Reception.Web.Features.Cases.Import;

/// <summary>
/// Step 2: which case field each column of the file fills. Proposed from the office's remembered mapping and the column
/// names (<see cref="LedgerMapping.For"/>); the choice is remembered for the office when saved.
/// </summary>
[Authorize(Roles = Roles.Clerk)]
public sealed class MapModel(LedgerImportService imports, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "upload")] public string? UploadId { get; set; }
    [BindProperty] public List<LedgerField> Fields { get; set; } = [];

    public LedgerTable Table { get; private set; } = new([], []);
    public string FileName { get; private set; } = "";
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Up to three non-empty values of column <paramref name="column"/>, to recognise it by.</summary>
    public IEnumerable<string> Samples(int column) =>
        Table.Rows.Select(r => r[column]).Where(v => v.Length > 0).Take(3).Select(v => v.Length > 30 ? v[..30] + "…" : v);

    public IEnumerable<SelectListItem> Options(int column) => LedgerText.FieldOptions(l, column < Fields.Count ? Fields[column] : LedgerField.Ignore);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Gone();
        Fields = [.. (await imports.MappingForAsync(Table.Headers, ct)).Mapping.Fields];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Gone();
        if (Fields.Count != Table.Headers.Count || Fields.Any(f => !Enum.IsDefined(f))) return BadRequest();
        var mapping = new LedgerMapping(Fields);
        Problems = [.. mapping.Problems().Select(m => LedgerText.Of(l, m))];
        if (Problems.Count > 0)
        {
            foreach (var p in Problems) ModelState.AddModelError("", p);
            return Page();
        }
        await imports.RememberAsync(Table.Headers, mapping, ct);
        return RedirectToPage("Preview", new { upload = UploadId });
    }

    private RedirectToPageResult Gone()
    {
        Status.Set(TempData, l["That upload is no longer here (it was imported, or is older than a day): upload the file again."], Status.Warning);
        return RedirectToPage("Index");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await imports.FindUploadAsync(UploadId, ct) is not { } found) return false;
        (Table, FileName) = (found.Table, found.Upload.FileName);
        return true;
    }
}
