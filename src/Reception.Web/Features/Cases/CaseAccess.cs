using Reception.Core.Cases;

namespace Reception.Web.Features.Cases;

/// <summary>
/// The signed-in side of <see cref="CaseOperations"/>: the actor of a <see cref="UserScope"/>, and the org paths of the units
/// a case names (one query), which the ownership rule compares with the actor's scope.
/// </summary>
public static class CaseAccess
{
    public static CaseActor ActorOf(UserScope scope, string? userId) => new(
        scope.Is(Roles.Clerk),
        scope.Is(Roles.Supervisor),
        scope.Is(Roles.Leader) ? scope.LeaderId : null,
        scope.Is(Roles.UnitHandler) ? scope.HandlerUnitId : null,
        userId,
        scope.IsCaseworkStaff ? scope.OrgPath : null);

    /// <summary>The paths of the case's registering, handling, co-handling and receiving units.</summary>
    public static async Task<CaseUnitPaths> UnitPathsAsync(this AppDbContext db, PetitionCase c, CancellationToken ct = default)
    {
        var ids = CaseUnitPaths.Needed(c);
        var paths = await db.OrgUnits.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Path, ct);
        return new CaseUnitPaths(paths);
    }
}
