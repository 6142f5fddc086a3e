using Reception.Core.Rotas;
using Reception.Core.Time;

namespace Reception.Web.Features.Visits;

/// <summary>
/// Who met the monthly visit rule in the user's scope, with those below the quota highlighted: the month of
/// <see cref="VisitComplianceQuery"/>, which the compliance and bulletin jobs read too.
/// </summary>
[Authorize(Roles = Roles.OfficeStaff)]
public sealed class ComplianceModel(VisitComplianceQuery compliance, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "month")] public string? MonthText { get; set; }

    public DateOnly Month { get; private set; }
    public VisitQuota Quota { get; private set; } = VisitQuota.Default;
    public IReadOnlyList<ComplianceRow> Rows { get; private set; } = [];
    public int Subject { get; private set; }
    public int BelowQuota { get; private set; }
    public bool IsCurrentOrFuture { get; private set; }

    /// <summary>The month in progress (today is in it): its working days and those left; null for any other month.</summary>
    public MonthProgress? Progress { get; private set; }

    public int AtRisk { get; private set; }
    public int OnTrack { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var today = ChinaTime.Today(clock);
        if (string.IsNullOrWhiteSpace(MonthText)) Month = new DateOnly(today.Year, today.Month, 1);
        else if (DateText.ParseMonth(MonthText, lenient: true) is { } month) Month = month;
        else return NotFound();
        IsCurrentOrFuture = Month.AddMonths(1) > today;
        var result = await compliance.ReadAsync(me.Scope, Month, HttpContext.RequestAborted);
        (Quota, Rows, Subject, BelowQuota, Progress) = (result.Quota, result.Rows, result.Subject, result.BelowQuota, result.Progress);
        (AtRisk, OnTrack) = (result.AtRisk, result.OnTrack);
        return Page();
    }
}
