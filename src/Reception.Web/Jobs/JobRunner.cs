using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Quartz;
using Reception.Core.Jobs;
using Reception.Web.Data;

namespace Reception.Web.Jobs;

/// <summary>
/// The one Quartz job class: every registered job runs through it. For each firing it works out the occurrence (the
/// cron time it stands for), refuses it if the ledger already has it (unique key), records it as skipped if it was
/// missed longer ago than the misfire window, else runs the <see cref="IReceptionJob"/> in a DI scope of its own and
/// records the outcome, duration and error. Concurrent runs of one job are refused by Quartz (also across a cluster).
/// </summary>
[DisallowConcurrentExecution]
public sealed class JobRunner(IServiceScopeFactory scopes, JobCatalog catalog, TimeProvider clock, ILogger<JobRunner> log) : IJob
{
    /// <summary>Job data that marks a firing as asked for by a person ("run now").</summary>
    public const string ManualFlag = "reception.manual";

    /// <summary>Fires a job now, as an occurrence of its own ("{Name}:manual:{ticks}"), as "run now" does.</summary>
    public static Task TriggerManualAsync(IScheduler scheduler, JobKey job, CancellationToken ct) =>
        scheduler.TriggerJob(job, new JobDataMap { [ManualFlag] = "true" }, ct).AsTask();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var job = catalog.Find(context.JobDetail.Key.Name)
                  ?? throw new JobExecutionException($"No job named '{context.JobDetail.Key.Name}' is registered.");
        var manual = context.MergedJobDataMap.ContainsKey(ManualFlag);
        var scheduled = manual ? context.FireTimeUtc : Occurrence(context);
        var key = manual ? JobOccurrence.ManualKeyFor(job.Name, context.FireTimeUtc) : JobOccurrence.KeyFor(job.Name, scheduled);
        var node = context.Scheduler.SchedulerInstanceId;

        // The ledger has a context of its own, so a failed job's half-made changes are never saved with its outcome.
        await using var ledgerScope = scopes.CreateAsyncScope();
        var ledger = ledgerScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var late = now - scheduled;
        if (!manual && late > catalog.MisfireWindow)
        {
            log.LogWarning("Job occurrence {Key} was missed {Late} ago, longer than the misfire window {Window}: skipped.", key, late, catalog.MisfireWindow);
            await TryClaimAsync(ledger, JobRun.Skip(job.Name, key, scheduled.UtcDateTime, node, now.UtcDateTime,
                $"Missed by {late:d\\.hh\\:mm\\:ss}, more than the misfire window ({catalog.MisfireWindow})."), cancellationToken);
            return;
        }

        var run = JobRun.Start(job.Name, key, scheduled.UtcDateTime, manual, node, now.UtcDateTime);
        if (!await TryClaimAsync(ledger, run, cancellationToken))
        {
            log.LogInformation("Job occurrence {Key} has already run (ledger): not running it again.", key);
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var work = (IReceptionJob)scope.ServiceProvider.GetRequiredService(job.Definition.JobType);
            var summary = await work.RunAsync(new JobOccurrence(job.Name, key, scheduled.UtcDateTime, manual, job.Definition.Urgent), cancellationToken);
            run.Succeed(clock.GetUtcNow().UtcDateTime, summary);
            context.Result = summary;
        }
        catch (Exception e)
        {
            log.LogError(e, "Job occurrence {Key} failed.", key);
            run.Fail(clock.GetUtcNow().UtcDateTime, $"{e.GetType().Name}: {e.Message}");
            await ledger.SaveChangesAsync(CancellationToken.None);
            throw new JobExecutionException(e.Message, e);
        }
        await ledger.SaveChangesAsync(CancellationToken.None);
        await PruneAsync(ledger, job.Name, now);
    }

    /// <summary>
    /// The cron time this firing stands for. On time (or a little late) that is the scheduled fire time. After a misfire
    /// (the app was down across one or more cron times, and the trigger fires once and proceeds) Quartz reports the
    /// first time missed; the occurrence is the last one missed, so the run is for the most recent schedule.
    /// </summary>
    internal static DateTimeOffset Occurrence(IJobExecutionContext context)
    {
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        if (context.Trigger is not ICronTrigger trigger) return scheduled;
        for (var i = 0; i < 100_000; i++)
        {
            var next = trigger.GetFireTimeAfter(scheduled);
            if (next is null || next > context.FireTimeUtc) break;
            scheduled = next.Value;
        }
        return scheduled;
    }

    private static async Task<bool> TryClaimAsync(AppDbContext ledger, JobRun run, CancellationToken ct)
    {
        ledger.JobRuns.Add(run);
        try
        {
            await ledger.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            ledger.Entry(run).State = EntityState.Detached;
            return false;
        }
    }

    private async Task PruneAsync(AppDbContext ledger, string jobName, DateTimeOffset now)
    {
        try
        {
            var before = now.UtcDateTime.AddDays(-catalog.KeepRunsDays);
            await ledger.JobRuns.Where(r => r.JobName == jobName && r.StartedAtUtc < before).ExecuteDeleteAsync();
        }
        catch (System.Data.Common.DbException e)
        {
            log.LogWarning(e, "Pruning the job ledger failed; trying again after the next run.");
        }
    }

    internal static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode == 2067, // SQLITE_CONSTRAINT_UNIQUE
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
