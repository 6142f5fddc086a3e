namespace Reception.Web.Features;

/// <summary>The default schedules of DESIGN.md ("Background jobs"), in Hangfire's cron format, Asia/Shanghai.</summary>
public static class JobSchedules
{
    public const string DutyReminder = "0 17 * * *";      // 17:00 daily
    public const string VisitReminder = "0 17 * * *";     // 17:00 daily
    public const string DeadlineScan = "0 * * * *";       // every hour on the hour
    public const string WeeklyBulletin = "30 8 * * MON";  // Monday 08:30
    public const string MonthlyCompliance = "0 9 20 * *"; // the 20th, 09:00
    public const string MailDispatch = "* * * * *";       // every minute: retries and anything the immediate dispatch left behind
    public const string Backup = "0 2 * * *";             // 02:00 nightly
    public const string AuditArchive = "30 3 * * *";      // 03:30 nightly, after the backup
    public const string DailyDigest = "30 8 * * *";       // 08:30 daily; the job sends on working days only
    public const string PeriodicReports = "0 6 1 * *";    // the 1st of each month, 06:00: drafts the 通报 of the periods just ended
}

/// <summary>
/// Every job the scheduler knows. Adding a job is one line here plus its class (an <see cref="IReceptionJob"/>, e.g.
/// <see cref="Rotas.DutyReminders"/>). A deployment
/// overrides the cron with Reception:Jobs:{Name}:Cron and switches a job off with Reception:Jobs:{Name}:Enabled=false.
/// </summary>
public static class JobRegistry
{
    public static readonly IReadOnlyList<JobDefinition> All =
    [
        JobDefinition.Of<MailDispatchJob>("MailDispatch", JobSchedules.MailDispatch, "Sends the queued emails (the outbox), with retries and backoff.", urgent: true, sweep: true),
        JobDefinition.Of<BackupJob>("Backup", JobSchedules.Backup, "Copies the database to the backups folder and deletes copies older than the retention period.", urgent: true),
        JobDefinition.Of<Rotas.DutyReminders>(Rotas.DutyReminders.Name, JobSchedules.DutyReminder, "Reminds leaders of their duty on its eve and one week ahead.", urgent: true, catchUp: true),
        JobDefinition.Of<Visits.VisitReminders>(Visits.VisitReminders.Name, JobSchedules.VisitReminder, "Reminds leaders of their village and appointment visits on the eve and one week ahead.", urgent: true, catchUp: true),
        JobDefinition.Of<Cases.DeadlineScan>(Cases.DeadlineScan.Name, JobSchedules.DeadlineScan, "Recolours open cases; reminds 7, 3 and 1 days before a deadline; alerts overdue cases; escalates red cases.", urgent: true),
        JobDefinition.Of<Cases.WeeklyBulletin>(Cases.WeeklyBulletin.Name, JobSchedules.WeeklyBulletin, "Sends the weekly bulletin: new, resolved and overdue cases by unit and leader, and visit compliance.", urgent: false),
        JobDefinition.Of<Audit.AuditArchiveJob>(Audit.AuditArchiveJob.Name, JobSchedules.AuditArchive, "Archives audit records older than the retention period to a file, then removes them from the database.", urgent: true),
        JobDefinition.Of<Notifications.DailyDigest>(Notifications.DailyDigest.Name, JobSchedules.DailyDigest, "Sends each person one email on working mornings with the notifications they take as a daily digest.", urgent: false, catchUp: true),
        JobDefinition.Of<Visits.MonthlyCompliance>(Visits.MonthlyCompliance.Name, JobSchedules.MonthlyCompliance, "Tells clerks and leaders who is behind on this month's visits.", urgent: false),
        JobDefinition.Of<Reports.Periodic.PeriodicReportJob>(Reports.Periodic.PeriodicReportJob.Name, JobSchedules.PeriodicReports, "Drafts each office's periodic reports (通报) of the month, quarter, half-year and year just ended.", urgent: true, catchUp: true),
    ];
}
