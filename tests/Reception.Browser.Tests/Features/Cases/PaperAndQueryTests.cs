using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using Reception.Core.Cases;
using Reception.Web.Data;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Cases.Papers;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Cases;

/// <summary>The server at Monday 2026-11-23 09:00 Beijing time for the papers and the public query.</summary>
public sealed class PaperAppServer() : AppServer(TestTime.AtChinaTime(2026, 11, 23));

/// <summary>
/// Issue 17 items 4, 6 and 7 in Chromium: the clerk registers a petition and prints the receipt — a one-page A4 PDF with the
/// number and the query code (read back with poppler's pdfinfo and pdftotext); the petitioner looks the matter up on the
/// public page with that number and code, and after the written reply evaluates it once; the clerk sees the 不满意.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PaperAndQueryTests(BrowserFixture browser, PaperAppServer server) : IClassFixture<PaperAppServer>
{
    [Fact]
    public async Task Clerk_Registers_PrintsTheReceipt_AsOneA4Page_WithNumberAndQueryCode()
    {
        await using var context = await server.NewContextAsync(browser);
        var clerk = await context.NewPageAsync();
        await server.SignInAsync(clerk, "clerk");
        await clerk.GotoAsync("/Cases/Register");
        await clerk.GetByLabel("信访形式").SelectOptionAsync(new SelectOptionValue { Label = "来访" });
        var petitioner = clerk.Locator("main fieldset").Filter(new() { HasText = "姓名" }).First;
        await petitioner.GetByLabel("姓名").FillAsync("赵桂兰");
        await clerk.GetByLabel("类别").SelectOptionAsync(new SelectOptionValue { Label = "劳动社保" });
        await clerk.GetByLabel("摘要").FillAsync("反映养老保险待遇核定有误");
        await clerk.ClickAndNavigateAsync(clerk.Locator("main").GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }));
        await Expect(clerk).ToHaveURLAsync(new Regex(@"/Cases/Details/\d+$"));
        var number = Regex.Match(await clerk.Locator("main h1").InnerTextAsync(), @"demo-2026-\d{6}").Value;

        await clerk.ClickAndNavigateAsync(clerk.Locator("[data-field=receipt-ready]").GetByRole(AriaRole.Link, new() { Name = "打印回执" }));
        await Expect(clerk.Locator("h1")).ToHaveTextAsync("信访事项登记回执");
        var code = (await clerk.Locator("[data-field=query-code]").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        await clerk.ScreenshotAsync("clerk-receipt");

        // The print layout: the tools bar is not printed, the sheet fills A4 portrait.
        await clerk.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(clerk.Locator(".paper-tools")).ToBeHiddenAsync();
        await Expect(clerk.Locator("[data-field=query-code]")).ToBeVisibleAsync();
        var pdf = await clerk.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true });

        var file = Path.Combine(Path.GetTempPath(), $"receipt-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var info = await Poppler.RunAsync("pdfinfo", file);
            Assert.Matches(@"(?m)^Pages:\s+1$", info);
            Assert.Matches(@"(?m)^Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts", info); // A4: 210 × 297 mm
            var text = await Poppler.RunAsync("pdftotext", "-layout", file, "-");
            Assert.Contains(number, text, StringComparison.Ordinal);
            Assert.Contains(code, text, StringComparison.Ordinal);
            Assert.Contains("信访事项登记回执", Regex.Replace(text, @"\s+", ""), StringComparison.Ordinal);
            Assert.Contains("演示市", text, StringComparison.Ordinal);
            Assert.Contains("2026年11月23日", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Petitioner_LooksUpTheMatter_AndEvaluatesItOnce_TheClerkSeesTheDissatisfaction()
    {
        int caseId;
        string number, code;
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var cases = scope.ServiceProvider.GetRequiredService<CaseService>();
            var unit = await db.OrgUnits.SingleAsync(o => o.Code == "demo");
            var handling = await db.Users.Where(u => u.UserName == "unit").Select(u => u.DepartmentId!.Value).SingleAsync();
            var leader = await db.Leaders.Where(l => l.Name == "张建国").Select(l => l.Id).SingleAsync();
            var received = cases.Today.AddDays(-30);
            var at = cases.UtcNow.AddDays(-20);
            var c = PetitionCase.Register(new CaseIntake(await cases.AllocateNumberAsync(unit, received.Year), unit.Id, Channel.Visit, received, "labour",
                "反映工伤认定迟迟未办", null, 1, [new CasePetitioner("钱秀珍", null, "13700001111", null, null)]), "clerk", at).Value!;
            Assert.True(c.Accept("clerk", at).Succeeded);
            Assert.True(c.Assign(leader, handling, null, null, null, "clerk", at).Succeeded);
            Assert.True(c.StartHandling("unit", at).Succeeded);
            Assert.True(c.Reply("经核查，已依法作出工伤认定。", cases.Today.AddDays(-2), "unit", at.AddDays(18)).Succeeded);
            await cases.RefreshClockAsync(c);
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            code = await scope.ServiceProvider.GetRequiredService<QueryCodes>().IssueAsync(c.Id, "clerk");
            await db.SaveChangesAsync();
            (caseId, number) = (c.Id, c.Number.ToString());
        }

        await using var context = await server.NewContextAsync(browser);
        var petitioner = await context.NewPageAsync();
        await petitioner.GotoAsync("/query");
        await Expect(petitioner.Locator("main h1")).ToHaveTextAsync("信访事项查询");
        await petitioner.GetByLabel("事项编号").FillAsync(number);
        await petitioner.GetByLabel("查询码").FillAsync("WRONG-CODE");
        await petitioner.ClickAndNavigateAsync(petitioner.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }));
        await Expect(petitioner.Locator(".validation-summary-errors")).ToContainTextAsync("没有与该事项编号和查询码相符的信访事项");

        await petitioner.GetByLabel("查询码").FillAsync(QueryCode.Display(code));
        await petitioner.ClickAndNavigateAsync(petitioner.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }));
        await Expect(petitioner.Locator("[data-field=stage]")).ToHaveTextAsync("答复");
        await Expect(petitioner.Locator("[data-field=steps] li")).ToHaveCountAsync(5);
        await Expect(petitioner.Locator("main")).Not.ToContainTextAsync("张建国");
        await Expect(petitioner.Locator("main")).Not.ToContainTextAsync("钱秀珍");
        Assert.DoesNotContain(code, petitioner.Url, StringComparison.OrdinalIgnoreCase);
        await petitioner.ScreenshotAsync("petitioner-query");

        await petitioner.GetByLabel("不满意", new() { Exact = true }).CheckAsync();
        await petitioner.GetByLabel("意见（选填）").FillAsync("认定结论与事实不符");
        await petitioner.ClickAndNavigateAsync(petitioner.GetByRole(AriaRole.Button, new() { Name = "提交评价" }));
        await Expect(petitioner.Locator("[data-field=evaluated-now]")).ToHaveTextAsync("谢谢！您的评价已记录。");
        await Expect(petitioner.Locator("[data-field=evaluation]")).ToHaveTextAsync("不满意");
        await Expect(petitioner.Locator("form[data-field=evaluate-form]")).ToHaveCountAsync(0); // once
        await Expect(petitioner.Locator("[data-field=appeal-window]")).ToContainTextAsync("复查");

        await using (var clerk = await server.NewContextAsync(browser))
        {
            var page = await clerk.NewPageAsync();
            await server.SignInAsync(page, "clerk");
            await page.GotoAsync($"/Cases/Details/{caseId}");
            await Expect(page.Locator("[data-field=dissatisfied]")).ToHaveTextAsync("不满意");
            await Expect(page.Locator("[data-field=evaluation-comment]")).ToHaveTextAsync("认定结论与事实不符");
            await Expect(page.Locator("[data-field=review-window]")).ToContainTextAsync("复查");
            await page.GotoAsync("/");
            await Expect(page.Locator("[data-agenda=dissatisfied] .agenda-value")).Not.ToHaveTextAsync("0");
        }
    }
}
