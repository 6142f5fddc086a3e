using Reception.Core.Cases;

namespace Reception.Web.Features.Cases.Notices;

/// <summary>
/// The printed 督办通知书: its document number of the issuing office's sequence (e.g. 演示信督〔2026〕12号), the unit it is
/// addressed to, the case (no petitioner's personal data), what the unit must do and the reply deadline, the issuing
/// office and the day of issue. Who may see the notice may print it (the same scope as the notice page).
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Supervisor + "," + Roles.UnitHandler)]
public sealed class PaperModel(AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public SupervisionNotice Notice { get; private set; } = null!;
    public string Number { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string Category { get; private set; } = "";
    public string Unit { get; private set; } = "";
    public string Office { get; private set; } = "";

    /// <summary>Free text as this user may read it (ID and phone numbers masked unless they see personal data).</summary>
    public string Free(string? text) => me.Scope.FreeText(text);

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await db.SupervisionNotices.AsNoTracking().VisibleTo(db, me.Scope).SingleOrDefaultAsync(n => n.Id == Id, ct) is not { } notice) return NotFound();
        Notice = notice;
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == notice.PetitionCaseId)
            .Select(x => new { x.Number, x.Summary, x.CategoryCode, x.OrgUnitId }).SingleAsync(ct);
        (Number, Summary) = (c.Number.ToString(), c.Summary);
        Category = await db.CaseCategories.AsNoTracking().Where(x => x.Code == c.CategoryCode).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? c.CategoryCode;
        Unit = await db.OrgUnits.AsNoTracking().Where(o => o.Id == notice.ToUnitId).Select(o => o.Name).SingleAsync(ct);
        var office = notice.IssuingUnitId ?? c.OrgUnitId;
        Office = await db.OrgUnits.AsNoTracking().Where(o => o.Id == office).Select(o => o.Name).SingleAsync(ct);
        ViewData["Back"] = $"/Notices/Details/{Id}";
        return Page();
    }
}
