using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Rotas.Public;

/// <summary>
/// The public rota page (clock: 2026-09-15, so 2026-09 and 2026-10 are published) as the public
/// uses it: without an account, printed on the office wall (one A4 landscape page per month), and
/// on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PublicRotaTests(BrowserFixture browser, SeptemberAppServer server) : IClassFixture<SeptemberAppServer>
{
    private static string ArtifactsDirectory => Path.GetDirectoryName(BrowserFixture.ScreenshotDirectory)!;

    [Fact]
    public async Task Visitor_ReadsThePublishedRota_WithoutSigningIn_AndItPassesAxe()
    {
        await using var context = await server.NewContextAsync(browser);
        await Axe.AddToAsync(context);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/rota/demo");

        Assert.Equal(200, response!.Status);
        await Expect(page).ToHaveURLAsync(server.Url("/rota/demo")); // not sent to the login page
        await Expect(page.Locator("main h1")).ToHaveTextAsync("演示市领导接访安排表");
        var months = page.Locator("main section.rota-month");
        await Expect(months).ToHaveCountAsync(2);
        await Expect(months.Locator("h2")).ToHaveTextAsync(["2026年9月：市领导坐班接访", "2026年10月：市领导坐班接访"]);
        await Expect(page.Locator("td[data-date='2026-10-01'] .hname")).ToHaveTextAsync("国庆节 · 不接访");
        await Expect(page.Locator("header .menu-button")).ToHaveCountAsync(0); // no empty menu for the public
        await Expect(page.Locator("header .brand small")).ToHaveCountAsync(0); // nor the internal subtitle
        await Expect(months.Locator(".version")).ToHaveTextAsync(["第 1 版", "第 1 版"]);
        await Expect(months.Locator(".updated")).ToHaveTextAsync(["最后更新：2026-09-15 09:00", "最后更新：2026-09-15 09:00"]);
        await Expect(page.Locator("td[data-date='2026-10-10'] .slot")).ToHaveCountAsync(1);
        await Expect(page.Locator("td[data-date='2026-10-01'] .slot")).ToHaveCountAsync(0);
        await Expect(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "打印", Exact = true })).ToBeVisibleAsync();
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("1380000", text);
        Assert.DoesNotContain("@example.com", text);
        await page.ScreenshotAsync("public-rota");

        var violations = await Axe.ViolationsAsync(page);
        Assert.True(violations.Count == 0, "axe: " + string.Join("\n", violations));
    }

    [Fact]
    public async Task PrintedToPdf_IsOneA4LandscapePagePerPublishedMonth()
    {
        await using var context = await server.NewContextAsync(browser);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/rota/demo");
        await page.EvaluateAsync("async () => { await document.fonts.ready; }");
        var months = await page.Locator("main section.rota-month").CountAsync();
        Assert.Equal(2, months);

        // What the printer gets (the print style sheet), for people to look at: the grid and the feed's QR code.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("section.rota-month .print-feed .qr svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("#public-today")).ToBeHiddenAsync();
        await page.ScreenshotAsync("public-rota-print-media");
        Directory.CreateDirectory(ArtifactsDirectory);
        var path = Path.Combine(ArtifactsDirectory, "public-rota-demo.pdf");
        var pdf = await page.PdfAsync(new() { Path = path, PreferCSSPageSize = true, PrintBackground = true });

        var (pages, boxes) = ReadPdf(pdf);
        Assert.True(pages == months, $"The PDF has {pages} pages for {months} published months (saved at {path}).");
        Assert.Equal(pages, boxes.Count);
        Assert.All(boxes, box =>
        {
            Assert.True(Math.Abs(box.Width - 842) <= 2 && Math.Abs(box.Height - 595) <= 2,
                $"A page is {box.Width}×{box.Height} pt, not A4 landscape (842×595).");
        });
    }

    [Fact]
    public async Task OnAPhone_TheRotaFitsTheScreen_AndTheGridScrollsInsideItsFrame()
    {
        await using var context = await server.NewContextAsync(browser, PersonSteps.Phone.Width, PersonSteps.Phone.Height, phone: true);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/rota/demo");

        await Expect(page.Locator("main h1")).ToHaveTextAsync("演示市领导接访安排表");
        await Expect(page.Locator("main section.rota-month .version").First).ToHaveTextAsync("第 1 版");
        // A list of days instead of the grid, today and the next reception first.
        await Expect(page.Locator("#public-today h2")).ToHaveTextAsync("今天：9月15日 星期二");
        await Expect(page.Locator("#public-today .next-reception")).ToHaveTextAsync("9月16日 星期三");
        await Expect(page.Locator("section.rota-month table.duty-grid").First).ToBeHiddenAsync();
        await Expect(page.Locator("section.rota-month .rota-day-list").First).ToBeVisibleAsync();
        await Expect(page.Locator(".rota-day-list li[data-date='2026-10-01'] .hname")).ToHaveTextAsync("国庆节 · 不接访");
        Assert.True(await page.FitsWidthAsync(), "The public rota scrolls sideways on a phone.");
        await page.ScreenshotAsync("mobile-public-rota");
    }

    [Fact]
    public async Task AnUnknownUnit_IsNotFound()
    {
        await using var context = await server.NewContextAsync(browser);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/rota/nowhere");

        Assert.Equal(404, response!.Status);
    }

    /// <summary>
    /// Counts the page objects of a PDF ("/Type /Page", not the "/Pages" tree nodes) and reads their
    /// MediaBox. Chromium writes object dictionaries uncompressed; only content streams are deflated.
    /// </summary>
    private static (int Pages, IReadOnlyList<(double Width, double Height)> Boxes) ReadPdf(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-", text);
        var pages = PageObject().Count(text);
        var boxes = MediaBox().Matches(text).Select(m =>
        {
            double N(int i) => double.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture);
            return (N(3) - N(1), N(4) - N(2));
        }).ToList();
        return (pages, boxes);
    }

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();

    [GeneratedRegex(@"/MediaBox\s*\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\]")]
    private static partial Regex MediaBox();
}
