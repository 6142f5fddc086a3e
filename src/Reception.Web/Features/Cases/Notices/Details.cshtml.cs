using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;

namespace Reception.Web.Features.Cases.Notices;

/// <summary>
/// One 督办 notice with its case; the handler of the unit it is addressed to answers it here (once). The answer is saved with
/// its entry in the case's history; a stale form (someone answered meanwhile) changes nothing.
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Supervisor + "," + Roles.UnitHandler)]
public sealed class DetailsModel(AppDbContext db, CurrentUser me, CaseService cases, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public AnswerInput Input { get; set; } = new();

    public SupervisionNotice Notice { get; private set; } = null!;
    public CaseNumber Number { get; private set; } = null!;
    public string CaseSummary { get; private set; } = "";

    /// <summary>Free text as this user may read it (ID and phone numbers masked unless they see personal data).</summary>
    public string Free(string? text) => me.Scope.FreeText(text);
    public string? Category { get; private set; }
    public string Unit { get; private set; } = "";
    public string IssuedBy { get; private set; } = "";
    public string? RepliedBy { get; private set; }
    public bool SeesCase { get; private set; }
    public DateOnly Today => cases.Today;
    public SupervisionColour? Colour => Notice.ReplyColourOn(Today, cases.Rules.Thresholds);
    public bool CanAnswer => Notice.CanAnswer && me.Scope.Answers(Notice);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = new AnswerInput { Version = Notice.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!me.Scope.Answers(Notice)) return Forbid(); // a handler of another unit never gets here: the notice is not theirs to see

        var now = cases.UtcNow;
        var answered = Notice.Answer(Input.Reply, Today, me.UserId!, now);
        if (!answered.Succeeded)
        {
            ModelState.AddModelError(answered.Error.Key == Reception.Core.Cases.CaseMessages.NoticeAlreadyAnswered ? "" : "Input.Reply", l.Text(answered.Error));
            return Page();
        }

        var petitionCase = await db.Cases.SingleAsync(c => c.Id == Notice.PetitionCaseId, HttpContext.RequestAborted);
        petitionCase.RecordNotice(Notice, answered: true, me.UserId!, now);
        if (!await db.TrySaveAsync(Notice, Input.Version, ModelState, l))
        {
            db.ChangeTracker.Clear();
            await LoadAsync();
            return Page();
        }

        Status.Set(TempData, l["Answered the supervision notice on case {0}.", Number.ToString()]);
        return RedirectToPage("Details", new { id = Id });
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (await db.SupervisionNotices.VisibleTo(db, me.Scope).SingleOrDefaultAsync(n => n.Id == Id, ct) is not { } notice) return false;
        Notice = notice;
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == notice.PetitionCaseId)
            .Select(x => new { x.Number, x.Summary, x.CategoryCode }).SingleAsync(ct);
        (Number, CaseSummary) = (c.Number, c.Summary);
        Category = await db.CaseCategories.Where(x => x.Code == c.CategoryCode).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? c.CategoryCode;
        Unit = await db.OrgUnits.Where(o => o.Id == notice.ToUnitId).Select(o => o.Name).SingleAsync(ct);
        var userIds = new[] { notice.IssuedByUserId, notice.RepliedByUserId ?? "" };
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        IssuedBy = names.GetValueOrDefault(notice.IssuedByUserId, "");
        RepliedBy = notice.RepliedByUserId is { } r ? names.GetValueOrDefault(r, "") : null;
        SeesCase = await db.Cases.VisibleTo(db, me.Scope).AnyAsync(x => x.Id == notice.PetitionCaseId, ct);
        return true;
    }

    public sealed class AnswerInput
    {
        [System.ComponentModel.DataAnnotations.Display(Name = "Reply")]
        public string? Reply { get; set; }

        public int Version { get; set; }
    }
}
