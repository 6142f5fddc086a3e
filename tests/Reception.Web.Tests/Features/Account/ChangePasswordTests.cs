using Reception.Web.Features.Demo;

namespace Reception.Web.Tests.Features.Account;

public sealed class ChangePasswordTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    private const string NewPassword = "Changed#2026-new";

    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task ChangePassword_Success_TheNewPasswordSignsInAndTheOldOneNoLonger()
    {
        using var client = await App.LoginAsync("leader01");

        using var response = await client.OpenAndSubmitAsync("/Account/ChangePassword", Fields(DemoData.Password, NewPassword, NewPassword));

        await response.AssertRedirectToAsync("/");
        var home = await client.GetPageAsync("/"); // still signed in
        Assert.Equal("密码已修改。", home.StatusMessage());
        Assert.Equal("用户名或密码不正确。", await App.SignInRefusalAsync("leader01", DemoData.Password));
        Assert.Null(await App.SignInRefusalAsync("leader01", NewPassword));
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_ShowsTheMessageNextToIt()
    {
        using var client = await App.LoginAsync("leader02");

        using var response = await client.OpenAndSubmitAsync("/Account/ChangePassword", Fields("Wrong#2026", NewPassword, NewPassword));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("当前密码不正确。", page.ErrorFor("Input.CurrentPassword"));
        Assert.Equal("", page.ErrorFor("Input.NewPassword"));
        Assert.Equal("", page.ValueOf("Input.CurrentPassword")); // passwords are never sent back
        Assert.Null(await App.SignInRefusalAsync("leader02", DemoData.Password));
    }

    [Fact]
    public async Task ChangePassword_NewPasswordsDiffer_ShowsTheMessageNextToTheRepeat()
    {
        using var client = await App.LoginAsync("leader03");

        using var response = await client.OpenAndSubmitAsync("/Account/ChangePassword", Fields(DemoData.Password, NewPassword, NewPassword + "y"));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("两次输入的新密码不一致。", page.ErrorFor("Input.ConfirmPassword"));
        Assert.Null(await App.SignInRefusalAsync("leader03", DemoData.Password));
    }

    [Theory]
    [InlineData("short1#", "新密码长度应为 12 到 100 个字符。")]
    [InlineData("qwertyuiop123", "此密码过于常见，请选择更难猜的密码。")]
    [InlineData("leader04-2026", "密码不得包含用户名。")]
    public async Task ChangePassword_WeakNewPassword_ShowsTheMessageNextToTheNewPassword(string weak, string message)
    {
        using var client = await App.LoginAsync("leader04");

        using var response = await client.OpenAndSubmitAsync("/Account/ChangePassword", Fields(DemoData.Password, weak, weak));

        Assert.Equal(message, (await response.AssertFormReturnedAsync()).ErrorFor("Input.NewPassword"));
        Assert.Null(await App.SignInRefusalAsync("leader04", DemoData.Password));
    }

    [Fact]
    public async Task ChangePassword_EmptyForm_AsksForEachField()
    {
        using var client = await App.LoginAsync("leader05");

        using var response = await client.OpenAndSubmitAsync("/Account/ChangePassword", Fields("", "", ""));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请输入当前密码。", page.ErrorFor("Input.CurrentPassword"));
        Assert.Equal("请输入新密码。", page.ErrorFor("Input.NewPassword"));
        Assert.Equal("请输入再次输入新密码。", page.ErrorFor("Input.ConfirmPassword"));
    }

    [Fact]
    public async Task ChangePassword_Anonymous_IsSentToSignIn()
    {
        using var client = App.CreateAppClient();

        using var response = await client.GetAsync("/Account/ChangePassword");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
    }

    private static Dictionary<string, string> Fields(string current, string next, string repeat) => new()
    {
        ["Input.CurrentPassword"] = current,
        ["Input.NewPassword"] = next,
        ["Input.ConfirmPassword"] = repeat,
    };
}
