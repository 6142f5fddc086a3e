using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Cases;
using Reception.Core.Rotas.Model;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Rotas;

namespace Reception.Web.Features.Visits;

/// <summary>What the plan form (Create and Edit) shares: the choices, the checks, the conflict confirmation and the cases linked.</summary>
public abstract class VisitFormModel(AppDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l, CaseService cases) : PageModel
{
    public const string CaseNumbersField = "Input." + nameof(VisitInput.CaseNumbers);

    [BindProperty] public VisitInput Input { get; set; } = new();
    public IReadOnlyList<SelectListItem> Leaders { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Destinations { get; private set; } = [];

    /// <summary>The conflicts found on the last check; the form asks to confirm them before saving.</summary>
    public IReadOnlyList<VisitConflict> Conflicts { get; private set; } = [];
    public string ConflictSignature => VisitConflicts.Signature(Conflicts);
    public bool ChoosesLeader => !me.Scope.IsOwnRecordsOnly;

    /// <summary>How many cases the visit is linked to that this user cannot see; they are kept as they are.</summary>
    public int HiddenCases { get; private set; }

    protected AppDbContext Db => db;
    protected CurrentUser Me => me;
    protected IStringLocalizer<SharedResource> L => l;

    /// <summary>The cases named in the form (ids of cases the user can see), after <see cref="CheckAsync"/>.</summary>
    private List<int> casesNamed = [];

    protected async Task LoadChoicesAsync()
    {
        Leaders = await db.LeaderChoicesAsync(me.Scope, Input.LeaderId);
        Destinations = await db.DestinationChoicesAsync(me.Scope, Input.DestinationId);
    }

    /// <summary>The numbers of the visit's cases this user can see (for the edit form), and how many others there are.</summary>
    protected async Task<IReadOnlyList<string>> LinkedCaseNumbersAsync(int visitId)
    {
        var linked = db.VisitCases.Where(v => v.VisitId == visitId).Select(v => v.PetitionCaseId);
        var visible = await db.Cases.AsNoTracking().VisibleTo(db, me.Scope).Where(c => linked.Contains(c.Id))
            .OrderBy(c => c.Id).Select(c => c.Number).ToListAsync();
        HiddenCases = await linked.CountAsync() - visible.Count;
        return visible.Select(n => n.ToString()).ToList();
    }

    /// <summary>
    /// Checks a posted plan. Null when it may be saved; otherwise what to answer: 404 for a Leader naming another
    /// leader, or the form again with the field messages or the conflicts to confirm.
    /// </summary>
    protected async Task<IActionResult?> CheckAsync(int? visitId)
    {
        if (me.Scope.IsOwnRecordsOnly)
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
        if (!Enum.IsDefined(Input.Kind))
            ModelState.AddModelError("Input.Kind", l["Choose the kind of visit."]);
        Input.ValidateDate(ModelState, l);
        if (visitId is { } id) await LinkedCaseNumbersAsync(id);
        if (ModelState.GetFieldValidationState(CaseNumbersField) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            await CheckCasesAsync();
        if (!ModelState.IsValid) return Page();

        Conflicts = await VisitConflicts.FindAsync(db, Input.LeaderId!.Value, Input.Date!.Value, visitId);
        if (Conflicts.Count > 0 && Input.ConfirmedConflicts != ConflictSignature) return Page();
        return null;
    }

    /// <summary>
    /// The sentence that follows the saved message when the visit falls on published duties (empty when not): the office is
    /// told and will give each duty to the next leader in the owed-duty ledger.
    /// </summary>
    protected string AwayWarning(IReadOnlyList<RotaIssue> duties)
    {
        if (duties.Count == 0) return "";
        var list = string.Join("、", duties.Select(d => DateText.Of(d.Problem.Date) + " " + d.SessionName));
        return " " + l[Rotas.Unavailability.CreateModel.AwayWarning, duties[0].LeaderName ?? "", list];
    }

    /// <summary>Each case number must be one and name a case the user can see; a 约访 is about exactly one case.</summary>
    private async Task CheckCasesAsync()
    {
        casesNamed = [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in Input.CaseNumberTexts())
        {
            if (!CaseNumber.TryParse(text, out var number, out var error))
            {
                ModelState.AddModelError(CaseNumbersField, l.Text(error));
                continue;
            }
            if (!seen.Add(number.ToString())) continue;
            var id = await db.Cases.AsNoTracking().VisibleTo(db, me.Scope).Where(c => c.Number == number).Select(c => (int?)c.Id).SingleOrDefaultAsync();
            if (id is null) ModelState.AddModelError(CaseNumbersField, l["There is no case {0} among the cases you can see.", number.ToString()]);
            else casesNamed.Add(id.Value);
        }
        if (Input.Kind == VisitKind.Appointment && ModelState.GetFieldValidationState(CaseNumbersField) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            && casesNamed.Count + HiddenCases != 1)
            ModelState.AddModelError(CaseNumbersField, l["An appointment visit (约访) is about exactly one case: enter one case number."]);
    }

    /// <summary>
    /// Makes the visit's links to the cases the user can see those named in the form (keeping links to cases they cannot
    /// see), and records the visit on each newly linked case. Not saved yet. False (with the message next to the field)
    /// when a case refuses the link.
    /// </summary>
    protected async Task<bool> LinkCasesAsync(Visit visit)
    {
        var existing = await db.VisitCases.Where(v => v.VisitId == visit.Id).ToListAsync();
        var existingIds = existing.Select(v => v.PetitionCaseId).ToList();
        var visibleExisting = await db.Cases.VisibleTo(db, me.Scope).Where(c => existingIds.Contains(c.Id)).Select(c => c.Id).ToListAsync();
        foreach (var link in existing.Where(v => visibleExisting.Contains(v.PetitionCaseId) && !casesNamed.Contains(v.PetitionCaseId)))
            db.VisitCases.Remove(link);

        var ok = true;
        foreach (var id in casesNamed.Where(id => !existingIds.Contains(id)))
        {
            db.VisitCases.Add(new VisitCase(visit.Id, id));
            var c = await db.Cases.WithClockEvents().SingleAsync(x => x.Id == id);
            var result = c.RecordVisit(visit.Id, visit.Date, visit.Kind == VisitKind.Appointment, me.UserId!, cases.UtcNow);
            if (!result.Succeeded)
            {
                ModelState.AddModelError(CaseNumbersField, l["Case {0}: {1}", c.Number.ToString(), l.Text(result.Error)]);
                ok = false;
                continue;
            }
            await cases.RefreshClockAsync(c);
            // The case changed only by a new event: still claim its version, so a concurrent edit of it is detected.
            db.Entry(c).Property(x => x.Version).IsModified = true;
        }
        return ok;
    }
}
