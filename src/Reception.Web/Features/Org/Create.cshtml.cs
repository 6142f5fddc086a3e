using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Organisation;

namespace Reception.Web.Features.Org;

[Authorize(Roles = Roles.Admin)]
[Reception.Web.Audit.Audited(Reception.Web.Audit.AuditActions.OrgChange)]
public sealed class CreateModel(AppDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int ParentId { get; set; }
    [BindProperty] public OrgUnitInput Input { get; set; } = new();

    public OrgUnit Parent { get; private set; } = null!;
    public IEnumerable<SelectListItem> Kinds { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input.Kind = Kinds.Select(k => Enum.Parse<OrgUnitKind>(k.Value)).FirstOrDefault();
        return Page();
    }

    [Idempotent] // a double-submitted form creates one record
    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var code = OrgUnit.NormalizeCode(Input.Code ?? "");
        if (ModelState.IsValid)
        {
            if (!OrgUnit.IsValidCode(code))
                ModelState.AddModelError("Input.Code", l["Use 2–20 lowercase letters, digits or hyphens, starting with a letter or digit."]);
            else if (await db.OrgUnits.AnyAsync(o => o.Code == code))
                ModelState.AddModelError("Input.Code", l["Code \"{0}\" already exists.", code]);
            if (!Input.Kind.CanBeChildOf(Parent.Kind))
                ModelState.AddModelError("Input.Kind", l["A {0} cannot be placed under a {1}.", l.Label(Input.Kind), l.Label(Parent.Kind)]);
        }
        if (!ModelState.IsValid) return Page();

        var unit = new OrgUnit(code, Input.Name!, Input.Kind, Parent, Input.SortOrder);
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync();
        Reception.Web.Audit.AuditMarks.Detail(HttpContext, $"unit={unit.Path}; added ({unit.Kind}, {unit.Name})");
        Status.Set(TempData, l["Added {0}.", unit.Name]);
        return RedirectToPage("Index", new { id = Parent.Id });
    }

    private async Task<bool> LoadAsync()
    {
        var parent = await db.OrgUnits.VisibleTo(me.Scope).SingleOrDefaultAsync(o => o.Id == ParentId && o.IsActive);
        if (parent is null) return false;
        Parent = parent;
        Kinds = l.Options<OrgUnitKind>(Input.Kind).Where(k => Enum.Parse<OrgUnitKind>(k.Value).CanBeChildOf(parent.Kind)).ToList();
        return Kinds.Any();
    }
}

public sealed class OrgUnitInput
{
    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Code")]
    [StringLength(OrgUnit.CodeMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Name")]
    [StringLength(OrgUnit.NameMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Name { get; set; }

    [Display(Name = "Kind")]
    public OrgUnitKind Kind { get; set; }

    [Display(Name = "Sort order")]
    [Range(0, 9999, ErrorMessage = "The {0} must be a whole number from {1} to {2}.")]
    public int SortOrder { get; set; }
}
