using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Notifications;

namespace Reception.Web.Tests.Features.Org;

/// <summary>
/// An administrator sets a unit's group robot: a 钉钉 robot needs its secret, which is stored but never shown back (masked,
/// and an empty field keeps it); a wrong address is refused in Chinese next to the field and nothing is saved; other
/// roles cannot open the page.
/// </summary>
public sealed class RobotPageTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    private const string Secret = "SECd1f0a2b3c4e5f60718293a4b5c6d7e8f9012345678abcdef";
    private const string Webhook = "https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef";

    [Fact]
    public async Task DingTalkRobot_SavedWithItsSecret_TheSecretIsMaskedAndKept()
    {
        var app = demo.App;
        var unit = await app.OrgIdAsync("qingshan");
        using var admin = await app.LoginAsync("admin");
        var url = $"/Org/Robot/{unit}";
        var page = await admin.GetPageAsync(url);

        // No secret for a new 钉钉 robot, and an address elsewhere: refused, nothing stored, the secret not echoed.
        using (var refused = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Kind"] = nameof(RobotKind.DingTalk), ["WebhookUrl"] = "https://example.com/robot", ["Secret"] = "",
        }))
        {
            var form = await refused.AssertFormReturnedAsync();
            Assert.Equal("这类机器人的 Webhook 地址应在 oapi.dingtalk.com 上。", form.ErrorFor("WebhookUrl"));
            Assert.Equal("请输入钉钉机器人安全设置中“加签”下显示的密钥。", form.ErrorFor("Secret"));
            Assert.Equal("https://example.com/robot", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#WebhookUrl")!.Value);
        }
        Assert.False(await app.WithDbAsync(db => db.UnitRobots.AnyAsync(r => r.OrgUnitId == unit)));

        using (var saved = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Kind"] = nameof(RobotKind.DingTalk), ["WebhookUrl"] = Webhook, ["Secret"] = Secret,
        }))
            await saved.AssertRedirectToAsync(url);

        using (var raw = await admin.GetAsync(url))
        {
            var html = await raw.Content.ReadAsStringAsync();
            Assert.DoesNotContain(Secret, html, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret[3..^4], html, StringComparison.Ordinal);
            Assert.Contains("SEC••••cdef", html, StringComparison.Ordinal);
        }
        var reloaded = await admin.GetPageAsync(url);
        Assert.Equal("", reloaded.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Secret")!.Value);
        Assert.Equal(Webhook, reloaded.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#WebhookUrl")!.Value);

        // Saving again with the secret field empty keeps the secret.
        using (var again = await admin.SubmitAsync(reloaded, new Dictionary<string, string> { ["WebhookUrl"] = Webhook + "ff" }))
            await again.AssertRedirectToAsync(url);
        var stored = await app.WithDbAsync(db => db.UnitRobots.AsNoTracking().SingleAsync(r => r.OrgUnitId == unit));
        Assert.Equal((RobotKind.DingTalk, Webhook + "ff", Secret), (stored.Kind, stored.Url, stored.Secret));

        using (var removed = await admin.SubmitAsync(await admin.GetPageAsync(url), button: "button[formaction*='handler=Remove']"))
            await removed.AssertRedirectToAsync(url);
        Assert.False(await app.WithDbAsync(db => db.UnitRobots.AnyAsync(r => r.OrgUnitId == unit)));
    }

    [Fact]
    public async Task OnlyAdministratorsOpenIt()
    {
        var unit = await demo.App.OrgIdAsync("qingshan");
        using var clerk = await demo.App.LoginAsync("clerk");
        using var response = await clerk.GetAsync($"/Org/Robot/{unit}");
        Assert.NotEqual(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
