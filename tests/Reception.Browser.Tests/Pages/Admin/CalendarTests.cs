using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Pages.Admin;

/// <summary>The admin reads the holiday calendar: a published year with its holidays and make-up days, then an unknown year.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CalendarTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_Sees2026Holidays_AndMakeUpDays_And2027IsFlaggedUnknown()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(browser, "admin");

        await page.ClickAndNavigateAsync(page.NavLink("节假日日历"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync(new Regex("^节假日日历 \\d{4}$"));
        // The shipped arrangement covers 2026; open it whatever year it is now.
        await page.GotoAsync("/Admin/Calendar?year=2026");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("节假日日历 2026");
        await Expect(page.Locator("main [role=alert]")).ToHaveCountAsync(0);

        var nationalDay = Day(page, "2026-10-01");
        await Expect(nationalDay).ToHaveAttributeAsync("data-kind", "Holiday");
        await Expect(nationalDay).ToHaveAccessibleNameAsync(new Regex("2026-10-01.*国庆节.*放假"));
        await Expect(nationalDay.Locator("xpath=..")).ToHaveClassAsync("holiday");
        await Expect(nationalDay).ToHaveTextAsync(new Regex("^1 "));  // the visible day, then the hidden label for screen readers

        var makeUp = Day(page, "2026-10-10");
        await Expect(makeUp).ToHaveAttributeAsync("data-kind", "MakeUpWorkday");
        await Expect(makeUp).ToHaveAccessibleNameAsync(new Regex("2026-10-10.*国庆节.*调休上班"));
        await Expect(makeUp.Locator("xpath=..")).ToHaveClassAsync("makeup");

        await Expect(Day(page, "2026-10-11")).ToHaveAttributeAsync("data-kind", "Weekend");
        await Expect(Day(page, "2026-10-09")).ToHaveAttributeAsync("data-kind", "Workday");
        await page.ScreenshotAsync("admin-calendar-2026");

        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "2027 →", Exact = true }));
        await Expect(page).ToHaveURLAsync(browser.Url("/Admin/Calendar?year=2027"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("节假日日历 2027");
        var warning = page.Locator("main [role=alert]");
        await Expect(warning).ToHaveClassAsync(new Regex("\\bstatus-warning\\b"));
        await Expect(warning).ToContainTextAsync("尚未载入 2027 年的法定节假日安排。");
        await Expect(Day(page, "2027-10-01")).Not.ToHaveAttributeAsync("data-kind", "Holiday");
        await page.ScreenshotAsync("admin-calendar-2027");
    }

    private static ILocator Day(IPage page, string date) => page.Locator($"main a[data-date='{date}']");
}
