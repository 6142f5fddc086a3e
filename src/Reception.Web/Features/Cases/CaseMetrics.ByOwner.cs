using Reception.Core.Cases;

namespace Reception.Web.Features.Cases;

public sealed partial class CaseMetrics
{
    /// <summary>
    /// <see cref="FiguresAsync"/> for each owning leader at once (the leaders' assessment): <see cref="FiguresByAsync"/> over
    /// the owned cases of <paramref name="scoped"/> by <see cref="PetitionCase.OwnerLeaderId"/> — two statements whatever the
    /// number of leaders.
    /// </summary>
    public Task<IReadOnlyDictionary<int, CaseFigures>> FiguresByOwnerAsync(IQueryable<PetitionCase> scoped, CancellationToken ct = default) =>
        FiguresByAsync(scoped.Where(c => c.OwnerLeaderId != null), c => c.OwnerLeaderId!.Value, ct);
}
