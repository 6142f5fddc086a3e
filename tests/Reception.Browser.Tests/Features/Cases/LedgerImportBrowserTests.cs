using System.Text;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Cases;

/// <summary>The server at Monday 2026-11-23 09:00 Beijing time, for the ledger import (a fresh office: nothing mapped yet).</summary>
public sealed class LedgerImportAppServer() : AppServer(TestTime.AtChinaTime(2026, 11, 23));

/// <summary>
/// A clerk brings the office's old ledger in: uploads it, maps its columns, sees the wrong ID number's problem in Chinese next
/// to its row, uploads the corrected file (the mapping is remembered, so straight to the check), imports, and sees the cases.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LedgerImportBrowserTests(BrowserFixture browser, LedgerImportAppServer server) : IClassFixture<LedgerImportAppServer>
{
    private const string Header = "编号,登记日期,姓名,身份证号,联系电话,诉求内容,问题类别,责任单位,包案领导,受理日期\n";
    private const string First = "2025-031,2026/10/8,李桂芳,11010519491231002X,13812345678,拖欠工资三个月,劳动社保,人力资源和社会保障局,李明华,2026年10月9日\n";

    [Fact]
    public async Task Clerk_UploadsMapsSeesTheProblemNextToTheRow_FixesIt_AndImports()
    {
        await using var context = await server.NewContextAsync(browser);
        var page = await context.NewPageAsync();
        await server.SignInAsync(page, "clerk");
        await page.GotoAsync(server.Url("/Cases"));
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "导入原有台账", Exact = true }));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("导入原有台账");

        // The old ledger: the second row's ID number has a wrong check digit.
        var bad = Header + First + "2025-032,2026-11-20,王建国,110105194912310021,,邻居占道,其他,,,\n";
        await page.GetByLabel("台账文件", new() { Exact = false }).SetInputFilesAsync(Csv("旧台账.csv", bad));
        await page.ClickAndNavigateAsync(page.GetByRole(AriaRole.Button, new() { Name = "上传并检查", Exact = true }));

        // First time: the columns are proposed from their names; the clerk confirms.
        await Expect(page.Locator("main h1")).ToHaveTextAsync("对应列");
        await Expect(page.GetByLabel("身份证号", new() { Exact = true }).Locator("option:checked")).ToHaveTextAsync("身份证号");
        await Expect(page.GetByLabel("诉求内容", new() { Exact = true }).Locator("option:checked")).ToHaveTextAsync("摘要");
        await Expect(page.GetByLabel("编号", new() { Exact = true }).Locator("option:checked")).ToHaveTextAsync("原编号");
        await page.ScreenshotAsync("clerk-ledger-import-map");
        await page.ClickAndNavigateAsync(page.GetByRole(AriaRole.Button, new() { Name = "保存列对应并检查各行", Exact = true }));

        // The check: the problem in Chinese beside its row, the cell marked, nothing to import yet.
        await Expect(page.Locator("main h1")).ToHaveTextAsync("逐行检查");
        await Expect(page.Locator("[data-problems-summary]")).ToContainTextAsync("2 行中有 1 行存在问题");
        var badRow = page.Locator("tr[data-row='3']");
        await Expect(badRow.Locator("[data-row-problems] li")).ToHaveTextAsync(["身份证号“110105194912310021”：身份证号码校验位不符（应为 X）。"]);
        await Expect(badRow.Locator("td.problem")).ToHaveTextAsync("110105194912310021");
        await Expect(page.Locator("tr[data-row='2'] [data-row-problems]")).ToHaveTextAsync("无误");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "导入", Exact = false })).ToHaveCountAsync(0);
        await page.ScreenshotAsync("clerk-ledger-import-problem");

        // The corrected file goes straight to the check: the office's mapping is remembered.
        var fixedFile = Header + First + "2025-032,2026-11-20,王建国,11010519491231002X,,邻居占道,其他,,,\n";
        await page.GetByLabel("改正后的文件", new() { Exact = true }).SetInputFilesAsync(Csv("旧台账（改）.csv", fixedFile));
        await page.ClickAndNavigateAsync(page.GetByRole(AriaRole.Button, new() { Name = "上传并检查", Exact = true }));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("逐行检查");
        await Expect(page.Locator("[data-ready]")).ToContainTextAsync("全部 2 行无误");
        await page.ClickAndNavigateAsync(page.GetByRole(AriaRole.Button, new() { Name = "导入 2 件事项", Exact = true }));

        // The list of what was imported: new numbers, the old ones kept, each case's state, colour and due date.
        await Expect(page.Locator("main h1")).ToHaveTextAsync("已导入的事项");
        await Expect(page.Locator("main .status")).ToHaveTextAsync("已导入 2 件事项。");
        var rows = page.Locator("[data-imported] tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Locator("td[data-field='external-reference']")).ToHaveTextAsync(["2025-031", "2025-032"]);
        await Expect(rows.Locator("td[data-state]")).ToHaveTextAsync(["交办", "登记"]);
        await Expect(rows.Nth(0).Locator("td[data-field='due']")).Not.ToBeEmptyAsync();
        await page.ScreenshotAsync("clerk-ledger-imported");

        await page.ClickAndNavigateAsync(rows.Nth(0).Locator("a").First);
        await Expect(page.Locator("[data-field='external-reference']")).ToHaveTextAsync("2025-031");
    }

    private static FilePayload Csv(string name, string text) => new() { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };
}
