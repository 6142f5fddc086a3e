using Reception.Core.Reports;
using Reception.Core.Rotas;

namespace Reception.Web.Features.Reports.Periodic;

/// <summary>
/// The archive of the periodic 通报 in the user's scope, newest first, filtered by year and kind and paged: Clerks see drafts
/// too (to review and publish them), Supervisors and Leaders the published ones.
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Supervisor + "," + Roles.Leader)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, PeriodicReports reports) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "year")] public int? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "kind")] public PeriodKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Paged<Row> Reports { get; private set; } = null!;
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<PeriodKind> Kinds => PeriodicSchedule.Kinds;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Kind is { } k && !Kinds.Contains(k)) return NotFound();
        var visible = reports.VisibleTo(me.Scope);
        Years = await visible.Select(r => r.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
        var query = visible;
        if (Year is { } year) query = query.Where(r => r.Year == year);
        if (Kind is { } kind) query = query.Where(r => r.Kind == kind);
        Reports = await (from r in query
                         join o in db.OrgUnits on r.OrgUnitId equals o.Id
                         orderby r.Year descending, r.Kind, r.Number descending, o.Path
                         select new Row(r.Id, o.Name, r.Kind, r.Year, r.Number, r.State, r.DocumentNumber, r.PublishedOn))
            .ToPagedAsync(PageNumber, ct: ct);
        return Page();
    }

    public sealed record Row(int Id, string Unit, PeriodKind Kind, int Year, int Number, PeriodicReportState State, string? DocumentNumber, DateOnly? PublishedOn)
    {
        public ReportPeriod Period => ReportPeriod.TryCreate(Kind, Year, Number, out var p) ? p : default;
    }
}
