using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Web.Features.Visits;
using UnavailabilityEntry = Reception.Core.Rotas.Model.Unavailability;

namespace Reception.Web.Features.Rotas.Unavailability;

/// <summary>
/// Records leave, travel or a meeting. Office staff choose any leader in their scope; a Leader records only their
/// own (another leader's id in the form answers 404, as any record outside one's reach does).
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Clerk + "," + Roles.Leader)]
public sealed class CreateModel(AppDbContext db, CurrentUser me, RotaRepairs repairs, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string AwayWarning = "{0} is on duty in a published rota on {1}: the office is told and will give the duty to the next leader in the owed-duty ledger.";

    [BindProperty] public UnavailabilityInput Input { get; set; } = new();
    public IReadOnlyList<SelectListItem> Leaders { get; private set; } = [];
    public bool ChoosesLeader => !me.Scope.IsOwnRecordsOnly;
    public IEnumerable<SelectListItem> ReasonOptions =>
        UnavailabilityInput.Reasons.Select(r => new SelectListItem(l.Label(r), r.ToString(), Input.Reason == r));

    public async Task<IActionResult> OnGetAsync(int? leader)
    {
        if (me.Scope.IsOwnRecordsOnly && me.LeaderId is null) return Forbid();
        Input.LeaderId = me.Scope.IsOwnRecordsOnly ? me.LeaderId : leader;
        Leaders = await db.LeaderChoicesAsync(me.Scope, Input.LeaderId);
        return Page();
    }

    [Idempotent] // a double-submitted form creates one record
    public async Task<IActionResult> OnPostAsync()
    {
        if (me.Scope.IsOwnRecordsOnly)
        {
            if (me.LeaderId is not { } own) return Forbid();
            if (Input.LeaderId is { } posted && posted != own) return NotFound();
            Input.LeaderId = own;
            ModelState.Remove("Input.LeaderId");
        }
        Leaders = await db.LeaderChoicesAsync(me.Scope, Input.LeaderId);
        if (Input.LeaderId is not null && !Leaders.Offers(Input.LeaderId))
            ModelState.AddModelError("Input.LeaderId", l["Choose a leader from the list."]);
        if (Input.Reason is { } reason && !UnavailabilityInput.Reasons.Contains(reason))
            ModelState.AddModelError("Input.Reason", l["Choose a reason from the list."]);
        Input.ValidateDates(ModelState, l);
        if (!ModelState.IsValid) return Page();

        var (leaderId, from, to) = (Input.LeaderId!.Value, Input.From!.Value, Input.To!.Value);
        var overlaps = await db.Unavailabilities.AsNoTracking()
            .Where(u => u.LeaderId == leaderId && u.From <= to && u.To >= from)
            .OrderBy(u => u.From).Select(u => new { u.From, u.To, u.Reason }).Take(3).ToListAsync();
        foreach (var o in overlaps)
        {
            ModelState.AddModelError("Input.From", l["This overlaps the {0} from {1} to {2} already recorded for this leader.",
                l.Label(o.Reason), DateText.Of(o.From), DateText.Of(o.To)]);
        }
        if (!ModelState.IsValid) return Page();

        var entry = new UnavailabilityEntry(leaderId, from, to, Input.Reason!.Value, Input.Note, me.UserId!, clock.GetUtcNow().UtcDateTime);
        db.Unavailabilities.Add(entry);
        await db.SaveChangesAsync();
        // Published duties it falls on: the clerks of each rota are told (and see it on the month page and their agenda);
        // whoever entered it is warned here.
        var duties = await repairs.NotifyAwayAsync(leaderId, from, to, me.UserId);
        await db.SaveChangesAsync();
        var name = await db.Leaders.Where(x => x.Id == leaderId).Select(x => x.Name).SingleAsync();
        var recorded = l["Recorded the {0} of {1} from {2} to {3}.", l.Label(entry.Reason), name, DateText.Of(from), DateText.Of(to)];
        if (duties.Count > 0)
        {
            var list = string.Join("、", duties.Select(d => DateText.Of(d.Problem.Date) + " " + d.SessionName));
            Status.Set(TempData, recorded + " " + l[AwayWarning, name, list], Status.Warning);
        }
        else Status.Set(TempData, recorded);
        return RedirectToPage("Index", new { month = DateText.Month(new DateOnly(from.Year, from.Month, 1)) });
    }
}
