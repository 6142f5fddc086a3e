using System.ComponentModel.DataAnnotations;
using Reception.Core.Rotas.Model;
using Reception.Core.Time;

namespace Reception.Web.Features.Visits;

/// <summary>Records what a visit achieved and marks it done (or corrects the outcome of a done one). Not before the day of the visit.</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Clerk + "," + Roles.Leader)]
public sealed class OutcomeModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public OutcomeInput Input { get; set; } = new();
    public Visit Visit { get; private set; } = null!;
    public string Leader { get; private set; } = "";
    public string Destination { get; private set; } = "";
    public bool IsTooEarly => Visit.Date > Today;
    private DateOnly Today => ChinaTime.Today(clock);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!Visit.CanBeChanged) return CancelledAnswer();
        Input = new OutcomeInput { Outcome = Visit.Outcome, Version = Visit.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!Visit.CanBeChanged) return CancelledAnswer();
        // Said next to the field together with what is wrong with the text itself.
        if (Visit.WhyNoOutcome(Today) is { } early) ModelState.AddModelError("Input.Outcome", l.Text(early));
        if (!ModelState.IsValid) return Page();

        if (Visit.Complete(Input.Outcome, Today, clock.GetUtcNow().UtcDateTime) is { } refusal)
        {
            ModelState.AddModelError("Input.Outcome", l.Text(refusal));
            return Page();
        }
        if (!await db.TrySaveAsync(Visit, Input.Version, ModelState, l)) return Page();
        Status.Set(TempData, l["Recorded the outcome of the visit on {0}.", DateText.Of(Visit.Date)]);
        return RedirectToPage("Details", new { id = Id });
    }

    private RedirectToPageResult CancelledAnswer()
    {
        Status.Set(TempData, l[Visit.CancelledHasNoOutcome], Status.Warning);
        return RedirectToPage("Details", new { id = Id });
    }

    private async Task<bool> LoadAsync()
    {
        if (await db.FindVisitAsync(me.Scope, Id) is not { } found) return false;
        (Visit, Leader, Destination) = found;
        return true;
    }

    public sealed class OutcomeInput
    {
        [Required(ErrorMessage = "Enter the {0}.")]
        [Display(Name = "Outcome")]
        [StringLength(Reception.Core.Rotas.Model.Visit.OutcomeMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
        public string? Outcome { get; set; }

        public int Version { get; set; }
    }
}
