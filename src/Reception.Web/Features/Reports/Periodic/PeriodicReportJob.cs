using Reception.Core.Notifications;
using Reception.Core.Reports;
using Reception.Core.Rotas;
using Reception.Core.Time;

namespace Reception.Web.Features.Reports.Periodic;

/// <summary>
/// Drafts the periodic 通报 (issue 19 item 2) on the 1st of each month, 06:00 Asia/Shanghai: for every office — an active org
/// unit with at least one active Clerk account, the people who review and publish its reports — a draft of each period
/// that has ended (<see cref="PeriodicSchedule.Due"/>: last month; on 1 April, 1 July, 1 October and 1 January also the
/// quarter; on 1 July and 1 January the half-year; on 1 January the year). A period is drafted once per unit: an existing
/// report is left alone, and the unique index (unit, kind, year, number) stops a second instance's draft. A catch-up job:
/// missed on the 1st (the app was down), it runs at start-up and drafts within <see cref="PeriodicSchedule.CatchUpDays"/>.
/// The draft holds no figures: they are computed whenever it is read, and frozen when a clerk publishes it. The office's
/// Clerks are told in the same transaction (in the app, and by mail or in their digest as they chose for 工作通报): the
/// drafts wait for them in the archive.
/// </summary>
public sealed class PeriodicReportJob(AppDbContext db, TimeProvider clock, Notifier notifier) : IReceptionJob
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
        var clerks = await ClerksAsync(db, ct);
        var offices = await OfficesAsync(db, clerks, ct);
        var years = due.Select(p => p.Year).Distinct().ToList();
        var existing = (await db.PeriodicReports.AsNoTracking().Where(r => years.Contains(r.Year))
                .Select(r => new { r.OrgUnitId, r.Kind, r.Year, r.Number }).ToListAsync(ct))
            .Select(r => (r.OrgUnitId, r.Kind, r.Year, r.Number)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var office in offices)
        {
            var drafted = due.Where(p => !existing.Contains((office, p.Kind, p.Year, p.Number))).ToList();
            if (drafted.Count == 0) continue;
            foreach (var period in drafted) db.PeriodicReports.Add(PeriodicReport.Draft(office, period, now));
            await TellClerksAsync(office, clerks[office], drafted, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                added += drafted.Count;
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                // Another instance drafted this unit's reports meanwhile: theirs stand, and so does its notice to the clerks.
                foreach (var entry in db.ChangeTracker.Entries().Where(x => x.State == EntityState.Added).ToList()) entry.State = EntityState.Detached;
            }
        }
        return added;
    }

    /// <summary>The units whose reports are drafted: active units with an active Clerk account.</summary>
    public static async Task<IReadOnlyList<int>> OfficesAsync(AppDbContext db, CancellationToken ct) =>
        await OfficesAsync(db, await ClerksAsync(db, ct), ct);

    private static async Task<IReadOnlyList<int>> OfficesAsync(AppDbContext db, ILookup<int, string> clerks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = clerks.Select(c => c.Key).ToList();
        return await db.OrgUnits.AsNoTracking().Where(o => ids.Contains(o.Id) && o.IsActive).OrderBy(o => o.Path).Select(o => o.Id).ToListAsync(ct);
    }

    /// <summary>The active Clerk accounts by their unit.</summary>
    private static async Task<ILookup<int, string>> ClerksAsync(AppDbContext db, CancellationToken ct) =>
        (await Recipients.StaffAsync(db, [Roles.Clerk], ct)).ToLookup(c => c.OrgUnitId, c => c.UserId);

    /// <summary>"2026年11月工作通报已起草，请审核并发布" with a link to the archive, once per office and set of periods.</summary>
    private Task TellClerksAsync(int office, IEnumerable<string> clerks, List<ReportPeriod> drafted, CancellationToken ct)
    {
        var first = drafted[0];
        var periods = drafted.Select(PeriodicReports.PeriodLabel).ToList();
        var title = drafted.Count == 1
            ? new Message("The {0} bulletin is drafted: review it and publish", periods[0])
            : new Message("{0} bulletins are drafted: review them and publish", drafted.Count);
        var body = new Message("Open the bulletin archive, read the figures, add the commentary and publish it with its document number.");
        var key = string.Create(CultureInfo.InvariantCulture, $"periodic-report-draft:{office}:{first.Year}-{first.Kind}-{first.Number}:{drafted.Count}");
        var link = string.Create(CultureInfo.InvariantCulture, $"/Reports/Periodic?year={first.Year}");
        return notifier.ToUsersAsync(clerks, new OutgoingNotification(NotificationKinds.PeriodicReport, title, body, link) { OccurrenceKey = key }, ct);
    }
}
