using Reception.Core.Organisation;

namespace Reception.Web.Features.Visits;

/// <summary>Where a visit goes, as lists, reminders and feeds name it.</summary>
public sealed record VisitDestination
{
    public int Id { get; init; }
    public string Name { get; init; } = "";

    /// <summary>The unit's name; a village or community with its township first ("青山镇 · 石桥村").</summary>
    public string Label { get; init; } = "";
}

/// <summary>The one definition of a visit destination's label, for joining in queries: <c>join d in VisitDestinations.Of(db) on v.DestinationId equals d.Id</c>.</summary>
public static class VisitDestinations
{
    public static IQueryable<VisitDestination> Of(AppDbContext db) =>
        db.OrgUnits.Select(o => new VisitDestination
        {
            Id = o.Id,
            Name = o.Name,
            Label = o.Kind == OrgUnitKind.Village || o.Kind == OrgUnitKind.Community ? o.Parent!.Name + " · " + o.Name : o.Name,
        });
}
