using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Leaders;

/// <summary>A clerk adds a leader through the form (with a typo first), edits them and deactivates them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LeaderWorkflowTests(BrowserFixture browser)
{
    private const string Name = "钱学文";

    [Fact]
    public async Task Clerk_AddsALeader_CorrectsABadPhone_EditsAndDeactivatesThem()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(browser, "clerk");

        await page.ClickAndNavigateAsync(page.NavLink("领导"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("领导");
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "新增领导", Exact = true }));
        await Expect(page).ToHaveURLAsync(browser.Url("/Leaders/Create"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("新增领导");

        var form = page.Locator("main form");
        var name = form.GetByLabel("姓名", new() { Exact = true });
        var title = form.GetByLabel("职务", new() { Exact = true });
        var body = form.GetByLabel("所属班子", new() { Exact = true });
        var org = form.GetByLabel("所属单位", new() { Exact = true });
        var order = form.GetByLabel("排班顺序", new() { Exact = true });
        var email = form.GetByLabel("电子邮箱", new() { Exact = true });
        var phone = form.GetByLabel("电话", new() { Exact = true });
        var save = form.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true });

        // The form suggests the clerk's own unit and the next rotation place.
        await Expect(org.Locator("option:checked")).ToContainTextAsync("演示市");
        await Expect(order).ToHaveValueAsync("13");

        await name.FillAsync(Name);
        await title.FillAsync("副市长");
        await body.SelectOptionAsync(new SelectOptionValue { Label = "政府" });
        await email.FillAsync("qianxuewen@example.com");
        await phone.FillAsync("12345");
        await page.ClickAndNavigateAsync(save);

        // Still on the form, the error beside the phone field, everything typed still there.
        await Expect(page).ToHaveURLAsync(browser.Url("/Leaders/Create"));
        var phoneField = form.Locator(".field").Filter(new() { Has = page.GetByLabel("电话", new() { Exact = true }) });
        await Expect(phoneField.Locator(".field-validation-error")).ToHaveTextAsync(
            "“12345”不是有效的电话号码：请填写手机号（如 13812345678）或固定电话（如 0371-12345678）。");
        await Expect(form.Locator(".field-validation-error")).ToHaveCountAsync(1);
        await Expect(phone).ToHaveClassAsync(new Regex("\\binput-validation-error\\b"));
        await Expect(name).ToHaveValueAsync(Name);
        await Expect(title).ToHaveValueAsync("副市长");
        await Expect(body.Locator("option:checked")).ToHaveTextAsync("政府");
        await Expect(org.Locator("option:checked")).ToContainTextAsync("演示市");
        await Expect(order).ToHaveValueAsync("13");
        await Expect(email).ToHaveValueAsync("qianxuewen@example.com");
        await Expect(phone).ToHaveValueAsync("12345");
        await page.ScreenshotAsync("clerk-leader-create-error");

        await phone.FillAsync("13900001234");
        await page.ClickAndNavigateAsync(save);

        await Expect(page).ToHaveURLAsync(browser.Url("/Leaders"));
        await Expect(page.Locator("main .status")).ToHaveTextAsync($"已新增“{Name}”。");
        var row = page.Locator("main table tbody tr").Filter(new() { HasText = Name });
        await Expect(row.Locator("td")).ToHaveTextAsync(["13", Name, "副市长", "政府", "演示市", "qianxuewen@example.com", "13900001234", "在用"]);
        await page.ScreenshotAsync("clerk-leaders-added");

        // Edit: change the title.
        await page.ClickAndNavigateAsync(row.GetByRole(AriaRole.Link, new() { Name = Name, Exact = true }));
        await Expect(page).ToHaveURLAsync(new Regex("/Leaders/Edit/\\d+$"));
        await Expect(page.Locator("main h1")).ToContainTextAsync("编辑领导");
        await Expect(page.Locator("main h1")).ToContainTextAsync(Name);
        await Expect(name).ToHaveValueAsync(Name);
        await Expect(phone).ToHaveValueAsync("13900001234");
        await title.FillAsync("副市长（兼）");
        await page.ClickAndNavigateAsync(save);

        await Expect(page).ToHaveURLAsync(browser.Url("/Leaders"));
        await Expect(page.Locator("main .status")).ToHaveTextAsync($"已保存“{Name}”。");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("副市长（兼）");

        // Deactivate: gone from the default list, shown (as deactivated) when asked for.
        await page.ClickAndNavigateAsync(row.GetByRole(AriaRole.Link, new() { Name = Name, Exact = true }));
        await page.ClickAndNavigateAsync(form.GetByRole(AriaRole.Button, new() { Name = "停用", Exact = true }));

        await Expect(page).ToHaveURLAsync(browser.Url("/Leaders"));
        await Expect(page.Locator("main .status")).ToHaveTextAsync($"“{Name}”已停用。以往的值班和案件记录仍保留其姓名。");
        await Expect(row).ToHaveCountAsync(0);

        await page.GetByLabel("显示已停用").CheckAsync();
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }));
        await Expect(row).ToHaveClassAsync("inactive");
        await Expect(row.Locator("td").Last).ToHaveTextAsync("已停用");
        await page.ScreenshotAsync("clerk-leaders-deactivated");

        await page.ClickAndNavigateAsync(row.GetByRole(AriaRole.Link, new() { Name = Name, Exact = true }));
        await Expect(page.Locator("main .status-warning")).ToHaveTextAsync("这名领导已停用，不再安排新的值班。");
        await Expect(form.GetByRole(AriaRole.Button, new() { Name = "启用", Exact = true })).ToBeVisibleAsync();
    }
}
