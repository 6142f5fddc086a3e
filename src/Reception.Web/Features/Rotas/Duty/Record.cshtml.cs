using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Rotas.Model;
using Reception.Core.Time;

namespace Reception.Web.Features.Rotas.Duty;

/// <summary>
/// The duty record of one duty, filled in by a clerk once the session is over: who actually received
/// (the planned leader unless another leader of the unit stood in), batches (批次), people (人次) and notes.
/// </summary>
[Authorize(Roles = Roles.AdminOrClerk)]
public sealed class RecordModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public RecordInput Input { get; set; } = new();

    public DutySlot Slot { get; private set; } = null!;
    public DutyAssignment Assignment { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> Leaders { get; private set; } = [];

    /// <summary>Administrators keep the duty record but see no cases.</summary>
    public bool SeesCases => !me.IsInRole(Roles.Admin);

    /// <summary>The cases registered at this duty (those the clerk may see).</summary>
    public IReadOnlyList<Reception.Web.Features.Cases.RegisteredCase> Cases { get; private set; } = [];

    /// <summary>A clerk registers the petitions received at the duty from here (the case records it as its source).</summary>
    public bool CanRegisterCase => me.IsInRole(Roles.Clerk) && !Assignment.IsCancelled;

    /// <summary>Why the duty cannot be recorded (yet); the form is not shown.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = new RecordInput
        {
            ActualLeaderId = Assignment.ActualLeaderId ?? Assignment.LeaderId,
            Batches = Assignment.Batches,
            People = Assignment.People,
            Notes = Assignment.RecordNotes,
            Version = Assignment.Version,
        };
        await LoadLeadersAsync();
        return Page();
    }

    [Idempotent] // a double-submitted form records the duty once
    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        await LoadLeadersAsync();
        if (Refusal is not null)
        {
            ModelState.AddModelError("", Refusal);
            return Page();
        }
        if (Input.ActualLeaderId is { } actual && !Leaders.Any(o => o.Value == actual.ToString(CultureInfo.InvariantCulture)))
            ModelState.AddModelError("Input.ActualLeaderId", l["Choose a leader from the list."]);
        if (Input.Batches is { } batches && Input.People is { } people && people < batches)
            ModelState.AddModelError("Input.People", l["People (人次) cannot be fewer than batches (批次)."]);
        if (!ModelState.IsValid) return Page();

        Assignment.Record(Input.ActualLeaderId!.Value, Input.Batches!.Value, Input.People!.Value, Input.Notes, me.UserId!, clock.GetUtcNow().UtcDateTime);
        if (!await db.TrySaveAsync(Assignment, Input.Version, ModelState, l)) return Page();
        Status.Set(TempData, l["Recorded the duty of {0}.", DutyText.Slot(l, Slot.Date, Slot.SessionName)]);
        return RedirectToPage("Index", new { month = DateText.Month(new DateOnly(Slot.Date.Year, Slot.Date.Month, 1)) });
    }

    private async Task<bool> LoadAsync()
    {
        var slot = await DutySlots.Of(db).VisibleTo(me.Scope).SingleOrDefaultAsync(s => s.Id == Id);
        if (slot is null) return false;
        Slot = slot;
        Assignment = await db.DutyAssignments.SingleAsync(a => a.Id == Id);
        Cases = await Reception.Web.Features.Cases.RegisteredCases.FromDutyAsync(db, me.Scope, Id);
        var ends = Slot.Date.ToDateTime(Slot.End);
        if (Slot.IsCancelled) Refusal = l["This duty was cancelled; there is nothing to record."];
        else if (ChinaTime.Now(clock) < ends)
            Refusal = l["The duty on {0} has not taken place yet. Record it after it ends ({1}).",
                DutyText.Slot(l, Slot.Date, Slot.SessionName), ends.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)];
        return true;
    }

    /// <summary>The active leaders of the rota's org unit, the planned leader and whoever is recorded already.</summary>
    private async Task LoadLeadersAsync()
    {
        var orgUnitId = Slot.OrgUnitId;
        var planned = Assignment.LeaderId;
        var recorded = Assignment.ActualLeaderId ?? planned;
        var leaders = await db.Leaders.AsNoTracking()
            .Where(x => (x.OrgUnitId == orgUnitId && x.IsActive) || x.Id == planned || x.Id == recorded)
            .OrderBy(x => x.RotationOrder).ThenBy(x => x.Id)
            .Select(x => new { x.Id, x.Name, x.Title }).ToListAsync();
        Leaders = leaders.Select(x => new SelectListItem(
            x.Id == planned ? l["{0} (planned)", x.Name] : $"{x.Name} · {x.Title}",
            x.Id.ToString(CultureInfo.InvariantCulture), x.Id == Input.ActualLeaderId)).ToList();
    }
}

public sealed class RecordInput
{
    [Required(ErrorMessage = "Choose the {0}.")]
    [Display(Name = "Received by")]
    public int? ActualLeaderId { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Batches")]
    [Range(0, 10_000, ErrorMessage = "The {0} must be a whole number from {1} to {2}.")]
    public int? Batches { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "People")]
    [Range(0, 100_000, ErrorMessage = "The {0} must be a whole number from {1} to {2}.")]
    public int? People { get; set; }

    [Display(Name = "Notes")]
    [StringLength(DutyAssignment.NotesMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Notes { get; set; }

    public int Version { get; set; }
}
