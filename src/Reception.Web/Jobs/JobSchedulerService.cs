using Quartz;

namespace Reception.Web.Jobs;

/// <summary>
/// Starts the scheduler with the app (unless Reception:Jobs:Scheduler is false) after bringing the stored schedule in
/// line with <see cref="JobCatalog"/>, and shuts it down with the app, letting running jobs finish.
/// A stored trigger whose cron and time zone are unchanged is kept as it is: its next fire time, which may lie in the
/// past after downtime (a misfire, handled once when the scheduler starts), and its paused state survive restarts.
/// </summary>
public sealed class JobSchedulerService(ISchedulerFactory factory, JobCatalog catalog, StartupJobs startup, TimeProvider clock, ILogger<JobSchedulerService> log) : IHostedService
{
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!catalog.SchedulerEnabled)
        {
            log.LogInformation("The job scheduler is off in this instance (Reception:Jobs:Scheduler=false).");
            return;
        }
        var scheduler = await factory.GetScheduler(cancellationToken);
        await SyncAsync(scheduler, catalog, clock, cancellationToken);
        await scheduler.Start(cancellationToken);
        _scheduler = scheduler;
        log.LogInformation("Job scheduler started: {Jobs}.", string.Join(", ", catalog.Jobs.Select(j => j.Enabled ? $"{j.Name} ({j.Cron})" : $"{j.Name} (off)")));

        foreach (var name in startup.Take())
        {
            if (catalog.Find(name) is not { Enabled: true } job) continue;
            await JobRunner.TriggerManualAsync(scheduler, job.JobKey, cancellationToken);
            log.LogInformation("Job {Job} runs once now, as asked at start-up.", name);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is { } scheduler) await scheduler.Shutdown(true, cancellationToken);
    }

    internal static async Task SyncAsync(IScheduler scheduler, JobCatalog catalog, TimeProvider clock, CancellationToken ct)
    {
        // Jobs no longer registered (renamed or removed) leave the store.
        var stored = await scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(JobCatalog.Group) }, ct);
        foreach (var header in stored.Items)
        {
            if (catalog.Find(header.Key.Name) is null) await scheduler.DeleteJob(header.Key, ct);
        }

        foreach (var job in catalog.Jobs)
        {
            if (!job.Enabled)
            {
                await scheduler.DeleteJob(job.JobKey, ct);
                continue;
            }
            var existing = await scheduler.GetTrigger(job.TriggerKey, ct) as ICronTrigger;
            if (existing is not null && existing.CronExpressionString == job.Cron && existing.TimeZone.Id == JobCatalog.Zone.Id
                && await scheduler.GetJobDetail(job.JobKey, ct) is not null)
                continue;

            var paused = existing is not null && await scheduler.GetTriggerState(job.TriggerKey, ct) == TriggerState.Paused;
            var detail = JobBuilder.Create<JobRunner>()
                .WithIdentity(job.JobKey)
                .WithDescription(job.Definition.Description)
                .StoreDurably()
                .Build();
            // The builder's clock decides the first fire time ("the next cron time after now"): the app's clock, not the system's.
            var trigger = TriggerBuilder.Create(clock)
                .WithIdentity(job.TriggerKey)
                .ForJob(job.JobKey)
                .WithCronSchedule(job.Cron, c => c
                    .InTimeZone(JobCatalog.Zone)
                    .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
            await scheduler.ScheduleJob(detail, trigger, new ScheduleJobOptions { Replace = true, Paused = paused }, ct);
        }
    }
}
