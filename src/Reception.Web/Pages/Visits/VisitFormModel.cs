using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Reception.Web.Authorization;
using Reception.Web.Data;

namespace Reception.Web.Pages.Visits;

/// <summary>What the plan form (Create and Edit) shares: the choices, the checks, and the conflict confirmation.</summary>
public abstract class VisitFormModel(AppDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public VisitInput Input { get; set; } = new();
    public IReadOnlyList<SelectListItem> Leaders { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Destinations { get; private set; } = [];

    /// <summary>The conflicts found on the last check; the form asks to confirm them before saving.</summary>
    public IReadOnlyList<VisitConflict> Conflicts { get; private set; } = [];
    public string ConflictSignature => VisitConflicts.Signature(Conflicts);
    public bool ChoosesLeader => !me.IsOwnOnly();

    protected AppDbContext Db => db;
    protected CurrentUser Me => me;
    protected IStringLocalizer<SharedResource> L => l;

    protected async Task LoadChoicesAsync()
    {
        Leaders = await db.LeaderChoicesAsync(me, Input.LeaderId);
        Destinations = await db.DestinationChoicesAsync(me, Input.DestinationId);
    }

    /// <summary>
    /// Checks a posted plan. Null when it may be saved; otherwise what to answer: 404 for a Leader naming another
    /// leader, or the form again with the field messages or the conflicts to confirm.
    /// </summary>
    protected async Task<IActionResult?> CheckAsync(int? visitId)
    {
        if (me.IsOwnOnly())
        {
            if (me.LeaderId is not { } own) return Forbid();
            if (Input.LeaderId is { } posted && posted != own) return NotFound();
            Input.LeaderId = own;
            ModelState.Remove("Input.LeaderId");
        }
        await LoadChoicesAsync();
        if (Input.LeaderId is not null && !Leaders.Offers(Input.LeaderId))
            ModelState.AddModelError("Input.LeaderId", l["Choose a leader from the list."]);
        if (Input.DestinationId is not null && !Destinations.Offers(Input.DestinationId))
            ModelState.AddModelError("Input.DestinationId", l["Choose a township or village from the list."]);
        Input.ValidateDate(ModelState, l);
        if (!ModelState.IsValid) return Page();

        Conflicts = await VisitConflicts.FindAsync(db, Input.LeaderId!.Value, Input.Date!.Value, visitId);
        if (Conflicts.Count > 0 && Input.ConfirmedConflicts != ConflictSignature) return Page();
        return null;
    }
}
