using Reception.Core.Cases;

namespace Reception.Web.Features.Cases;

/// <summary>A case registered at a duty or on a visit, as the duty record and visit pages list it.</summary>
public sealed record RegisteredCase(int Id, string Number, string Category, CaseState State);

/// <summary>
/// The cases that came from a duty (领导接访) or a visit (下访发现): DESIGN.md's duty record counts "the cases registered",
/// planned against actual. Only cases the user may see are listed (<see cref="ScopeFilters"/>); the source columns have
/// partial indexes (migration CaseSources).
/// </summary>
public static class RegisteredCases
{
    public static Task<List<RegisteredCase>> FromDutyAsync(AppDbContext db, UserScope scope, int dutyId, CancellationToken ct = default) =>
        ListAsync(db, db.Cases.AsNoTracking().VisibleTo(db, scope).Where(c => c.SourceDutyAssignmentId == dutyId), ct);

    public static Task<List<RegisteredCase>> FromVisitAsync(AppDbContext db, UserScope scope, int visitId, CancellationToken ct = default) =>
        ListAsync(db, db.Cases.AsNoTracking().VisibleTo(db, scope).Where(c => c.SourceVisitId == visitId), ct);

    private static async Task<List<RegisteredCase>> ListAsync(AppDbContext db, IQueryable<PetitionCase> cases, CancellationToken ct)
    {
        var rows = await (from c in cases
                          join k in db.CaseCategories on c.CategoryCode equals k.Code into ks
                          from k in ks.DefaultIfEmpty()
                          orderby c.Id
                          select new { c.Id, c.Number, Category = k == null ? c.CategoryCode : k.Name, c.State }).ToListAsync(ct);
        return rows.Select(r => new RegisteredCase(r.Id, r.Number.ToString(), r.Category, r.State)).ToList();
    }
}
