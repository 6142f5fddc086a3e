using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Rotas;
using Reception.Core.Time;

namespace Reception.Web.Features.Rotas.Reports;

/// <summary>
/// Planned against actual, per leader and month: duties planned (published rotas), duties recorded, duties
/// where someone else received, batches (批次) and people (人次), and the cases registered at those duties. Two grouped
/// queries over the scope (duties; cases by their source duty), merged by month and leader.
/// </summary>
[Authorize(Roles = Roles.OfficeStaff)]
public sealed class PlannedActualModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "period")] public string? PeriodText { get; set; }

    public ReportPeriod Period { get; private set; }
    public IReadOnlyList<SelectListItem> Periods { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Row Total => new(0, l["Total"], Period.From, Rows.Sum(r => r.Planned), Rows.Sum(r => r.Recorded), Rows.Sum(r => r.BySomeoneElse),
        Rows.Sum(r => r.Batches), Rows.Sum(r => r.People), Rows.Sum(r => r.Cases));

    /// <summary>Administrators see no cases: the column is left out for them.</summary>
    public bool SeesCases => !me.IsInRole(Roles.Admin);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!Resolve()) return Page();
        Rows = await QueryAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (!Resolve()) return BadRequest();
        Rows = await QueryAsync();
        object?[] header = [l["Month"], l["Leader"], l["Planned"], l["Recorded"], l["Received by someone else"], l["Batches"], l["People"],
            .. (SeesCases ? new object?[] { l["Cases registered"] } : [])];
        var lines = Rows.Append(Total).Select(r => (object?[])
        [
            r.LeaderId == 0 ? "" : DateText.Month(r.Month),
            r.Leader, r.Planned, r.Recorded, r.BySomeoneElse, r.Batches, r.People,
            .. (SeesCases ? new object?[] { r.Cases } : []),
        ]);
        return CsvFile.Result($"planned-actual-{Period}.csv", lines.Prepend(header));
    }

    private bool Resolve()
    {
        (Period, Periods) = PeriodChoice.Choose(PeriodText, ChinaTime.Today(clock), l, ModelState);
        return ModelState.IsValid;
    }

    /// <summary>One set-based query: the published duties of the period in scope, grouped by month and planned leader.</summary>
    private async Task<IReadOnlyList<Row>> QueryAsync()
    {
        var rules = db.DutyRules.VisibleTo(db, me.Scope).Select(r => r.Id);
        var (first, last) = (Period.From, Period.To);
        var cases = await (from c in db.Cases.VisibleTo(db, me.Scope)
                           join a in db.DutyAssignments on c.SourceDutyAssignmentId equals (int?)a.Id
                           join m in db.RotaMonths on a.RotaMonthId equals m.Id
                           where rules.Contains(m.DutyRuleId) && m.PublishedNumber > 0 && !a.IsCancelled && a.Date >= first && a.Date <= last
                           group c by new { m.Month, a.LeaderId } into g
                           select new { g.Key.Month, g.Key.LeaderId, Count = g.Count() })
            .ToDictionaryAsync(x => (x.Month, x.LeaderId), x => x.Count);
        var duties = await (from a in db.DutyAssignments
                            join m in db.RotaMonths on a.RotaMonthId equals m.Id
                            join leader in db.Leaders on a.LeaderId equals leader.Id
                            where rules.Contains(m.DutyRuleId) && m.PublishedNumber > 0 && !a.IsCancelled && a.Date >= first && a.Date <= last
                            group a by new { m.Month, a.LeaderId, leader.Name, leader.RotationOrder } into g
                            orderby g.Key.Month, g.Key.RotationOrder, g.Key.LeaderId
                            select new Row(g.Key.LeaderId, g.Key.Name, g.Key.Month,
                                g.Count(),
                                g.Count(a => a.RecordedAtUtc != null),
                                g.Count(a => a.ActualLeaderId != null && a.ActualLeaderId != a.LeaderId),
                                g.Sum(a => a.Batches ?? 0),
                                g.Sum(a => a.People ?? 0), 0))
            .AsNoTracking().ToListAsync();
        return duties.Select(r => r with { Cases = cases.GetValueOrDefault((r.Month, r.LeaderId)) }).ToList();
    }

    /// <param name="Cases">Cases registered at the leader's duties of the month (as planned; those the user may see).</param>
    public sealed record Row(int LeaderId, string Leader, DateOnly Month, int Planned, int Recorded, int BySomeoneElse, int Batches, int People, int Cases);
}
