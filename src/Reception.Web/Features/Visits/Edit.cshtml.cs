using Reception.Core.Rotas.Model;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Rotas;

namespace Reception.Web.Features.Visits;

/// <summary>Changes a planned (or done) visit's leader, date, destination, purpose, units, kind or cases; a cancelled visit stays as it was.</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Clerk + "," + Roles.Leader)]
public sealed class EditModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l, CaseService cases, RotaRepairs repairs)
    : VisitFormModel(db, me, l, cases)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public Visit Visit { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!Visit.CanBeChanged) return CancelledAnswer();
        Input = VisitInput.From(Visit, await LinkedCaseNumbersAsync(Visit.Id));
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!Visit.CanBeChanged) return CancelledAnswer();
        if (await CheckAsync(Visit.Id) is { } answer) return answer;

        var now = clock.GetUtcNow().UtcDateTime;
        var (leaderBefore, dateBefore) = (Visit.LeaderId, Visit.Date);
        if ((Visit.Plan(Input.LeaderId!.Value, Input.Date!.Value, Input.DestinationId!.Value, Input.Purpose!, Input.AccompanyingUnits, now)
             ?? Visit.SetKind(Input.Kind, now)) is not null) return CancelledAnswer();
        if (!await LinkCasesAsync(Visit) || !await Db.TrySaveAsync(Visit, Input.Version, ModelState, L)) return Page();
        // Moved (another day or leader) onto a published duty: as when planning it, the rota's clerks are told and offered
        // the fair substitute on the month page, and whoever moved it is warned.
        IReadOnlyList<RotaIssue> duties = [];
        if (Visit.LeaderId != leaderBefore || Visit.Date != dateBefore)
        {
            duties = await repairs.NotifyAwayAsync(Visit.LeaderId, Visit.Date, Visit.Date, Me.UserId);
            await Db.SaveChangesAsync();
        }
        var date = DateText.Of(Visit.Date);
        if (Conflicts.Count > 0)
            Status.Set(TempData, L["Saved the visit on {0}, although the leader has something else that day.", date] + AwayWarning(duties), Status.Warning);
        else
            Status.Set(TempData, L["Saved the visit on {0}.", date]);
        return RedirectToPage("Details", new { id = Visit.Id });
    }

    private RedirectToPageResult CancelledAnswer()
    {
        Status.Set(TempData, L[Visit.CancelledCannotChange], Status.Warning);
        return RedirectToPage("Details", new { id = Id });
    }

    private async Task<bool> LoadAsync()
    {
        var visit = await Db.Visits.VisibleTo(Db, Me.Scope).SingleOrDefaultAsync(v => v.Id == Id);
        if (visit is null) return false;
        Visit = visit;
        return true;
    }
}
