using Microsoft.EntityFrameworkCore;
using Reception.Core.Organisation;

namespace Reception.Web.Tests.Features.Admin.Users;

public sealed class CreateTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    private const string GoodPassword = "Start#2026-first";

    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Create_Clerk_SavesTheAccountWithItsRoleAndThePersonCanSignIn()
    {
        var userName = PageTesting.Unique("clerk.");
        using var admin = await App.LoginAsync("security");
        var form = await admin.GetPageAsync("/Admin/Users/Create");
        var cityId = await OrgIdAsync("demo");
        Assert.Equal(cityId.ToString(), form.ValueOf("Input.OrgUnitId")); // the admin's own unit is proposed

        using var response = await admin.SubmitAsync(form, Fields(userName, "Clerk", "新来的办事员"));

        await response.AssertRedirectToAsync("/Admin/Users");
        var (user, roles) = await UserAsync(userName);
        Assert.Equal(("新来的办事员", cityId, (int?)null, (int?)null, true), (user.DisplayName, user.OrgUnitId, user.LeaderId, user.DepartmentId, user.IsActive));
        Assert.Equal(["Clerk"], roles);
        var list = await admin.GetPageAsync("/Admin/Users?q=" + userName);
        Assert.Equal($"已创建账号 {userName}。", list.StatusMessage());
        Assert.Contains("信访办工作人员", list.QuerySelector("main table.grid tbody tr")!.TextContent);
        using var person = await App.LoginAsync(userName, GoodPassword);
        // The security administrator chose that password: the person must choose their own before anything else.
        using (var home = await person.GetAsync("/"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, home.StatusCode);
            Assert.Equal("/Account/ChangePassword", home.Headers.Location!.OriginalString);
        }
        using (var changed = await person.OpenAndSubmitAsync("/Account/ChangePassword", new Dictionary<string, string>
               {
                   ["Input.CurrentPassword"] = GoodPassword, ["Input.NewPassword"] = "Mine#2026-chosen", ["Input.ConfirmPassword"] = "Mine#2026-chosen",
               }))
            await changed.AssertRedirectToAsync("/");
        Assert.Contains("新来的办事员", (await person.GetPageAsync("/")).QuerySelector("header .who")!.TextContent);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await person.GetAsync("/Leaders/Create")).StatusCode); // a clerk's page
    }

    [Theory]
    [InlineData("abc", "密码至少需要 12 位。")]
    [InlineData("qwertyuiop123", "此密码过于常见，请选择更难猜的密码。")]
    [InlineData("Password2026!", "此密码过于常见，请选择更难猜的密码。")]
    [InlineData("{user}#2026abc", "密码不得包含用户名。")]
    public async Task Create_WeakPassword_ShowsTheChinesePasswordMessageNextToThePasswordAndCreatesNothing(string password, string message)
    {
        var userName = PageTesting.Unique("weak.");
        password = password.Replace("{user}", userName, StringComparison.Ordinal);
        using var admin = await App.LoginAsync("security");
        var before = await App.WithDbAsync(db => db.Users.CountAsync());
        var fields = Fields(userName, "Clerk", "弱密码");
        fields["Input.Password"] = password;

        using var response = await admin.OpenAndSubmitAsync("/Admin/Users/Create", fields);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(message, page.ErrorFor("Input.Password"));
        Assert.Equal(userName, page.ValueOf("Input.UserName"));
        Assert.Equal("弱密码", page.ValueOf("Input.DisplayName"));
        Assert.Equal("Clerk", page.ValueOf("Input.Role"));
        Assert.Equal(before, await App.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Create_LeaderRoleWithoutALinkedLeader_ShowsTheMessageNextToTheLeader()
    {
        var userName = PageTesting.Unique("ldr.");
        using var admin = await App.LoginAsync("security");

        using var response = await admin.OpenAndSubmitAsync("/Admin/Users/Create", Fields(userName, "Leader", "无关联领导"));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("领导账号必须关联一名领导。", page.ErrorFor("Input.LeaderId"));
        Assert.False(await ExistsAsync(userName));
    }

    [Fact]
    public async Task Create_LinkingALeaderWhoAlreadyHasAnAccount_ShowsTheMessageNextToTheLeader()
    {
        var userName = PageTesting.Unique("ldr.");
        var zhang = await App.WithDbAsync(db => db.Leaders.Where(l => l.Name == "张建国").Select(l => l.Id).SingleAsync()); // leader01
        using var admin = await App.LoginAsync("security");
        var fields = Fields(userName, "Leader", "第二个张建国账号");
        fields["Input.LeaderId"] = zhang.ToString();

        using var response = await admin.OpenAndSubmitAsync("/Admin/Users/Create", fields);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("已有其他账号关联了这名领导。", page.ErrorFor("Input.LeaderId"));
        Assert.Equal(zhang.ToString(), page.ValueOf("Input.LeaderId"));
        Assert.False(await ExistsAsync(userName));
    }

    [Fact]
    public async Task Create_LeaderAccountForALeaderWithoutOne_LinksThem()
    {
        var userName = PageTesting.Unique("ldr.");
        var leaderId = await App.WithDbAsync(async db =>
        {
            var city = await db.OrgUnits.SingleAsync(o => o.Code == "demo");
            var leader = new Leader(PageTesting.Unique("新领导"), "副市长", LeadingBody.Government, city.Id, 50, null, null);
            db.Leaders.Add(leader);
            await db.SaveChangesAsync();
            return leader.Id;
        });
        using var admin = await App.LoginAsync("security");
        var fields = Fields(userName, "Leader", "新领导账号");
        fields["Input.LeaderId"] = leaderId.ToString();
        fields["Input.DepartmentId"] = (await OrgIdAsync("rsj")).ToString(); // ignored for a leader

        using var response = await admin.OpenAndSubmitAsync("/Admin/Users/Create", fields);

        await response.AssertRedirectToAsync("/Admin/Users");
        var (user, roles) = await UserAsync(userName);
        Assert.Equal((leaderId, (int?)null), (user.LeaderId, user.DepartmentId));
        Assert.Equal(["Leader"], roles);
    }

    [Fact]
    public async Task Create_UnitHandlerWithoutADepartment_ShowsTheMessageNextToTheDepartment()
    {
        var userName = PageTesting.Unique("unit.");
        using var admin = await App.LoginAsync("security");

        using var response = await admin.OpenAndSubmitAsync("/Admin/Users/Create", Fields(userName, "UnitHandler", "经办人"));

        Assert.Equal("责任单位经办人账号必须关联一个部门。", (await response.AssertFormReturnedAsync()).ErrorFor("Input.DepartmentId"));
        Assert.False(await ExistsAsync(userName));
    }

    [Fact]
    public async Task Create_UnitHandlerInTheirDepartment_LinksTheDepartment()
    {
        var userName = PageTesting.Unique("unit.");
        var rsj = await OrgIdAsync("rsj");
        using var admin = await App.LoginAsync("security");
        var fields = Fields(userName, "UnitHandler", "人社局经办人");
        fields["Input.OrgUnitId"] = rsj.ToString();
        fields["Input.DepartmentId"] = rsj.ToString();

        using var response = await admin.OpenAndSubmitAsync("/Admin/Users/Create", fields);

        await response.AssertRedirectToAsync("/Admin/Users");
        var (user, roles) = await UserAsync(userName);
        Assert.Equal((rsj, (int?)rsj, (int?)null), (user.OrgUnitId, user.DepartmentId, user.LeaderId));
        Assert.Equal(["UnitHandler"], roles);
    }

    [Theory]
    [InlineData("Input.UserName", "CLERK", "用户名 CLERK 已被使用。")]
    [InlineData("Input.UserName", "王 五", "用户名只能包含字母、数字和 . _ - @。")]
    [InlineData("Input.UserName", "", "请填写用户名。")]
    [InlineData("Input.DisplayName", "", "请填写显示名称。")]
    [InlineData("Input.Role", "", "请选择角色。")]
    [InlineData("Input.Role", "God", "请从列表中选择角色。")]
    [InlineData("Input.OrgUnitId", "999999", "请从列表中选择单位。")]
    [InlineData("Input.Password", "", "请填写初始密码。")]
    public async Task Create_BadField_ShowsTheMessageNextToItAndCreatesNothing(string field, string value, string message)
    {
        using var admin = await App.LoginAsync("security");
        var before = await App.WithDbAsync(db => db.Users.CountAsync());
        var fields = Fields(PageTesting.Unique("bad."), "Clerk", "坏输入");
        fields[field] = value;

        using var response = await admin.OpenAndSubmitAsync("/Admin/Users/Create", fields);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(message, page.ErrorFor(field));
        Assert.Equal(before, await App.WithDbAsync(db => db.Users.CountAsync()));
    }

    private static Dictionary<string, string> Fields(string userName, string role, string displayName) => new()
    {
        ["Input.UserName"] = userName,
        ["Input.DisplayName"] = displayName,
        ["Input.Role"] = role,
        ["Input.Password"] = GoodPassword,
    };

    private Task<int> OrgIdAsync(string code) =>
        App.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());

    private Task<bool> ExistsAsync(string userName)
    {
        var normalized = userName.ToUpperInvariant();
        return App.WithDbAsync(db => db.Users.AnyAsync(u => u.NormalizedUserName == normalized));
    }

    private Task<(Reception.Web.Data.AppUser User, List<string> Roles)> UserAsync(string userName) => App.WithDbAsync(async db =>
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).ToListAsync();
        return (user, roles);
    });
}
