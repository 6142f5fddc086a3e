using System.ComponentModel.DataAnnotations;
using Reception.Core.Reports;
using Reception.Core.Time;
using Reception.Web.Audit;

namespace Reception.Web.Features.Reports.Assessment;

/// <summary>
/// The assessment weights: the versions in force and before (everyone who sees assessments), and — for the administrator
/// of the root unit — a new version, effective from a day not before today, so that no period already ended changes its
/// score. Versions are never edited or deleted. Two administrators saving at once: the second is told, and keeps what they typed.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Clerk + "," + Roles.Supervisor + "," + Roles.Leader)]
[Audited(AuditActions.SettingsChange)]
public sealed class WeightsModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty] public WeightsInput Input { get; set; } = new();

    public IReadOnlyList<AssessmentWeightVersion> Versions { get; private set; } = [];
    public bool CanEdit => me.IsRootAdministrator;
    public AssessmentWeightVersion? Latest => Versions.Count > 0 ? Versions[0] : null;
    public DateOnly Today => ChinaTime.Today(clock);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var latest = Latest;
        var w = latest?.Weights ?? AssessmentWeights.Default;
        Input = new WeightsInput
        {
            Duties = w.Duties, VisitDays = w.VisitDays, Appointments = w.Appointments, Resolution = w.Resolution, OnTime = w.OnTime,
            Satisfaction = w.Satisfaction, EffectiveFrom = DateText.Of(Today), BasedOnVersion = latest?.Version ?? 0,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        await LoadAsync(ct);
        var latest = Latest;
        DateOnly effective = default;
        if (!string.IsNullOrWhiteSpace(Input.EffectiveFrom) && !DateText.TryParse(Input.EffectiveFrom, out effective))
            ModelState.AddModelError("Input.EffectiveFrom", l["Enter a date as yyyy-MM-dd."]);
        else if (effective != default && effective < Today)
            ModelState.AddModelError("Input.EffectiveFrom", l["New weights cannot apply before today: assessments of periods already ended keep their weights."]);
        else if (effective != default && latest is not null && effective < latest.EffectiveFrom)
            ModelState.AddModelError("Input.EffectiveFrom", l["Version {0} is in force from {1}: choose that day or a later one.", latest.Version, DateText.Of(latest.EffectiveFrom)]);
        if (!ModelState.IsValid) return Page();

        var weights = new AssessmentWeights(Input.Duties!.Value, Input.VisitDays!.Value, Input.Appointments!.Value, Input.Resolution!.Value,
            Input.OnTime!.Value, Input.Satisfaction!.Value);
        foreach (var (field, problem) in weights.Validate())
        {
            ModelState.AddModelError(field.Length == 0 ? "" : "Input." + field, problem == WeightProblem.SumNot100
                ? l["The weights add up to {0}; they must add up to 100.", weights.Sum]
                : l["Enter a whole number from 0 to 100."]);
        }
        if ((latest?.Version ?? 0) != Input.BasedOnVersion)
        {
            ModelState.AddModelError("", l["Someone else saved version {0} of the weights while you were editing. Check it below; your figures are kept.", latest!.Version]);
            Input.BasedOnVersion = latest.Version;
        }
        if (!ModelState.IsValid) return Page();

        var version = new AssessmentWeightVersion(Input.BasedOnVersion + 1, effective, weights, me.UserId!, clock.GetUtcNow().UtcDateTime);
        db.AssessmentWeights.Add(version);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(version).State = EntityState.Detached;
            await LoadAsync(ct);
            ModelState.AddModelError("", l["Someone else saved version {0} of the weights while you were editing. Check it below; your figures are kept.", version.Version]);
            Input.BasedOnVersion = Latest?.Version ?? 0;
            return Page();
        }
        Status.Set(TempData, l["Weights version {0} saved, in force from {1}.", version.Version, DateText.Of(effective)]);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Versions = await db.AssessmentWeights.AsNoTracking().OrderByDescending(v => v.Version).ToListAsync(ct);
}

/// <summary>The weights form: six whole numbers summing to 100, the day they apply from, and the version they replace.</summary>
public sealed class WeightsInput
{
    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Duty attendance")]
    [Range(0, 100, ErrorMessage = "The {0} must be a whole number from {1} to {2}.")]
    public int? Duties { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Village visit days")]
    [Range(0, 100, ErrorMessage = "The {0} must be a whole number from {1} to {2}.")]
    public int? VisitDays { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Appointment visits")]
    [Range(0, 100, ErrorMessage = "The {0} must be a whole number from {1} to {2}.")]
    public int? Appointments { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Resolution rate")]
    [Range(0, 100, ErrorMessage = "The {0} must be a whole number from {1} to {2}.")]
    public int? Resolution { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "On-time rate")]
    [Range(0, 100, ErrorMessage = "The {0} must be a whole number from {1} to {2}.")]
    public int? OnTime { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "Satisfaction")]
    [Range(0, 100, ErrorMessage = "The {0} must be a whole number from {1} to {2}.")]
    public int? Satisfaction { get; set; }

    [Required(ErrorMessage = "Enter the {0}.")]
    [Display(Name = "In force from")]
    public string? EffectiveFrom { get; set; }

    public int BasedOnVersion { get; set; }
}
