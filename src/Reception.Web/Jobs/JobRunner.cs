using Hangfire;
using Hangfire.Server;
using Reception.Core.Jobs;

namespace Reception.Web.Jobs;

/// <summary>
/// The one method Hangfire runs for every registered job. Hangfire runs a job at least once (a retry after an
/// exception, a requeue after an instance died mid-run); the JobRuns ledger makes each occurrence's effect happen once.
/// <list type="bullet">
/// <item>The occurrence of a scheduled run is the cron time Hangfire's recurring scheduler created it for (the job
/// parameter <c>Time</c>; <see cref="ScheduledJobFactory"/> marks those jobs). Anything else — the dashboard's "trigger
/// now", the app's own requests (<see cref="RunManualAsync"/>) — is a manual occurrence of its own, keyed by its
/// Hangfire job id, so a retry of it is the same occurrence.</item>
/// <item>An occurrence missed longer ago than the misfire window, or overtaken by a later occurrence that is due too (the
/// app was down across several), is recorded as skipped — except for a sweep (mail dispatch), whose every run does it all.</item>
/// <item>A key already in the ledger is refused — unless that run failed (Hangfire's retry runs it again) or is the
/// same Hangfire job still marked running (its instance died; Hangfire requeued it).</item>
/// </list>
/// The work runs in a DI scope of its own; its outcome, duration and error go to the ledger. A failure is rethrown, so
/// Hangfire retries it (Reception:Jobs:RetryAttempts) and shows it as failed when the attempts are used up.
/// </summary>
public sealed class JobRunner(IServiceScopeFactory scopes, JobCatalog catalog, TimeProvider clock, ILogger<JobRunner> log)
{
    /// <summary>The job parameter <see cref="ScheduledJobFactory"/> sets on the jobs the recurring scheduler creates.</summary>
    public const string ScheduledParameter = "ReceptionScheduled";

    /// <summary>Hangfire's own parameter on a job created from a recurring job: the time it was created for (Unix seconds).</summary>
    public const string TimeParameter = "Time";

    /// <summary>How late an occurrence must be to count as missed rather than queued (see <see cref="SkipReason"/>).</summary>
    public static readonly TimeSpan MissedAfter = TimeSpan.FromMinutes(1);

    /// <summary>A scheduled (or dashboard-triggered) run of a recurring job.</summary>
    [JobDisplayName("{0}")]
    public async Task RunAsync(string jobName, PerformContext context, CancellationToken ct)
    {
        var scheduled = context.GetJobParameter<bool>(ScheduledParameter) && context.GetJobParameter<long?>(TimeParameter) is not null;
        var at = scheduled ? DateTimeOffset.FromUnixTimeSeconds(context.GetJobParameter<long>(TimeParameter)) : clock.GetUtcNow();
        await RunAsync(jobName, at, manual: !scheduled, context, ct);
    }

    /// <summary>A run asked for by the app itself (start-up after the demo seed, tests): always an occurrence of its own.</summary>
    [JobDisplayName("{0} (manual)")]
    public Task RunManualAsync(string jobName, PerformContext context, CancellationToken ct) =>
        RunAsync(jobName, clock.GetUtcNow(), manual: true, context, ct);

