using Reception.Web.Infrastructure;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Web.Tests.Features.Cases;

namespace Reception.Web.Tests.Infrastructure;

/// <summary>
/// Issue 16, item 15: a creating form carries an idempotency key; posted twice (one after the other, or both at once),
/// it creates one record and the second post is redirected where the first went. A form sent back with errors keeps
/// its key and, corrected, still creates the record.
/// </summary>
public sealed class IdempotencyTests(RegisterTestApp fixture) : IClassFixture<RegisterTestApp>
{
    private ReceptionFactory App => fixture.App;

    [Theory]
    [InlineData("/Cases/Register", "clerk")]
    [InlineData("/Leaders/Create", "clerk")]
    [InlineData("/Admin/Users/Create", "security")] // 三员分立: the security administrator creates accounts
    [InlineData("/Visits/Create", "clerk")]
    [InlineData("/Unavailability/Create", "clerk")]
    [InlineData("/Rotas/Rule", "clerk")]
    [InlineData("/Rotas/Venue", "clerk")]
    [InlineData("/Feeds", "supervisor")] // the subscription link, created once
    public async Task CreatingForms_CarryAKey_NewOnEachOpening(string url, string user)
    {
        using var client = await App.LoginAsync(user);

        var first = (await client.GetPageAsync(url)).ValueOf(Idempotency.FieldName);
        var second = (await client.GetPageAsync(url)).ValueOf(Idempotency.FieldName);

        Assert.True(Idempotency.IsWellFormed(first), $"{url}: key {first}");
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task CaseIntake_PostedTwice_RegistersOneCase_AndTheSecondPostGoesToIt()
    {
        using var client = await App.LoginAsync("clerk");
        var summary = PageTesting.Unique("重复提交");
        var page = await client.GetPageAsync("/Cases/Register");
        var values = Petition(summary, PageTesting.Unique("赵"));

        using var first = await client.SubmitAsync(page, values);
        using var second = await client.SubmitAsync(page, values);

        var id = RegisterTesting.DetailsId(first);
        Assert.Equal(id, RegisterTesting.DetailsId(second));
        Assert.Equal(1, await App.WithDbAsync(db => db.Cases.CountAsync(c => c.Summary == summary)));
    }

    [Fact]
    public async Task CaseIntake_PostedTwiceAtOnce_RegistersOneCase()
    {
        using var client = await App.LoginAsync("clerk");
        var summary = PageTesting.Unique("同时提交");
        var page = await client.GetPageAsync("/Cases/Register");
        var values = Petition(summary, PageTesting.Unique("钱"));

        var responses = await Task.WhenAll(client.SubmitAsync(page, values), client.SubmitAsync(page, values), client.SubmitAsync(page, values));

        var ids = responses.Select(RegisterTesting.DetailsId).Distinct().ToList();
        foreach (var r in responses) r.Dispose();
        Assert.Single(ids);
        Assert.Equal(1, await App.WithDbAsync(db => db.Cases.CountAsync(c => c.Summary == summary)));
    }

    [Fact]
    public async Task LeaderForm_WithErrors_KeepsItsKey_AndCorrectedCreatesOnce()
    {
        using var client = await App.LoginAsync("clerk");
        var name = PageTesting.Unique("幂等");
        var page = await client.GetPageAsync("/Leaders/Create");
        var key = page.ValueOf(Idempotency.FieldName);
        var values = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Title"] = "",
            ["Input.LeadingBody"] = "Government",
            ["Input.RotationOrder"] = "8",
        };

        using var invalid = await client.SubmitAsync(page, values);
        var again = await invalid.AssertFormReturnedAsync();
        Assert.Equal(key, again.ValueOf(Idempotency.FieldName));

        values["Input.Title"] = "副镇长";
        using var saved = await client.SubmitAsync(again, values);
        using var resent = await client.SubmitAsync(again, values);

        await saved.AssertRedirectToAsync("/Leaders");
        await resent.AssertRedirectToAsync("/Leaders");
        Assert.Equal(1, await App.WithDbAsync(db => db.Leaders.CountAsync(l => l.Name == name)));
    }

    [Fact]
    public async Task VenueForm_PostedTwice_CreatesOneVenue()
    {
        using var client = await App.LoginAsync("clerk");
        var name = PageTesting.Unique("接待大厅");
        var page = await client.GetPageAsync("/Rotas/Venue");
        var values = new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Address"] = "人民路1号", ["Input.IsActive"] = "true" };

        using var first = await client.SubmitAsync(page, values);
        using var second = await client.SubmitAsync(page, values);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await App.WithDbAsync(db => db.Venues.CountAsync(v => v.Name == name)));
    }

    [Fact]
    public async Task AnotherUsersKey_IsRefused()
    {
        using var clerk = await App.LoginAsync("clerk");
        var page = await clerk.GetPageAsync("/Leaders/Create");
        var name = PageTesting.Unique("他人");
        var values = new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Title"] = "副镇长", ["Input.LeadingBody"] = "Government", ["Input.RotationOrder"] = "9",
        };
        using var first = await clerk.SubmitAsync(page, values);
        await first.AssertRedirectToAsync("/Leaders");

        using var admin = await App.LoginAsync("admin");
        var adminPage = await admin.GetPageAsync("/Leaders/Create");
        values[Idempotency.FieldName] = page.ValueOf(Idempotency.FieldName)!;
        using var stolen = await admin.SubmitAsync(adminPage, values);

        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.Leaders.CountAsync(l => l.Name == name)));
    }

    private static Dictionary<string, string> Petition(string summary, string name) => new()
    {
        ["Input.Channel"] = "Letter",
        ["Input.ReceivedOn"] = "2026-11-20",
        ["Input.Petitioners[0].Name"] = name,
        ["Input.CategoryCode"] = "land",
        ["Input.Summary"] = summary,
        ["Input.Content"] = "反映征地补偿款至今未发放到户。",
    };
}
