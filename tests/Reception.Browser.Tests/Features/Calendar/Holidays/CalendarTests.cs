using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Calendar.Holidays;

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
        // Its statutory days are off already, drawn as provisional; the days only the notice can add are not guessed.
        var nationalDay2027 = Day(page, "2027-10-01");
        await Expect(nationalDay2027).ToHaveAttributeAsync("data-kind", "Holiday");
        await Expect(nationalDay2027).ToHaveAttributeAsync("data-provisional", "true");
        await Expect(nationalDay2027).ToHaveAccessibleNameAsync(new Regex("2027-10-01.*国庆节.*暂定"));
        await Expect(nationalDay2027.Locator("xpath=..")).ToHaveClassAsync("holiday provisional");
        await Expect(Day(page, "2027-10-04")).ToHaveAttributeAsync("data-kind", "Workday");
        await page.ScreenshotAsync("admin-calendar-2027");
    }

    [Fact]
    public async Task Admin_PastesNextYearsNotice_ReadsThePreview_AndSavesIt()
    {
        await using var server = new NoticeAppServer();
        await server.InitializeAsync();
        await using var context = await server.NewContextAsync(browser);
        var page = await context.NewPageAsync();
        await server.SignInAsync(page, "admin");

        await page.GotoAsync("/Admin/Calendar?year=2027");
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "粘贴国务院通知", Exact = true }));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("粘贴国务院通知");

        // A first try with the title left out: refused next to the field, the text kept.
        var items = string.Join("\n", Example2027.Split('\n').Skip(3));
        await page.GetByLabel("通知全文").FillAsync(items);
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "识别并预览", Exact = true }));
        await Expect(page.Locator("main span[data-valmsg-for=Text]")).ToHaveTextAsync("找不到通知的年份：请连同标题（国务院办公厅关于YYYY年部分节假日安排的通知）一起粘贴。");
        await Expect(page.GetByLabel("通知全文")).ToHaveValueAsync(items);

        await page.GetByLabel("通知全文").FillAsync(Example2027);
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "识别并预览", Exact = true }));
        await Expect(page.Locator("#preview-title")).ToHaveTextAsync("预览：按通知安排的 2027 年");
        var change = page.Locator("table.changes tr[data-date='2027-02-09'] td");
        await Expect(change).ToHaveTextAsync(["2027-02-09 星期二", "工作日", "节假日：春节"]);
        await Expect(page.Locator(".notice-preview span[data-date='2027-02-09']")).ToHaveAttributeAsync("data-changed", "true");
        await page.ScreenshotAsync("admin-notice-preview-2027");

        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "保存 2027 年的安排", Exact = true }));
        await Expect(page).ToHaveURLAsync(server.Url("/Admin/Calendar?year=2027"));
        await Expect(page.Locator("main .status")).ToHaveTextAsync("已保存国务院公布的 2027 年安排：28 个放假日，5 个调休上班日。");
        await Expect(page.Locator("main .status-warning")).ToHaveCountAsync(0);
        await Expect(Day(page, "2027-02-09")).ToHaveAttributeAsync("data-kind", "Holiday");
        await Expect(Day(page, "2027-02-09")).ToHaveAttributeAsync("data-provisional", "false");
        await Expect(Day(page, "2027-02-20")).ToHaveAttributeAsync("data-kind", "MakeUpWorkday");
    }

    /// <summary>
    /// A 2027 notice written for this test in the wording of the 2025 and 2026 notices — not the real one. Its dates are
    /// consistent (weekdays, lunar days, counts, the statutory days of 2027).
    /// </summary>
    internal const string Example2027 = """
        国务院办公厅关于2027年部分节假日安排的通知
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
        一、元旦：1月1日（周五）至3日（周日）放假，共3天。
        二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。2月20日（周六）上班。
        三、清明节：4月3日（周六）至5日（周一）放假，共3天。
        四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
        五、端午节：6月9日（周三）放假，不调休。
        六、中秋节：9月15日（周三）放假，不调休。
        七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
        国务院办公厅
        2026年11月20日
        """;

    private static ILocator Day(IPage page, string date) => page.Locator($"main a[data-date='{date}']");
}

/// <summary>The server at 2026-11-20 09:00 Beijing time, when next year's notice comes out.</summary>
public sealed class NoticeAppServer() : AppServer(TestTime.AtChinaTime(2026, 11, 20));
