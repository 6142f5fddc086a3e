using Reception.Core.Organisation;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Core.Time;

namespace Reception.Web.Features.Visits;

/// <summary>
/// Which townships and streets in scope no leader visited in a quarter (done or planned, not cancelled). A visit to
/// a village counts for its township, found by the materialised path. Every leader's visits count, also a leader from
/// above the user's scope: the question is about the place, and only counts and dates are shown.
/// </summary>
[Authorize(Roles = Roles.OfficeStaff)]
public sealed class CoverageModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "quarter")] public string? QuarterText { get; set; }

    public YearQuarter Quarter { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IEnumerable<Row> NotVisited => Rows.Where(r => r.Visits == 0);
    public IEnumerable<Row> Visited => Rows.Where(r => r.Visits > 0);

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(QuarterText)) Quarter = YearQuarter.Of(ChinaTime.Today(clock));
        else if (YearQuarter.Parse(QuarterText) is { } quarter) Quarter = quarter;
        else return NotFound();

        var (first, last) = (Quarter.First, Quarter.Last);
        var visits = from v in db.Visits
                     join d in db.OrgUnits on v.DestinationId equals d.Id
                     where v.Date >= first && v.Date <= last && v.Status != VisitStatus.Cancelled
                     select new { v.Date, v.LeaderId, d.Path };
        // One statement: per township, the visits whose destination lies in its subtree. (A join-then-group form needs
        // LATERAL/APPLY for the prefix condition, which SQLite does not have.)
        Rows = await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope)
            .Where(t => (t.Kind == OrgUnitKind.Township || t.Kind == OrgUnitKind.Street) && t.IsActive)
            .OrderBy(t => t.Parent!.Path).ThenBy(t => t.SortOrder).ThenBy(t => t.Code)
            .Select(t => new Row(t.Id, t.Name, t.Kind,
                visits.Count(x => x.Path.StartsWith(t.Path)),
                visits.Where(x => x.Path.StartsWith(t.Path)).Select(x => x.LeaderId).Distinct().Count(),
                visits.Where(x => x.Path.StartsWith(t.Path)).Max(x => (DateOnly?)x.Date)))
            .ToListAsync();
        return Page();
    }

    public sealed record Row(int Id, string Name, OrgUnitKind Kind, int Visits, int Leaders, DateOnly? LastVisit);
}