    private async Task RunAsync(string jobName, DateTimeOffset scheduled, bool manual, PerformContext context, CancellationToken ct)
    {
        var job = catalog.Find(jobName) ?? throw new InvalidOperationException($"No job named '{jobName}' is registered.");
        var jobId = context.BackgroundJob.Id;
        var key = manual ? JobOccurrence.ManualKeyFor(job.Name, jobId) : JobOccurrence.KeyFor(job.Name, scheduled);
        var node = context.ServerId;

        // The ledger has a context of its own, so a failed job's half-made changes are never saved with its outcome.
        await using var ledgerScope = scopes.CreateAsyncScope();
        var ledger = ledgerScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        // A sweep's run does everything that is due, so a late one is as good as a timely one: it is never skipped.
        if (!manual && !job.Definition.Sweep && SkipReason(job, scheduled, now) is { } reason)
        {
            log.OccurrenceSkipped(key, reason);
            await TryClaimAsync(ledger, JobRun.Skip(job.Name, key, scheduled.UtcDateTime, node, now.UtcDateTime, reason), ct);
            return;
        }

        var run = await ClaimAsync(ledger, JobRun.Start(job.Name, key, scheduled.UtcDateTime, manual, node, now.UtcDateTime, jobId), ct);
        if (run is null)
        {
            // Expected (a duplicate firing or a requeue after the run finished): not an error.
            log.OccurrenceAlreadyRan(key);
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var work = (IReceptionJob)scope.ServiceProvider.GetRequiredService(job.Definition.JobType);
            var summary = await work.RunAsync(new JobOccurrence(job.Name, key, scheduled.UtcDateTime, manual, job.Definition.Urgent), ct);
            run.Succeed(clock.GetUtcNow().UtcDateTime, summary);
        }
        catch (Exception e)
        {
            log.OccurrenceFailed(e, key, run.Attempts);
            run.Fail(clock.GetUtcNow().UtcDateTime, $"{e.GetType().Name}: {e.Message}");
            await ledger.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        await ledger.SaveChangesAsync(CancellationToken.None);
        await PruneAsync(ledger, job.Name, now);
    }

    /// <summary>Why a scheduled occurrence is not run now, or null to run it.</summary>
    private string? SkipReason(ScheduledJob job, DateTimeOffset scheduled, DateTimeOffset now)
    {
        var late = now - scheduled;
        if (late > catalog.MisfireWindow)
            return MessageJson.Write(new Message("Missed by {0}, more than the misfire window ({1}).",
                late.ToString("d\\.hh\\:mm\\:ss", CultureInfo.InvariantCulture), catalog.MisfireWindow.ToString("c", CultureInfo.InvariantCulture)));
        // More than a minute late means missed (the app was down), not just queued behind other jobs on a busy server:
        // then only the latest missed occurrence runs.
        if (late > MissedAfter && LatestDue(job, scheduled, now) is { } latest)
            return MessageJson.Write(new Message("A later occurrence ({0}) is due too; that one runs.", JobOccurrence.KeyFor(job.Name, latest)));
        return null;
    }

    /// <summary>The last cron time after <paramref name="scheduled"/> that is due by <paramref name="now"/>, if any.</summary>
    private static DateTimeOffset? LatestDue(ScheduledJob job, DateTimeOffset scheduled, DateTimeOffset now)
    {
        DateTimeOffset? latest = null;
        // Bounded: inside the misfire window even a job every second has a few thousand occurrences at most.
        for (var next = job.NextAfter(scheduled); next is { } n && n <= now; next = job.NextAfter(n)) latest = n;
        return latest;
    }

    /// <summary>
    /// Inserts the run; when its key exists, takes the row over if that run failed or is this same Hangfire job (one
    /// conditional UPDATE, so two instances never both take it). Null when the occurrence is not this call's to run.
    /// </summary>
    private static async Task<JobRun?> ClaimAsync(AppDbContext ledger, JobRun run, CancellationToken ct)
    {
        if (await TryClaimAsync(ledger, run, ct)) return run;
        var taken = await ledger.JobRuns
            .Where(r => r.OccurrenceKey == run.OccurrenceKey
                        && (r.Outcome == JobRunOutcome.Failed || (r.Outcome == JobRunOutcome.Running && r.BackgroundJobId == run.BackgroundJobId)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Outcome, JobRunOutcome.Running)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1)
                .SetProperty(r => r.BackgroundJobId, run.BackgroundJobId)
                .SetProperty(r => r.Node, run.Node)
                .SetProperty(r => r.StartedAtUtc, run.StartedAtUtc)
                .SetProperty(r => r.FinishedAtUtc, (DateTime?)null)
                .SetProperty(r => r.DurationMs, (long?)null)
                .SetProperty(r => r.Error, (string?)null), ct);
        return taken == 1 ? await ledger.JobRuns.SingleAsync(r => r.OccurrenceKey == run.OccurrenceKey, ct) : null;
    }

    private static async Task<bool> TryClaimAsync(AppDbContext ledger, JobRun run, CancellationToken ct)
    {
        ledger.JobRuns.Add(run);
        try
        {
            await ledger.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
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
            log.LedgerPruneFailed(e);
        }
    }
}
