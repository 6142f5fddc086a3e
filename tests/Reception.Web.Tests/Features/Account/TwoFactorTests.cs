using Microsoft.EntityFrameworkCore;
using System.Net;
using OtpNet;
using Reception.Web.Audit;
using Reception.Web.Authorization;
using Reception.Web.Features.Demo;
using Reception.Web.Tests.Audit;

namespace Reception.Web.Tests.Features.Account;

/// <summary>Issue 16 item 12: enrolling an authenticator app, signing in with its codes or a recovery code, and roles that must.</summary>
public sealed class TwoFactorTests(ClockedSecurityApp fixture) : IClassFixture<ClockedSecurityApp>
{
    private ReceptionFactory App => fixture.App;

    [Fact]
    public async Task Enrol_ThenSignIn_AsksForTheAppsCode_AndAcceptsEachCodeOnce()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("totp."), Roles.Clerk);
        using var client = await App.LoginAsync(user.UserName!);
        var key = await EnrolAsync(client);

        using (var signedOut = await client.PostFormAsync("/", [], "/Account/Logout")) Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        using var second = App.CreateAppClient();
        using (var password = await second.LoginAsync(user.UserName!, DemoData.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
            Assert.StartsWith("/Account/LoginWith2fa", password.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/Leaders")).StatusCode); // not signed in by the password alone
        var code = Code(key);

        using (var wrong = await second.OpenAndSubmitAsync("/Account/LoginWith2fa", new Dictionary<string, string> { ["Input.Code"] = Wrong(code) }))
            Assert.Equal("验证码不正确。", (await wrong.AssertFormReturnedAsync()).ErrorFor("Input.Code"));
        using (var right = await second.OpenAndSubmitAsync("/Account/LoginWith2fa", new Dictionary<string, string> { ["Input.Code"] = code }))
            await right.AssertRedirectToAsync("/");
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/Leaders")).StatusCode);

        using var replay = App.CreateAppClient(); // the same code, again, in the same 30 seconds
        using (await replay.LoginAsync(user.UserName!, DemoData.Password)) { }
        using var replayed = await replay.OpenAndSubmitAsync("/Account/LoginWith2fa", new Dictionary<string, string> { ["Input.Code"] = code });
        Assert.Equal("验证码不正确。", (await replayed.AssertFormReturnedAsync()).ErrorFor("Input.Code"));
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("rcv."), Roles.Clerk);
        using var client = await App.LoginAsync(user.UserName!);
        var (_, codes) = await EnrolWithCodesAsync(client);
        Assert.Equal(10, codes.Count);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var other = App.CreateAppClient();
            using (await other.LoginAsync(user.UserName!, DemoData.Password)) { }
            using var response = await other.OpenAndSubmitAsync("/Account/LoginWith2fa", new Dictionary<string, string> { ["Input.Code"] = codes[0] });
            if (attempt == 0) await response.AssertRedirectToAsync("/");
            else Assert.Equal("验证码不正确。", (await response.AssertFormReturnedAsync()).ErrorFor("Input.Code"));
        }
    }

    [Fact]
    public async Task Enrol_WrongCode_IsRefusedNextToTheField_AndNothingChanges()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("bad."), Roles.Clerk);
        using var client = await App.LoginAsync(user.UserName!);

        using var response = await client.OpenAndSubmitAsync("/Account/TwoFactor", new Dictionary<string, string> { ["Input.Code"] = "000000" });

        var page = await response.AssertFormReturnedAsync();
        Assert.StartsWith("验证码不正确。", page.ErrorFor("Input.Code"));
        Assert.False(await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task Demo_DoesNotRequireTwoFactor_AndSaysSo()
    {
        using var client = await App.LoginAsync("admin");

        var page = await client.GetPageAsync("/Account/TwoFactor");

        Assert.NotNull(page.QuerySelector("#not-required"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Org")).StatusCode);
    }

    [Fact]
    public async Task RequiredRole_WithoutAnAuthenticator_IsSentToEnrolFirst_ThenMayWork()
    {
        var clock = TestTime.AtChinaTime(2026, 11, 23, 10);
        await using var app = SecurityTesting.Factory(clock, settings: new Dictionary<string, string?> { ["Reception:Security:RequireTwoFactor"] = "Admin,Auditor" });
        using var client = await app.LoginAsync("auditor");

        using (var refused = await client.GetAsync("/Audit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/Account/TwoFactor", refused.Headers.Location!.OriginalString);
        }
        var page = await client.GetPageAsync("/Account/TwoFactor");
        Assert.NotNull(page.QuerySelector("#required"));
        var key = page.QuerySelector("#shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        using (var enrolled = await client.OpenAndSubmitAsync("/Account/TwoFactor", new Dictionary<string, string> { ["Input.Code"] = Code(key, clock) }))
            Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Audit")).StatusCode);
        var after = await client.GetPageAsync("/Account/TwoFactor");
        Assert.Null(after.QuerySelector("form[action*='handler=Disable']")); // required: it cannot be switched off
    }

    [Fact]
    public async Task EnrolAndDisable_AreAudited()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("aud2."), Roles.Clerk);
        using var client = await App.LoginAsync(user.UserName!);
        await EnrolAsync(client);

        using (var off = await client.PostFormAsync("/Account/TwoFactor", [], "/Account/TwoFactor?handler=Disable")) await off.AssertRedirectToAsync("/Account/TwoFactor");

        var actions = (await App.AuditRecordsAsync()).Where(r => r.Target == "user:" + user.UserName).Select(r => r.Action).ToList();
        Assert.Contains(AuditActions.TwoFactorEnable, actions);
        Assert.Contains(AuditActions.TwoFactorDisable, actions);
        Assert.False(await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task NewRecoveryCodes_AreAudited()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("codes."), Roles.Clerk);
        using var client = await App.LoginAsync(user.UserName!);
        await EnrolAsync(client);

        using (var codes = await client.PostFormAsync("/Account/TwoFactor", [], "/Account/TwoFactor?handler=RecoveryCodes"))
            Assert.Equal(10, (await AppClient.ParseAsync(codes)).QuerySelectorAll("#recovery-codes code").Length);

        var record = (await App.AuditRecordsAsync()).Last(r => r.Target == "user:" + user.UserName);
        Assert.Equal((AuditActions.TwoFactorRecoveryCodes, user.UserName, Reception.Core.Audit.AuditOutcome.Success), (record.Action, record.UserName, record.Outcome));
    }

    [Fact]
    public async Task SecurityAdministrator_ResetsALostAuthenticator_TheUserSignsInWithThePasswordAndEnrolsAnew_Audited()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("lost."), Roles.Clerk);
        using var client = await App.LoginAsync(user.UserName!);
        var oldKey = await EnrolAsync(client);
        using var security = await App.LoginAsync("security");

        var edit = await security.GetPageAsync($"/Admin/Users/Edit/{user.Id}");
        Assert.NotNull(edit.QuerySelector("#two-factor form[action*='handler=ResetTwoFactor']"));
        using (var reset = await security.SubmitAsync(edit, form: "#two-factor form"))
            await reset.AssertRedirectToAsync($"/Admin/Users/Edit/{user.Id}");

        Assert.Null((await security.GetPageAsync($"/Admin/Users/Edit/{user.Id}")).QuerySelector("#two-factor form"));
        var stored = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id));
        Assert.False(stored.TwoFactorEnabled);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Leaders")).StatusCode); // the user's session ended
        using var again = App.CreateAppClient();
        using (var signedIn = await again.LoginAsync(user.UserName!, DemoData.Password)) await signedIn.AssertRedirectToAsync("/"); // no code asked
        var newKey = await EnrolAsync(again);
        Assert.NotEqual(oldKey, newKey); // the lost phone's key is worthless

        var record = (await App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.TwoFactorReset);
        Assert.Equal(("security", "SecurityAdmin", $"page:/Admin/Users/Edit/{user.Id}", Reception.Core.Audit.AuditOutcome.Success), (record.UserName, record.Role, record.Target, record.Outcome));
        Assert.Contains($"user={user.UserName}", record.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetTwoFactorCommand_ResetsTheRootAdministrator_FromTheServer_Audited()
    {
        var clock = TestTime.AtChinaTime(2026, 11, 23, 10);
        await using var app = SecurityTesting.Factory(clock);
        using var admin = await app.LoginAsync("admin");
        var page = await admin.GetPageAsync("/Account/TwoFactor");
        var key = page.QuerySelector("#shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        using (await admin.OpenAndSubmitAsync("/Account/TwoFactor", new Dictionary<string, string> { ["Input.Code"] = Code(key, clock) })) { }
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.TwoFactorEnabled).SingleAsync()));
        var output = new StringWriter();

        var exit = await Reception.Web.Features.Audit.AuditCommand.RunCommandAsync(["users", "reset-2fa", "admin", "--data-dir", app.DataDirectory], clock, output, new StringWriter(), ReceptionFactory.CommandSettings);

        Assert.Equal(0, exit);
        Assert.Contains("admin", output.ToString(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.TwoFactorEnabled).SingleAsync()));
        using var again = app.CreateAppClient();
        using (var signedIn = await again.LoginAsync("admin", DemoData.Password)) await signedIn.AssertRedirectToAsync("/");
        var record = (await app.AuditRecordsAsync()).Last(r => r.Action == AuditActions.TwoFactorReset);
        Assert.Equal(("command-line", "user:admin"), (record.UserName, record.Target));
        Assert.Equal(1, await Reception.Web.Features.Audit.AuditCommand.RunCommandAsync(["users", "reset-2fa", "nobody-here", "--data-dir", app.DataDirectory], clock, new StringWriter(), new StringWriter(), ReceptionFactory.CommandSettings));
    }

    private async Task<string> EnrolAsync(AppClient client) => (await EnrolWithCodesAsync(client)).Key;

    private async Task<(string Key, List<string> Codes)> EnrolWithCodesAsync(AppClient client)
    {
        var page = await client.GetPageAsync("/Account/TwoFactor");
        Assert.NotNull(page.QuerySelector(".qr svg"));
        var key = page.QuerySelector("#shared-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        using var response = await client.OpenAndSubmitAsync("/Account/TwoFactor", new Dictionary<string, string> { ["Input.Code"] = Code(key) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = await AppClient.ParseAsync(response);
        Assert.NotNull(done.QuerySelector("#status-on"));
        return (key, done.QuerySelectorAll("#recovery-codes code").Select(c => c.TextContent).ToList());
    }

    private string Code(string key) => Code(key, fixture.Clock);

    private static string Code(string key, TimeProvider clock) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(clock.GetUtcNow().UtcDateTime);

    private static string Wrong(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}
