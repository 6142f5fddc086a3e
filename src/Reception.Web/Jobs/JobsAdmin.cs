using Hangfire;
using Hangfire.Storage;
using Reception.Core.Jobs;

namespace Reception.Web.Jobs;

/// <summary>One job as the job-runs page shows it: its registration, whether Hangfire has it scheduled, its last run.</summary>
public sealed record JobSummary(ScheduledJob Job, bool Scheduled, JobRun? LastRun);

/// <summary>
/// What the app's job-runs page reads: the JobRuns ledger — each occurrence with its outcome and summary, which the
/// Hangfire dashboard does not know — and, from Hangfire, only whether each job is scheduled. Schedules, next runs,
/// retries and triggering are the dashboard's (<see cref="JobsDashboard"/>).
/// </summary>
public sealed class JobsAdmin(JobCatalog catalog, JobStorage storage, AppDbContext db)
{
    public const int PageSize = 50;

    public bool SchedulerEnabled => catalog.SchedulerEnabled;
    public IReadOnlyList<ScheduledJob> Jobs => catalog.Jobs;

    public async Task<IReadOnlyList<JobSummary>> SummariesAsync(CancellationToken ct)
    {
        HashSet<string> scheduled;
        using (var connection = storage.GetConnection())
            scheduled = connection.GetRecurringJobs().Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        // The newest run of each job: one grouped query for the ids, one for the rows.
        var lastIds = await db.JobRuns.AsNoTracking().GroupBy(r => r.JobName).Select(g => g.Max(r => r.Id)).ToListAsync(ct);
        var last = await db.JobRuns.AsNoTracking().Where(r => lastIds.Contains(r.Id)).ToDictionaryAsync(r => r.JobName, ct);
        return catalog.Jobs.Select(j => new JobSummary(j, scheduled.Contains(j.Name), last.GetValueOrDefault(j.Name))).ToList();
    }

    /// <summary>The ledger, newest first, optionally of one job or only the runs that did not succeed.</summary>
    public Task<Paged<JobRun>> RunsAsync(string? job, bool problemsOnly, int page, CancellationToken ct)
    {
        var query = db.JobRuns.AsNoTracking();
        if (!string.IsNullOrEmpty(job)) query = query.Where(r => r.JobName == job);
        if (problemsOnly) query = query.Where(r => r.Outcome == JobRunOutcome.Failed || r.Outcome == JobRunOutcome.Skipped);
        return query.OrderByDescending(r => r.Id).ToPagedAsync(page, PageSize, ct);
    }
}
