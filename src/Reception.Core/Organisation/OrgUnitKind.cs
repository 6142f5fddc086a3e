namespace Reception.Core.Organisation;

public enum OrgUnitKind
{
    Province = 1,   // 省
    City = 2,       // 市
    County = 3,     // 县/区
    Township = 4,   // 乡镇
    Street = 5,     // 街道
    Village = 6,    // 村
    Community = 7,  // 社区
    Department = 8, // 部门 (handling unit)
}

public static class OrgUnitKinds
{
    public static bool IsRegion(this OrgUnitKind kind) => kind is OrgUnitKind.Province or OrgUnitKind.City or OrgUnitKind.County;
    public static bool IsTownshipLevel(this OrgUnitKind kind) => kind is OrgUnitKind.Township or OrgUnitKind.Street;
    public static bool IsVillageLevel(this OrgUnitKind kind) => kind is OrgUnitKind.Village or OrgUnitKind.Community;

    /// <summary>Whether a unit of <paramref name="kind"/> may sit at the top of a tree (no parent).</summary>
    public static bool CanBeRoot(this OrgUnitKind kind) => kind.IsRegion();

    /// <summary>The tree's shape: region → township/street → village/community, departments under a region or township.</summary>
    public static bool CanBeChildOf(this OrgUnitKind kind, OrgUnitKind parent) => kind switch
    {
        OrgUnitKind.Province => false,
        OrgUnitKind.City => parent == OrgUnitKind.Province,
        OrgUnitKind.County => parent is OrgUnitKind.Province or OrgUnitKind.City,
        OrgUnitKind.Township or OrgUnitKind.Street => parent is OrgUnitKind.City or OrgUnitKind.County,
        OrgUnitKind.Village or OrgUnitKind.Community => parent.IsTownshipLevel(),
        OrgUnitKind.Department => parent.IsRegion() || parent.IsTownshipLevel(),
        _ => false,
    };
}
