using System.ComponentModel.DataAnnotations;
using Reception.Core.Cases;
using Reception.Core.Organisation;
using Reception.Core.Reports;
using Reception.Web.Audit;
using Reception.Web.UI.Charts;

namespace Reception.Web.Features.Reports.Periodic;

/// <summary>
/// One 通报 as an A4 document (paper.css; printed from the browser): a draft shows its figures as they stand and, to a Clerk
/// of the report's unit, the form that adds the commentary and publishes it; a published report shows its number and the
/// snapshot taken at publishing. Out of scope: 404; in scope but not the unit's Clerk, publishing: 403.
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Supervisor + "," + Roles.Leader)]
[Audited(AuditActions.ReportPublish)]
public sealed class ReportModel(AppDbContext db, CurrentUser me, PeriodicReports reports, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public PublishInput Input { get; set; } = new();

    public PeriodicReport Report { get; private set; } = null!;
    public OrgUnit Unit { get; private set; } = null!;
    public PeriodicReportContent Data { get; private set; } = null!;
    public bool CanPublish => PeriodicReports.CanPublish(me.Scope, Report);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        Input.Version = Report.Version;
        Data = await reports.ContentAsync(Report, Unit, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (!me.IsInRole(Roles.Clerk) || me.OrgUnitId != Report.OrgUnitId) return Forbid();
        if (Report.IsPublished) ModelState.AddModelError("", l["This report was published meanwhile: it cannot be published again."]);
        if (ModelState.IsValid)
        {
            if (await reports.PublishAsync(Report, Unit, Input.Commentary!, Input.Version, me.UserId!, ModelState, l, ct))
            {
                AuditMarks.Detail(HttpContext, $"report={Report.Id}; number={Report.DocumentNumber}");
                Status.Set(TempData, l["Published as {0}.", Report.DocumentNumber!]);
                return RedirectToPage("Report", new { id = Report.Id });
            }
            // Nothing was written: read the report again as it stands.
            db.ChangeTracker.Clear();
            if (!await LoadAsync(ct)) return NotFound();
        }
        Data = await reports.ContentAsync(Report, Unit, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await reports.VisibleTo(me.Scope).SingleOrDefaultAsync(r => r.Id == Id, ct) is not { } report) return false;
        Report = report;
        Unit = await db.OrgUnits.SingleAsync(o => o.Id == report.OrgUnitId, ct);
        return true;
    }

    public string PeriodLabel => PeriodicReports.PeriodLabel(Report.Period).Render(l);

    public string Title => l["{0} petition work bulletin", Unit.Name];

    public string TownshipName(string key, string name) => key switch
    {
        "" => l["{0} (own level)", name],
        "-" => l["Outside your area"],
        _ => name,
    };

    public string ChannelName(string key) => Enum.TryParse<Channel>(key, out var channel) ? l.Label(channel) : key;

    public string MonthLabel(DateOnly month) => l["{0}-{1}", month.Year, month.Month.ToString("00", CultureInfo.InvariantCulture)];

    /// <summary>The charts, built from the content's figures (a published report's: its snapshot).</summary>
    public IReadOnlyList<Chart> Charts()
    {
        var c = Data;
        static decimal? D(int n) => n;
        var months = c.ByMonth.Select(m => MonthLabel(m.Month)).ToList();
        return
        [
            new Chart("chart-trend", l["Cases received by month"], c.ByMonth.Count > 1 ? ChartKind.Line : ChartKind.Bar, l["Month"], months,
            [
                new ChartSeries(l["Cases received"], c.ByMonth.Select(m => D(m.Total)).ToList()),
                new ChartSeries(l["Repeat petitions"], c.ByMonth.Select(m => D(m.Repeat)).ToList()),
                new ChartSeries(l["Level-skipping petitions"], c.ByMonth.Select(m => D(m.LevelSkipping)).ToList()),
                new ChartSeries(l["Collective petitions"], c.ByMonth.Select(m => D(m.Collective)).ToList()),
            ]),
            new Chart("chart-category", l["By category"], ChartKind.HorizontalBar, l["Category"], c.ByCategory.Select(x => x.Name).ToList(),
                [new ChartSeries(l["Cases"], c.ByCategory.Select(x => D(x.Count)).ToList())]),
            new Chart("chart-township", l["By township"], ChartKind.HorizontalBar, l["Township"], c.ByTownship.Select(x => TownshipName(x.Key, x.Name)).ToList(),
                [new ChartSeries(l["Cases"], c.ByTownship.Select(x => D(x.Count)).ToList())]),
            new Chart("chart-channel", l["By channel"], ChartKind.Pie, l["Channel"], c.ByChannel.Select(x => ChannelName(x.Key)).ToList(),
                [new ChartSeries(l["Cases"], c.ByChannel.Select(x => D(x.Count)).ToList())]),
        ];
    }

    public sealed class PublishInput
    {
        [Required(ErrorMessage = "Enter the {0}.")]
        [Display(Name = "Commentary")]
        [StringLength(PeriodicReport.CommentaryMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
        public string? Commentary { get; set; }

        public int Version { get; set; }
    }
}
