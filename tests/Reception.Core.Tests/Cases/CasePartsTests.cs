using Reception.Core.Cases;

namespace Reception.Core.Tests.Cases;

public class CasePartsTests
{
    // land ─ land.rural ─ land.rural.house ; labour (top)
    private static readonly Dictionary<string, string?> Tree = new()
    {
        ["land"] = null,
        ["land.rural"] = "land",
        ["land.rural.house"] = "land.rural",
        ["labour"] = null,
    };

    [Theory]
    [InlineData("land", "land", true)]                  // under itself
    [InlineData("land", "land.rural", true)]            // under its child
    [InlineData("land", "land.rural.house", true)]      // under its grandchild
    [InlineData("LAND ", " Land.Rural.House", true)]    // codes compared in their stored form
    [InlineData("land.rural", "labour", false)]         // under a category elsewhere
    [InlineData("land.rural.house", "land", false)]     // up the tree
    [InlineData("land.rural", null, false)]             // to the top
    [InlineData("land.rural", " ", false)]
    [InlineData("labour", "unknown", false)]            // an unknown parent is for the caller to refuse, not a loop
    public void WouldCycle(string code, string? newParent, bool expected) =>
        Assert.Equal(expected, CaseCategory.WouldCycle(code, newParent, Tree));

    [Fact]
    public void WouldCycle_ALoopAlreadyInTheData_EndsAndAnswers()
    {
        var broken = new Dictionary<string, string?> { ["a"] = "b", ["b"] = "a", ["c"] = null };

        Assert.False(CaseCategory.WouldCycle("c", "a", broken));
        Assert.True(CaseCategory.WouldCycle("b", "a", broken));
    }

    [Theory]
    [InlineData("land", true)]
    [InlineData("land.rural-2_x", true)]
    [InlineData("", false)]
    [InlineData(" ", false)]
    [InlineData("征地", false)]
    [InlineData("land rural", false)]
    [InlineData("land/rural", false)]
    public void IsValidCode(string code, bool expected) => Assert.Equal(expected, CaseCategory.IsValidCode(code));

    [Fact]
    public void IsValidCode_AtMostFiftyCharacters()
    {
        Assert.True(CaseCategory.IsValidCode(new string('a', 50)));
        Assert.False(CaseCategory.IsValidCode(new string('a', 51)));
    }

    [Fact]
    public void Category_KeepsItsCodeLowerCaseAndMovesAndRenames()
    {
        var c = new CaseCategory(" Land.Rural ", " 农村土地 ", "LAND", 3);

        c.Rename("  宅基地 ");
        Assert.Equal(("land.rural", "宅基地", "land", 3), (c.Code, c.Name, c.ParentCode, c.SortOrder));
        c.Move(null, 7);
        Assert.Equal((null, 7), (c.ParentCode, c.SortOrder));
        Assert.Equal("land.rural", c.Code);
        Assert.Throws<ArgumentException>(() => c.Rename(new string('名', 51)));
        Assert.Throws<ArgumentException>(() => c.Rename(" "));
        Assert.Equal("宅基地", c.Name);
    }

    [Fact]
    public void ChecklistItem_RenamesWithinOneHundredCharacters()
    {
        var item = new ChecklistItem(" 一个工作专班 ", 2);

        Assert.Equal(("一个工作专班", 2, true), (item.Text, item.SortOrder, item.IsActive));
        Assert.Throws<ArgumentException>(() => item.Rename(new string('项', 101)));
        item.SetActive(false);
        item.Reorder(5);
        Assert.Equal(("一个工作专班", 5, false), (item.Text, item.SortOrder, item.IsActive));
    }
}
