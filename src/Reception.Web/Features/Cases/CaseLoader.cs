using Reception.Core.Cases;

namespace Reception.Web.Features.Cases;

/// <summary>
/// Loads one case within the user's scope (<see cref="ScopeFilters.VisibleTo"/>) with everything its operations and its page
/// need: petitioners, history (oldest first, as the clocks expect), co-handling units and checklist. Null means "not found" to this user — answer 404.
/// </summary>
public static class CaseLoader
{
    /// <summary>The case, tracked (to run an operation and save it) unless <paramref name="tracking"/> is false.</summary>
    public static Task<PetitionCase?> LoadCaseAsync(this AppDbContext db, UserScope scope, int id, bool tracking = true, CancellationToken ct = default)
    {
        var query = db.Cases.VisibleTo(db, scope)
            .Include(c => c.Petitioners.OrderBy(p => p.Id))
            .Include(c => c.Events.OrderBy(e => e.Id))
            .Include(c => c.CoHandlingUnits)
            .Include(c => c.Checklist)
            .AsSplitQuery();
        if (!tracking) query = query.AsNoTracking();
        return query.SingleOrDefaultAsync(c => c.Id == id, ct);
    }
}
