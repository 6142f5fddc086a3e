using System.Text.RegularExpressions;
using Reception.Browser.Tests.Infrastructure;
using Reception.Web.Features.Demo;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Account;

[Collection(BrowserCollection.Name)]
public sealed partial class LoginTests(BrowserFixture browser)
{
    [Fact]
    public async Task Clerk_SignsInThroughTheForm_SeesHome_AndSwitchesLanguage()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(LoginAddress());
        await page.Locator("input[name='Input.UserName']").FillAsync("clerk");
        await page.Locator("input[name='Input.Password']").FillAsync(DemoData.Password);
        await page.Locator("main form button[type=submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(browser.Url("/"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("main h1")).ToContainTextAsync("王秀兰（信访局）");
        await Expect(page.Locator("header nav")).ToContainTextAsync("首页");
        await BrowserFixture.ScreenshotAsync(page, "home-clerk-zh-CN");

        await page.Locator("header button[name=culture][value=en]").ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("header nav")).ToContainTextAsync("Home");
        await Expect(page.Locator("header nav")).Not.ToContainTextAsync("首页");
        await BrowserFixture.ScreenshotAsync(page, "home-clerk-en");

        // The choice is stored on the account; switch back so the shared app's clerk stays Chinese.
        await page.Locator("header button[name=culture][value=zh-CN]").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
    }

    [GeneratedRegex("/Account/Login\\?ReturnUrl=%2F$")]
    private static partial Regex LoginAddress();
}
