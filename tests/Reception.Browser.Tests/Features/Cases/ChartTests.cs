using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Cases;

/// <summary>
/// Issue 19 item 1 in Chromium: the metrics page and the board draw their charts with the vendored ECharts (SVG inside
/// each <c>.chart-canvas</c>), keep each chart's data table, raise no Content-Security-Policy violation and no console
/// error, fit a 390-px phone without sideways scrolling, and the metrics page prints its charts on A4 pages (read back
/// with poppler's pdfinfo and pdftotext).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartTests(BrowserFixture browser)
{
    private const string ViolationReporter =
        "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));";

    [Fact]
    public async Task Clerk_SeesSvgCharts_WithTheirTables_OnTheMetricsPageAndTheBoard_WithoutErrors()
    {
        await using var context = await browser.NewContextAsync();
        var (page, problems) = await OpenAsync(context);
        await page.SignInAsync(browser, "clerk");

        await page.GotoAsync("/Metrics");
        await page.WaitForLoadStateAsync(LoadState.Load);
        await ExpectChartsDrawnAsync(page, ["chart-trend", "chart-rates", "chart-colours", "chart-declines"]);
        // Charts with their own table, and charts that link to the page's table of the same figures.
        await Expect(page.Locator("#chart-trend table.chart-data tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#chart-colours table.chart-data tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("table#table-declines tbody tr")).ToHaveCountAsync(3);
        // Drawn in the four colours of site.css: the colour mix's red series is --chart-red.
        Assert.True(await page.Locator("#chart-colours .chart-canvas svg [fill='#cf222e']").CountAsync() > 0
                    || await page.Locator("#chart-colours .chart-canvas svg [fill='rgb(207,34,46)']").CountAsync() > 0,
            "the colour mix draws no red");
        // Hovering shows the tooltip drawn inside the SVG (no HTML tooltip with style attributes).
        await page.Locator("#chart-trend .chart-canvas svg").HoverAsync();
        await page.ScreenshotAsync("charts-metrics");

        await page.GotoAsync("/Board");
        await page.WaitForLoadStateAsync(LoadState.Load);
        await ExpectChartsDrawnAsync(page, ["chart-board-colours"]);
        await Expect(page.Locator("#chart-board-colours table.chart-data tbody tr")).ToHaveCountAsync(4);
        await page.ScreenshotAsync("charts-board");

        // Pages without a chart do not load the chart script.
        await page.GotoAsync("/Cases");
        Assert.Equal(0, await page.Locator("script[src*='echarts']").CountAsync());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Clerk_OnAPhone_SeesTheChartsWithinTheScreenWidth()
    {
        await using var context = await browser.NewPhoneContextAsync();
        var (page, problems) = await OpenAsync(context);
        await page.SignInAsync(browser, "clerk");

        foreach (var (url, first) in new[] { ("/Metrics", "chart-trend"), ("/Board", "chart-board-colours") })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.Load);
            await ExpectChartsDrawnAsync(page, [first]);
            var width = await page.Locator($"#{first} .chart-canvas svg").EvaluateAsync<double>("svg => svg.getBoundingClientRect().width");
            Assert.InRange(width, 200, 390);
            Assert.True(await page.FitsWidthAsync(), $"{url} scrolls sideways on a phone.");
            await page.ScreenshotAsync("charts-phone" + url.Replace('/', '-'));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task MetricsPage_PrintsItsCharts_OnA4Pages()
    {
        await using var context = await browser.NewContextAsync();
        var (page, problems) = await OpenAsync(context);
        await page.SignInAsync(browser, "clerk");
        await page.GotoAsync("/Metrics");
        await page.WaitForLoadStateAsync(LoadState.Load);
        await ExpectChartsDrawnAsync(page, ["chart-trend", "chart-colours"]);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        // On paper the SVG scales to the page's width (its viewBox), and the data tables stay.
        var svg = page.Locator("#chart-trend .chart-canvas svg");
        Assert.NotNull(await svg.GetAttributeAsync("viewBox"));
        Assert.True(await svg.EvaluateAsync<double>("svg => svg.getBoundingClientRect().height") > 100, "the printed chart has no height");
        await Expect(page.Locator("#chart-trend table.chart-data")).ToBeVisibleAsync();
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });

        var file = Path.Combine(Path.GetTempPath(), $"metrics-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var info = await Poppler.RunAsync("pdfinfo", file);
            // A4 (210 × 297 mm): the site's print style sheet sets landscape pages (wide tables); the charts scale to it.
            Assert.Matches(@"(?m)^Page size:\s+(59[45](\.\d+)? x 84[12]|84[12](\.\d+)? x 59[45])(\.\d+)? pts", info);
            var pages = int.Parse(System.Text.RegularExpressions.Regex.Match(info, @"(?m)^Pages:\s+(\d+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(pages >= 2, $"{pages} page(s)");
            var text = await Poppler.RunAsync("pdftotext", "-layout", file, "-");
            // The charts' captions and their axis text (SVG text is real text in the PDF, hence sharp).
            foreach (var caption in new[] { "按受理月份的案件数", "按受理月份的各项比率", "各月末的四色分布" })
                Assert.Contains(caption, text, StringComparison.Ordinal);
            Assert.True(await page.Locator("figure.chart .chart-canvas svg").CountAsync() >= 6);
        }
        finally
        {
            File.Delete(file);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Each chart has an SVG (not a canvas) with drawn shapes inside its <c>.chart-canvas</c>.</summary>
    private static async Task ExpectChartsDrawnAsync(IPage page, string[] ids)
    {
        foreach (var id in ids)
        {
            await Expect(page.Locator($"#{id}.chart-drawn .chart-canvas svg")).ToHaveCountAsync(1);
            Assert.True(await page.Locator($"#{id} .chart-canvas svg path").CountAsync() > 0, $"{id} draws nothing");
            Assert.Equal(0, await page.Locator($"#{id} .chart-canvas canvas").CountAsync());
        }
    }

    private static async Task<(IPage Page, List<string> Problems)> OpenAsync(IBrowserContext context)
    {
        await context.AddInitScriptAsync(ViolationReporter);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            // Chromium asks for /favicon.ico by itself (the app has none): not the page's error.
            if (message.Location.Contains("/favicon.ico", StringComparison.Ordinal)) return;
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (problems) problems.Add(page.Url + ": " + message.Text + " (" + message.Location + ")");
            }
        };
        page.PageError += (_, error) =>
        {
            lock (problems) problems.Add(page.Url + ": " + error);
        };
        return (page, problems);
    }
}
