using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Cases;
using Reception.Core.Reports;
using Reception.Core.Rotas;
using Reception.Core.Time;
using Reception.Web.UI.Charts;

namespace Reception.Web.Features.Reports.Assessment;

/// <summary>
/// The leaders' assessment of a quarter or year over the user's scope, ranked by score (clerks and supervisors); a leader
/// is sent to their own sheet. Paged; the chart shows the page's scores.
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Supervisor + "," + Roles.Leader)]
public sealed class IndexModel(LeaderAssessmentQuery assessment, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "period")] public string? PeriodText { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public ReportPeriod Period { get; private set; }
    public IReadOnlyList<SelectListItem> Periods { get; private set; } = [];
    public AssessmentSheet Sheet { get; private set; } = null!;
    public Paged<AssessmentRow> Rows { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        (Period, Periods) = AssessmentPeriod.Choose(PeriodText, ChinaTime.Today(clock), l, ModelState);
        if (me.IsInRole(Roles.Leader))
        {
            return me.LeaderId is { } own ? RedirectToPage("Leader", new { leaderId = own, period = Period.ToString() }) : Forbid();
        }
        Sheet = await assessment.ReadAsync(me.Scope, Period, ct);
        var pageSize = Paging.DefaultPageSize;
        var pageCount = Math.Max(1, (Sheet.Rows.Count + pageSize - 1) / pageSize);
        var page = Math.Clamp(PageNumber, 1, pageCount);
        Rows = new Paged<AssessmentRow>(Sheet.Rows.Skip((page - 1) * pageSize).Take(pageSize).ToList(), page, pageSize, Sheet.Rows.Count);
        return Page();
    }

    public string PeriodLabel => AssessmentText.Period(l, Period);

    /// <summary>The page's scores as a horizontal bar chart (with its data table).</summary>
    public Chart ScoreChart => new(
        "assessment-scores",
        l["Scores, {0}", PeriodLabel],
        ChartKind.HorizontalBar,
        l["Leader"],
        Rows.Items.Where(r => r.Score.Score is not null).Select(r => r.Name).ToList(),
        [new ChartSeries(l["Score"], Rows.Items.Where(r => r.Score.Score is not null).Select(r => (decimal?)(decimal)r.Score.Score!.Value).ToList(), "blue")]);

    public static string Percent(double? rate) => CaseRates.Percent(rate);

    public static double? RateOf(AssessmentRow row, AssessmentCriterion c) => row.Score.Criteria.First(x => x.Criterion == c).Rate;
}
