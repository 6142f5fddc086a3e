using System.Net;
using Reception.Web.Features.Demo;

namespace Reception.Web.Tests.Features.Account;

[Collection(DemoAppsCollection.Name)]
public sealed class LoginTests(DemoApps apps)
{
    private const string ClerkDisplayName = "王秀兰（信访局）";

    [Fact]
    public async Task Home_Anonymous_RedirectsToLogin()
    {
        using var client = apps.Sqlite.CreateAppClient();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
        Assert.Equal("?ReturnUrl=%2F", response.Headers.Location.Query);
    }

    [Fact]
    public async Task Login_ClerkWithDemoPassword_RedirectsHomeAndShowsTheClerk()
    {
        using var client = apps.Sqlite.CreateAppClient();

        using var response = await client.LoginAsync("clerk", DemoData.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var home = await client.GetPageAsync("/");
        Assert.Contains(ClerkDisplayName, home.QuerySelector("h1")!.TextContent);
        Assert.Contains(ClerkDisplayName, home.QuerySelector("header .who")!.TextContent);
    }

    [Fact]
    public async Task Login_WrongPasswordFiveTimes_LocksTheAccountEvenForTheRightPassword()
    {
        await using var app = ReceptionFactory.Build().Create(); // locking an account changes the database
        using var client = app.CreateAppClient();
        client.UseCulture("en");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var failed = await LoginMessageAsync(client, "Wrong#2026");
            Assert.Contains("The user name or password is not correct.", failed);
        }
        var fifth = await LoginMessageAsync(client, "Wrong#2026");
        Assert.Contains("locked", fifth);

        using var sixth = await client.LoginAsync("clerk", DemoData.Password);

        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        var page = await AppClient.ParseAsync(sixth);
        Assert.Contains("Too many failed attempts: this account is locked for 15 minutes.", page.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    private static async Task<string> LoginMessageAsync(AppClient client, string password)
    {
        using var response = await client.LoginAsync("clerk", password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        return page.QuerySelector(".validation-summary-errors")?.TextContent ?? "";
    }
}
