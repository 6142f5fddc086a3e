using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Rotas.Model;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Demo;

namespace Reception.Web.Tests.Features.Visits;

/// <summary>The demo city plus a clerk of 青山镇, a leader of 青山镇, and records of a city leader the clerk must not reach.</summary>
public sealed class TownshipVisitsApp : VisitsDemoApp
{
    public const string Clerk = "qs-visits-clerk";

    public int TownshipLeaderId { get; private set; }
    public int CityLeaderId { get; private set; }
    public int CityVisitId { get; private set; }
    public int TownshipVisitId { get; private set; }
    public int CityUnavailabilityId { get; private set; }

    protected override async Task ArrangeAsync()
    {
        CityLeaderId = await App.LeaderIdAsync("张建国");
        TownshipLeaderId = await App.AddLeaderAsync("青山副镇长", "qingshan");
        CityVisitId = await App.AddVisitAsync(CityLeaderId, new DateOnly(2027, 1, 12), "qingshan-02");
        TownshipVisitId = await App.AddVisitAsync(TownshipLeaderId, new DateOnly(2027, 1, 13), "qingshan-03");
        CityUnavailabilityId = await App.AddUnavailabilityAsync(CityLeaderId, new DateOnly(2027, 1, 20), new DateOnly(2027, 1, 21));
        await App.AddUnavailabilityAsync(TownshipLeaderId, new DateOnly(2027, 1, 22), new DateOnly(2027, 1, 22));
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var township = await db.OrgUnits.Where(o => o.Code == "qingshan").Select(o => o.Id).SingleAsync();
        var user = new AppUser { UserName = Clerk, DisplayName = Clerk, OrgUnitId = township };
        Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Clerk)).Succeeded);
    }
}

public sealed class ScopeTests(TownshipVisitsApp t) : IClassFixture<TownshipVisitsApp>
{
    private ReceptionFactory App => t.App;

