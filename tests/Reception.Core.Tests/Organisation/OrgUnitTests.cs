using Reception.Core.Organisation;

namespace Reception.Core.Tests.Organisation;

public class OrgUnitTests
{
    private static readonly OrgUnit City = new("demo", "演示市", OrgUnitKind.City, null);

    [Fact]
    public void Path_IsTheChainOfCodes_AndContainsIsThePrefix()
    {
        var township = new OrgUnit(" QingShan ", "青山镇", OrgUnitKind.Township, City);
        var village = new OrgUnit("qingshan-01", "石桥村", OrgUnitKind.Village, township);
        Assert.Equal("/demo/", City.Path);
        Assert.Equal("qingshan", township.Code);
        Assert.Equal("/demo/qingshan/qingshan-01/", village.Path);
        Assert.Equal(3, village.Depth); // the root is depth 1
        Assert.True(City.Contains(village));
        Assert.True(township.Contains(township));
        Assert.False(village.Contains(township));
        // A sibling whose code starts the same is not inside.
        Assert.False(township.Contains(new OrgUnit("qingshanx", "青山新区", OrgUnitKind.Township, City)));
    }

    [Theory]
    [InlineData(OrgUnitKind.Province, true)]
    [InlineData(OrgUnitKind.City, true)]
    [InlineData(OrgUnitKind.County, true)]
    [InlineData(OrgUnitKind.Township, false)]
    [InlineData(OrgUnitKind.Village, false)]
    [InlineData(OrgUnitKind.Department, false)]
    public void Roots_AreRegionsOnly(OrgUnitKind kind, bool root)
    {
        Assert.Equal(root, kind.CanBeRoot());
        if (root) Assert.Equal("/top/", new OrgUnit("top", "顶层", kind, null).Path);
        else Assert.Throws<ArgumentException>(() => new OrgUnit("top", "顶层", kind, null));
    }

    public static TheoryData<OrgUnitKind, OrgUnitKind, bool> Shapes()
    {
        var allowed = new HashSet<(OrgUnitKind, OrgUnitKind)>
        {
            (OrgUnitKind.City, OrgUnitKind.Province),
            (OrgUnitKind.County, OrgUnitKind.Province), (OrgUnitKind.County, OrgUnitKind.City),
            (OrgUnitKind.Township, OrgUnitKind.City), (OrgUnitKind.Township, OrgUnitKind.County),
            (OrgUnitKind.Street, OrgUnitKind.City), (OrgUnitKind.Street, OrgUnitKind.County),
            (OrgUnitKind.Village, OrgUnitKind.Township), (OrgUnitKind.Village, OrgUnitKind.Street),
            (OrgUnitKind.Community, OrgUnitKind.Township), (OrgUnitKind.Community, OrgUnitKind.Street),
            (OrgUnitKind.Department, OrgUnitKind.Province), (OrgUnitKind.Department, OrgUnitKind.City),
            (OrgUnitKind.Department, OrgUnitKind.County), (OrgUnitKind.Department, OrgUnitKind.Township),
            (OrgUnitKind.Department, OrgUnitKind.Street),
        };
        var data = new TheoryData<OrgUnitKind, OrgUnitKind, bool>();
        foreach (var child in Enum.GetValues<OrgUnitKind>())
            foreach (var parent in Enum.GetValues<OrgUnitKind>())
                data.Add(child, parent, allowed.Contains((child, parent)));
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TreeShape_RegionTownshipVillage_DepartmentsUnderRegionsOrTownships(OrgUnitKind child, OrgUnitKind parent, bool allowed)
    {
        Assert.Equal(allowed, child.CanBeChildOf(parent));
        var parentUnit = UnitOf(parent);
        if (allowed) Assert.Equal(parentUnit.Path + "c1/", new OrgUnit("c1", "下级", child, parentUnit).Path);
        else Assert.Throws<ArgumentException>(() => new OrgUnit("c1", "下级", child, parentUnit));
    }

    /// <summary>A unit of <paramref name="kind"/> in a tree of the allowed shape.</summary>
    private static OrgUnit UnitOf(OrgUnitKind kind) => kind switch
    {
        OrgUnitKind.Province => new OrgUnit("pr", "省", kind, null),
        OrgUnitKind.City => new OrgUnit("ci", "市", kind, UnitOf(OrgUnitKind.Province)),
        OrgUnitKind.County => new OrgUnit("co", "县", kind, UnitOf(OrgUnitKind.City)),
        OrgUnitKind.Township or OrgUnitKind.Street or OrgUnitKind.Department => new OrgUnit("tw", "镇", kind, UnitOf(OrgUnitKind.County)),
        _ => new OrgUnit("vi", "村", kind, UnitOf(OrgUnitKind.Township)),
    };

    [Theory]
    [InlineData("ab", true)]
    [InlineData("qingshan-01", true)]
    [InlineData("a", false)]            // too short
    [InlineData("-ab", false)]          // must start with a letter or digit
    [InlineData("青山", false)]
    [InlineData("a_b", false)]
    [InlineData("abcdefghijklmnopqrstu", false)] // 21 characters
    public void Code_LowerCaseLettersDigitsAndHyphens(string code, bool valid)
    {
        Assert.Equal(valid, OrgUnit.IsValidCode(code));
        if (!valid) Assert.Throws<ArgumentException>(() => new OrgUnit(code, "单位", OrgUnitKind.Township, City));
    }

    [Fact]
    public void Rename_AndDeactivate_KeepTheCodeAndPath()
    {
        var unit = new OrgUnit("dongcheng", "东城", OrgUnitKind.Street, City);
        unit.Rename(" 东城街道 ", 3);
        unit.Deactivate();
        Assert.Equal(("东城街道", 3, false, "/demo/dongcheng/"), (unit.Name, unit.SortOrder, unit.IsActive, unit.Path));
        unit.Activate();
        Assert.True(unit.IsActive);
    }
}
