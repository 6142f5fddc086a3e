using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Demo;

namespace Reception.Web.Tests.Features.Admin.Users;

/// <summary>The demo app with a hand-set clock near real time (lockouts use real time; sessions use the clock).</summary>
public sealed class ClockedDemoApp() : AppFixture(app => app.WithClock(new FakeTimeProvider(DateTimeOffset.UtcNow)));

public sealed class EditTests(ClockedDemoApp demo) : IClassFixture<ClockedDemoApp>
{
    /// <summary>A disabled account gets the answer a wrong password gets (ASVS V2.2: no account enumeration).</summary>
    private const string DisabledMessage = "用户名或密码不正确。";
    private const string WrongPasswordMessage = "用户名或密码不正确。";

    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Edit_Role_ChangesTheRoleAndKeepsTheOtherFields()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("role."), Roles.Clerk);
        using var admin = await App.LoginAsync("security");
        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{user.Id}");
        Assert.Equal("Clerk", page.ValueOf("Input.Role"));

        using var response = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Input.Role"] = "Supervisor", ["Input.DisplayName"] = "改任督查" });

        await response.AssertRedirectToAsync("/Admin/Users");
        var (saved, roles) = await UserAsync(user.Id);
        Assert.Equal(["Supervisor"], roles);
        Assert.Equal("改任督查", saved.DisplayName);
        Assert.Equal(user.OrgUnitId, saved.OrgUnitId);
        Assert.Equal($"已保存账号 {user.UserName}。", (await admin.GetPageAsync("/Admin/Users")).StatusMessage());
        using var person = await App.LoginAsync(user.UserName!);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync("/Leaders/Create")).StatusCode); // a supervisor may not
    }

    [Fact]
    public async Task Edit_EmailAndMobile_AreValidatedInChineseNextToTheField_KeptAsTyped_ThenSaved()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("phone."), Roles.Clerk);
        using var admin = await App.LoginAsync("security");
        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{user.Id}");

        using var bad = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Input.Email"] = "not-an-address", ["Input.PhoneNumber"] = "1234567" });

        var form = await bad.AssertFormReturnedAsync();
        Assert.Equal("请输入有效的电子邮箱地址。", form.ErrorFor("Input.Email"));
        Assert.Equal("请填写大陆手机号（13–19 开头的 11 位数字）或带区号的固定电话，如 010-12345678。", form.ErrorFor("Input.PhoneNumber"));
        Assert.Equal("1234567", form.ValueOf("Input.PhoneNumber"));
        Assert.Null((await UserAsync(user.Id)).User.PhoneNumber);

        using var good = await admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.Email"] = "wang@xf.example.cn", ["Input.PhoneNumber"] = "138 0013 8000" });

        await good.AssertRedirectToAsync("/Admin/Users");
        var (saved, _) = await UserAsync(user.Id);
        Assert.Equal(("wang@xf.example.cn", "13800138000"), (saved.Email, saved.PhoneNumber));
        Assert.Equal("13800138000", (await admin.GetPageAsync($"/Admin/Users/Edit/{user.Id}")).ValueOf("Input.PhoneNumber"));
    }

    [Fact]
    public async Task Edit_OwnRole_IsRefused()
    {
        using var admin = await App.LoginAsync("security");
        var adminId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "security").Select(u => u.Id).SingleAsync());

        using var response = await admin.OpenAndSubmitAsync($"/Admin/Users/Edit/{adminId}", new Dictionary<string, string> { ["Input.Role"] = "Clerk" });

        Assert.Equal("不能修改自己的角色。", (await response.AssertFormReturnedAsync()).ErrorFor("Input.Role"));
        Assert.Equal(["SecurityAdmin"], (await UserAsync(adminId)).Roles);
    }

    [Fact]
    public async Task Edit_LeaderRoleLinkedToALeaderWhoHasAnAccount_IsRefused()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("lnk."), Roles.Clerk);
        var zhang = await App.WithDbAsync(db => db.Leaders.Where(l => l.Name == "张建国").Select(l => l.Id).SingleAsync());
        using var admin = await App.LoginAsync("security");

        using var response = await admin.OpenAndSubmitAsync($"/Admin/Users/Edit/{user.Id}", new Dictionary<string, string>
        {
            ["Input.Role"] = "Leader",
            ["Input.LeaderId"] = zhang.ToString(),
        });

        Assert.Equal("已有其他账号关联了这名领导。", (await response.AssertFormReturnedAsync()).ErrorFor("Input.LeaderId"));
        var (saved, roles) = await UserAsync(user.Id);
        Assert.Equal(["Clerk"], roles);
        Assert.Null(saved.LeaderId);
    }

    [Fact]
    public async Task Edit_TwoAdminsSaveTheSameAccount_TheSecondIsRefusedAndTheFirstsValueStays()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("stale."), Roles.Clerk);
        using var first = await App.LoginAsync("security");
        using var second = await App.LoginAsync("security");
        var firstForm = await first.GetPageAsync($"/Admin/Users/Edit/{user.Id}");
        var secondForm = await second.GetPageAsync($"/Admin/Users/Edit/{user.Id}");

        using var saved = await first.SubmitAsync(firstForm, new Dictionary<string, string> { ["Input.DisplayName"] = "第一位改的" });
        using var refused = await second.SubmitAsync(secondForm, new Dictionary<string, string> { ["Input.DisplayName"] = "第二位改的", ["Input.Role"] = "Supervisor" });

        await saved.AssertRedirectToAsync("/Admin/Users");
        var page = await refused.AssertFormReturnedAsync();
        Assert.Contains("其他人同时修改了这个账号。请刷新页面后重试。", page.Summary());
        var (account, roles) = await UserAsync(user.Id);
        Assert.Equal("第一位改的", account.DisplayName);
        Assert.Equal(["Clerk"], roles);
    }

    [Fact]
    public async Task Disable_ThePersonCanNoLongerSignIn_AndGetsTheAnswerOfAWrongPassword()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("off."), Roles.Clerk);
        using var admin = await App.LoginAsync("security");
        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{user.Id}");

        using var response = await admin.SubmitAsync(page, button: "button[formaction*='handler=Disable']");

        await response.AssertRedirectToAsync($"/Admin/Users/Edit/{user.Id}");
        var after = await admin.GetPageAsync($"/Admin/Users/Edit/{user.Id}");
        Assert.Equal($"账号 {user.UserName} 已停用，不能再登录。", after.StatusMessage());
        Assert.Contains("此账号已停用。", after.QuerySelector("main")!.TextContent);
        Assert.NotNull(after.QuerySelector("button[formaction*='handler=Enable']"));
        Assert.False((await UserAsync(user.Id)).User.IsActive);
        Assert.Equal(DisabledMessage, await App.SignInRefusalAsync(user.UserName!, DemoData.Password));
        Assert.Equal(DisabledMessage, await App.SignInRefusalAsync(user.UserName!, "Wrong#2026")); // says so whatever the password
        var list = await admin.GetPageAsync("/Admin/Users?q=" + user.UserName);
        Assert.Contains("已停用", list.QuerySelector("main table.grid tbody tr")!.TextContent);
    }

    [Fact]
    public async Task Disable_EndsThePersonsOpenSessionAtOnce()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("sess."), Roles.Clerk);
        using var person = await App.LoginAsync(user.UserName!);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/Leaders")).StatusCode);
        using var admin = await App.LoginAsync("security");

        using (var disabled = await admin.OpenAndSubmitAsync($"/Admin/Users/Edit/{user.Id}", button: "button[formaction*='handler=Disable']"))
            await disabled.AssertRedirectToAsync($"/Admin/Users/Edit/{user.Id}");

        using var response = await person.GetAsync("/Leaders"); // no clock moved: the session is gone from the server
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Enable_ADisabledAccount_LetsThePersonSignInAgain()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("on."), Roles.Clerk);
        using var admin = await App.LoginAsync("security");
        using (var disabled = await admin.OpenAndSubmitAsync($"/Admin/Users/Edit/{user.Id}", button: "button[formaction*='handler=Disable']"))
            await disabled.AssertRedirectToAsync($"/Admin/Users/Edit/{user.Id}");

        using var response = await admin.OpenAndSubmitAsync($"/Admin/Users/Edit/{user.Id}", button: "button[formaction*='handler=Enable']");

        await response.AssertRedirectToAsync($"/Admin/Users/Edit/{user.Id}");
        Assert.Equal($"账号 {user.UserName} 已启用。", (await admin.GetPageAsync($"/Admin/Users/Edit/{user.Id}")).StatusMessage());
        Assert.True((await UserAsync(user.Id)).User.IsActive);
        Assert.Null(await App.SignInRefusalAsync(user.UserName!, DemoData.Password));
    }

    [Fact]
    public async Task Disable_OwnAccount_IsRefused()
    {
        using var admin = await App.LoginAsync("security");
        var adminId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "security").Select(u => u.Id).SingleAsync());
        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{adminId}");
        Assert.Null(page.QuerySelector("button[formaction*='handler=Disable']"));

        using var response = await admin.PostFormAsync($"/Admin/Users/Edit/{adminId}", [], $"/Admin/Users/Edit/{adminId}?handler=Disable");

        Assert.Contains("不能停用自己的账号。", (await response.AssertFormReturnedAsync()).Summary());
        Assert.True((await UserAsync(adminId)).User.IsActive);
    }

    [Fact]
    public async Task ResetPassword_TheNewPasswordWorksAndTheOldOneNoLonger()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("reset."), Roles.Clerk);
        using var admin = await App.LoginAsync("security");
        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{user.Id}");

        using var response = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Reset.NewPassword"] = "Fresh#2027-reset" },
            form: "main form[action*='handler=ResetPassword']");

        await response.AssertRedirectToAsync($"/Admin/Users/Edit/{user.Id}");
        Assert.Equal($"已重置 {user.UserName} 的密码。请当面告知用户新密码。", (await admin.GetPageAsync($"/Admin/Users/Edit/{user.Id}")).StatusMessage());
        Assert.Equal(WrongPasswordMessage, await App.SignInRefusalAsync(user.UserName!, DemoData.Password));
        Assert.Null(await App.SignInRefusalAsync(user.UserName!, "Fresh#2027-reset"));
    }

    [Theory]
    [InlineData("short", "密码至少需要 12 位。")]
    [InlineData("", "请填写新密码。")]
    public async Task ResetPassword_BadPassword_ShowsTheMessageNextToItAndKeepsTheOldPassword(string password, string message)
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("reset."), Roles.Clerk);
        using var admin = await App.LoginAsync("security");
        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{user.Id}");

        using var response = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Reset.NewPassword"] = password },
            form: "main form[action*='handler=ResetPassword']");

        var form = await response.AssertFormReturnedAsync();
        Assert.Equal(message, form.ErrorFor("Reset.NewPassword"));
        Assert.Equal("", form.ErrorFor("Input.DisplayName")); // the account form is not checked
        Assert.Null(await App.SignInRefusalAsync(user.UserName!, DemoData.Password));
    }

    [Fact]
    public async Task Unlock_AfterALockout_LetsThePersonSignInAtOnce()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("lock."), Roles.Clerk);
        for (var attempt = 0; attempt < 5; attempt++) await App.SignInRefusalAsync(user.UserName!, "Wrong#2026");
        Assert.StartsWith("登录失败次数过多：请在", await App.SignInRefusalAsync(user.UserName!, DemoData.Password));
        using var admin = await App.LoginAsync("security");
        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{user.Id}");
        Assert.Contains("此账号因登录失败正被延迟登录（最长 15 分钟）。", page.QuerySelector("main")!.TextContent);
        Assert.Contains("已锁定", (await admin.GetPageAsync("/Admin/Users?q=" + user.UserName)).QuerySelector("main table.grid tbody tr")!.TextContent);

        using var response = await admin.SubmitAsync(page, button: "button[formaction*='handler=Unlock']");

        await response.AssertRedirectToAsync($"/Admin/Users/Edit/{user.Id}");
        var after = await admin.GetPageAsync($"/Admin/Users/Edit/{user.Id}");
        Assert.Equal($"账号 {user.UserName} 已解锁。", after.StatusMessage());
        Assert.Null(after.QuerySelector("button[formaction*='handler=Unlock']"));
        Assert.Null(await App.SignInRefusalAsync(user.UserName!, DemoData.Password));
    }

    [Fact]
    public async Task Edit_UnknownAccount_Answers404()
    {
        using var admin = await App.LoginAsync("security");

        using var response = await admin.GetAsync("/Admin/Users/Edit/no-such-user");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<(AppUser User, List<string> Roles)> UserAsync(string id) => App.WithDbAsync(async db =>
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == id);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r.Name!).ToListAsync();
        return (user, roles);
    });
}
