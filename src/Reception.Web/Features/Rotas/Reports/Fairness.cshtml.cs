using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Core.Time;
using Reception.Web.Features.Calendar;

namespace Reception.Web.Features.Rotas.Reports;

/// <summary>
/// Fairness per leader for a month, quarter or year (definitions in <see cref="FairnessReport"/>, shown on
/// the page): duties, duties next to a holiday, substitutions given and received, owed duties.
/// </summary>
[Authorize(Roles = Roles.OfficeStaff)]
public sealed class FairnessModel(AppDbContext db, CurrentUser me, HolidayCalendarService calendars, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "period")] public string? PeriodText { get; set; }

    public ReportPeriod Period { get; private set; }
    public IReadOnlyList<SelectListItem> Periods { get; private set; } = [];
    public IReadOnlyList<RuleSection> Rules { get; private set; } = [];
    public IReadOnlyList<int> UnknownYears { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!Resolve()) return Page();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (!Resolve()) return BadRequest();
        await LoadAsync();
        var header = new object?[]
        {
            l["Rota"], l["Leader"], l["Title"], l["Duties"], l["Next to a holiday"], l["Substitutions given"], l["Substitutions received"], l["Duties owed"],
        };
        var lines = Rules.SelectMany(rule => rule.Rows.Select(r => new object?[] { rule.RuleName, r.Name, r.Title, r.Duties, r.NextToHoliday, r.Given, r.Received, r.Owed }));
        return CsvFile.Result($"fairness-{Period}.csv", lines.Prepend(header));
    }

    private bool Resolve()
    {
        (Period, Periods) = PeriodChoice.Choose(PeriodText, ChinaTime.Today(clock), l, ModelState);
        return ModelState.IsValid;
    }

    /// <summary>
    /// Fairness only compares leaders who share a rota, so each rule in scope gets its own table: the same few
    /// set-based queries, grouped by rule, then <see cref="FairnessReport.Build"/> once per rule.
    /// </summary>
    private async Task LoadAsync()
    {
        var (first, last) = (Period.From, Period.To);
        var rules = db.DutyRules.VisibleTo(db, me.Scope).Select(r => r.Id);
        var calendar = await calendars.GetAsync();
        // The day before and after the period decide its first and last dates.
        UnknownYears = calendar.UnknownYearsBetween(first.AddDays(-1), last.AddDays(1));
        var nearHoliday = FairnessReport.DatesNextToHoliday(calendar, first, last).ToList();

        var members = await (from m in db.Set<DutyRuleMember>()
                             join r in db.DutyRules on m.DutyRuleId equals r.Id
                             where rules.Contains(r.Id) && r.IsActive
                             select new { m.DutyRuleId, m.LeaderId }).ToListAsync();

        var tallies = await (from a in db.DutyAssignments
                             join m in db.RotaMonths on a.RotaMonthId equals m.Id
                             where rules.Contains(m.DutyRuleId) && m.PublishedNumber > 0 && !a.IsCancelled && a.Date >= first && a.Date <= last
                             group a by new { m.DutyRuleId, a.LeaderId } into g
                             select new { g.Key.DutyRuleId, Tally = new DutyTally(g.Key.LeaderId, g.Count(), g.Count(a => nearHoliday.Contains(a.Date))) })
            .ToListAsync();

        var substitutions = await (from s in db.SwapRequests
                                   where s.Status == SwapStatus.Approved
                                   join a in db.DutyAssignments on s.AssignmentId equals a.Id
                                   join m in db.RotaMonths on a.RotaMonthId equals m.Id
                                   where rules.Contains(m.DutyRuleId)
                                   join b in db.DutyAssignments on s.CounterpartAssignmentId equals (int?)b.Id into bs
                                   from b in bs.DefaultIfEmpty()
                                   where (a.Date >= first && a.Date <= last) || (b != null && b.Date >= first && b.Date <= last)
                                   select new { m.DutyRuleId, s.Kind, s.RequesterLeaderId, RequesterDate = a.Date, s.CounterpartLeaderId, CounterpartDate = b == null ? (DateOnly?)null : b.Date })
            .ToListAsync();

        // Each rule's latest month not after the period: its ledger is the owed balance at the period's end.
        var ledgers = await db.RotaMonths.AsNoTracking()
            .Where(m => rules.Contains(m.DutyRuleId) && m.Month <= last
                        && !db.RotaMonths.Any(n => n.DutyRuleId == m.DutyRuleId && n.Month > m.Month && n.Month <= last))
            .Select(m => new { m.DutyRuleId, m.OwedLedgerJson }).ToListAsync();

        var ruleIds = members.Select(m => m.DutyRuleId).Concat(tallies.Select(t => t.DutyRuleId)).Concat(substitutions.Select(s => s.DutyRuleId)).Distinct().ToList();
        var ruleInfo = await (from r in db.DutyRules
                              join o in db.OrgUnits on r.OrgUnitId equals o.Id
                              where ruleIds.Contains(r.Id)
                              select new { r.Id, r.Name, o.Path }).ToListAsync();
        var rows = new List<(int RuleId, string RuleName, FairnessRow Row)>();
        foreach (var rule in ruleInfo.OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal))
        {
            var report = FairnessReport.Build(Period,
                members.Where(m => m.DutyRuleId == rule.Id).Select(m => m.LeaderId),
                tallies.Where(t => t.DutyRuleId == rule.Id).Select(t => t.Tally),
                substitutions.Where(s => s.DutyRuleId == rule.Id)
                    .Select(s => new ApprovedSubstitution(s.Kind, s.RequesterLeaderId, s.RequesterDate, s.CounterpartLeaderId, s.CounterpartDate)),
                ledgers.Where(x => x.DutyRuleId == rule.Id).Select(x => RotaPlanner.ReadLedger(x.OwedLedgerJson)));
            rows.AddRange(report.Select(r => (rule.Id, rule.Name, r)));
        }

        var ids = rows.Select(r => r.Row.LeaderId).Distinct().ToList();
        var leaders = await db.Leaders.AsNoTracking().Where(x => ids.Contains(x.Id))
            .ToDictionaryAsync(x => x.Id, x => new { x.Name, x.Title, x.RotationOrder });
        Rules = rows.Where(r => leaders.ContainsKey(r.Row.LeaderId))
            .GroupBy(r => (r.RuleId, r.RuleName))
            .Select(g =>
            {
                var ruleMembers = members.Where(m => m.DutyRuleId == g.Key.RuleId).Select(m => m.LeaderId).ToHashSet();
                var list = g.Select(r => new Row(r.Row.LeaderId, leaders[r.Row.LeaderId].Name, leaders[r.Row.LeaderId].Title, leaders[r.Row.LeaderId].RotationOrder,
                        r.Row.Duties, r.Row.NextToHoliday, r.Row.SubstitutionsGiven, r.Row.SubstitutionsReceived, r.Row.Owed))
                    .OrderBy(r => r.RotationOrder).ThenBy(r => r.LeaderId).ToList();
                return new RuleSection(g.Key.RuleId, g.Key.RuleName, list,
                    FairnessReport.Spread(g.Where(r => ruleMembers.Contains(r.Row.LeaderId)).Select(r => r.Row).ToList()));
            })
            .ToList();
    }

    /// <summary>One rota rule's table; <see cref="Spread"/> is the most duties minus the fewest among its members.</summary>
    public sealed record RuleSection(int RuleId, string RuleName, IReadOnlyList<Row> Rows, int Spread);

    public sealed record Row(int LeaderId, string Name, string Title, int RotationOrder, int Duties, int NextToHoliday, int Given, int Received, int Owed);
}
