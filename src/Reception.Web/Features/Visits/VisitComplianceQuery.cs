using Reception.Core.Organisation;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Core.Time;

namespace Reception.Web.Features.Visits;

/// <summary>One leader's month. <see cref="Standing"/> is null when the quota does not apply to them this month.</summary>
public sealed record ComplianceRow(int LeaderId, string Name, string Title, string Unit, int VisitDays, int DoneDays, int Appointments, int CarriedCases,
    VisitStanding? Standing, VisitVerdict? Verdict)
{
    public int Meetings => Appointments + CarriedCases;
}

/// <summary>A scope's month of visit compliance: the quota and one row per active leader in scope.</summary>
/// <param name="Progress">The month in progress (today is in it): its working days and those left; null for any other month.</param>
public sealed record ComplianceMonth(DateOnly Month, VisitQuota Quota, IReadOnlyList<ComplianceRow> Rows, MonthProgress? Progress)
{
    public int AtRisk => Rows.Count(r => r.Verdict == VisitVerdict.AtRisk);

    public int OnTrack => Rows.Count(r => r.Verdict == VisitVerdict.OnTrack);

    /// <summary>How many leaders the quota applies to this month.</summary>
    public int Subject => Rows.Count(r => r.Standing is not null);

    public int BelowQuota => Rows.Count(r => r.Standing is { IsBelowQuota: true });

    public IReadOnlyList<ComplianceRow> Behind => Rows.Where(r => r.Standing is { IsBelowQuota: true }).ToList();
}

/// <summary>
/// Who met the monthly visit rule (DESIGN.md "Rotas"): village visit days and meetings on cases (约访, and cases carried
/// on village visits — 带案下访) per leader against the configured quota. A few set-based queries over the month (grouped
/// by leader), joined in memory to the active leaders in scope. The compliance page and the compliance and bulletin jobs
/// read it, so a job's figures are the page's; a month of one scope is read once per instance.
/// </summary>
public sealed class VisitComplianceQuery(AppDbContext db, IConfiguration configuration, TimeProvider clock,
    Reception.Web.Features.Calendar.HolidayCalendarService calendars)
{
    public const string VisitDaysSetting = "Reception:Visits:VisitDaysPerMonth";
    public const string AppointmentsSetting = "Reception:Visits:AppointmentsPerMonth";

    private readonly Dictionary<(string, DateOnly), ComplianceMonth> cache = [];

    /// <summary>The configured quota (negative settings count as 0).</summary>
    public VisitQuota Quota => new(
        Math.Max(0, configuration.GetValue(VisitDaysSetting, VisitQuota.Default.VisitDaysPerMonth)),
        Math.Max(0, configuration.GetValue(AppointmentsSetting, VisitQuota.Default.AppointmentsPerMonth)));

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

    /// <summary>The month starting <paramref name="month"/> for the leaders <paramref name="scope"/> sees.</summary>
    public async Task<ComplianceMonth> ReadAsync(UserScope scope, DateOnly month, CancellationToken ct = default)
    {
        if (cache.TryGetValue((scope.OrgPath, month), out var known)) return known;
        var quota = Quota;
        var (first, last) = (month, month.AddMonths(1).AddDays(-1));
        var today = ChinaTime.Today(clock);
        MonthProgress? progress = null;
        if (today >= first && today <= last)
        {
            var calendar = await calendars.GetAsync(ct);
            var days = Enumerable.Range(0, last.Day).Select(first.AddDays).Where(calendar.IsWorkingDay).ToList();
            progress = new MonthProgress(days.Count, days.Count(d => d >= today));
        }
        var leadersInScope = db.Leaders.AsNoTracking().VisibleTo(scope).Where(l => l.IsActive);
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
            .ToDictionaryAsync(x => x.LeaderId, ct);
        var appointments = await monthVisits.Where(v => v.Kind == VisitKind.Appointment)
            .GroupBy(v => v.LeaderId)
            .Select(g => new { LeaderId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.LeaderId, x => x.Count, ct);
        var carried = await (from link in db.VisitCases
                             join v in monthVisits on link.VisitId equals v.Id
                             where v.Kind == VisitKind.Village
                             select new { v.LeaderId, link.PetitionCaseId }).Distinct()
            .GroupBy(x => x.LeaderId)
            .Select(g => new { LeaderId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.LeaderId, x => x.Count, ct);
        var subject = (await LeadersTheQuotaAppliesTo(db, leadersInScope, first, last).ToListAsync(ct)).ToHashSet();

        var leaders = await leadersInScope
            .OrderBy(l => l.OrgUnit!.Path).ThenBy(l => l.RotationOrder).ThenBy(l => l.Id)
            .Select(l => new { l.Id, l.Name, l.Title, Unit = l.OrgUnit!.Name })
            .ToListAsync(ct);
        var rows = leaders.Select(l =>
        {
            var days = villageDays.GetValueOrDefault(l.Id);
            var appointmentCount = appointments.GetValueOrDefault(l.Id);
            var carriedCount = carried.GetValueOrDefault(l.Id);
            // A case carried on a village visit is a meeting on that case, so it counts toward the appointment figure.
            var standing = subject.Contains(l.Id)
                ? VisitCompliance.Assess(quota, days?.Days ?? 0, appointments: appointmentCount + carriedCount)
                : null;
            return new ComplianceRow(l.Id, l.Name, l.Title, l.Unit, days?.Days ?? 0, days?.DoneDays ?? 0, appointmentCount, carriedCount, standing,
                standing is null ? null : VisitCompliance.Judge(standing, progress));
        }).ToList();
        return cache[(scope.OrgPath, month)] = new ComplianceMonth(month, quota, rows, progress);
    }
}
