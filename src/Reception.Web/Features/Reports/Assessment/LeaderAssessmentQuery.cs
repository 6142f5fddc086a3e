using Reception.Core.Reports;
using Reception.Core.Rotas;
using Reception.Core.Time;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Visits;

namespace Reception.Web.Features.Reports.Assessment;

/// <summary>The weights an assessment uses: a stored version, or the defaults (version 0).</summary>
public sealed record WeightsInForce(int Version, DateOnly? EffectiveFrom, AssessmentWeights Weights)
{
    public static WeightsInForce Defaults { get; } = new(0, null, AssessmentWeights.Default);
}

/// <summary>One leader's line of the assessment.</summary>
public sealed record AssessmentRow(int LeaderId, string Name, string Title, string Unit, LeaderAssessmentFigures Figures, AssessmentScore Score, int? Rank);

/// <summary>A scope's assessment for a period. <paramref name="CountedTo"/> is the last day counted (yesterday while the period runs).</summary>
public sealed record AssessmentSheet(ReportPeriod Period, DateOnly CountedTo, WeightsInForce Weights, VisitQuota Quota, IReadOnlyList<AssessmentRow> Rows)
{
    public bool InProgress => CountedTo < Period.To;
}

/// <summary>
/// The leaders' assessment (季度/年度考核; issue 19 item 3). Every figure comes from the query that defines it elsewhere:
/// duties as the planned-against-actual report counts them, visits and appointments from <see cref="VisitComplianceQuery"/>
/// month by month, cases from <see cref="CaseMetrics.FiguresByOwnerAsync"/> (the metrics page's definitions); the score
/// from <see cref="LeaderAssessment.Score"/> with the weights in force on the period's last day. A handful of grouped
/// queries whatever the number of leaders.
/// </summary>
public sealed class LeaderAssessmentQuery(AppDbContext db, CaseMetrics metrics, VisitComplianceQuery compliance, TimeProvider clock)
{
    /// <summary>The weights in force on <paramref name="day"/>.</summary>
    public async Task<WeightsInForce> WeightsOnAsync(DateOnly day, CancellationToken ct = default)
    {
        var v = await db.AssessmentWeights.AsNoTracking().Where(w => w.EffectiveFrom <= day)
            .OrderByDescending(w => w.Version).FirstOrDefaultAsync(ct);
        return v is null ? WeightsInForce.Defaults : new WeightsInForce(v.Version, v.EffectiveFrom, v.Weights);
    }

    /// <summary>
    /// The assessment of the leaders <paramref name="scope"/> may assess (a leader: themself only; clerks and supervisors:
    /// the active leaders of their subtree), ranked by score.
    /// </summary>
    public async Task<AssessmentSheet> ReadAsync(UserScope scope, ReportPeriod period, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var today = ChinaTime.Today(clock);
        var countedTo = period.To < today ? period.To : today.AddDays(-1);
        var weights = await WeightsOnAsync(period.To, ct);

        var leadersInScope = scope.Role == Roles.Leader
            ? db.Leaders.AsNoTracking().Where(l => l.Id == scope.LeaderId)
            : db.Leaders.AsNoTracking().VisibleTo(scope).Where(l => l.IsActive);
        var ids = leadersInScope.Select(l => l.Id);
        var leaders = await leadersInScope.OrderBy(l => l.OrgUnit!.Path).ThenBy(l => l.RotationOrder).ThenBy(l => l.Id)
            .Select(l => new { l.Id, l.Name, l.Title, Unit = l.OrgUnit!.Name }).ToListAsync(ct);

        var (first, last) = (period.From, countedTo);
        var published = from a in db.DutyAssignments
                        join m in db.RotaMonths on a.RotaMonthId equals m.Id
                        where m.PublishedNumber > 0 && !a.IsCancelled && a.Date >= first && a.Date <= last
                        select a;
        var duties = await published.Where(a => ids.Contains(a.LeaderId))
            .GroupBy(a => a.LeaderId)
            .Select(g => new { g.Key, Planned = g.Count(), Received = g.Count(a => a.RecordedAtUtc != null && a.ActualLeaderId == a.LeaderId) })
            .ToDictionaryAsync(x => x.Key, ct);
        var covered = await published.Where(a => a.RecordedAtUtc != null && a.ActualLeaderId != null && a.ActualLeaderId != a.LeaderId
                                                 && ids.Contains(a.ActualLeaderId.Value))
            .GroupBy(a => a.ActualLeaderId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        var visits = new Dictionary<int, (int Days, int DaysCredited, int DaysTarget, int Meetings, int MeetingsCredited, int MeetingsTarget)>();
        var quota = compliance.Quota;
        for (var month = period.From; month <= countedTo; month = month.AddMonths(1))
        {
            var read = await compliance.ReadAsync(scope, month, ct);
            quota = read.Quota;
            foreach (var r in read.Rows)
            {
                if (r.Standing is not { } s) continue;
                var v = visits.GetValueOrDefault(r.LeaderId);
                visits[r.LeaderId] = (v.Days + s.VisitDays, v.DaysCredited + read.Quota.VisitDaysPerMonth - s.VisitDaysShort, v.DaysTarget + read.Quota.VisitDaysPerMonth,
                    v.Meetings + (s.Appointments ?? 0), v.MeetingsCredited + read.Quota.AppointmentsPerMonth - (s.AppointmentsShort ?? 0),
                    v.MeetingsTarget + read.Quota.AppointmentsPerMonth);
            }
        }

        var periodFrom = period.From;
        var periodTo = period.To;
        var cases = await metrics.FiguresByOwnerAsync(db.Cases.AsNoTracking().VisibleTo(db, scope)
            .Where(c => c.ReceivedOn >= periodFrom && c.ReceivedOn <= periodTo && c.OwnerLeaderId != null && ids.Contains(c.OwnerLeaderId.Value)), ct);

        var rows = leaders.Select(l =>
        {
            var d = duties.GetValueOrDefault(l.Id);
            var v = visits.GetValueOrDefault(l.Id);
            var figures = new LeaderAssessmentFigures(d?.Planned ?? 0, d?.Received ?? 0, covered.GetValueOrDefault(l.Id),
                v.Days, v.DaysCredited, v.DaysTarget, v.Meetings, v.MeetingsCredited, v.MeetingsTarget,
                cases.GetValueOrDefault(l.Id) ?? Reception.Core.Cases.CaseFigures.None);
            return new AssessmentRow(l.Id, l.Name, l.Title, l.Unit, figures, LeaderAssessment.Score(figures, weights.Weights), null);
        }).ToList();
        var ranks = LeaderAssessment.Rank(rows.Select(r => r.Score.Score).ToList());
        var ranked = rows.Select((r, i) => r with { Rank = ranks[i] })
            .OrderBy(r => r.Rank ?? int.MaxValue).ToList(); // stable: ties and unranked keep the org order
        return new AssessmentSheet(period, countedTo, weights, quota, ranked);
    }
}
