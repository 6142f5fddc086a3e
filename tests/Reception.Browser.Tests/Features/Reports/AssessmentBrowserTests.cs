using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Reports;

/// <summary>The server at Monday 2026-11-23 09:00 Beijing time: the last quarter that has ended is 2026 Q3.</summary>
public sealed class AssessmentAppServer() : AppServer(TestTime.AtChinaTime(2026, 11, 23));

/// <summary>
/// Issue 19 item 3 in Chromium: a leader finds their own assessment from the menu and prints it as A4 pages (read back
/// with poppler); a clerk ranks the leaders of the scope and opens one leader's sheet; no sideways scroll on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AssessmentBrowserTests(BrowserFixture browser, AssessmentAppServer server) : IClassFixture<AssessmentAppServer>
{
    [Fact]
    public async Task Leader_OpensTheirOwnAssessment_AndPrintsIt()
    {
        await using var context = await server.NewContextAsync(browser);
        var leader = await context.NewPageAsync();
        await server.SignInAsync(leader, "leader01");
        await leader.ClickAndNavigateAsync(leader.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "领导考核" }).First);

        await Expect(leader).ToHaveURLAsync(new Regex(@"/Reports/Assessment/\d+\?period=2026-Q3$"));
        await Expect(leader.Locator("main h1")).ToHaveTextAsync("领导考核 · 2026年第3季度");
        await Expect(leader.Locator("tr[data-criterion]")).ToHaveCountAsync(6);
        var score = (await leader.Locator("tfoot [data-field=score]").InnerTextAsync()).Trim();
        Assert.Matches(@"^(\d{1,3}\.\d|—)$", score);

        // The year's sheet from the period list.
        await leader.GetByLabel("统计期间").SelectOptionAsync("2026");
        await leader.ClickAndNavigateAsync(leader.Locator("main").GetByRole(AriaRole.Button, new() { Name = "显示" }));
        await Expect(leader.Locator("main h1")).ToHaveTextAsync("领导考核 · 2026年");

        await leader.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(leader.Locator(".topbar")).ToBeHiddenAsync();
        var (info, text) = await Poppler.ReadAsync(await leader.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true }));
        Assert.Matches(@"(?m)^Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts", info); // A4 portrait
        var flat = Regex.Replace(text, @"\s+", "");
        Assert.Contains("领导考核·2026年", flat, StringComparison.Ordinal);
        Assert.Contains("坐班接访到岗率", flat, StringComparison.Ordinal);
        Assert.Contains("总分（百分制）", flat, StringComparison.Ordinal);
        Assert.Contains("打印日期2026-11-23", flat, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clerk_RanksTheLeaders_OpensASheet_AndThePageFitsAPhone()
    {
        await using var context = await server.NewContextAsync(browser);
        var clerk = await context.NewPageAsync();
        await server.SignInAsync(clerk, "clerk");
        await clerk.GotoAsync("/Reports/Assessment");

        await Expect(clerk.Locator("main h1")).ToHaveTextAsync("领导考核 · 2026年第3季度");
        var rows = clerk.Locator("table.assessment tbody tr");
        Assert.True(await rows.CountAsync() >= 10);
        // Ranked: the scores never go up down the list (unscored leaders last).
        var scores = (await rows.Locator("[data-field=score]").AllInnerTextsAsync()).Select(s => s.Trim()).TakeWhile(s => s != "—")
            .Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(scores);
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        await Expect(clerk.Locator("#assessment-scores table.chart-data")).ToBeAttachedAsync();

        var name = (await rows.First.Locator("td a").InnerTextAsync()).Trim();
        await clerk.ClickAndNavigateAsync(rows.First.Locator("td a"));
        await Expect(clerk.Locator("article.assessment-sheet")).ToContainTextAsync(name);
        await Expect(clerk.Locator("[data-field=rank]")).ToContainTextAsync("排名第 1");

        await clerk.SetViewportSizeAsync(390, 844);
        await clerk.GotoAsync("/Reports/Assessment");
        Assert.True(await clerk.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the assessment list scrolls sideways at 390 px");
        await clerk.GotoAsync("/Reports/Assessment/Weights");
        Assert.True(await clerk.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the weights page scrolls sideways at 390 px");
    }
}
