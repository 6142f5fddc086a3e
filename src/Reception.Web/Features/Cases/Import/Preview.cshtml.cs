using Reception.Core.Cases.Import;

namespace Reception.Web.Features.Cases.Import;

/// <summary>
/// Step 3: every row of the file as it will be imported, each with its problems in the reader's language next to it (and
/// the cell it is about marked). Import is offered only when no row has a problem: then every row is imported, or none.
/// A corrected file is uploaded from here again (the mapping is remembered, so it comes straight back here).
/// </summary>
[Authorize(Roles = Roles.Clerk)]
public sealed class PreviewModel(LedgerImportService imports, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "upload")] public string? UploadId { get; set; }

    public LedgerTable Table { get; private set; } = new([], []);
    public string FileName { get; private set; } = "";
    public LedgerMapping Mapping { get; private set; } = new([]);
    public LedgerCheck Check { get; private set; } = new([]);

    /// <summary>The columns shown: those mapped to a field, in the file's order.</summary>
    public IReadOnlyList<int> Columns => [.. Enumerable.Range(0, Mapping.Count).Where(c => Mapping[c] != LedgerField.Ignore)];

    private CaseImportUpload? upload;

    public string Describe(LedgerProblem problem) => LedgerText.Of(l, problem.Message);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        return Page();
    }

    [Idempotent] // a double click imports once
    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        if (!Check.Succeeded)
        {
            ModelState.AddModelError("", l["Nothing was imported: {0} rows have problems.", Check.RowsWithProblems]);
            return Page();
        }
        var batch = await imports.ImportAsync(upload!, Check, ct);
        if (batch is null)
        {
            Status.Set(TempData, l["This file has already been imported."], Status.Warning);
            return RedirectToPage("Index");
        }
        Status.Set(TempData, l["Imported {0} cases.", Check.Rows.Count]);
        return RedirectToPage("Batch", new { id = batch });
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (await imports.FindUploadAsync(UploadId, ct) is not { } found)
        {
            Status.Set(TempData, l["That upload is no longer here (it was imported, or is older than a day): upload the file again."], Status.Warning);
            return RedirectToPage("Index");
        }
        (upload, Table, FileName) = (found.Upload, found.Table, found.Upload.FileName);
        Mapping = (await imports.MappingForAsync(Table.Headers, ct)).Mapping;
        if (Mapping.Problems().Count > 0) return RedirectToPage("Map", new { upload = UploadId });
        Check = await imports.CheckAsync(Table, Mapping, ct);
        return null;
    }
}
