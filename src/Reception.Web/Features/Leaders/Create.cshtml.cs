using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Organisation;
using Reception.Web.Features.Org;

namespace Reception.Web.Features.Leaders;

[Authorize(Roles = Roles.AdminOrClerk)]
public sealed class CreateModel(AppDbContext db, CurrentUser me, OrgChoices choices, IStringLocalizer<SharedResource> l) : PageModel, ILeaderForm
{
    [BindProperty] public LeaderInput Input { get; set; } = new();
    public IReadOnlyList<SelectListItem> OrgUnits { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Input.OrgUnitId = me.OrgUnitId;
        Input.RotationOrder = 1 + (await db.Leaders.Where(x => x.OrgUnitId == me.OrgUnitId).MaxAsync(x => (int?)x.RotationOrder) ?? 0);
        OrgUnits = await choices.RegionsAsync(Input.OrgUnitId);
    }

    [Idempotent] // a double-submitted form creates one record
    public async Task<IActionResult> OnPostAsync()
    {
        OrgUnits = await choices.RegionsAsync(Input.OrgUnitId);
        Input.ValidateContacts(ModelState, l);
        if (Input.OrgUnitId is { } orgId && !OrgUnits.Any(o => o.Value == orgId.ToString(CultureInfo.InvariantCulture)))
            ModelState.AddModelError("Input.OrgUnitId", l["Choose an org unit from the list."]);
        if (!ModelState.IsValid) return Page();

        var leader = new Leader(Input.Name!, Input.Title!, Input.LeadingBody!.Value, Input.OrgUnitId!.Value, Input.RotationOrder!.Value,
            ContactRules.NormalizeEmail(Input.Email), ContactRules.NormalizePhone(Input.Phone));
        db.Leaders.Add(leader);
        await db.SaveChangesAsync();
        Status.Set(TempData, l["Added {0}.", leader.Name]);
        return RedirectToPage("Index");
    }
}
