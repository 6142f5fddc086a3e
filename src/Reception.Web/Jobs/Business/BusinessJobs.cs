using Reception.Web.Alerts;

namespace Reception.Web.Jobs.Business;

// Thin scheduler jobs: the work and its decisions (from the injected clock and the holiday calendar) are in
// src/Reception.Web/Alerts. Each message has an occurrence key of its own content ("duty-reminder:2026-11-24:duty-15"),
// not of the job's fire time, so a manual run, a repeated or a later occurrence never queues a message twice.

public sealed class DutyReminderJob(DutyReminders work) : IReceptionJob
{
    public async Task<string?> RunAsync(JobOccurrence occurrence, CancellationToken ct) => (await work.RunAsync(ct)).Summary;
}

public sealed class VisitReminderJob(VisitReminders work) : IReceptionJob
{
    public async Task<string?> RunAsync(JobOccurrence occurrence, CancellationToken ct) => (await work.RunAsync(ct)).Summary;
}

public sealed class DeadlineScanJob(DeadlineScan work) : IReceptionJob
{
    public async Task<string?> RunAsync(JobOccurrence occurrence, CancellationToken ct) => (await work.RunAsync(ct)).Summary;
}

public sealed class WeeklyBulletinJob(WeeklyBulletin work) : IReceptionJob
{
    public async Task<string?> RunAsync(JobOccurrence occurrence, CancellationToken ct) => (await work.RunAsync(ct)).Summary;
}

public sealed class MonthlyComplianceJob(MonthlyCompliance work) : IReceptionJob
{
    public async Task<string?> RunAsync(JobOccurrence occurrence, CancellationToken ct) => (await work.RunAsync(ct)).Summary;
}
