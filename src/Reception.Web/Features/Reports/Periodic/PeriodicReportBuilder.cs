using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Organisation;
using Reception.Core.Reports;
using Reception.Core.Rotas;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Visits;

namespace Reception.Web.Features.Reports.Periodic;

/// <summary>
/// Computes a 通报's content for an org unit and a period over the cases a clerk of that unit sees (<c>VisibleTo</c> with the
/// unit's scope). The figures are the metrics page's own (<see cref="CaseMetrics.ReportAsync"/> for the same months and
/// scope); the rankings count each unit's and leader's cases with the same <see cref="CaseMetrics.FiguresAsync"/>; the visits
/// are the compliance page's months (<see cref="VisitComplianceQuery"/>). Open-case figures (overdue, the red list, notices
/// past their deadline) are as of today, which is why a published report keeps what it showed at publishing.
/// </summary>
public sealed class PeriodicReportBuilder(AppDbContext db, CaseMetrics metrics, CaseService cases, VisitComplianceQuery compliance)
{
    /// <summary>At most this many red cases are listed (the total is always given).</summary>
    public const int RedListMax = 100;

    private static readonly CaseState[] OpenStates = [.. CaseStates.Open];

    /// <summary>The scope a 通报 of <paramref name="unit"/> covers: what a clerk of that unit sees.</summary>
    public static UserScope ScopeOf(OrgUnit unit) => UserScope.For(Roles.Clerk, unit.Id, unit.Path);

    /// <summary>The metrics page's month range for a report period.</summary>
    public static MonthRange MonthsOf(ReportPeriod period) =>
        MonthRange.Between(period.From, new DateOnly(period.To.Year, period.To.Month, 1))
        ?? throw new ArgumentOutOfRangeException(nameof(period), "A report period is at most a year.");

