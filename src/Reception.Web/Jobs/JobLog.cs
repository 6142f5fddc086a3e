namespace Reception.Web.Jobs;

/// <summary>The jobs' log lines (source-generated: no formatting unless the level is on).</summary>
internal static partial class JobLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Database backup written to {File}.")]
    public static partial void BackupWritten(this ILogger log, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job occurrence {Key} skipped: {Reason}")]
    public static partial void OccurrenceSkipped(this ILogger log, string key, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job occurrence {Key} has already run (ledger): not running it again.")]
    public static partial void OccurrenceAlreadyRan(this ILogger log, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job occurrence {Key} failed (attempt {Attempt}).")]
    public static partial void OccurrenceFailed(this ILogger log, Exception exception, string key, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the job ledger failed; trying again after the next run.")]
    public static partial void LedgerPruneFailed(this ILogger log, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not queue the mail dispatch; the MailDispatch sweep sends the mail instead.")]
    public static partial void MailDispatchNotQueued(this ILogger log, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "This instance processes no jobs (Reception:Jobs:Scheduler=false).")]
    public static partial void NoJobsOnThisInstance(this ILogger log);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recurring jobs: {Jobs}.")]
    public static partial void RecurringJobs(this ILogger log, string jobs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} missed its occurrence at {Due:u}: it runs now and catches up.")]
    public static partial void MissedOccurrence(this ILogger log, string job, DateTime due);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Job} runs once now, as asked at start-up.")]
    public static partial void RunsOnceAtStartup(this ILogger log, string job);
}
