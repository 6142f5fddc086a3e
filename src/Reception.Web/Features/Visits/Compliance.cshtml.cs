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

namespace Reception.Web.Features.Visits;

/// <summary>
/// Who met the monthly visit rule (DESIGN.md "Rotas"): village visit days and meetings on cases (约访, and cases carried
/// on village visits — 带案下访) per leader against the configured quota, with those below it highlighted. A few
/// set-based queries over the month (grouped by leader), joined in memory to the leaders in scope.
/// </summary>
[Authorize(Roles = Roles.OfficeStaff)]
public sealed class ComplianceModel(AppDbContext db, CurrentUser me, TimeProvider clock, IConfiguration configuration,
    Reception.Web.Features.Calendar.HolidayCalendarService calendars) : PageModel
{
    public const string VisitDaysSetting = "Reception:Visits:VisitDaysPerMonth";
    public const string AppointmentsSetting = "Reception:Visits:AppointmentsPerMonth";

    [BindProperty(SupportsGet = true, Name = "month")] public string? MonthText { get; set; }

    public DateOnly Month { get; private set; }
    public VisitQuota Quota { get; private set; } = VisitQuota.Default;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Subject => Rows.Count(r => r.Standing is not null);
    public int BelowQuota => Rows.Count(r => r.Standing is { IsBelowQuota: true });
    public bool IsCurrentOrFuture { get; private set; }

    /// <summary>The month in progress (today is in it): its working days and those left; null for any other month.</summary>
    public MonthProgress? Progress { get; private set; }

    public int AtRisk => Rows.Count(r => r.Verdict == VisitVerdict.AtRisk);
    public int OnTrack => Rows.Count(r => r.Verdict == VisitVerdict.OnTrack);

    /// <summary>
    /// The ids of the leaders the monthly quota applies to (DESIGN.md: every leader who owns an open case): those who own
    /// (包案) a case that was open during the month — received by its last day, not closed or terminated before its first —
    /// and those with a planned or done visit in the month. Other leaders are listed as not subject that month.
    /// </summary>
    public static IQueryable<int> LeadersTheQuotaAppliesTo(AppDbContext db, IQueryable<Leader> leadersInScope, DateOnly first, DateOnly last)
    {
        var monthStartUtc = ChinaTime.ToUtc(first, TimeOnly.MinValue);
        var owners = db.Cases
            .Where(c => c.OwnerLeaderId != null && c.ReceivedOn <= last
                        && (c.ClosedAtUtc == null || c.ClosedAtUtc >= monthStartUtc)
                        && (c.TerminatedAtUtc == null || c.TerminatedAtUtc >= monthStartUtc))
            .Select(c => c.OwnerLeaderId!.Value);
        var visiting = db.Visits.Where(v => v.Date >= first && v.Date <= last && v.Status != VisitStatus.Cancelled).Select(v => v.LeaderId);
        return leadersInScope.Where(l => owners.Contains(l.Id) || visiting.Contains(l.Id)).Select(l => l.Id);
    }

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
        if (today >= first && today <= last)
        {
            var calendar = await calendars.GetAsync();
            var days = Enumerable.Range(0, last.Day).Select(first.AddDays).Where(calendar.IsWorkingDay).ToList();
            Progress = new MonthProgress(days.Count, days.Count(d => d >= today));
        }
        var leadersInScope = db.Leaders.AsNoTracking().VisibleTo(me).Where(l => l.IsActive);
        var inScope = leadersInScope.Select(l => l.Id);
        var monthVisits = db.Visits.Where(v => v.Date >= first && v.Date <= last && v.Status != VisitStatus.Cancelled && inScope.Contains(v.LeaderId));

        var villageDays = await monthVisits.Where(v => v.Kind == VisitKind.Village)
            .GroupBy(v => v.LeaderId)
            .Select(g => new
            {
                LeaderId = g.Key,
                Days = g.Select(v => v.Date).Distinct().Count(),
                DoneDays = g.Where(v => v.Status == VisitStatus.Done).Select(v => v.Date).Distinct().Count(),
            })
            .ToDictionaryAsync(x => x.LeaderId);
        var appointments = await monthVisits.Where(v => v.Kind == VisitKind.Appointment)
            .GroupBy(v => v.LeaderId)
            .Select(g => new { LeaderId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.LeaderId, x => x.Count);
        var carried = await (from link in db.VisitCases
                             join v in monthVisits on link.VisitId equals v.Id
                             where v.Kind == VisitKind.Village
                             select new { v.LeaderId, link.PetitionCaseId }).Distinct()
            .GroupBy(x => x.LeaderId)
            .Select(g => new { LeaderId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.LeaderId, x => x.Count);
        var subject = (await LeadersTheQuotaAppliesTo(db, leadersInScope, first, last).ToListAsync()).ToHashSet();

        var leaders = await leadersInScope
            .OrderBy(l => l.OrgUnit!.Path).ThenBy(l => l.RotationOrder).ThenBy(l => l.Id)
            .Select(l => new { l.Id, l.Name, l.Title, Unit = l.OrgUnit!.Name })
            .ToListAsync();
        Rows = leaders.Select(l =>
        {
            var days = villageDays.GetValueOrDefault(l.Id);
            var appointmentCount = appointments.GetValueOrDefault(l.Id);
            var carriedCount = carried.GetValueOrDefault(l.Id);
            // A case carried on a village visit is a meeting on that case, so it counts toward the appointment figure.
            var standing = subject.Contains(l.Id)
                ? VisitCompliance.Assess(Quota, days?.Days ?? 0, appointments: appointmentCount + carriedCount)
                : null;
            return new Row(l.Id, l.Name, l.Title, l.Unit, days?.Days ?? 0, days?.DoneDays ?? 0, appointmentCount, carriedCount, standing,
                standing is null ? null : VisitCompliance.Judge(standing, Progress));
        }).ToList();
        return Page();
    }

    public string MonthParam(DateOnly month) => VisitCompliance.FormatMonth(month);

    /// <summary>One leader's month. <see cref="Standing"/> is null when the quota does not apply to them this month.</summary>
    public sealed record Row(int LeaderId, string Name, string Title, string Unit, int VisitDays, int DoneDays, int Appointments, int CarriedCases,
        VisitStanding? Standing, VisitVerdict? Verdict)
    {
        public int Meetings => Appointments + CarriedCases;
    }
}
