using System.Net;
using Reception.Web.Authorization;
using Reception.Web.Tests.Audit;

namespace Reception.Web.Tests.Authorization;

/// <summary>
/// Issue 16 item 10: sessions live on the server. Signing out ends them (a copied cookie stops working at once), they end
/// after 30 idle minutes and 12 hours in all, and disabling an account or changing its role ends its sessions at once.
/// </summary>
public sealed class SessionTests(ClockedSecurityApp fixture) : IClassFixture<ClockedSecurityApp>
{
    private ReceptionFactory App => fixture.App;

    [Fact]
    public async Task SignOut_ACopyOfTheCookie_StopsWorkingAtOnce()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("copy."), Roles.Clerk);
        using var browser = await App.LoginAsync(user.UserName!);
        using var thief = App.CreateAppClient();
        foreach (Cookie cookie in browser.Cookies.GetAllCookies()) thief.Cookies.Add(cookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/Leaders")).StatusCode); // the copy works while the session lives

        using (var signedOut = await browser.PostFormAsync("/", [], "/Account/Logout")) Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        using var response = await thief.GetAsync("/Leaders");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Session_Idle31Minutes_Ends_ButActivityEvery20MinutesKeepsIt()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("idle."), Roles.Clerk);
        using var busy = await App.LoginAsync(user.UserName!);
        using var idle = await App.LoginAsync(user.UserName!);

        for (var step = 0; step < 3; step++)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/Leaders")).StatusCode);
        }

        using var response = await idle.GetAsync("/Leaders"); // 60 minutes without a request
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Session_TwelveHoursAfterSignIn_Ends_HoweverBusy()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("long."), Roles.Clerk);
        using var client = await App.LoginAsync(user.UserName!);

        for (var minutes = 0; minutes < 12 * 60 - 25; minutes += 25)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(25));
            using var ok = await client.GetAsync("/Leaders");
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"signed out after {minutes + 25} minutes");
        }
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));

        using var response = await client.GetAsync("/Leaders");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task RoleChange_EndsThePersonsSessionsAtOnce()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("role."), Roles.Clerk);
        using var person = await App.LoginAsync(user.UserName!);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/Leaders")).StatusCode);
        using var security = await App.LoginAsync("security");

        using (var saved = await security.OpenAndSubmitAsync($"/Admin/Users/Edit/{user.Id}", new Dictionary<string, string> { ["Input.Role"] = Roles.Supervisor }))
            await saved.AssertRedirectToAsync("/Admin/Users");

        using var response = await person.GetAsync("/Leaders"); // the clock has not moved
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task IdleTimeout_IsConfigurable()
    {
        await using var app = SecurityTesting.Factory(TestTime.AtChinaTime(2026, 11, 23, 10), settings: new Dictionary<string, string?> { ["Reception:Security:IdleTimeout"] = "00:05:00" });
        var clock = (FakeTimeProvider)app.Services.GetService(typeof(TimeProvider))!;
        using var client = await app.LoginAsync("clerk");
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Leaders")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(6));

        using var response = await client.GetAsync("/Leaders");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
