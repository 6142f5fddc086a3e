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

    private static async Task<string> LoginMessageAsync(AppClient client, string password)
    {
        using var response = await client.LoginAsync("clerk", password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        return page.QuerySelector(".validation-summary-errors")?.TextContent ?? "";
    }
}
