using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.RateLimiting;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Cases.History;
using Reception.Core.Time;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Cases.Papers;

namespace Reception.Web.Features.Query;

/// <summary>
/// The petitioner's own view of their matter (信访工作条例 Art. 21), without signing in: the case number and the query code
/// of the receipt show the stage, the units handling it, the statutory deadlines and the dates of each step — no staff
/// names, no petitioners' data. After the written reply the petitioner evaluates the handling once here. A wrong number
/// and a wrong code get the same answer (<see cref="QueryCodes.FindAsync"/>); every POST counts towards the address's
/// rate limit (<see cref="PublicQueryLimits"/>); the code travels only in POST bodies, never in a URL.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicQueryLimits.Policy)]
public sealed class IndexModel(AppDbContext db, QueryCodes codes, CaseService cases, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The one answer to a wrong number, a wrong code, or both.</summary>
    public const string NoMatch = "No matter matches this case number and query code. Check both against your receipt.";

    /// <summary>The steps the petitioner sees (staff-internal steps — progress notes, colours, notices — are not shown).</summary>
    public static readonly IReadOnlySet<CaseEventKind> PublicSteps = new HashSet<CaseEventKind>
    {
        CaseEventKind.Registered, CaseEventKind.Transferred, CaseEventKind.Accepted, CaseEventKind.AcceptanceRefused, CaseEventKind.Assigned,
        CaseEventKind.HandlingStarted, CaseEventKind.ExtensionApproved, CaseEventKind.HearingRecorded, CaseEventKind.Replied,
        CaseEventKind.Evaluated, CaseEventKind.Closed, CaseEventKind.Resolved, CaseEventKind.Terminated, CaseEventKind.AppealFiled,
    };

    [BindProperty] public QueryInput Input { get; set; } = new();
    [BindProperty] public EvaluationInput Evaluation { get; set; } = new();

    public PublicMatter? Matter { get; private set; }

    /// <summary>True right after this request recorded the petitioner's evaluation.</summary>
    public bool JustEvaluated { get; private set; }

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        NoStore();
        ModelState.Remove("Evaluation.Value");
        if (!ModelState.IsValid) return Page();
        if (await codes.FindAsync(Input.Number, Input.Code, HttpContext.RequestAborted) is not { } id) return NoMatchPage();
        Matter = await LoadAsync(id);
        return Page();
    }

    /// <summary>The petitioner's evaluation (once, after the written reply); the number and code are checked again.</summary>
    public async Task<IActionResult> OnPostEvaluateAsync()
    {
        NoStore();
        var ct = HttpContext.RequestAborted;
        if (await codes.FindAsync(Input.Number, Input.Code, ct) is not { } id) return NoMatchPage();
        var c = await db.Cases.Include(x => x.Events.OrderBy(e => e.Id)).Include(x => x.CoHandlingUnits).Include(x => x.Checklist)
            .AsSplitQuery().SingleAsync(x => x.Id == id, ct);
        if (c.Evaluation is not null || c.State != CaseState.Replied)
        {
            ModelState.AddModelError("", c.Evaluation is not null
                ? l["The handling of this matter has already been evaluated."]
                : l["The handling can be evaluated after the written reply."]);
        }
        if (Evaluation.Value is not { } value || !Enum.IsDefined(value))
            ModelState.AddModelError("Evaluation.Value", l["Choose how satisfied you are."]);
        if (!ModelState.IsValid)
        {
            Matter = await LoadAsync(id);
            return Page();
        }

        var result = c.Evaluate(Evaluation.Value!.Value, PetitionCase.PetitionerUserId, cases.UtcNow, Evaluation.Comment);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("Evaluation.Comment", l.Text(result.Error));
            Matter = await LoadAsync(id);
            return Page();
        }
        await cases.RefreshClockAsync(c, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Evaluated (or changed by the office) at the same moment: this one is not recorded.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["The handling of this matter has already been evaluated."]);
            Matter = await LoadAsync(id);
            return Page();
        }

        JustEvaluated = true;
        Evaluation = new EvaluationInput();
        Matter = await LoadAsync(id);
        return Page();
    }

    private PageResult NoMatchPage()
    {
        ModelState.Clear();
        ModelState.AddModelError("", l[NoMatch]);
        return Page();
    }

    private void NoStore() => Response.Headers.CacheControl = "no-store";

    /// <summary>What the public page shows of a matter: stage, units, clocks and the dated steps — names of units only.</summary>
    private async Task<PublicMatter> LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        var c = await db.Cases.AsNoTracking().Include(x => x.Events.OrderBy(e => e.Id)).Include(x => x.CoHandlingUnits)
            .AsSplitQuery().SingleAsync(x => x.Id == id, ct);
        var steps = c.Events.Where(e => PublicSteps.Contains(e.Kind)).OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
            .Select(e => (Date: DateOnly.FromDateTime(ChinaTime.ToLocal(e.AtUtc)), e.Kind, e.Change)).ToList();
        var unitIds = new[] { c.OrgUnitId, c.HandlingUnitId, c.TransferredToUnitId }.OfType<int>().Concat(c.CoHandlingUnitIds)
            .Concat(steps.Select(s => s.Change).OfType<Transferred>().Select(t => t.After?.UnitId).OfType<int>()).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(o => unitIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        string Unit(int? unitId) => unitId is { } u ? units.GetValueOrDefault(u, "") : "";

        var handling = new List<string>();
        if (c.HandlingUnitId is { } h) handling.Add(Unit(h));
        else if (c.TransferredToUnitId is { } t) handling.Add(Unit(t));
        else handling.Add(Unit(c.OrgUnitId));
        var coHandling = c.CoHandlingUnitIds.Select(u => Unit(u)).ToList();

        var calendar = await cases.CalendarAsync(ct);
        var today = cases.Today;
        var rows = steps.Select(s => new PublicStep(s.Date, s.Kind, s.Change switch
        {
            Transferred t => Unit(t.After?.UnitId),
            AcceptanceRefused r => r.Reason,
            Evaluated v => l.Label(v.Evaluation),
            _ => null,
        })).ToList();
        return new PublicMatter(c.Number.ToString(), c.State, c.ReceivedOn, Unit(c.OrgUnitId), handling, coHandling,
            CaseClocks.All(c, cases.Rules.Deadlines, calendar, today), rows, c.Evaluation, c.ReplyDate,
            CaseClocks.AppealWindow(c, cases.Rules.Deadlines, calendar, today), c.AppealLevel, c.IsAppealed);
    }

    public sealed class QueryInput
    {
        [Required(ErrorMessage = "Enter the {0}.")]
        [StringLength(40)]
        [Display(Name = "Case number")]
        public string? Number { get; set; }

        [Required(ErrorMessage = "Enter the {0}.")]
        [StringLength(40)]
        [Display(Name = "Query code")]
        public string? Code { get; set; }
    }

    public sealed class EvaluationInput
    {
        [Display(Name = "Your evaluation")]
        public Evaluation? Value { get; set; }

        [StringLength(PetitionCase.EvaluationCommentMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
        [Display(Name = "Comment (optional)")]
        public string? Comment { get; set; }
    }
}

/// <summary>One dated step of a matter as the petitioner sees it; <paramref name="Detail"/> is a unit, a reason or an evaluation.</summary>
public sealed record PublicStep(DateOnly Date, CaseEventKind Kind, string? Detail);

/// <summary>A matter as the public page shows it: no staff names, no petitioners' data.</summary>
public sealed record PublicMatter(string Number, CaseState State, DateOnly ReceivedOn, string RegisteredBy, IReadOnlyList<string> Handling,
    IReadOnlyList<string> CoHandling, IReadOnlyList<CaseClockLine> Clocks, IReadOnlyList<PublicStep> Steps, Evaluation? Evaluation,
    DateOnly? ReplyDate, DeadlineAnswer? AppealWindow, AppealLevel Level, bool IsAppealed)
{
    public bool CanEvaluate => State == CaseState.Replied && Evaluation is null;
}
