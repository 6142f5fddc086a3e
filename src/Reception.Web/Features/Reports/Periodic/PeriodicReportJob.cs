using Reception.Core.Reports;
using Reception.Core.Time;

namespace Reception.Web.Features.Reports.Periodic;

/// <summary>
/// Drafts the periodic 通报 (issue 19 item 2) on the 1st of each month, 06:00 Asia/Shanghai: for every office — an active org
/// unit with at least one active Clerk account, the people who review and publish its reports — a draft of each period
/// that has ended (<see cref="PeriodicSchedule.Due"/>: last month; on 1 April, 1 July, 1 October and 1 January also the
/// quarter; on 1 July and 1 January the half-year; on 1 January the year). A period is drafted once per unit: an existing
/// report is left alone, and the unique index (unit, kind, year, number) stops a second instance's draft. A catch-up job:
/// missed on the 1st (the app was down), it runs at start-up and drafts within <see cref="PeriodicSchedule.CatchUpDays"/>.
/// The draft holds no figures: they are computed whenever it is read, and frozen when a clerk publishes it.
/// </summary>
public sealed class PeriodicReportJob(AppDbContext db, TimeProvider clock) : IReceptionJob
{
    public const string Name = "PeriodicReports";

    async Task<string?> IReceptionJob.RunAsync(JobOccurrence occurrence, CancellationToken ct) =>
        MessageJson.Write(new Message("{0} periodic reports drafted.", await RunAsync(ct)));

    /// <summary>Drafts what is due as of today; returns how many drafts it added.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var due = PeriodicSchedule.Due(today);
        if (due.Count == 0) return 0;
        var offices = await OfficesAsync(db, ct);
        var years = due.Select(p => p.Year).Distinct().ToList();
        var existing = (await db.PeriodicReports.AsNoTracking().Where(r => years.Contains(r.Year))
                .Select(r => new { r.OrgUnitId, r.Kind, r.Year, r.Number }).ToListAsync(ct))
            .Select(r => (r.OrgUnitId, r.Kind, r.Year, r.Number)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var office in offices)
        {
            foreach (var period in due.Where(p => !existing.Contains((office, p.Kind, p.Year, p.Number))))
            {
                db.PeriodicReports.Add(PeriodicReport.Draft(office, period, now));
                added++;
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                // Another instance drafted this unit's reports meanwhile: theirs stand.
                added -= db.ChangeTracker.Entries<PeriodicReport>().Count(x => x.State == EntityState.Added);
                foreach (var entry in db.ChangeTracker.Entries<PeriodicReport>().Where(x => x.State == EntityState.Added).ToList()) entry.State = EntityState.Detached;
            }
        }
        return added;
    }

    /// <summary>The units whose reports are drafted: active units with an active Clerk account.</summary>
    public static async Task<IReadOnlyList<int>> OfficesAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var clerks = await Recipients.StaffAsync(db, [Roles.Clerk], ct);
        var ids = clerks.Select(c => c.OrgUnitId).Distinct().ToList();
        return await db.OrgUnits.AsNoTracking().Where(o => ids.Contains(o.Id) && o.IsActive).OrderBy(o => o.Path).Select(o => o.Id).ToListAsync(ct);
    }
}
