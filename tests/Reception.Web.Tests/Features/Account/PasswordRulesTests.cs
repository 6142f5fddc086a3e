using System.Net;
using Reception.Web.Authorization;
using Reception.Web.Features.Demo;
using Reception.Web.Tests.Audit;

namespace Reception.Web.Tests.Features.Account;

/// <summary>Issue 16 item 11: not one of the last five passwords; passwords that expire; an administrator's password changed first.</summary>
public sealed class PasswordRulesTests(ClockedSecurityApp fixture) : IClassFixture<ClockedSecurityApp>
{
    private ReceptionFactory App => fixture.App;

    [Fact]
    public async Task ChangePassword_ToOneOfTheLastFive_IsRefused_TheSixthBackIsAllowed()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("hist."), Roles.Clerk);
        using var client = await App.LoginAsync(user.UserName!);
        var passwords = new[] { DemoData.Password, "Second#2026-pw", "Third#2026-pw", "Fourth#2026-pw", "Fifth#2026-pw", "Sixth#2026-pw" };
        for (var i = 1; i < passwords.Length; i++) await ChangeAsync(client, passwords[i - 1], passwords[i], expectSuccess: true);

        foreach (var recent in passwords[1..])
        {
            using var refused = await Submit(client, passwords[^1], recent);
            Assert.Equal("请选择近期未使用过的密码（不得与最近 5 次的密码相同）。", (await refused.AssertFormReturnedAsync()).ErrorFor("Input.NewPassword"));
        }
        await ChangeAsync(client, passwords[^1], passwords[0], expectSuccess: true); // six changes ago
    }

    [Fact]
    public async Task Password_OlderThanTheMaximumAge_MustBeChangedAtSignIn()
    {
        var clock = TestTime.AtChinaTime(2026, 11, 23, 10);
        await using var app = SecurityTesting.Factory(clock, settings: new Dictionary<string, string?> { ["Reception:Security:PasswordMaxAgeDays"] = "90" });
        var user = await app.CreateUserAsync(PageTesting.Unique("age."), Roles.Clerk);
        using (var fresh = await app.LoginAsync(user.UserName!)) Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/Leaders")).StatusCode);
        clock.Advance(TimeSpan.FromDays(91));

        using var client = await app.LoginAsync(user.UserName!);
        using var response = await client.GetAsync("/Leaders");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/ChangePassword", response.Headers.Location!.OriginalString);
        Assert.NotNull((await client.GetPageAsync("/Account/ChangePassword")).QuerySelector("main .warnings"));
    }

    [Fact]
    public async Task FirstProductionAdministrator_MustChooseAPasswordAtFirstSignIn()
    {
        await using var app = ReceptionFactory.Build().Seeding(Seed.Empty).Setting("Reception:Admin:Password", "First#2026-setup").Setting("Reception:Admin:SecurityAdminPassword", "Second#2026-setup").Create();
        using var admin = await app.LoginAsync("admin", "First#2026-setup");
        using var security = await app.LoginAsync("security", "Second#2026-setup");

        foreach (var client in new[] { admin, security })
        {
            using var response = await client.GetAsync("/");
            Assert.Equal("/Account/ChangePassword", response.Headers.Location!.OriginalString);
        }
    }

    private static async Task ChangeAsync(AppClient client, string current, string next, bool expectSuccess)
    {
        using var response = await Submit(client, current, next);
        if (expectSuccess) await response.AssertRedirectToAsync("/");
    }

    private static Task<HttpResponseMessage> Submit(AppClient client, string current, string next) =>
        client.OpenAndSubmitAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current, ["Input.NewPassword"] = next, ["Input.ConfirmPassword"] = next,
        });
}
