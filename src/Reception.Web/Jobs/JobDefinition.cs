namespace Reception.Web.Jobs;

/// <summary>
/// One scheduled job: its name (the Hangfire recurring job id, the ledger's key prefix, the configuration key
/// Reception:Jobs:{Name}), its class, its default cron (Hangfire's format: minute hour day-of-month month day-of-week,
/// with an optional leading seconds field; in Asia/Shanghai), the English text of its description (a localization key),
/// whether it is urgent (runs at any hour; a non-urgent job's alerts wait for working hours on working days — the job
/// decides that with <see cref="JobOccurrence.Urgent"/>), and whether it is a sweep: a job whose every run does all
/// that is due (mail dispatch), so an occurrence missed while the app was down is not run afterwards — the next does it —
/// and whether it catches up: a job that works out itself what it missed since its last successful run (the reminders)
/// runs once at start-up when its latest scheduled occurrence has no successful run, however long ago it was missed.
/// </summary>
public sealed record JobDefinition(string Name, Type JobType, string DefaultCron, string Description, bool Urgent, bool Sweep = false, bool CatchUp = false)
{
    public static JobDefinition Of<TJob>(string name, string cron, string description, bool urgent, bool sweep = false, bool catchUp = false)
        where TJob : class, IReceptionJob =>
        new(name, typeof(TJob), cron, description, urgent, sweep, catchUp);
}
