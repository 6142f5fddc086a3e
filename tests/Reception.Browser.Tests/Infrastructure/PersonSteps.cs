using Microsoft.Playwright;
using Reception.Web.Features.Demo;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Infrastructure;

/// <summary>
/// What a person does in the app, in the default Chinese interface: signing in through the form,
/// reading and following the header navigation, taking a screenshot once a page has settled.
/// </summary>
public static class PersonSteps
{
    public static readonly (int Width, int Height) Phone = (390, 844);

    /// <summary>Opens the login page, types the demo credentials and waits for the home page.</summary>
    public static async Task SignInAsync(this IPage page, BrowserFixture browser, string userName)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(DemoData.Password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(browser.Url("/"));
    }

    /// <summary>The main navigation in the header.</summary>
    public static ILocator MainNav(this IPage page) => page.Locator("header nav");

    /// <summary>One link of the main navigation, by its visible text.</summary>
    public static ILocator NavLink(this IPage page, string text) =>
        page.MainNav().GetByRole(AriaRole.Link, new() { Name = text, Exact = true });

    /// <summary>A button in the header (language switch, sign out), by its visible text.</summary>
    public static ILocator HeaderButton(this IPage page, string text) =>
        page.Locator("header").GetByRole(AriaRole.Button, new() { Name = text, Exact = true });

    /// <summary>The texts and addresses of the navigation links, in order.</summary>
    public static async Task<IReadOnlyList<(string Text, string Href)>> NavLinksAsync(this IPage page)
    {
        var links = await page.MainNav().Locator("a").EvaluateAllAsync<string[][]>(
            "els => els.map(e => [e.textContent.trim(), e.getAttribute('href')])");
        return links.Select(l => (l[0], l[1])).ToList();
    }

    /// <summary>Clicks an element that navigates (a link, or a form's button), and returns the final page's response (after any redirect).</summary>
    public static Task<IResponse> ClickAndNavigateAsync(this IPage page, ILocator target) =>
        page.RunAndWaitForResponseAsync(
            () => target.ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Request.Frame == page.MainFrame && r.Status is < 300 or >= 400);

    /// <summary>Waits for the page (styles, fonts) to finish loading, then saves a full-page screenshot.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.EvaluateAsync("async () => { await document.fonts.ready; }");
        await BrowserFixture.ScreenshotAsync(page, name);
    }

    /// <summary>A context that behaves like a phone: small viewport, touch, mobile meta-viewport handling.</summary>
    public static async Task<IBrowserContext> NewPhoneContextAsync(this BrowserFixture browser)
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = browser.BaseAddress.ToString().TrimEnd('/'),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new() { Width = Phone.Width, Height = Phone.Height },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });
        context.SetDefaultTimeout(BrowserFixture.StepTimeoutMs);
        return context;
    }

    /// <summary>True when the page itself does not scroll sideways (tables may scroll inside their .table-wrap).</summary>
    public static Task<bool> FitsWidthAsync(this IPage page) =>
        page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= window.innerWidth + 1");
}
