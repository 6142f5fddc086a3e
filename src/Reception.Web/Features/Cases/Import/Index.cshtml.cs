namespace Reception.Web.Features.Cases.Import;

/// <summary>
/// Bringing the old ledger in, step 1: the office's clerk uploads the spreadsheet (.xlsx or CSV). The table is kept for the
/// next steps (<see cref="LedgerImportService.SaveUploadAsync"/>); when the office's remembered mapping knows every column
/// the preview comes next, otherwise the mapping. The page also lists the office's earlier imports.
/// </summary>
[Authorize(Roles = Roles.Clerk)]
[RequestSizeLimit(LedgerFile.MaxBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = LedgerFile.MaxBytes + 64 * 1024)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, LedgerImportService imports, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }

    public IReadOnlyList<ImportedBatch> Batches { get; private set; } = [];
    public int MaxMegabytes => LedgerFile.MaxBytes / (1024 * 1024);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (table, error) = await LedgerFile.ReadAsync(Upload, l, ct);
        if (table is null)
        {
            ModelState.AddModelError(nameof(Upload), error!);
            await LoadAsync(ct);
            return Page();
        }
        var id = await imports.SaveUploadAsync(table, Upload!.FileName, ct);
        var (mapping, known) = await imports.MappingForAsync(table.Headers, ct);
        return known && mapping.Problems().Count == 0
            ? RedirectToPage("Preview", new { upload = id })
            : RedirectToPage("Map", new { upload = id });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var office = me.OrgUnitId;
        Batches = await (from b in db.CaseImportBatches.AsNoTracking()
                         where b.OrgUnitId == office
                         join u in db.Users on b.UserId equals u.Id into users
                         from u in users.DefaultIfEmpty()
                         orderby b.AtUtc descending
                         select new ImportedBatch(b.Id, b.FileName, b.CaseCount, b.AtUtc, u != null ? u.DisplayName : ""))
            .Take(20).ToListAsync(ct);
    }
}

public sealed record ImportedBatch(int Id, string FileName, int CaseCount, DateTime AtUtc, string By);
