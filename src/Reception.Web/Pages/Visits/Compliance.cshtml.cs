using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Organisation;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Core.Time;
using Reception.Web.Authorization;
using Reception.Web.Data;

namespace Reception.Web.Pages.Visits;

/// <summary>
/// Who met the monthly visit rule (DESIGN.md "Rotas"): visit days and appointment visits per leader against the
/// configured quota, with those below it highlighted. One query over the month's visits, grouped by leader.
/// </summary>
[Authorize(Roles = Roles.OfficeStaff)]
public sealed class ComplianceModel(AppDbContext db, CurrentUser me, TimeProvider clock, IConfiguration configuration) : PageModel
{
    public const string VisitDaysSetting = "Reception:Visits:VisitDaysPerMonth";
    public const string AppointmentsSetting = "Reception:Visits:AppointmentsPerMonth";

    [BindProperty(SupportsGet = true, Name = "month")] public string? MonthText { get; set; }

    public DateOnly Month { get; private set; }
    public VisitQuota Quota { get; private set; } = VisitQuota.Default;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int BelowQuota => Rows.Count(r => r.Standing.IsBelowQuota);
    public bool IsCurrentOrFuture { get; private set; }

    /// <summary>
    /// The leaders the monthly quota applies to. DESIGN.md: every leader who owns an open case. Cases do not exist
    /// yet, so for now it is every active leader in scope (the page says so); the casework issue narrows it here.
    /// </summary>
    public static IQueryable<Leader> LeadersTheQuotaAppliesTo(AppDbContext db, IQueryable<Leader> leadersInScope) =>
        leadersInScope.Where(l => l.IsActive);

    public async Task<IActionResult> OnGetAsync()
    {
        var today = ChinaTime.Today(clock);
        if (string.IsNullOrWhiteSpace(MonthText)) Month = new DateOnly(today.Year, today.Month, 1);
        else if (VisitCompliance.ParseMonth(MonthText) is { } month) Month = month;
        else return NotFound();
        IsCurrentOrFuture = Month.AddMonths(1) > today;
        Quota = new VisitQuota(
            Math.Max(0, configuration.GetValue(VisitDaysSetting, VisitQuota.Default.VisitDaysPerMonth)),
            Math.Max(0, configuration.GetValue(AppointmentsSetting, VisitQuota.Default.AppointmentsPerMonth)));

        var (first, last) = (Month, Month.AddMonths(1).AddDays(-1));
        var visitDays = db.Visits
            .Where(v => v.Date >= first && v.Date <= last && v.Status != VisitStatus.Cancelled)
            .GroupBy(v => v.LeaderId)
            .Select(g => new
            {
                LeaderId = g.Key,
                Days = g.Select(v => v.Date).Distinct().Count(),
                DoneDays = g.Where(v => v.Status == VisitStatus.Done).Select(v => v.Date).Distinct().Count(),
            });
        var rows = await (from l in LeadersTheQuotaAppliesTo(db, db.Leaders.AsNoTracking().VisibleTo(me))
                          join c in visitDays on l.Id equals c.LeaderId into counts
                          from c in counts.DefaultIfEmpty()
                          orderby l.OrgUnit!.Path, l.RotationOrder, l.Id
                          select new { l.Id, l.Name, l.Title, Unit = l.OrgUnit!.Name, Days = (int?)c!.Days ?? 0, DoneDays = (int?)c!.DoneDays ?? 0 })
            .ToListAsync();

        // Appointment visits (约访) arrive with the casework: until then they are shown as 0 and not judged.
        Rows = rows.Select(r => new Row(r.Id, r.Name, r.Title, r.Unit, r.DoneDays, 0,
            VisitCompliance.Assess(Quota, r.Days, appointments: null))).ToList();
        return Page();
    }

    public string MonthParam(DateOnly month) => VisitCompliance.FormatMonth(month);

    public sealed record Row(int LeaderId, string Name, string Title, string Unit, int DoneDays, int Appointments, VisitStanding Standing);
}
