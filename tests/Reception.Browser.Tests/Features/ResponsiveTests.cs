using Reception.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features;

/// <summary>The app on a phone (390×844): the navigation folds behind the menu button and nothing scrolls sideways.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ResponsiveTests(BrowserFixture browser)
{
    [Fact]
    public async Task Clerk_OnAPhone_OpensTheMenu_AndPagesFitTheScreenWidth()
    {
        await using var context = await browser.NewPhoneContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/Account/Login");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("登录");
        Assert.True(await page.FitsWidthAsync(), "The login page scrolls sideways on a phone.");
        await page.ScreenshotAsync("mobile-login");

        await page.SignInAsync(browser, "clerk");
        var menuButton = page.Locator("header").GetByText("☰ 菜单", new() { Exact = true });
        var nav = page.MainNav();

        // Home: the navigation is folded away until the menu button is pressed.
        await Expect(menuButton).ToBeVisibleAsync();
        await Expect(nav).ToBeHiddenAsync();
        Assert.True(await page.FitsWidthAsync(), "The home page scrolls sideways on a phone.");
        await page.ScreenshotAsync("mobile-home");

        await menuButton.TapAsync();
        await Expect(nav).ToBeVisibleAsync();
        await Expect(nav.Locator("a")).ToHaveTextAsync(["首页", "案件", "督办看板", "督办通知", "案件统计", "值班排班", "组织机构", "领导", "下访", "请假外出", "换班代班", "日历订阅", "值班登记", "统计报表"]);
        await Expect(page.HeaderButton("退出")).ToBeVisibleAsync();
        Assert.True(await page.FitsWidthAsync(), "The open menu makes the page scroll sideways.");
        await page.ScreenshotAsync("mobile-home-menu");

        // Leaders: the wide table scrolls inside its frame, the page itself does not.
        await page.ClickAndNavigateAsync(page.NavLink("领导"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("领导");
        await Expect(nav).ToBeHiddenAsync();
        await Expect(page.Locator("main table tbody tr")).Not.ToHaveCountAsync(0);
        Assert.True(await page.FitsWidthAsync(), "The leaders list scrolls sideways on a phone.");
        var wrap = page.Locator("main .table-wrap");
        await Expect(wrap).ToHaveCSSAsync("overflow-x", "auto");
        var wrapBox = await wrap.BoundingBoxAsync();
        Assert.NotNull(wrapBox);
        Assert.True(wrapBox.X >= 0 && wrapBox.X + wrapBox.Width <= PersonSteps.Phone.Width + 1,
            $"The table frame ({wrapBox.X}+{wrapBox.Width}) is wider than the screen.");
        await page.ScreenshotAsync("mobile-leaders");

        await menuButton.TapAsync();
        await Expect(nav).ToBeVisibleAsync();
        await Expect(nav.Locator("a.active")).ToHaveTextAsync("领导");
        await page.ScreenshotAsync("mobile-leaders-menu");

        // Its eight columns do not fit: the frame scrolls sideways to reach the last one.
        var scrolled = await wrap.EvaluateAsync<double>("el => { el.scrollLeft = el.scrollWidth; return el.scrollLeft; }");
        Assert.True(scrolled > 0, "The leaders table does not scroll inside its frame.");
        Assert.True(await page.FitsWidthAsync(), "Scrolling the table moved the page sideways.");
    }
}
