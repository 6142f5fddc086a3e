using Reception.Core.Cases.Deadlines;

namespace Reception.Web.Features.Cases.Board;

/// <summary>
/// The supervision board (督办看板): open cases of the scope by colour, by handling unit and by owning leader, each count a
/// link to the case list. A Supervisor can recolour the open cases of their scope now (the hourly job recolours all of them).
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Supervisor)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, CaseService cases, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public BoardCounts Counts { get; private set; } = null!;
    public SupervisionThresholds Thresholds => cases.Rules.Thresholds;
    public DateOnly Today => cases.Today;
    public bool CanRecolour => me.IsInRole(Roles.Supervisor);

    public async Task OnGetAsync() => Counts = await BoardQuery.CountsAsync(db, me.Scope, clock, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostRecolourAsync()
    {
        if (!CanRecolour) return Forbid();
        var changed = await cases.RecolourAsync(me.Scope, HttpContext.RequestAborted);
        Status.Set(TempData, l["Recoloured the open cases: {0} changed colour.", changed]);
        return RedirectToPage();
    }

    public static string Link(SupervisionColour? colour = null, int? unitId = null, int? leaderId = null) =>
        BoardQuery.CaseListLink(colour, unitId, leaderId);
}
