using Reception.Core.Cases;

namespace Reception.Web.Features.Cases;

public sealed partial class CaseMetrics
{
    /// <summary>
    /// <see cref="FiguresAsync"/> for each owning leader at once (the leaders' assessment): the same definitions, grouped by
    /// <see cref="PetitionCase.OwnerLeaderId"/> over the owned cases of <paramref name="scoped"/> — two queries whatever the
    /// number of leaders.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, CaseFigures>> FiguresByOwnerAsync(IQueryable<PetitionCase> scoped, CancellationToken ct = default)
    {
        var today = cases.Today;
        var owned = scoped.Where(c => c.OwnerLeaderId != null);
        var counts = await owned.GroupBy(c => c.OwnerLeaderId!.Value).Select(g => new
        {
            Owner = g.Key,
            Total = g.Count(),
            Resolved = g.Count(c => c.IsResolved),
            Closed = g.Count(c => c.ClosedAtUtc != null),
            OpenOverdue = g.Count(c => OpenStates.Contains(c.State) && c.DueOn < today),
            Evaluated = g.Count(c => c.Evaluation != null),
            Satisfied = g.Count(c => c.Evaluation == Evaluation.Satisfied || c.Evaluation == Evaluation.BasicallySatisfied),
        }).ToListAsync(ct);
        if (counts.Count == 0) return new Dictionary<int, CaseFigures>();

        var closed = await owned.Where(c => c.ClosedAtUtc != null && c.ReplyDate != null)
            .GroupBy(c => new
            {
                Owner = c.OwnerLeaderId!.Value,
                c.AppealLevel,
                ReceivedOn = c.AppealLevel == AppealLevel.Original ? (DateOnly?)null : c.ReceivedOn,
                AcceptedDay = c.AppealLevel != AppealLevel.Original || c.AcceptedAtUtc == null
                    ? (DateTime?)null
                    : c.AcceptedAtUtc.Value.AddHours(ChinaOffsetHours).Date,
                FallbackReceivedOn = c.AppealLevel == AppealLevel.Original && c.AcceptedAtUtc == null ? (DateOnly?)c.ReceivedOn : null,
                c.ExtensionDays,
                HearingFrom = c.AppealLevel == AppealLevel.ReReview ? c.HearingFrom : null,
                HearingTo = c.AppealLevel == AppealLevel.ReReview ? c.HearingTo : null,
                c.ReplyDate,
            })
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var due = await DueDatesAsync(ct);
        var onTime = closed
            .Where(g => due.OnTime(g.Key.AppealLevel, g.Key.ReceivedOn, g.Key.AcceptedDay, g.Key.FallbackReceivedOn, g.Key.ExtensionDays,
                g.Key.HearingFrom, g.Key.HearingTo, g.Key.ReplyDate!.Value))
            .GroupBy(g => g.Key.Owner)
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        return counts.ToDictionary(c => c.Owner, c => new CaseFigures(c.Total, c.Total, c.Resolved, c.Closed, onTime.GetValueOrDefault(c.Owner),
            c.OpenOverdue, c.Evaluated, c.Satisfied));
    }
}
