using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Rotas.Swaps;

/// <summary>
/// The accountable substitution, as three people do it: a leader asks a colleague to cover a duty,
/// the colleague accepts, the clerk approves — and the public rota shows the new version.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SwapFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task LeaderAsks_ColleagueAccepts_ClerkApproves_PublicRotaShowsTheNewVersion()
    {
        // leader03 (黄海涛) asks 周丽萍 (leader10) to cover their first upcoming duty.
        string dutyDate;
        await using (var context = await browser.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.SignInAsync(browser, "leader03");
            await page.ClickAndNavigateAsync(page.NavLink("换班代班"));
            await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "申请换班或代班", Exact = true }));
            var firstDuty = page.Locator("main table.grid tbody tr").First;
            dutyDate = Regex.Match(await firstDuty.Locator("td").First.InnerTextAsync(), @"\d{4}-\d{2}-\d{2}").Value;
            Assert.NotEmpty(dutyDate);
            await page.ClickAndNavigateAsync(firstDuty.GetByRole(AriaRole.Link, new() { Name = "换班或代班" }));

            var form = page.Locator("main form");
            await form.GetByLabel("代班：由同事替我值班").CheckAsync();
            await form.GetByLabel("同事", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = await OptionLabelAsync(form.GetByLabel("同事", new() { Exact = true }), "周丽萍") });
            await page.ClickAndNavigateAsync(form.GetByRole(AriaRole.Button, new() { Name = "提交申请" }));
            await Expect(page.Locator("[role=status]")).ToBeVisibleAsync();
            await page.ScreenshotAsync("swap-1-requested");
        }

        // The colleague sees it waiting for them and accepts.
        await using (var context = await browser.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.SignInAsync(browser, "leader10");
            await page.ClickAndNavigateAsync(page.NavLink("换班代班"));
            await page.ClickAndNavigateAsync(page.Locator("main table.grid tbody tr", new() { HasText = dutyDate }).GetByRole(AriaRole.Link).First);
            await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "同意", Exact = true }));
            await page.ScreenshotAsync("swap-2-accepted");
        }

        // The clerk approves; the change is published at once.
        int versionBefore = await PublicVersionAsync(dutyDate);
        await using (var context = await browser.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.SignInAsync(browser, "clerk");
            await page.ClickAndNavigateAsync(page.NavLink("换班代班"));
            await page.ClickAndNavigateAsync(page.Locator("main table.grid tbody tr", new() { HasText = dutyDate }).GetByRole(AriaRole.Link).First);
            await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "批准并发布", Exact = true }));
            await Expect(page.Locator("[role=status]")).ToBeVisibleAsync();
            await page.ScreenshotAsync("swap-3-approved");
        }

        // Anyone: the public rota now shows 周丽萍 on that day, in a newer version.
        await using (var context = await browser.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(browser.Url("/rota/demo"));
            var cell = page.Locator($"td[data-date='{dutyDate}']");
            await Expect(cell).ToContainTextAsync("周丽萍");
            await Expect(cell).Not.ToContainTextAsync("黄海涛");
            Assert.True(await PublicVersionAsync(dutyDate) > versionBefore);
            await page.ScreenshotAsync("swap-4-public");
        }
    }

    private static async Task<string> OptionLabelAsync(ILocator select, string contains)
    {
        foreach (var option in await select.Locator("option").AllAsync())
        {
            var text = (await option.InnerTextAsync()).Trim();
            if (text.Contains(contains, StringComparison.Ordinal)) return text;
        }
        throw new InvalidOperationException($"No option containing {contains}.");
    }

    /// <summary>The version number shown for the month containing <paramref name="date"/> on the public page.</summary>
    private async Task<int> PublicVersionAsync(string date)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.Url("/rota/demo"));
        var section = page.Locator($"section.rota-month[data-month='{date[..7]}']").Filter(new() { Has = page.Locator($"td[data-date='{date}']") }).First;
        var text = await section.Locator(".version").InnerTextAsync();
        return int.Parse(Regex.Match(text, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
