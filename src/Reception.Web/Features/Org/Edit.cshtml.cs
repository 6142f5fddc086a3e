using System.ComponentModel.DataAnnotations;
using Reception.Core.Organisation;

namespace Reception.Web.Features.Org;

/// <summary>Renames a unit, changes its sort order, or deactivates it (units are never deleted). The code is fixed.</summary>
[Authorize(Roles = Roles.Admin)]
[Reception.Web.Audit.Audited(Reception.Web.Audit.AuditActions.OrgChange)]
public sealed class EditModel(AppDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public EditInput Input { get; set; } = new();

    public OrgUnit Unit { get; private set; } = null!;
    public bool IsOwnUnit => Unit.Id == me.OrgUnitId;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = new EditInput { Name = Unit.Name, SortOrder = Unit.SortOrder, NoticePrefix = Unit.NoticePrefix, Version = Unit.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!string.IsNullOrWhiteSpace(Input.NoticePrefix) && !Reception.Core.Cases.NoticeNumber.IsValidPrefix(Input.NoticePrefix))
            ModelState.AddModelError("Input.NoticePrefix", l["Enter at most {0} characters without brackets.", Reception.Core.Cases.NoticeNumber.PrefixMaxLength]);
        if (!ModelState.IsValid) return Page();
        Reception.Web.Audit.AuditMarks.Detail(HttpContext, $"unit={Unit.Path}; name {Unit.Name}→{Input.Name!.Trim()}; sort order {Unit.SortOrder}→{Input.SortOrder}; notice prefix {Unit.NoticePrefix}→{Input.NoticePrefix?.Trim()}");
        Unit.Rename(Input.Name!, Input.SortOrder);
        Unit.SetNoticePrefix(Input.NoticePrefix);
        return await SaveAsync(l["Saved {0}.", Unit.Name]);
    }

    public async Task<IActionResult> OnPostDeactivateAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (IsOwnUnit)
        {
            ModelState.AddModelError("", l["You cannot deactivate the unit your own account belongs to."]);
            return Page();
        }
        Reception.Web.Audit.AuditMarks.Detail(HttpContext, $"unit={Unit.Path}; deactivated");
        Unit.Deactivate();
        return await SaveAsync(l["{0} is deactivated. It stays in the records but can no longer be chosen.", Unit.Name]);
    }

    public async Task<IActionResult> OnPostActivateAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Reception.Web.Audit.AuditMarks.Detail(HttpContext, $"unit={Unit.Path}; activated");
        Unit.Activate();
        return await SaveAsync(l["{0} is active again.", Unit.Name]);
    }

    private async Task<IActionResult> SaveAsync(string message)
    {
        if (!await db.TrySaveAsync(Unit, Input.Version, ModelState, l)) return Page();
        Status.Set(TempData, message);
        return RedirectToPage("Index", new { id = Unit.Id });
    }

    private async Task<bool> LoadAsync()
    {
        var unit = await db.OrgUnits.VisibleTo(me.Scope).SingleOrDefaultAsync(o => o.Id == Id);
        if (unit is null) return false;
        Unit = unit;
        return true;
    }

    public sealed class EditInput
    {
        [Required(ErrorMessage = "Enter the {0}.")]
        [Display(Name = "Name")]
        [StringLength(OrgUnit.NameMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
        public string? Name { get; set; }

        [Display(Name = "Sort order")]
        [Range(0, 9999, ErrorMessage = "The {0} must be a whole number from {1} to {2}.")]
        public int SortOrder { get; set; }

        /// <summary>The prefix of the unit's 督办通知书 numbers (演示信督 → 演示信督〔2026〕12号); blank = from the unit's name.</summary>
        [Display(Name = "Supervision notice number prefix")]
        public string? NoticePrefix { get; set; }

        public int Version { get; set; }
    }
}
