using Microsoft.AspNetCore.Mvc.ModelBinding;
using Reception.Core.Cases;
using Reception.Core.Notifications;
using Reception.Core.Organisation;
using Reception.Core.Reports;
using Reception.Core.Rotas;
using Reception.Web.Features.Cases;

namespace Reception.Web.Features.Reports.Periodic;

/// <summary>
/// Who sees which 通报, what it shows, and publishing. Clerks see their scope's reports, drafts included; Supervisors and
/// Leaders see the published reports of units in their scope. Only a Clerk of the report's own unit publishes it.
/// </summary>
public sealed class PeriodicReports(AppDbContext db, PeriodicReportBuilder builder, CaseService cases, Notifier notifier, UnitRobots robots)
{
    public static readonly string[] Readers = [Roles.Clerk, Roles.Supervisor, Roles.Leader];

    /// <summary>The reports <paramref name="scope"/> may open.</summary>
    public IQueryable<PeriodicReport> VisibleTo(UserScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!Readers.Any(scope.Is)) return db.PeriodicReports.Where(_ => false);
        var units = db.OrgUnits.VisibleTo(scope).Select(o => o.Id);
        var reports = db.PeriodicReports.Where(r => units.Contains(r.OrgUnitId));
        return scope.Is(Roles.Clerk) ? reports : reports.Where(r => r.State == PeriodicReportState.Published);
    }

    public static bool CanPublish(UserScope scope, PeriodicReport report) =>
        scope.Is(Roles.Clerk) && scope.OrgUnitId == report.OrgUnitId && !report.IsPublished;

    /// <summary>A published report's snapshot, or a draft's figures as they stand now.</summary>
    public async Task<PeriodicReportContent> ContentAsync(PeriodicReport report, OrgUnit unit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Snapshot is { } snapshot ? PeriodicReportContent.FromJson(snapshot) : await builder.BuildAsync(unit, report.Period, ct);
    }

    /// <summary>
    /// Publishes the draft the clerk saw at <paramref name="seenVersion"/>: its content frozen as computed now, the next number
    /// of the unit's 通报 series of this year, and the notice to the unit's leaders (mail) and its group robot — all in one
    /// transaction, so a stale form (someone published or changed it meanwhile) writes nothing and uses no number.
    /// </summary>
    public async Task<bool> PublishAsync(PeriodicReport report, OrgUnit unit, string commentary, int seenVersion, string userId,
        ModelStateDictionary state, IStringLocalizer l, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(l);
        if (report.Version != seenVersion || report.IsPublished)
        {
            state.AddModelError("", l[Concurrency.StaleEdit]);
            return false;
        }
        var content = await builder.BuildAsync(unit, report.Period, ct);
        var today = cases.Today;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var sequence = await DocumentNumbers.AllocateAsync(db, unit.Id, ReportNumber.Series, today.Year, ct);
            report.Publish(commentary, ReportNumber.Prefix(unit.EffectiveNoticePrefix), today.Year, sequence, content.ToJson(), userId, today, cases.UtcNow);
            await NotifyAsync(report, unit, content, ct);
            if (!await db.TrySaveAsync(report, seenVersion, state, l)) return false;
            await tx.CommitAsync(ct);
            return true;
        });
    }

    /// <summary>The unit's leaders get the figures by mail (or in their digest), its group robot the same lines: no petitioner's data.</summary>
    private async Task NotifyAsync(PeriodicReport report, OrgUnit unit, PeriodicReportContent c, CancellationToken ct)
    {
        var leaders = await db.Leaders.AsNoTracking().Where(x => x.OrgUnitId == unit.Id && x.IsActive).Select(x => x.Id).ToListAsync(ct);
        var period = PeriodLabel(report.Period);
        var link = "/Reports/Periodic/Report/" + report.Id.ToString(CultureInfo.InvariantCulture);
        var key = "periodic-report:" + report.Id.ToString(CultureInfo.InvariantCulture);
        var f = c.Figures;
        var title = new Message("{0} {1} bulletin {2} published", unit.Name, period, report.DocumentNumber!);
        var body = new Message("Cases received {0}, resolution rate {1}, on-time rate {2}, satisfaction {3}; red cases {4}, overdue supervision notices {5}.",
            f.Total, CaseRates.Percent(f.ResolutionRate), CaseRates.Percent(f.OnTimeRate), CaseRates.Percent(f.SatisfactionRate), c.RedTotal, c.OverdueNotices.Count);
        await notifier.ToLeadersAsync(leaders, new OutgoingNotification(NotificationKinds.PeriodicReport, title, body, link)
        {
            OccurrenceKey = key,
            Details = l => Tables(l, c),
        }, ct);
        await robots.QueueAsync([unit.Id], NotificationKinds.PeriodicReport, key, title, [body], link, ct);
    }

    private static IEnumerable<MailBlock> Tables(IStringLocalizer l, PeriodicReportContent c)
    {
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        var f = c.Figures;
        yield return new MailTable([l["Figure"], l["Value"]],
        [
            [l["Cases received"], N(f.Total)], [l["Cases owned"], N(f.Owned)], [l["Resolved"], N(f.Resolved)],
            [l["Resolution rate"], CaseRates.Percent(f.ResolutionRate)], [l["On-time rate"], CaseRates.Percent(f.OnTimeRate)],
            [l["Satisfaction"], CaseRates.Percent(f.SatisfactionRate)], [l["Open overdue"], N(f.OpenOverdue)],
        ]);
        if (c.UnitsByOnTime.Count > 0)
            yield return new MailTable([l["Rank"], l["Handling unit"], l["On-time rate"]],
                c.UnitsByOnTime.Select(r => (IReadOnlyList<string>)[r.Rank is { } k ? N(k) : "—", r.Name, CaseRates.Percent(r.Rate)]).ToList());
    }

    /// <summary>"2026年11月", "2026年第4季度", "2026年上半年", "2026年度" (the period of a 通报's title).</summary>
    public static Message PeriodLabel(ReportPeriod p) => p.Kind switch
    {
        PeriodKind.Month => new Message("{0} month {1}", p.Year, p.Number),
        PeriodKind.Quarter => new Message("Quarter {1} of {0}", p.Year, p.Number),
        PeriodKind.HalfYear => p.Number == 1 ? new Message("First half of {0}", p.Year) : new Message("Second half of {0}", p.Year),
        _ => new Message("Year {0} (annual)", p.Year),
    };
}
