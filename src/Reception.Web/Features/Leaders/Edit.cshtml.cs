using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Organisation;
using Reception.Web.Features.Org;

namespace Reception.Web.Features.Leaders;

/// <summary>Edits a leader, or deactivates one (leaders are never deleted: duties and cases keep pointing at them).</summary>
[Authorize(Roles = Roles.AdminOrClerk)]
public sealed class EditModel(AppDbContext db, CurrentUser me, OrgChoices choices, IStringLocalizer<SharedResource> l) : PageModel, ILeaderForm
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public LeaderInput Input { get; set; } = new();
    public IReadOnlyList<SelectListItem> OrgUnits { get; private set; } = [];
    public Leader Leader { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = LeaderInput.From(Leader);
        OrgUnits = await choices.RegionsAsync(Input.OrgUnitId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        OrgUnits = await choices.RegionsAsync(Input.OrgUnitId);
        Input.ValidateContacts(ModelState, l);
        if (Input.OrgUnitId is { } orgId && !OrgUnits.Any(o => o.Value == orgId.ToString(CultureInfo.InvariantCulture)))
            ModelState.AddModelError("Input.OrgUnitId", l["Choose an org unit from the list."]);
        if (!ModelState.IsValid) return Page();

        Leader.Update(Input.Name!, Input.Title!, Input.LeadingBody!.Value, Input.OrgUnitId!.Value, Input.RotationOrder!.Value,
            ContactRules.NormalizeEmail(Input.Email), ContactRules.NormalizePhone(Input.Phone));
        return await SaveAsync(l["Saved {0}.", Leader.Name]);
    }

    public async Task<IActionResult> OnPostDeactivateAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Leader.Deactivate();
        return await SaveAsync(l["{0} is deactivated. Past duties and cases keep their name.", Leader.Name]);
    }

    public async Task<IActionResult> OnPostActivateAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Leader.Activate();
        return await SaveAsync(l["{0} is active again.", Leader.Name]);
    }

    private async Task<IActionResult> SaveAsync(string message)
    {
        if (!await db.TrySaveAsync(Leader, Input.Version, ModelState, l))
        {
            OrgUnits = await choices.RegionsAsync(Input.OrgUnitId);
            return Page();
        }
        Status.Set(TempData, message);
        return RedirectToPage("Index");
    }

    private async Task<bool> LoadAsync()
    {
        var leader = await db.Leaders.VisibleTo(me.Scope).Include(x => x.OrgUnit).SingleOrDefaultAsync(x => x.Id == Id);
        if (leader is null) return false;
        Leader = leader;
        return true;
    }
}
