using Microsoft.EntityFrameworkCore;
using Quartz;
using Quartz.Extensibility;
using Reception.Core.Jobs;
using Reception.Web.Data;

namespace Reception.Web.Jobs;

/// <summary>One job as the jobs page shows it.</summary>
public sealed record JobStatus(
    ScheduledJob Job,
    TriggerState? State,
    DateTimeOffset? NextFireUtc,
    JobRun? LastRun,
    IReadOnlyList<JobRun> RecentFailures,
    IReadOnlyList<ExecutionHistoryEntry> HistoryFailures)
{
    public bool Paused => State == TriggerState.Paused;
}

/// <summary>What the admin jobs page reads and does: the schedule from Quartz, the runs from the ledger and Quartz's execution history.</summary>
public sealed class JobsAdmin(JobCatalog catalog, ISchedulerFactory factory, AppDbContext db, IServiceProvider services)
{
    public const int FailuresShown = 5;

    public bool SchedulerEnabled => catalog.SchedulerEnabled;

    public async Task<IReadOnlyList<JobStatus>> ListAsync(CancellationToken ct)
    {
        var scheduler = catalog.SchedulerEnabled ? await factory.GetScheduler(ct) : null;
        var history = catalog.SchedulerEnabled ? services.GetService<IExecutionHistoryStore>() : null;
        var result = new List<JobStatus>();
        foreach (var job in catalog.Jobs)
        {
            TriggerState? state = null;
            DateTimeOffset? next = null;
            if (scheduler is not null && job.Enabled && await scheduler.GetTrigger(job.TriggerKey, ct) is { } trigger)
            {
                state = await scheduler.GetTriggerState(job.TriggerKey, ct);
                next = trigger.NextFireTimeUtc;
            }
            var last = await db.JobRuns.AsNoTracking().Where(r => r.JobName == job.Name)
                .OrderByDescending(r => r.StartedAtUtc).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            var failures = await db.JobRuns.AsNoTracking().Where(r => r.JobName == job.Name && r.Outcome != JobRunOutcome.Succeeded && r.Outcome != JobRunOutcome.Running)
                .OrderByDescending(r => r.StartedAtUtc).ThenByDescending(r => r.Id).Take(FailuresShown).ToListAsync(ct);
            var historyFailures = history is null
                ? []
                : (await history.QueryExecutions(new ExecutionHistoryQuery { SchedulerName = scheduler!.SchedulerName, Job = job.JobKey, FailedFinally = true, Take = FailuresShown }, ct))
                    .Items.ToList();
            result.Add(new JobStatus(job, state, next, last, failures, historyFailures));
        }
        return result;
    }

    /// <summary>Fires the job now, as its own occurrence (key "{Name}:manual:{ticks}"). False when it cannot be run.</summary>
    public async Task<bool> RunNowAsync(string name, CancellationToken ct)
    {
        if (await ScheduledAsync(name, ct) is not var (scheduler, job)) return false;
        await JobRunner.TriggerManualAsync(scheduler, job.JobKey, ct);
        return true;
    }

    public async Task<bool> PauseAsync(string name, CancellationToken ct)
    {
        if (await ScheduledAsync(name, ct) is not var (scheduler, job)) return false;
        await scheduler.PauseJob(job.JobKey, ct);
        return true;
    }

    public async Task<bool> ResumeAsync(string name, CancellationToken ct)
    {
        if (await ScheduledAsync(name, ct) is not var (scheduler, job)) return false;
        await scheduler.ResumeJob(job.JobKey, ct);
        return true;
    }

    private async Task<(IScheduler Scheduler, ScheduledJob Job)?> ScheduledAsync(string name, CancellationToken ct)
    {
        if (!catalog.SchedulerEnabled || catalog.Find(name) is not { Enabled: true } job) return null;
        var scheduler = await factory.GetScheduler(ct);
        return await scheduler.Exists(job.JobKey, ct) ? (scheduler, job) : null;
    }
}
