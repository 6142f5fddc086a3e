namespace Reception.Web.Features.Cases.Attachments;

/// <summary>
/// Attaches a file to a case in the user's scope (404 otherwise), or to one of its progress entries or replies. The people
/// who record on a case upload (clerks, supervisors, unit handlers); leaders read. Back to the case page, where a refusal
/// is shown next to the file field.
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Supervisor + "," + Roles.UnitHandler)]
public sealed class UploadModel(AppDbContext db, CurrentUser me, AttachmentStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string ErrorKey = "AttachmentError";

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public long? EventId { get; set; }

    public IActionResult OnGet(int caseId) => RedirectToPage("/Cases/Details", new { id = caseId });

    public async Task<IActionResult> OnPostAsync(int caseId, CancellationToken ct)
    {
        if (!await db.Cases.VisibleTo(db, me.Scope).AnyAsync(c => c.Id == caseId, ct)) return NotFound();
        var (attachment, error) = await store.AddAsync(caseId, EventId, Upload, me.UserId!, ct);
        if (error is not null) TempData[ErrorKey] = error;
        else Status.Set(TempData, l["{0} is attached.", attachment!.FileName]);
        return Redirect($"/Cases/Details/{caseId}#attachments");
    }
}
