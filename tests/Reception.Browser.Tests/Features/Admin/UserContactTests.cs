using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Admin;

/// <summary>
/// Issue 15 item 14 in Chromium: the security administrator gives an account its mobile number. A number that is neither a
/// mainland mobile nor a landline with its area code is refused in Chinese next to the field, with what was typed kept;
/// a landline with its area code is saved in one form and shown in the user list. The demo's numbers are placeholders.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UserContactTests(BrowserFixture browser)
{
    [Fact]
    public async Task SecurityAdmin_SetsAUsersMobile_AnInvalidOneIsRefusedNextToTheField_AndTheTypedValueKept()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(browser, "security");
        await page.GotoAsync("/Admin/Users?q=supervisor");
        var row = page.Locator("#users tr[data-user='supervisor']");
        await Expect(row.Locator("[data-field=mobile]")).ToHaveTextAsync("13900000005"); // the demo's placeholder
        await page.ClickAndNavigateAsync(row.GetByRole(AriaRole.Link, new() { Name = "supervisor", Exact = true }));

        var mobile = page.GetByLabel("手机号码");
        await Expect(mobile).ToHaveValueAsync("13900000005");
        await Expect(page.GetByLabel("电子邮箱")).ToHaveValueAsync("supervisor@demo.reception.invalid");
        await mobile.FillAsync("1380013800");
        await page.ClickAndNavigateAsync(page.Locator("main form").First.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }));

        var field = page.Locator("main .field").Filter(new() { Has = page.Locator("input[name='Input.PhoneNumber']") });
        await Expect(field.Locator(".field-validation-error")).ToHaveTextAsync("请填写大陆手机号（13–19 开头的 11 位数字）或带区号的固定电话，如 010-12345678。");
        await Expect(mobile).ToHaveValueAsync("1380013800");
        await page.ScreenshotAsync("security-user-mobile-invalid");

        await mobile.FillAsync("(0571) 8765 4321");
        await page.ClickAndNavigateAsync(page.Locator("main form").First.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }));
        await Expect(page.Locator("main .status").First).ToContainTextAsync("已保存账号 supervisor。");
        await page.GotoAsync("/Admin/Users?q=supervisor");
        await Expect(page.Locator("#users tr[data-user='supervisor'] [data-field=mobile]")).ToHaveTextAsync("0571-87654321");

        // Back to the placeholder, so the shared demo stays as seeded.
        await page.GotoAsync("/Admin/Users?q=supervisor");
        await page.ClickAndNavigateAsync(page.Locator("#users tr[data-user='supervisor']").GetByRole(AriaRole.Link, new() { Name = "supervisor", Exact = true }));
        await page.GetByLabel("手机号码").FillAsync("13900000005");
        await page.ClickAndNavigateAsync(page.Locator("main form").First.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }));
        await Expect(page.Locator("main .status").First).ToContainTextAsync("已保存账号 supervisor。");
    }
}
