using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features;

/// <summary>
/// Issue 16, item 14, in Chromium: with the Content-Security-Policy in force (no inline script, no inline style), the
/// pages each role reaches report no violation — neither on the console ("Refused to …") nor as a
/// securitypolicyviolation event — and what moved into wwwroot/js/site.js and wwwroot/css/site.css still works: the
/// copy button and select-on-focus of the feed links, the public rota's print button, the board's tiles, the visit
/// calendar's layout. The Hangfire dashboard runs its own inline scripts under its own policy.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser)
{
    /// <summary>Every violation the page sees goes to the console, where the test collects it (the init script runs before the page's own).</summary>
    private const string ViolationReporter =
        "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));"
        + "window.print = () => { window.__printed = (window.__printed || 0) + 1; };";

    [Theory]
    [InlineData("admin")]
    [InlineData("clerk")]
    [InlineData("supervisor")]
    [InlineData("unit")]
    [InlineData("leader01")]
    [InlineData("security")]
    [InlineData("auditor")]
    public async Task EveryPageOfTheRolesNavigation_AndTheirRecords_ReportNoViolation(string user)
    {
        await using var context = await browser.NewContextAsync();
        var (page, violations) = await OpenAsync(context);
        await page.SignInAsync(browser, user);

        var visited = new List<string> { "/" };
        foreach (var (_, href) in await page.NavLinksAsync())
        {
            var response = await page.GotoAsync(href);
            Assert.Equal(200, response!.Status);
            visited.Add(href);
            // A record the list links to (a case, a visit, a notice), as the person would open next.
            var record = page.Locator("main table a[href*='/Details/']").First;
            if (await record.CountAsync() > 0 && visited.Count < 40)
            {
                var recordHref = await record.GetAttributeAsync("href");
                Assert.Equal(200, (await page.GotoAsync(recordHref!))!.Status);
                visited.Add(recordHref!);
            }
        }
        await page.GotoAsync("/rota/demo");
        await page.WaitForLoadStateAsync(LoadState.Load);

        Assert.True(violations.Count == 0, $"{user} ({visited.Count} pages): " + string.Join("\n", violations));
    }

    [Fact]
    public async Task FeedLinks_CopyAndSelectOnFocus_StillWork()
    {
        await using var context = await browser.NewContextAsync();
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = browser.BaseAddress.ToString().TrimEnd('/') });
        var (page, violations) = await OpenAsync(context);
        await page.SignInAsync(browser, "leader07");
        await page.GotoAsync("/Feeds");
        var create = page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "创建订阅链接", Exact = true });
        if (await create.CountAsync() == 0) create = page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "更换链接", Exact = true });
        await page.ClickAndNavigateAsync(create);

        // The style sheet lays the address out (monospace, formerly a page-local <style>).
        var webcal = page.Locator("#new-link input.webcal");
        Assert.Contains("monospace", await webcal.EvaluateAsync<string>("e => getComputedStyle(e).fontFamily"), StringComparison.Ordinal);
        // Focus selects the whole address (formerly onfocus="this.select()").
        await webcal.FocusAsync();
        Assert.True(await webcal.EvaluateAsync<bool>("e => e.selectionStart === 0 && e.selectionEnd === e.value.length && e.value.length > 0"));
        // The copy button is shown by the script and copies (formerly an inline <script>).
        var copy = page.Locator("#new-link button[data-copy$='-webcal']");
        await Expect(copy).ToBeVisibleAsync();
        await copy.ClickAsync();
        await Expect(copy).ToHaveTextAsync("已复制");
        Assert.Equal(await webcal.InputValueAsync(), await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public async Task PublicRotaPrintButton_BoardTiles_AndVisitCalendar_StillWork()
    {
        await using var context = await browser.NewContextAsync();
        var (page, violations) = await OpenAsync(context);

        await page.GotoAsync("/rota/demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "打印", Exact = true }).ClickAsync();
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__printed || 0"));

        await page.SignInAsync(browser, "supervisor");
        await page.GotoAsync("/Board");
        Assert.Equal("grid", await page.Locator(".board-tiles").EvaluateAsync<string>("e => getComputedStyle(e).display"));

        await page.GotoAsync("/Visits");
        var calendar = page.Locator("table.visit-calendar");
        Assert.Equal("fixed", await calendar.EvaluateAsync<string>("e => getComputedStyle(e).tableLayout"));
        Assert.Equal("640px", await calendar.EvaluateAsync<string>("e => getComputedStyle(e).minWidth"));

        Assert.True(violations.Count == 0, string.Join("\n", violations));

        // The watch works: an inline script the page would run is refused, and seen.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1;'; document.body.appendChild(s); }");
        await WaitForAsync(page, () => violations.Count > 0);
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__inline || 0"));
    }

    [Fact]
    public async Task JobsDashboard_RunsItsOwnScripts_WithoutViolations()
    {
        await using var context = await browser.NewContextAsync();
        var (page, violations) = await OpenAsync(context);
        await page.SignInAsync(browser, "admin");

        var response = await page.GotoAsync("/Admin/Jobs/recurring");

        Assert.Equal(200, response!.Status);
        Assert.Contains("'unsafe-inline'", (await response.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await Expect(page.Locator("table").First).ToBeVisibleAsync();
        // Hangfire's own script has run (it defines window.Hangfire).
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Hangfire !== 'undefined'"), "the dashboard's script did not run");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private static async Task WaitForAsync(IPage page, Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++) await page.WaitForTimeoutAsync(100);
        Assert.True(condition(), "no violation was reported");
    }

    private static async Task<(IPage Page, List<string> Violations)> OpenAsync(IBrowserContext context)
    {
        await context.AddInitScriptAsync(ViolationReporter);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            var text = message.Text;
            if (text.Contains("Content Security Policy", StringComparison.Ordinal) || text.Contains("Refused to", StringComparison.Ordinal)
                || text.StartsWith("CSP violation", StringComparison.Ordinal))
            {
                lock (violations) violations.Add(page.Url + ": " + text);
            }
        };
        return (page, violations);
    }
}
