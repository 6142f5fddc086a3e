using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;

namespace Reception.Web.Features.Cases.Import;

/// <summary>Step 4: the cases one import made, with their new and old numbers, state, deadline and colour.</summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Supervisor)]
public sealed class BatchModel(AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public string FileName { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public string OfficePath { get; private set; } = "";
    public IReadOnlyList<ImportedCase> Cases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var scope = me.Scope;
        var batch = await (from b in db.CaseImportBatches.AsNoTracking()
                           join o in db.OrgUnits.VisibleTo(scope) on b.OrgUnitId equals o.Id
                           where b.Id == Id
                           select new { b.FileName, b.AtUtc, o.Path }).SingleOrDefaultAsync(ct);
        if (batch is null) return NotFound();
        (FileName, AtUtc, OfficePath) = (batch.FileName, batch.AtUtc, batch.Path);
        var id = Id;
        Cases = await db.Cases.AsNoTracking().VisibleTo(db, scope).Where(c => c.ImportBatchId == id)
            .OrderBy(c => c.Number)
            .Select(c => new ImportedCase(c.Id, c.Number.ToString(), c.ExternalReference, c.ReceivedOn, c.Summary, c.State, c.Colour, c.DueOn))
            .ToListAsync(ct);
        return Page();
    }
}

public sealed record ImportedCase(int Id, string Number, string? ExternalReference, DateOnly ReceivedOn, string Summary, CaseState State,
    SupervisionColour? Colour, DateOnly? DueOn);
