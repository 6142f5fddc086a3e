
namespace Reception.Web.Tests.Features.Admin.Users;

public sealed class IndexTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Index_ListsTheDemoAccountsByUserName()
    {
        using var admin = await App.LoginAsync("security");

        var page = await admin.GetPageAsync("/Admin/Users");

        var names = UserNames(page);
        Assert.Equal(18, names.Count); // admin, security, auditor, clerk, supervisor, unit, leader01..12
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("第 1 / 1 页 · 共 18 条", page.QuerySelector("nav.pager")!.TextContent);
    }

    [Fact]
    public async Task Index_SearchAndRoleFilter_ShowOnlyMatchingAccounts()
    {
        using var admin = await App.LoginAsync("security");

        var byName = await admin.GetPageAsync("/Admin/Users?q=" + Uri.EscapeDataString("王秀兰"));
        var byUserName = await admin.GetPageAsync("/Admin/Users?q=LEADER1");
        var leaders = await admin.GetPageAsync("/Admin/Users?role=Leader");

        Assert.Equal(["clerk"], UserNames(byName));
        Assert.Equal(["leader10", "leader11", "leader12"], UserNames(byUserName));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"leader{i:00}"), UserNames(leaders));
        Assert.Equal("Leader", leaders.ValueOf("role"));
    }

    private static List<string> UserNames(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("main table.grid tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
}
