using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Rotas;
using Reception.Core.Time;

namespace Reception.Web.Features.Reports.Assessment;

/// <summary>
/// One leader's assessment sheet for a quarter or year, printable on A4: each criterion's figures, definition, rate,
/// weight and points, the score and the weights' version. A leader opens only their own; clerks and supervisors those of
/// the leaders in their scope (others: 404, nothing said about who exists).
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Supervisor + "," + Roles.Leader)]
public sealed class LeaderModel(LeaderAssessmentQuery assessment, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "period")] public string? PeriodText { get; set; }

    public ReportPeriod Period { get; private set; }
    public IReadOnlyList<SelectListItem> Periods { get; private set; } = [];
    public AssessmentSheet Sheet { get; private set; } = null!;
    public AssessmentRow Row { get; private set; } = null!;
    public int Ranked { get; private set; }
    public bool IsOwn { get; private set; }
    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(int leaderId, CancellationToken ct)
    {
        (Period, Periods) = AssessmentPeriod.Choose(PeriodText, ChinaTime.Today(clock), l, ModelState);
        IsOwn = me.IsInRole(Roles.Leader);
        if (IsOwn && me.LeaderId != leaderId) return NotFound();
        Sheet = await assessment.ReadAsync(me.Scope, Period, ct);
        if (Sheet.Rows.FirstOrDefault(r => r.LeaderId == leaderId) is not { } row) return NotFound();
        Row = row;
        Ranked = Sheet.Rows.Count(r => r.Rank is not null);
        return Page();
    }

    public string PeriodLabel => AssessmentText.Period(l, Period);
}
