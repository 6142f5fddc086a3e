using Reception.Core.Notifications;
using Reception.Core.Time;

namespace Reception.Web.Features.Visits;

/// <summary>
/// The monthly visit compliance (the 20th, 09:00): the month so far, as the compliance page computes it
/// (<see cref="VisitComplianceQuery"/>: village visit days and meetings on cases against the configured quota, for the leaders
/// it applies to).
/// <list type="bullet">
/// <item>Clerks get one message per org unit: how many of the scope's leaders are behind, and who (a table), linking to
/// the compliance page of the month.</item>
/// <item>Each leader with an account who is behind gets their own figures and the quota, linking to the visits page.</item>
/// </list>
/// One occurrence per scope and month: "monthly-compliance:{yyyy-MM}:org-{unit}" / ":leader-{id}".
/// </summary>
public sealed class MonthlyCompliance(AppDbContext db, VisitComplianceQuery compliance, Notifier notifier, TimeProvider clock) : IReceptionJob
{
    public const string Name = "MonthlyCompliance";

    /// <summary>The scheduled job: the work of <see cref="RunAsync(CancellationToken)"/>; its summary goes to the ledger.</summary>
    async Task<string?> IReceptionJob.RunAsync(JobOccurrence occurrence, CancellationToken ct) => (await RunAsync(ct)).Summary;

    public async Task<AlertRun> RunAsync(CancellationToken ct = default)
    {
        var tally = new AlertTally(db, Name);
        var today = ChinaTime.Today(clock);
        var month = new DateOnly(today.Year, today.Month, 1);
        var monthText = DateText.Month(month);

        var clerks = await Recipients.StaffAsync(db, [Roles.Clerk], ct);
        foreach (var scope in clerks.GroupBy(c => (c.OrgUnitId, c.Path)).OrderBy(g => g.Key.Path, StringComparer.Ordinal))
        {
            var page = await compliance.ReadAsync(UserScope.For(Roles.Clerk, scope.Key.OrgUnitId, scope.Key.Path), month, ct);
            var behind = page.Behind;
            tally.Occurrences++;
            await notifier.ToUsersAsync(scope.Select(c => c.UserId), new OutgoingNotification(NotificationKinds.MonthlyCompliance,
                new Message(AlertTexts.ComplianceTitle, month, behind.Count),
                new Message(AlertTexts.ComplianceBody, month, today, behind.Count, page.Subject, page.Quota.VisitDaysPerMonth, page.Quota.AppointmentsPerMonth),
                "/Visits/Compliance?month=" + monthText)
            {
                OccurrenceKey = string.Create(CultureInfo.InvariantCulture, $"monthly-compliance:{monthText}:org-{scope.Key.OrgUnitId}"),
                Details = behind.Count == 0 ? null : l =>
                [
                    new MailTable([l["Leader"], l["Unit"], l["Village visit days"], l["Meetings on cases"]],
                        behind.Select(r => (IReadOnlyList<string>)[r.Name, r.Unit, N(r.VisitDays), N(r.Meetings)]).ToList()),
                ],
            }, ct);
        }
        await tally.SaveAsync(ct);

        // Leaders behind, each judged in their own unit's scope (the figures do not depend on the scope, only who is listed).
        var leaders = await Recipients.LeadersAsync(db, ct);
        foreach (var leader in leaders.GroupBy(l => (l.LeaderId, UnitId: l.LeaderUnitId, Path: l.LeaderPath)))
        {
            var page = await compliance.ReadAsync(UserScope.For(Roles.Clerk, leader.Key.UnitId, leader.Key.Path), month, ct);
            if (page.Rows.FirstOrDefault(r => r.LeaderId == leader.Key.LeaderId) is not { Standing.IsBelowQuota: true } row) continue;
            tally.Occurrences++;
            await notifier.ToUsersAsync(leader.Select(l => l.UserId), new OutgoingNotification(NotificationKinds.MonthlyCompliance,
                new Message(AlertTexts.ComplianceLeaderTitle, month),
                new Message(AlertTexts.ComplianceLeaderBody, month, row.VisitDays, page.Quota.VisitDaysPerMonth, row.Meetings, page.Quota.AppointmentsPerMonth),
                "/Visits/Index")
            {
                OccurrenceKey = string.Create(CultureInfo.InvariantCulture, $"monthly-compliance:{monthText}:leader-{leader.Key.LeaderId}"),
            }, ct);
        }
        await tally.SaveAsync(ct);
        return tally.Result();
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
