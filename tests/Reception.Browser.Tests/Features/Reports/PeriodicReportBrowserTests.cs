using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using Reception.Web.Features.Reports.Periodic;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Reports;

/// <summary>The server at Thursday 2026-12-03 09:00 Beijing time: November's 通报 has been drafted.</summary>
public sealed class PeriodicReportAppServer() : AppServer(TestTime.AtChinaTime(2026, 12, 3));

/// <summary>
/// Issue 19 item 2 in Chromium: the clerk opens last month's drafted 通报 from the archive, adds the commentary, publishes it
/// with a document number, prints it as A4 pages (read back with poppler: title, number, figures, commentary), and a leader of
/// the city finds it in the archive.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PeriodicReportBrowserTests(BrowserFixture browser, PeriodicReportAppServer server) : IClassFixture<PeriodicReportAppServer>
{
    [Fact]
    public async Task Clerk_PublishesLastMonthsDraft_PrintsItAsA4_TheLeaderSeesIt()
    {
        using (var scope = server.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<PeriodicReportJob>().RunAsync(); // as on the 1st (it may have run at start already)

        await using var context = await server.NewContextAsync(browser);
        var clerk = await context.NewPageAsync();
        await server.SignInAsync(clerk, "clerk");
        await clerk.ClickAndNavigateAsync(clerk.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "工作通报", Exact = true }).First);
        await Expect(clerk.Locator("main h1")).ToHaveTextAsync("工作通报");
        var row = clerk.Locator("tr[data-period='2026-11']").Filter(new() { HasText = "演示市" });
        await Expect(row.Locator("[data-field=state]")).ToHaveTextAsync("草稿");
        await clerk.ClickAndNavigateAsync(row.GetByRole(AriaRole.Link, new() { Name = "2026年11月" }));

        await Expect(clerk.Locator("h1")).ToHaveTextAsync("演示市信访工作通报");
        await Expect(clerk.Locator("[data-field=draft]")).ToBeVisibleAsync();
        await Expect(clerk.Locator("figure.chart")).ToHaveCountAsync(4);
        var total = (await clerk.Locator("[data-field=figures] tr[data-figure=total] td").First.InnerTextAsync()).Trim();

        await clerk.GetByRole(AriaRole.Button, new() { Name = "编号发布" }).ClickAsync();
        await Expect(clerk.Locator("[data-valmsg-for='Input.Commentary']")).ToContainTextAsync("请填写工作点评");
        await clerk.GetByLabel("工作点评").FillAsync("十一月份全市信访总量平稳，红牌事项需加快化解。");
        await clerk.ClickAndNavigateAsync(clerk.GetByRole(AriaRole.Button, new() { Name = "编号发布" }));
        await Expect(clerk.Locator(".status")).ToContainTextAsync("已发布");
        var number = (await clerk.Locator("[data-field=document-number]").InnerTextAsync()).Trim();
        Assert.Matches(@"^演示信通〔2026〕\d+号$", number);
        await Expect(clerk.Locator("[data-field=draft]")).ToHaveCountAsync(0);
        await clerk.ScreenshotAsync("clerk-periodic-report");

        await clerk.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(clerk.Locator(".paper-tools")).ToBeHiddenAsync();
        var pdf = await clerk.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true });
        var file = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var info = await Poppler.RunAsync("pdfinfo", file);
            Assert.Matches(@"(?m)^Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts", info); // A4: 210 × 297 mm
            Assert.True(int.Parse(Regex.Match(info, @"(?m)^Pages:\s+(\d+)$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 2, info);
            var text = Regex.Replace(await Poppler.RunAsync("pdftotext", "-layout", file, "-"), @"\s+", "");
            Assert.Contains("演示市信访工作通报", text, StringComparison.Ordinal);
            Assert.Contains(number, text, StringComparison.Ordinal);
            Assert.Contains("十一月份全市信访总量平稳", text, StringComparison.Ordinal);
            Assert.Contains("登记案件数" + total, text, StringComparison.Ordinal);
            Assert.Contains("化解率", text, StringComparison.Ordinal);
            Assert.DoesNotContain("编号发布", text, StringComparison.Ordinal); // the form is not printed
        }
        finally
        {
            File.Delete(file);
        }

        await using var leaderContext = await server.NewContextAsync(browser);
        var leader = await leaderContext.NewPageAsync();
        await server.SignInAsync(leader, "leader01");
        await leader.GotoAsync("/Reports/Periodic");
        var published = leader.Locator("tr[data-period='2026-11']").Filter(new() { HasText = number });
        await Expect(published).ToHaveCountAsync(1);
        await leader.ClickAndNavigateAsync(published.GetByRole(AriaRole.Link, new() { Name = "2026年11月" }));
        await Expect(leader.Locator("[data-field=document-number]")).ToHaveTextAsync(number);
        await Expect(leader.Locator("form[data-field=publish-form]")).ToHaveCountAsync(0);
    }
}