    [Theory]
    [InlineData("/Visits/Details/{visit}")]
    [InlineData("/Visits/Edit/{visit}")]
    [InlineData("/Visits/Cancel/{visit}")]
    [InlineData("/Visits/Outcome/{visit}")]
    [InlineData("/Unavailability/Delete/{entry}")]
    public async Task TownshipClerk_CityLeadersRecord_NotFound(string template)
    {
        using var client = await App.LoginAsync(TownshipVisitsApp.Clerk);

        using var response = await client.GetAsync(template.Replace("{visit}", t.CityVisitId.ToString()).Replace("{entry}", t.CityUnavailabilityId.ToString()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TownshipClerk_PostsToCityLeadersRecords_NotFoundAndUnchanged()
    {
        using var client = await App.LoginAsync(TownshipVisitsApp.Clerk);
        var own = $"/Visits/Edit/{t.TownshipVisitId}"; // a page of the clerk's own, for the antiforgery token

        using var cancel = await client.PostFormAsync(own, [new("Version", "0")], action: $"/Visits/Cancel/{t.CityVisitId}");
        using var edit = await client.PostFormAsync(own, [new("Input.Purpose", "篡改"), new("Input.Version", "0")], action: $"/Visits/Edit/{t.CityVisitId}");
        using var delete = await client.PostFormAsync(own, [], action: $"/Unavailability/Delete/{t.CityUnavailabilityId}");

        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        var visit = await App.VisitAsync(t.CityVisitId);
        Assert.Equal(VisitStatus.Planned, visit.Status);
        Assert.NotEqual("篡改", visit.Purpose);
        Assert.True(await App.WithDbAsync(db => db.Unavailabilities.AnyAsync(u => u.Id == t.CityUnavailabilityId)));
    }

    [Fact]
    public async Task TownshipClerk_Lists_ShowOnlyTheTownshipsLeaders()
    {
        using var client = await App.LoginAsync(TownshipVisitsApp.Clerk);

        var month = await client.GetPageAsync("/Visits?month=2027-01");
        var entries = await client.GetPageAsync("/Unavailability?month=2027-01");
        var compliance = ComplianceTests.Rows(await client.GetPageAsync("/Visits/Compliance?month=2027-01"));

        Assert.Equal([$"/Visits/Details/{t.TownshipVisitId}"],
            month.QuerySelectorAll("table.visit-list a").Select(a => a.GetAttribute("href")));
        Assert.All(month.QuerySelectorAll("select[name=leader] option[value]:not([value=''])"),
            o => Assert.NotEqual(t.CityLeaderId.ToString(), o.GetAttribute("value")));
        Assert.Single(Rotas.Unavailability.IndexTests.Rows(entries));
        Assert.Contains(t.TownshipLeaderId, compliance.Keys);
        Assert.DoesNotContain(t.CityLeaderId, compliance.Keys);
        Assert.Equal("1 / 1", compliance[t.TownshipLeaderId].VisitDays);
    }

    [Fact]
    public async Task TownshipClerk_Coverage_ShowsOnlyTheTownshipAndCountsEveryLeadersVisitsToIt()
    {
        using var client = await App.LoginAsync(TownshipVisitsApp.Clerk);

        var page = await client.GetPageAsync("/Visits/Coverage?quarter=2027Q1");

        Assert.Empty(CoverageTests.NotVisited(page));
        Assert.Equal([["青山镇 乡镇", "2", "2", "2027-01-13"]], CoverageTests.Visited(page));
    }

    [Fact]
    public async Task TownshipClerk_PlansForACityLeaderOrInAnotherTownship_IsRefusedNextToTheField()
    {
        using var client = await App.LoginAsync(TownshipVisitsApp.Clerk);
        var before = await App.VisitCountAsync();

        using var cityLeader = await client.OpenAndSubmitAsync("/Visits/Create",
            CreateTests.Valid(t.CityLeaderId, await App.OrgIdAsync("qingshan-01"), "2027-02-02"));
        using var otherTownship = await client.OpenAndSubmitAsync("/Visits/Create",
            CreateTests.Valid(t.TownshipLeaderId, await App.OrgIdAsync("baihe-01"), "2027-02-02"));
        using var entry = await client.OpenAndSubmitAsync("/Unavailability/Create", new Dictionary<string, string>
        {
            ["Input.LeaderId"] = t.CityLeaderId.ToString(),
            ["Input.From"] = "2027-02-03",
            ["Input.To"] = "2027-02-03",
            ["Input.Reason"] = "Leave",
        });

        Assert.Equal("请从列表中选择领导。", (await cityLeader.AssertFormReturnedAsync()).ErrorFor("Input.LeaderId"));
        Assert.Equal("请从列表中选择乡镇（街道）或村（社区）。", (await otherTownship.AssertFormReturnedAsync()).ErrorFor("Input.DestinationId"));
        Assert.Equal("请从列表中选择领导。", (await entry.AssertFormReturnedAsync()).ErrorFor("Input.LeaderId"));
        Assert.Equal(before, await App.VisitCountAsync());
    }

    [Fact]
    public async Task TownshipClerk_PlansForTheTownshipLeaderInAVillage_IsSaved()
    {
        using var client = await App.LoginAsync(TownshipVisitsApp.Clerk);
        var page = await client.GetPageAsync("/Visits/Create");
        var destinations = page.QuerySelectorAll("select[name='Input.DestinationId'] option").Select(o => o.TextContent).Skip(1).ToList();
        Assert.Equal(["青山镇（qingshan）", "\u3000青山村（qingshan-01）", "\u3000松林村（qingshan-02）", "\u3000石门村（qingshan-03）", "\u3000桃园村（qingshan-04）", "\u3000上庄村（qingshan-05）"], destinations);

        // In the second quarter: the coverage test of this class counts the first quarter's visits, whichever runs first.
        using var response = await client.SubmitAsync(page, CreateTests.Valid(t.TownshipLeaderId, await App.OrgIdAsync("qingshan-05"), "2027-04-13"));

        await response.AssertRedirectToAsync("/Visits?month=2027-04");
    }
}
