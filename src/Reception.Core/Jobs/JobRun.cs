namespace Reception.Core.Jobs;

public enum JobRunOutcome
{
    /// <summary>Started and not finished: still running, or the process stopped while it ran.</summary>
    Running = 0,
    Succeeded = 1,
    Failed = 2,

    /// <summary>Not run: the occurrence was missed (the app was down) longer ago than the misfire window allows, or a later one was due too.</summary>
    Skipped = 3,
}

/// <summary>
/// One occurrence of a scheduled job in the ledger. The occurrence key ("Backup:2026-11-23T02:00") is unique, so an
/// occurrence's effect happens once whatever runs it twice (a retry, a requeue after a crash, a second node of a
/// cluster); a manual run has a key of its own ("Backup:manual:{job id}"). A failed run may be taken over by a retry
/// (<see cref="Attempts"/> counts them). Business jobs use the key as the prefix of their messages' idempotency keys.
/// </summary>
public sealed class JobRun
{
    public const int JobNameMaxLength = 100;
    public const int KeyMaxLength = 150;
    public const int ErrorMaxLength = 2000;
    public const int NodeMaxLength = 200;
    public const int BackgroundJobIdMaxLength = 100;

    private JobRun()
    {
        JobName = OccurrenceKey = Node = "";
    }

    private JobRun(string jobName, string occurrenceKey, DateTime scheduledAtUtc, bool manual, string node, DateTime nowUtc, JobRunOutcome outcome,
        string? backgroundJobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        ArgumentException.ThrowIfNullOrWhiteSpace(occurrenceKey);
        if (occurrenceKey.Length > KeyMaxLength) throw new ArgumentException($"An occurrence key has at most {KeyMaxLength} characters.", nameof(occurrenceKey));
        JobName = jobName;
        OccurrenceKey = occurrenceKey;
        ScheduledAtUtc = scheduledAtUtc;
        Manual = manual;
        Node = Cut(node, NodeMaxLength);
        StartedAtUtc = nowUtc;
        Outcome = outcome;
        BackgroundJobId = backgroundJobId is null ? null : Cut(backgroundJobId, BackgroundJobIdMaxLength);
        Attempts = 1;
        if (outcome != JobRunOutcome.Running) FinishedAtUtc = nowUtc;
    }

    /// <param name="backgroundJobId">The Hangfire job running it, so that Hangfire's own requeue of that job may take the row over.</param>
    public static JobRun Start(string jobName, string occurrenceKey, DateTime scheduledAtUtc, bool manual, string node, DateTime nowUtc, string? backgroundJobId = null) =>
        new(jobName, occurrenceKey, scheduledAtUtc, manual, node, nowUtc, JobRunOutcome.Running, backgroundJobId);

    public static JobRun Skip(string jobName, string occurrenceKey, DateTime scheduledAtUtc, string node, DateTime nowUtc, string reason) =>
        new(jobName, occurrenceKey, scheduledAtUtc, manual: false, node, nowUtc, JobRunOutcome.Skipped, null) { Error = Cut(reason, ErrorMaxLength) };

    public int Id { get; private set; }
    public string JobName { get; private set; }
    public string OccurrenceKey { get; private set; }

    /// <summary>The occurrence's scheduled time (a manual run: when it was asked for).</summary>
    public DateTime ScheduledAtUtc { get; private set; }

    public bool Manual { get; private set; }

    /// <summary>The scheduler instance (cluster node) that ran it.</summary>
    public string Node { get; private set; }

    /// <summary>The Hangfire job that ran it last (the dashboard's job page has its history).</summary>
    public string? BackgroundJobId { get; private set; }

    /// <summary>How many times it was started: 1, more when a failed run was retried.</summary>
    public int Attempts { get; private set; }

    public DateTime StartedAtUtc { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }
    public long? DurationMs { get; private set; }
    public JobRunOutcome Outcome { get; private set; }

    /// <summary>Why it failed or was skipped; what a successful run reports about itself otherwise.</summary>
    public string? Error { get; private set; }

    /// <summary>A one-line summary of what a successful run did (e.g. "3 sent").</summary>
    public string? Summary { get; private set; }

    public void Succeed(DateTime nowUtc, string? summary)
    {
        Finish(nowUtc, JobRunOutcome.Succeeded);
        Summary = summary is null ? null : Cut(summary, ErrorMaxLength);
    }

    public void Fail(DateTime nowUtc, string error)
    {
        Finish(nowUtc, JobRunOutcome.Failed);
        Error = Cut(error, ErrorMaxLength);
    }

    private void Finish(DateTime nowUtc, JobRunOutcome outcome)
    {
        if (Outcome != JobRunOutcome.Running) throw new InvalidOperationException($"Job run {OccurrenceKey} has already finished ({Outcome}).");
        Outcome = outcome;
        FinishedAtUtc = nowUtc;
        DurationMs = Math.Max(0, (long)(nowUtc - StartedAtUtc).TotalMilliseconds);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