    public async Task<PeriodicReportContent> BuildAsync(OrgUnit unit, ReportPeriod period, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var scope = ScopeOf(unit);
        var today = cases.Today;
        var scoped = db.Cases.AsNoTracking().VisibleTo(db, scope);
        var report = await metrics.ReportAsync(scoped, MonthsOf(period), unit.Path, ct);
        var (first, last) = (period.From, period.To);
        var inPeriod = scoped.Where(c => c.ReceivedOn >= first && c.ReceivedOn <= last);

        // Units by on-time rate: the handling units of the period's cases, each with the metrics page's figures.
        // One grouped query for all of them (FiguresByAsync: the same definitions as FiguresAsync per unit).
        var byUnit = await metrics.FiguresByAsync(inPeriod.Where(c => c.HandlingUnitId != null), c => c.HandlingUnitId!.Value, ct);
        var unitIds = byUnit.Keys.ToList();
        var unitNames = await db.OrgUnits.AsNoTracking().Where(o => unitIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var unitRows = byUnit.Select(u => new RankInput(Key(u.Key), unitNames.GetValueOrDefault(u.Key, ""), u.Value.ClosedOnTime, u.Value.Closed + u.Value.OpenOverdue)).ToList();

        // Leaders by resolution rate: the owning leaders of the period's cases.
        var byLeader = await metrics.FiguresByOwnerAsync(inPeriod, ct);
        var leaderIds = byLeader.Keys.ToList();
        var leaderNames = await db.Leaders.AsNoTracking().Where(x => leaderIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var leaderRows = byLeader.Select(x => new RankInput(Key(x.Key), leaderNames.GetValueOrDefault(x.Key, ""), x.Value.Resolved, x.Value.Owned)).ToList();

        var townships = Ranking.ByCount(report.ByTownship.Select(t => (t.Key, t.Name, t.Count)));

        // The red list: open cases of the scope coloured red as they stand today.
        var red = scoped.Where(c => c.Colour == SupervisionColour.Red && OpenStates.Contains(c.State));
        var redTotal = await red.CountAsync(ct);
        var redList = await (from c in red
                             from cat in db.CaseCategories.Where(x => x.Code == c.CategoryCode).DefaultIfEmpty()
                             from h in db.OrgUnits.Where(o => o.Id == c.HandlingUnitId).DefaultIfEmpty()
                             from o in db.Leaders.Where(x => x.Id == c.OwnerLeaderId).DefaultIfEmpty()
                             orderby c.DueOn, c.Id
                             select new { c.Id, c.Number, Category = cat == null ? c.CategoryCode : cat.Name, Unit = h == null ? null : h.Name, Owner = o == null ? null : o.Name, c.ReceivedOn, c.DueOn })
            .Take(RedListMax).ToListAsync(ct);

        // 督办 notices of the scope past their reply deadline without a reply.
        var notices = await (from n in db.SupervisionNotices.AsNoTracking().VisibleTo(db, scope)
                             where n.RepliedAtUtc == null && n.ReplyDueOn < today
                             join c in db.Cases on n.PetitionCaseId equals c.Id
                             join o in db.OrgUnits on n.ToUnitId equals o.Id
                             orderby n.ReplyDueOn, n.Id
                             select new { n.Id, n.DocumentNumber, c.Number, Unit = o.Name, n.IssuedOn, n.ReplyDueOn })
            .ToListAsync(ct);

        var (quota, reception) = await ReceptionAsync(scope, period, ct);
        var appendix = period.Kind == PeriodKind.Year ? await Article41Async(scope, inPeriod, period, ct) : null;

        return new PeriodicReportContent(unit.Id, unit.Name, period.ToString(), first, last, today,
            report.Figures, report.ByCategory, report.ByTownship, report.ByChannel, report.ByMonth, report.Trends,
            Ranking.ByRate(unitRows), Ranking.ByRate(leaderRows), townships,
            redList.Select(r => new RedCaseRow(r.Id, r.Number.ToString(), r.Category, r.Unit, r.Owner, r.ReceivedOn, r.DueOn)).ToList(), redTotal,
            notices.Select(n => new OverdueNoticeRow(n.Id, n.DocumentNumber, n.Number.ToString(), n.Unit, n.IssuedOn, n.ReplyDueOn)).ToList(),
            quota, reception, appendix);
    }

    /// <summary>Duties (published rotas of the scope's rules) and visits per active leader of the scope.</summary>
    private async Task<(VisitQuota Quota, IReadOnlyList<LeaderReceptionRow> Rows)> ReceptionAsync(UserScope scope, ReportPeriod period, CancellationToken ct)
    {
        var (first, last) = (period.From, period.To);
        var rules = db.DutyRules.VisibleTo(db, scope).Select(r => r.Id);
        var duties = await (from a in db.DutyAssignments
                            join m in db.RotaMonths on a.RotaMonthId equals m.Id
                            where rules.Contains(m.DutyRuleId) && m.PublishedNumber > 0 && !a.IsCancelled && a.Date >= first && a.Date <= last
                            group a by a.LeaderId into g
                            select new
                            {
                                LeaderId = g.Key,
                                Planned = g.Count(),
                                Recorded = g.Count(a => a.RecordedAtUtc != null),
                                Batches = g.Sum(a => a.Batches ?? 0),
                                People = g.Sum(a => a.People ?? 0),
                            })
            .AsNoTracking().ToDictionaryAsync(x => x.LeaderId, ct);

        var months = new List<ComplianceMonth>();
        foreach (var month in period.Months()) months.Add(await compliance.ReadAsync(scope, month, ct));
        var leaders = await db.Leaders.AsNoTracking().VisibleTo(scope).Where(x => x.IsActive)
            .OrderBy(x => x.OrgUnit!.Path).ThenBy(x => x.RotationOrder).ThenBy(x => x.Id)
            .Select(x => new { x.Id, x.Name, x.Title }).ToListAsync(ct);
        var rows = new List<LeaderReceptionRow>();
        foreach (var leader in leaders)
        {
            var d = duties.GetValueOrDefault(leader.Id);
            var standings = months.Select(m => m.Rows.FirstOrDefault(r => r.LeaderId == leader.Id)).OfType<ComplianceRow>().ToList();
            var row = new LeaderReceptionRow(leader.Id, leader.Name, leader.Title, d?.Planned ?? 0, d?.Recorded ?? 0, d?.Batches ?? 0, d?.People ?? 0,
                standings.Sum(s => s.VisitDays), standings.Sum(s => s.Meetings), standings.Count(s => s.Standing is not null),
                standings.Count(s => s.Standing is { IsBelowQuota: true }));
            if (row.Planned > 0 || row.VisitDays > 0 || row.Meetings > 0 || row.MonthsSubject > 0) rows.Add(row);
        }
        return (compliance.Quota, rows);
    }

    /// <summary>What the data holds of 信访工作条例 Art. 41's items for the year.</summary>
    private async Task<Article41Appendix> Article41Async(UserScope scope, IQueryable<PetitionCase> inYear, ReportPeriod year, CancellationToken ct)
    {
        var (first, last) = (year.From, year.To);
        var today = cases.Today;
        var transferred = await inYear.CountAsync(c => c.TransferredToUnitId != null, ct);
        var assigned = await inYear.CountAsync(c => c.HandlingUnitId != null, ct);
        var notices = db.SupervisionNotices.AsNoTracking().VisibleTo(db, scope).Where(n => n.IssuedOn >= first && n.IssuedOn <= last);
        var n = await notices.GroupBy(x => 1).Select(g => new
        {
            Issued = g.Count(),
            Answered = g.Count(x => x.RepliedOn != null),
            Late = g.Count(x => x.RepliedOn != null && x.RepliedOn > x.ReplyDueOn),
            OpenOverdue = g.Count(x => x.RepliedOn == null && x.ReplyDueOn < today),
        }).FirstOrDefaultAsync(ct);
        var top = await (from c in inYear
                         where c.HandlingUnitId != null
                         group c by c.HandlingUnitId into g
                         orderby g.Count() descending, g.Key
                         select new { Id = g.Key!.Value, Count = g.Count() }).Take(10).ToListAsync(ct);
        var ids = top.Select(t => t.Id).ToList();
        var names = await db.OrgUnits.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return new Article41Appendix(transferred, assigned, n?.Issued ?? 0, n?.Answered ?? 0, n?.Late ?? 0, n?.OpenOverdue ?? 0,
            top.Select(t => new CaseCount(Key(t.Id), names.GetValueOrDefault(t.Id, ""), t.Count)).ToList());
    }

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);
}
