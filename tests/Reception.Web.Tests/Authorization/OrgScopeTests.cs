using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Organisation;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Demo;

namespace Reception.Web.Tests.Authorization;

/// <summary>A demo city with a township clerk and a township admin of 青山镇, who must not reach the city's records.</summary>
public sealed class TownshipApp() : AppFixture(app => app)
{
    public int CityId { get; private set; }
    public int TownshipId { get; private set; }
    public int CityLeaderId { get; private set; }
    public int TownshipLeaderId { get; private set; }
    public string CityClerkUserId { get; private set; } = "";

    protected override async Task ArrangeAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        CityId = await db.OrgUnits.Where(o => o.Code == "demo").Select(o => o.Id).SingleAsync();
        TownshipId = await db.OrgUnits.Where(o => o.Code == "qingshan").Select(o => o.Id).SingleAsync();
        CityLeaderId = await db.Leaders.Where(l => l.OrgUnitId == CityId).Select(l => l.Id).FirstAsync();
        CityClerkUserId = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync();
        var leader = new Leader("赵镇长", "镇长", LeadingBody.Government, TownshipId, 1, null, null);
        db.Leaders.Add(leader);
        await db.SaveChangesAsync();
        TownshipLeaderId = leader.Id;
        foreach (var (name, role) in new[] { ("qs-clerk", Roles.Clerk), ("qs-admin", Roles.Admin), ("qs-security", Roles.SecurityAdmin) })
        {
            var user = new AppUser { UserName = name, DisplayName = name, OrgUnitId = TownshipId };
            Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
    }
}

