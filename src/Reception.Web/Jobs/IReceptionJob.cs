using Reception.Core.Time;

namespace Reception.Web.Jobs;

/// <summary>
/// A scheduled job. Implement it, add one line to <c>All</c>, and Hangfire runs it on its cron
/// (Asia/Shanghai) while the JobRuns ledger records each run and makes each occurrence's effect happen once. The job is resolved from
/// a DI scope of its own for each run, so its constructor takes AppDbContext, MailOutbox, TimeProvider and so on.
/// </summary>
public interface IReceptionJob
{
    /// <summary>Does the work of one occurrence; returns a one-line summary for the jobs page (or null). Throw to fail the run.</summary>
    Task<string?> RunAsync(JobOccurrence occurrence, CancellationToken ct);
}

/// <summary>
/// The occurrence a run belongs to. <see cref="Key"/> is unique in the ledger ("DutyReminder:2026-11-23T17:00");
/// derive the idempotency keys of the messages a run queues from it (<see cref="MessageKey"/>), so that whatever runs
/// the occurrence again (it should not, but a crash between two statements can) queues no second email.
/// </summary>
public sealed record JobOccurrence(string JobName, string Key, DateTime ScheduledAtUtc, bool Manual, bool Urgent)
{
    /// <summary>The scheduled time in China Standard Time (a manual run: when it was asked for).</summary>
    public DateTime ScheduledAtChina => ChinaTime.ToLocal(ScheduledAtUtc);

    /// <summary>An outbox idempotency key for one message of this occurrence, e.g. MessageKey($"user:{id}").</summary>
    public string MessageKey(string part) => $"{Key}:{part}";

    /// <summary>"Backup:2026-11-23T02:00" (seconds only when the cron has them: "MailDispatch:2026-11-23T02:30:15").</summary>
    public static string KeyFor(string jobName, DateTimeOffset scheduledUtc)
    {
        var local = ChinaTime.ToLocal(scheduledUtc.UtcDateTime);
        var format = local.Second == 0 && local.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss";
        return $"{jobName}:{local.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>"Backup:manual:42": a manual run is an occurrence of its own, the same one for each retry of that Hangfire job.</summary>
    public static string ManualKeyFor(string jobName, string backgroundJobId) => $"{jobName}:manual:{backgroundJobId}";
}
