using Reception.Core.Rotas.Model;

namespace Reception.Web.Features.Visits;

/// <summary>Asks, then cancels a planned visit. It stays on record (and in feeds, as cancelled); the leader is available for duty again.</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Clerk + "," + Roles.Leader)]
public sealed class CancelModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }
    public Visit Visit { get; private set; } = null!;
    public string Leader { get; private set; } = "";
    public string Destination { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!Visit.CanBeCancelled) return NotPlanned();
        Version = Visit.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Visit.Cancel(clock.GetUtcNow().UtcDateTime) is not null) return NotPlanned();
        if (!await db.TrySaveAsync(Visit, Version, ModelState, l)) return Page();
        Status.Set(TempData, l["Cancelled the visit on {0}.", DateText.Of(Visit.Date)]);
        return RedirectToPage("Details", new { id = Id });
    }

    private RedirectToPageResult NotPlanned()
    {
        Status.Set(TempData, l[Visit.OnlyPlannedCanBeCancelled], Status.Warning);
        return RedirectToPage("Details", new { id = Id });
    }

    private async Task<bool> LoadAsync()
    {
        if (await db.FindVisitAsync(me.Scope, Id) is not { } found) return false;
        (Visit, Leader, Destination) = found;
        return true;
    }
}
