using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Cases;
using Reception.Core.Notifications;
using Reception.Web.Features.Org;
using M = Reception.Core.Cases.CaseMessages;

namespace Reception.Web.Features.Cases.Notices;

/// <summary>
/// A Supervisor issues a 督办 notice about a case to a unit (by default the case's handling unit) with a reply deadline
/// (by default five working days). The notice and its entry in the case's history are saved together; the unit's
/// handlers are told in-app.
/// </summary>
[Authorize(Roles = Roles.Supervisor)]
public sealed class IssueModel(AppDbContext db, CurrentUser me, CaseService cases, Notifier notifier, OrgChoices orgs,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int DefaultWorkingDays = 5;

    [BindProperty(SupportsGet = true, Name = "case")] public int CaseId { get; set; }
    [BindProperty] public IssueInput Input { get; set; } = new();

    public PetitionCase Case { get; private set; } = null!;
    public string? Category { get; private set; }
    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Regions { get; private set; } = [];
    public DateOnly Today => cases.Today;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var calendar = await cases.CalendarAsync(HttpContext.RequestAborted);
        Input = new IssueInput
        {
            ToUnitId = Case.HandlingUnitId ?? Case.TransferredToUnitId,
            ReplyDueOn = calendar.AddWorkingDays(Today, DefaultWorkingDays).Value,
        };
        await ChoicesAsync();
        return Page();
    }

    [Idempotent] // a double-submitted form creates one record
    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Case.IsFinal) ModelState.AddModelError("", l["This case is finished: no notice can be issued on it."]);
        if (Input.ToUnitId is { } unit && !await UnitAllowedAsync(unit)) ModelState.AddModelError("Input.ToUnitId", l["Choose a unit from the list."]);

        var now = cases.UtcNow;
        var issued = SupervisionNotice.Issue(Case.Id, Input.ToUnitId ?? 0, Input.Text, Today, Input.ReplyDueOn ?? DateOnly.MaxValue, me.UserId!, now);
        if (!issued.Succeeded)
        {
            var onDate = issued.Error.Key == M.NoticeDueBeforeIssue;
            ModelState.AddModelError(onDate ? "Input.ReplyDueOn" : "Input.Text", l.Text(issued.Error));
            // The domain stops at the first problem; show a bad deadline next to a bad text too.
            if (!onDate && Input.ReplyDueOn <= Today) ModelState.AddModelError("Input.ReplyDueOn", l[M.NoticeDueBeforeIssue]);
        }

        if (!ModelState.IsValid || !issued.Succeeded)
        {
            await ChoicesAsync();
            return Page();
        }

        var notice = issued.Value;
        // The number of the issuing office (the Supervisor's unit) for this year, in the transaction that saves the notice.
        await using var tx = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
        var office = await db.OrgUnits.SingleAsync(o => o.Id == me.OrgUnitId, HttpContext.RequestAborted);
        notice.SetDocumentNumber(office.Id, office.EffectiveNoticePrefix, Today.Year,
            await cases.AllocateNoticeNumberAsync(office, Today.Year, HttpContext.RequestAborted));
        db.SupervisionNotices.Add(notice);
        Case.RecordNotice(notice, answered: false, me.UserId!, now);
        var number = Case.Number.ToString();
        await notifier.ToUnitHandlersAsync(notice.ToUnitId, NotificationKinds.SupervisionNotice,
            new Message("Supervision notice on case {0}", number),
            new Message("A supervision notice on case {0} ({1}) asks your unit to reply by {2}.", number, Category ?? Case.CategoryCode,
                DateText.Of(notice.ReplyDueOn)),
            "/Notices?status=open", HttpContext.RequestAborted);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await tx.CommitAsync(HttpContext.RequestAborted);
        Status.Set(TempData, l["Issued a supervision notice on case {0}.", number]);
        return RedirectToPage("Details", new { id = notice.Id });
    }

    private async Task<bool> LoadAsync()
    {
        if (await db.Cases.VisibleTo(db, me.Scope).SingleOrDefaultAsync(c => c.Id == CaseId, HttpContext.RequestAborted) is not { } found) return false;
        Case = found;
        Category = await db.CaseCategories.Where(c => c.Code == found.CategoryCode).Select(c => c.Name).FirstOrDefaultAsync(HttpContext.RequestAborted);
        return true;
    }

    /// <summary>A unit of the user's scope, or the unit already handling the case (which may sit outside it).</summary>
    private async Task<bool> UnitAllowedAsync(int unit) =>
        unit == Case.HandlingUnitId || unit == Case.TransferredToUnitId
            ? await db.OrgUnits.AnyAsync(o => o.Id == unit, HttpContext.RequestAborted)
            : await db.OrgUnits.VisibleTo(me.Scope).AnyAsync(o => o.Id == unit && o.IsActive, HttpContext.RequestAborted);

    private async Task ChoicesAsync()
    {
        Departments = await orgs.DepartmentsAsync(Input.ToUnitId);
        Regions = await orgs.RegionsAsync(Input.ToUnitId);
        var handling = Case.HandlingUnitId ?? Case.TransferredToUnitId;
        if (handling is { } h && Departments.Concat(Regions).All(o => o.Value != h.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            var name = await db.OrgUnits.Where(o => o.Id == h).Select(o => o.Name).SingleAsync(HttpContext.RequestAborted);
            Departments = [new SelectListItem(name, h.ToString(System.Globalization.CultureInfo.InvariantCulture), Input.ToUnitId == h), .. Departments];
        }
    }

    public sealed class IssueInput
    {
        [Required(ErrorMessage = "Choose the {0}.")]
        [Display(Name = "Addressed unit")]
        public int? ToUnitId { get; set; }

        [Display(Name = "What the unit must do")]
        public string? Text { get; set; }

        [Required(ErrorMessage = "Enter the {0}.")]
        [Display(Name = "Reply deadline")]
        public DateOnly? ReplyDueOn { get; set; }
    }
}