public sealed class OrgScopeTests(TownshipApp t) : IClassFixture<TownshipApp>
{
    [Theory]
    [InlineData("qs-clerk", "/Leaders/Edit/{leader}")]
    [InlineData("qs-clerk", "/Org/Index?id={city}")]
    [InlineData("qs-admin", "/Org/Edit/{city}")]
    [InlineData("qs-admin", "/Org/Create?parentId={city}")]
    [InlineData("qs-security", "/Admin/Users/Edit/{clerk}")]
    public async Task TownshipUser_CityRecord_NotFound(string user, string template)
    {
        using var client = await t.App.LoginAsync(user);

        using var response = await client.GetAsync(Url(template));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TownshipClerk_PostsToCityLeader_NotFoundAndUnchanged()
    {
        using var client = await t.App.LoginAsync("qs-clerk");
        // A valid form and token taken from the clerk's own leader, sent to the city's leader.
        using var response = await client.PostFormAsync($"/Leaders/Edit/{t.TownshipLeaderId}", new Dictionary<string, string>
        {
            ["Input.Name"] = "篡改",
            ["Input.Title"] = "x",
            ["Input.LeadingBody"] = "Government",
            ["Input.OrgUnitId"] = t.TownshipId.ToString(),
            ["Input.RotationOrder"] = "1",
            ["Input.Version"] = "0",
        }, action: $"/Leaders/Edit/{t.CityLeaderId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var name = await t.App.WithDbAsync(db => db.Leaders.Where(l => l.Id == t.CityLeaderId).Select(l => l.Name).SingleAsync());
        Assert.NotEqual("篡改", name);
    }

    [Fact]
    public async Task TownshipClerk_SeesOnlyTheTownshipsLeaders()
    {
        using var client = await t.App.LoginAsync("qs-clerk");

        var page = await client.GetPageAsync("/Leaders/Index");
        var rows = page.QuerySelectorAll("table.grid tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();

        Assert.Contains(rows, r => r[1] == "赵镇长");
        Assert.DoesNotContain(rows, r => r[1] == "张建国"); // a city leader
        Assert.All(rows, r => Assert.Equal("青山镇", r[4]));
        using var own = await client.GetAsync($"/Leaders/Edit/{t.TownshipLeaderId}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task TownshipClerk_CreatesLeaderInTheCity_RefusedAndNothingSaved()
    {
        using var client = await t.App.LoginAsync("qs-clerk");
        var before = await t.App.WithDbAsync(db => db.Leaders.CountAsync());

        using var response = await client.PostFormAsync("/Leaders/Create", new Dictionary<string, string>
        {
            ["Input.Name"] = "越权",
            ["Input.Title"] = "副市长",
            ["Input.LeadingBody"] = "Government",
            ["Input.OrgUnitId"] = t.CityId.ToString(),
            ["Input.RotationOrder"] = "20",
        });
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请从列表中选择单位", page.QuerySelector("[data-valmsg-for='Input.OrgUnitId']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await t.App.WithDbAsync(db => db.Leaders.CountAsync()));
    }

    [Fact]
    public async Task TownshipSecurityAdmin_UserList_HidesCityAccounts()
    {
        using var client = await t.App.LoginAsync("qs-security");

        var page = await client.GetPageAsync("/Admin/Users/Index");
        var names = page.QuerySelectorAll("table.grid tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();

        Assert.Equal(["qs-admin", "qs-clerk", "qs-security"], names);
    }

    [Fact]
    public async Task TownshipAdmin_OrgTree_StartsAtTheTownship()
    {
        using var client = await t.App.LoginAsync("qs-admin");

        var page = await client.GetPageAsync("/Org/Index");

        Assert.Contains("青山镇", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".breadcrumb a")); // no link up to the city
        Assert.Equal(5, page.QuerySelectorAll("table.grid tbody tr").Length); // its five villages
    }

    /// <summary>Issue 16 item 6: the global settings are for administrators of the root unit; a township's administrator is refused them.</summary>
    [Theory]
    [InlineData("/Admin/Calendar")]
    [InlineData("/Admin/Calendar/Day?date=2026-12-01")]
    [InlineData("/Admin/Calendar/Import")]
    [InlineData("/Admin/Calendar/Notice")]
    [InlineData("/Admin/Casework")]
    [InlineData("/Admin/Casework/Category/1")]
    [InlineData("/Admin/Casework/Item/1")]
    [InlineData("/Admin/Outbox")]
    public async Task TownshipAdmin_GlobalSettings_Forbidden_AndNotInTheMenu(string url)
    {
        using var township = await t.App.LoginAsync("qs-admin");
        using var city = await t.App.LoginAsync("admin");

        Assert.Equal(HttpStatusCode.Forbidden, (await township.GetAsync(url)).StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, (await city.GetAsync(url)).StatusCode); // the root unit's administrator has them
        var menu = (await township.GetPageAsync("/")).QuerySelectorAll("nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.DoesNotContain("/Admin/Calendar", menu);
        Assert.DoesNotContain("/Admin/Casework", menu);
        Assert.DoesNotContain("/Admin/Outbox", menu);
        Assert.Contains("/Org", menu); // the township's own organisation stays theirs
    }

    [Fact]
    public async Task TownshipAdmin_PostsAHolidayChange_ForbiddenAndNothingSaved()
    {
        using var city = await t.App.LoginAsync("admin");
        var form = await city.GetPageAsync("/Admin/Calendar/Day?date=2026-12-02");
        using var township = await t.App.LoginAsync("qs-admin");
        var before = await t.App.WithDbAsync(db => db.HolidayEntries.CountAsync());

        using var response = await township.SubmitAsync(form, new Dictionary<string, string> { ["Input.Kind"] = "OffDay", ["Input.Name"] = "镇里放假" });

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await t.App.WithDbAsync(db => db.HolidayEntries.CountAsync()));
    }

    [Fact]
    public async Task TownshipAdmin_CreatesAnOrgUnitUnderTheCity_NotFound()
    {
        using var township = await t.App.LoginAsync("qs-admin");

        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/Org/Create?parentId={t.CityId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await township.GetAsync($"/Org/Create?parentId={t.TownshipId}")).StatusCode);
    }

    private string Url(string template) => template
        .Replace("{leader}", t.CityLeaderId.ToString(), StringComparison.Ordinal)
        .Replace("{city}", t.CityId.ToString(), StringComparison.Ordinal)
        .Replace("{clerk}", t.CityClerkUserId, StringComparison.Ordinal);
}
