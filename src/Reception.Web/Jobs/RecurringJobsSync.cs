using Hangfire;
using Hangfire.Storage;

namespace Reception.Web.Jobs;

/// <summary>
/// At start-up (before the Hangfire server starts) brings Hangfire's recurring jobs in line with <see cref="JobCatalog"/>:
/// each enabled job is added or updated with its cron in China Standard Time, a switched-off or unregistered one is
/// removed. Hangfire keeps a job's next execution when its cron and time zone are unchanged, so an occurrence missed
/// while the app was down is still due when it comes back (and <see cref="JobRunner"/> decides whether it still runs).
/// Then the runs asked for at start-up (<see cref="StartupJobs"/>) are queued. Only an instance that processes jobs
/// does this: the others share its schedule.
/// </summary>
public sealed class RecurringJobsSync(JobCatalog catalog, IRecurringJobManager recurring, IBackgroundJobClient jobs, JobStorage storage,
    StartupJobs startup, IServiceScopeFactory scopes, TimeProvider clock, ILogger<RecurringJobsSync> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (catalog.SchedulerEnabled) startup.Request(await MissedCatchUpJobsAsync(cancellationToken));
        await StartAsync();
    }

    /// <summary>
    /// The catch-up jobs (<see cref="JobDefinition.CatchUp"/>) that ran before but whose latest scheduled occurrence (within
    /// a week) has no successful run in the ledger: the app was down then, maybe longer than the misfire window.
    /// </summary>
    private async Task<List<string>> MissedCatchUpJobsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var missed = new List<string>();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Reception.Web.Data.AppDbContext>();
        foreach (var job in catalog.Jobs.Where(j => j.Enabled && j.Definition.CatchUp))
        {
            DateTimeOffset? latest = null;
            for (var next = job.NextAfter(now.AddDays(-7)); next is { } n && n <= now; next = job.NextAfter(n)) latest = n;
            if (latest is not { } due) continue;
            var dueUtc = due.UtcDateTime;
            // A new installation has missed nothing: only an app that ran this job before comes back from downtime.
            var ranBefore = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.JobRuns, r => r.JobName == job.Name, ct);
            var done = !ranBefore || await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
                db.JobRuns, r => r.JobName == job.Name && r.Outcome == Reception.Core.Jobs.JobRunOutcome.Succeeded && r.ScheduledAtUtc >= dueUtc, ct);
            if (!done)
            {
                log.MissedOccurrence(job.Name, dueUtc);
                missed.Add(job.Name);
            }
        }
        return missed;
    }

    private Task StartAsync()
    {
        if (!catalog.SchedulerEnabled)
        {
            log.NoJobsOnThisInstance();
            return Task.CompletedTask;
        }
        Sync(catalog, recurring, storage);
        if (log.IsEnabled(LogLevel.Information))
            log.RecurringJobs(string.Join(", ", catalog.Jobs.Select(j => j.Enabled ? $"{j.Name} ({j.Cron})" : $"{j.Name} (off)")));
        foreach (var name in startup.Take())
        {
            if (catalog.Find(name) is not { Enabled: true } job) continue;
            jobs.Enqueue<JobRunner>(r => r.RunManualAsync(job.Name, null!, CancellationToken.None));
            log.RunsOnceAtStartup(name);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static void Sync(JobCatalog catalog, IRecurringJobManager recurring, JobStorage storage)
    {
        using (var connection = storage.GetConnection())
        {
            foreach (var stored in connection.GetRecurringJobs())
            {
                if (catalog.Find(stored.Id) is not { Enabled: true }) recurring.RemoveIfExists(stored.Id);
            }
        }
        foreach (var job in catalog.Jobs.Where(j => j.Enabled))
        {
            recurring.AddOrUpdate<JobRunner>(job.Name, r => r.RunAsync(job.Name, null!, CancellationToken.None), job.Cron, new RecurringJobOptions
            {
                TimeZone = JobCatalog.Zone,
                // Strict: a job is created for each cron time missed while the app was down, with that time; the runner
                // runs the latest one inside the misfire window and records the others as skipped. A sweep (mail dispatch)
                // needs none of its missed runs: the next one sends everything due.
                MisfireHandling = job.Definition.Sweep ? MisfireHandlingMode.Ignorable : MisfireHandlingMode.Strict,
            });
        }
    }
}
