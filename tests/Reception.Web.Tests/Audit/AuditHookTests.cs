using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Audit;
using Reception.Web.Audit;
using Reception.Web.Authorization;
using Reception.Web.Features.Demo;

namespace Reception.Web.Tests.Audit;

/// <summary>
/// Issue 16 item 1, kind by kind: the account and session events that the feature tests do not already read back from
/// AuditRecords — a delayed sign-in, a session the server ended, a password changed or reset, an account created,
/// moved to another unit or disabled, a verification, an export without personal data — each read from its row.
/// </summary>
public sealed class AuditHookTests(ClockedSecurityApp fixture) : IClassFixture<ClockedSecurityApp>
{
    private const string NewPassword = "Changed#2026-new";

    private ReceptionFactory App => fixture.App;

    [Fact]
    public async Task DelayedSignIn_IsRecorded_AsThrottled_WithTheAddress()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("thr."), Roles.Clerk);
        for (var i = 0; i < 5; i++) await App.SignInFromAsync("10.3.0.1", user.UserName!, "Wrong#2026-xx");

        await App.SignInFromAsync("10.3.0.1", user.UserName!, DemoData.Password);

        var record = (await App.AuditRecordsAsync()).Last(r => r.Target == "user:" + user.UserName);
        Assert.Equal((AuditActions.SignInThrottled, AuditOutcome.Refused, "10.3.0.1"), (record.Action, record.Outcome, record.Client));
    }

    [Fact]
    public async Task IdleSession_EndedByTheServer_IsRecordedOnce_WithWhoseItWas()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("idle."), Roles.Supervisor);
        using var client = await App.LoginAsync(user.UserName!);
        fixture.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        var ended = (await App.AuditRecordsAsync()).Where(r => r.Action == AuditActions.SessionEnded && r.UserId == user.Id).ToList();
        var record = Assert.Single(ended);
        Assert.Equal((user.UserName, "Supervisor", "/demo/", "user:" + user.UserName, "idle timeout"), (record.UserName, record.Role, record.Unit, record.Target, record.Detail));
    }

    [Fact]
    public async Task PasswordChange_RefusedThenDone_BothRecorded()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("pwc."), Roles.Clerk);
        using var client = await App.LoginAsync(user.UserName!);

        using (await client.OpenAndSubmitAsync("/Account/ChangePassword", Fields("Wrong#2026-xx", NewPassword))) { }
        using (var done = await client.OpenAndSubmitAsync("/Account/ChangePassword", Fields(DemoData.Password, NewPassword)))
            await done.AssertRedirectToAsync("/");

        var records = (await App.AuditRecordsAsync()).Where(r => r.Action == AuditActions.PasswordChange && r.Target == "user:" + user.UserName).ToList();
        Assert.Equal([AuditOutcome.Failure, AuditOutcome.Success], records.Select(r => r.Outcome));
        Assert.All(records, r => Assert.Equal(user.UserName, r.UserName));
        Assert.All(records, r => Assert.DoesNotContain(NewPassword, r.Detail ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PasswordReset_ByTheSecurityAdministrator_IsRecordedAsAReset_RefusedAndDone()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("pwr."), Roles.Clerk);
        using var security = await App.LoginAsync("security");

        const string ResetForm = "form[action*='handler=ResetPassword']";
        using (var weak = await security.SubmitAsync(await security.GetPageAsync($"/Admin/Users/Edit/{user.Id}"), new Dictionary<string, string> { ["Reset.NewPassword"] = "short" }, form: ResetForm))
            await weak.AssertFormReturnedAsync();
        using (var reset = await security.SubmitAsync(await security.GetPageAsync($"/Admin/Users/Edit/{user.Id}"), new Dictionary<string, string> { ["Reset.NewPassword"] = "Reset#2026-by-office" }, form: ResetForm))
            await reset.AssertRedirectToAsync($"/Admin/Users/Edit/{user.Id}");

        var records = (await App.AuditRecordsAsync()).Where(r => r.Action == AuditActions.PasswordReset && r.Target == $"page:/Admin/Users/Edit/{user.Id}").ToList();
        Assert.Equal([AuditOutcome.Failure, AuditOutcome.Success], records.Select(r => r.Outcome));
        Assert.All(records, r => Assert.Equal(("security", "SecurityAdmin"), (r.UserName, r.Role)));
        Assert.Contains($"user={user.UserName}; password reset", records[1].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Reset#2026", records[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountCreated_MovedToAnotherUnit_AndDisabled_AreRecordedWithBeforeAndAfter()
    {
        var name = PageTesting.Unique("acc.");
        var demo = await App.OrgIdAsync("demo");
        var qingshan = await App.OrgIdAsync("qingshan");
        using var security = await App.LoginAsync("security");

        using (var created = await security.OpenAndSubmitAsync("/Admin/Users/Create", new Dictionary<string, string>
               {
                   ["Input.UserName"] = name, ["Input.DisplayName"] = "审计测试", ["Input.Role"] = Roles.Clerk,
                   ["Input.OrgUnitId"] = demo.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Password"] = "Created#2026-office",
               }))
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await App.UserIdAsync(name);
        using (var moved = await security.OpenAndSubmitAsync($"/Admin/Users/Edit/{id}", new Dictionary<string, string> { ["Input.OrgUnitId"] = qingshan.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            await moved.AssertRedirectToAsync("/Admin/Users");
        using (var disabled = await security.OpenAndSubmitAsync($"/Admin/Users/Edit/{id}", button: "button[formaction*='handler=Disable']"))
            await disabled.AssertRedirectToAsync($"/Admin/Users/Edit/{id}");

        var records = (await App.AuditRecordsAsync()).Where(r => r.Action == AuditActions.UserChange && r.UserName == "security" && (r.Detail ?? "").Contains("user=" + name, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.Equal(AuditOutcome.Success, r.Outcome));
        Assert.Contains($"created with role Clerk, unit {demo}", records[0].Detail, StringComparison.Ordinal);
        Assert.Contains($"unit {demo}→{qingshan}", records[1].Detail, StringComparison.Ordinal);
        Assert.Equal($"page:/Admin/Users/Edit/{id}", records[2].Target);
        Assert.EndsWith("disabled", records[2].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verification_OnThePage_IsRecorded()
    {
        using var auditor = await App.LoginAsync("auditor");

        using var verified = await auditor.OpenAndSubmitAsync("/Audit/Verify");

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var record = (await App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.AuditVerify);
        Assert.Equal(("auditor", "Auditor", AuditOutcome.Success), (record.UserName, record.Role, record.Outcome));
        Assert.StartsWith("records=", record.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportWithoutPersonalData_IsRecordedAsSuch()
    {
        using var unit = await App.LoginAsync("unit");

        using var response = await unit.GetAsync("/Queue?handler=Csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length;
        var record = (await App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.Export);
        Assert.Equal(("unit", "list:/Cases/Queue/Index"), (record.UserName, record.Target));
        Assert.Contains($"rows={lines - 1};", record.Detail, StringComparison.Ordinal);
        Assert.EndsWith("personal-data=no", record.Detail, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Fields(string current, string next) => new()
    {
        ["Input.CurrentPassword"] = current,
        ["Input.NewPassword"] = next,
        ["Input.ConfirmPassword"] = next,
    };
}
