using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Reception.Web.Tests.Features;

public sealed class CultureTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Culture_English_SetsTheCookieShowsEnglishAndIsRememberedForTheNextSignIn()
    {
        using var client = await App.LoginAsync("supervisor");
        var chinese = await client.GetPageAsync("/Leaders");
        Assert.Equal("zh-CN", chinese.DocumentElement.GetAttribute("lang"));
        Assert.Contains("首页", chinese.QuerySelector("header nav")!.TextContent);

        using var response = await client.SubmitAsync(chinese, button: "button[name=culture]", form: "header form[action='/Culture']");

        await response.AssertRedirectToAsync("/Leaders");
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den", StringComparison.Ordinal));
        var english = await client.GetPageAsync("/Leaders");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Home", english.QuerySelector("header nav")!.TextContent);
        Assert.Equal("中文", english.QuerySelector("header button[name=culture]")!.TextContent.Trim());
        Assert.Equal("en", await PreferredCultureAsync("supervisor"));

        using var fresh = await App.LoginAsync("supervisor"); // another browser: no culture cookie yet
        var home = await fresh.GetPageAsync("/");
        Assert.Equal("en", home.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Home", home.QuerySelector("header nav")!.TextContent);
    }

    [Fact]
    public async Task Culture_BackToChinese_IsRememberedToo()
    {
        using var client = await App.LoginAsync("leader06");
        using (var en = await client.PostFormAsync("/", Choose("en", "/"), "/Culture"))
            await en.AssertRedirectToAsync("/");
        Assert.Equal("en", await PreferredCultureAsync("leader06"));

        using var response = await client.PostFormAsync("/", Choose("zh-CN", "/"), "/Culture");

        await response.AssertRedirectToAsync("/");
        Assert.Equal("zh-CN", (await client.GetPageAsync("/")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("zh-CN", await PreferredCultureAsync("leader06"));
        using var fresh = await App.LoginAsync("leader06");
        Assert.Contains("首页", (await fresh.GetPageAsync("/")).QuerySelector("header nav")!.TextContent);
    }

    [Fact]
    public async Task Culture_Anonymous_SwitchesTheLoginPageWithoutAnAccount()
    {
        using var client = App.CreateAppClient();

        using var response = await client.PostFormAsync("/Account/Login", Choose("en", "/Account/Login"), "/Culture");

        await response.AssertRedirectToAsync("/Account/Login");
        var login = await client.GetPageAsync("/Account/Login");
        Assert.Equal("Sign in", login.QuerySelector("h1")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/Org?id=1", "/Org?id=1")]
    public async Task Culture_ReturnUrl_OnlyLeadsBackIntoTheSite(string returnUrl, string expected)
    {
        using var client = App.CreateAppClient();

        using var response = await client.PostFormAsync("/Account/Login", Choose("en", returnUrl), "/Culture");

        await response.AssertRedirectToAsync(expected);
    }

    [Fact]
    public async Task Culture_UnknownCulture_FallsBackToChinese()
    {
        using var client = App.CreateAppClient();

        using var response = await client.PostFormAsync("/Account/Login", Choose("fr", "/Account/Login"), "/Culture");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("登录", (await client.GetPageAsync("/Account/Login")).QuerySelector("h1")!.TextContent.Trim());
    }

    private static Dictionary<string, string> Choose(string culture, string returnUrl) => new() { ["culture"] = culture, ["returnUrl"] = returnUrl };

    private Task<string?> PreferredCultureAsync(string userName) =>
        App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.PreferredCulture).SingleAsync());
}
