using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features;

/// <summary>
/// Each demo role, as a person would use the app: sign in, read the greeting, follow every link the
/// header offers, switch the language and back, sign out. Also what each role must not be offered.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoleTourTests(BrowserFixture browser)
{
    private sealed record DemoRole(string DisplayName, string RoleName, string[] Nav, string[] NavEnglish);

    private static readonly string[] AllNavZh =
        ["首页", "案件", "我的包案", "本单位案件", "督办看板", "督办通知", "案件统计", "工作通报", "领导考核", "值班排班", "组织机构", "领导", "下访", "请假外出", "换班代班", "日历订阅", "值班登记", "统计报表", "用户", "审计日志", "节假日日历", "案件设置", "定时任务", "任务运行记录", "邮件发件箱"];

    private static readonly Dictionary<string, DemoRole> DemoRoles = new()
    {
        ["admin"] = new("周明（信息中心）", "系统管理员", ["首页", "值班排班", "组织机构", "领导", "下访", "请假外出", "换班代班", "值班登记", "统计报表", "节假日日历", "案件设置", "定时任务", "任务运行记录", "邮件发件箱"],
            ["Home", "Duty rota", "Organisation", "Leaders", "Visits", "Leave, travel and meetings", "Swaps and cover", "Duty record", "Reports", "Holiday calendar", "Case settings", "Scheduled jobs", "Job runs", "Mail outbox"]),
        // 三员分立: accounts are the security administrator's, the audit log the auditor's.
        ["security"] = new("林芳（安全管理员）", "安全管理员", ["首页", "用户"], ["Home", "Users"]),
        ["auditor"] = new("高宁（审计管理员）", "审计管理员", ["首页", "审计日志"], ["Home", "Audit log"]),
        ["clerk"] = new("王秀兰（信访局）", "信访办工作人员", ["首页", "案件", "督办看板", "督办通知", "案件统计", "工作通报", "领导考核", "值班排班", "组织机构", "领导", "下访", "请假外出", "换班代班", "日历订阅", "值班登记", "统计报表"],
            ["Home", "Cases", "Supervision board", "Supervision notices", "Case metrics", "Periodic reports", "Leaders' assessment", "Duty rota", "Organisation", "Leaders", "Visits", "Leave, travel and meetings", "Swaps and cover", "Calendar feeds", "Duty record", "Reports"]),
        ["supervisor"] = new("郑国华（督查室）", "督查专员", ["首页", "案件", "督办看板", "督办通知", "案件统计", "工作通报", "领导考核", "值班排班", "组织机构", "领导", "下访", "请假外出", "日历订阅", "值班登记", "统计报表"],
            ["Home", "Cases", "Supervision board", "Supervision notices", "Case metrics", "Periodic reports", "Leaders' assessment", "Duty rota", "Organisation", "Leaders", "Visits", "Leave, travel and meetings", "Calendar feeds", "Duty record", "Reports"]),
        ["unit"] = new("马俊（人社局）", "责任单位经办人", ["首页", "本单位案件", "督办通知"], ["Home", "Our unit's cases", "Supervision notices"]),
        ["leader01"] = new("张建国", "领导", ["首页", "我的值班", "我的包案", "案件统计", "工作通报", "领导考核", "下访", "请假外出", "换班代班", "日历订阅"], ["Home", "My duties", "My cases", "Case metrics", "Periodic reports", "Leaders' assessment", "Visits", "Leave, travel and meetings", "Swaps and cover", "Calendar feeds"]),
    };

    [Theory]
    [InlineData("admin")]
    [InlineData("security")]
    [InlineData("auditor")]
    [InlineData("clerk")]
    [InlineData("supervisor")]
    [InlineData("unit")]
    [InlineData("leader01")]
    public async Task Role_SignsIn_FollowsEveryNavigationLink_SwitchesLanguage_AndSignsOut(string user)
    {
        var role = DemoRoles[user];
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(browser, user);

        // The home page greets them by name and states their role in Chinese.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("main h1")).ToHaveTextAsync($"{role.DisplayName}，您好");
        await Expect(page.Locator("main h1 + p")).ToContainTextAsync(role.RoleName);
        await Expect(page.Locator("header .who")).ToContainTextAsync(role.RoleName);

        // The header offers exactly the pages the role may use, in this order.
        await Expect(page.MainNav().Locator("a")).ToHaveTextAsync(role.Nav);

        var links = await page.NavLinksAsync();
        Assert.Equal(role.Nav, links.Select(l => l.Text));
        foreach (var (text, href) in links)
        {
            var response = await page.ClickAndNavigateAsync(page.NavLink(text));
            Assert.True(response.Status == 200, $"{user}: {text} ({href}) answered {response.Status}.");
            if (href == "/Reports/Assessment" && role.Nav.Contains("我的包案"))
                await Expect(page).ToHaveURLAsync(new Regex("^" + Regex.Escape(browser.Url(href)) + @"/\d+\?period=")); // a leader is taken to their own sheet
            else
                await Expect(page).ToHaveURLAsync(browser.Url(href));
            if (href == "/Admin/Jobs")
            {
                // The Hangfire Dashboard: its own pages, in Chinese, with a way back into the app.
                await Expect(page).ToHaveTitleAsync(new Regex("仪表盘"));
                await Expect(page.Locator("a[href='/Admin/JobRuns']").First).ToBeVisibleAsync();
                await page.ScreenshotAsync($"{user}-{PageName(href)}");
                await page.GoBackAsync();
                continue;
            }
            await Expect(page.Locator("main h1")).ToHaveTextAsync(HeadingFor(href, role, text));
            await Expect(page).ToHaveTitleAsync(new Regex("^" + Regex.Escape(text) + " "));
            await Expect(page.MainNav().Locator("a.active")).ToHaveTextAsync(text);
            await page.ScreenshotAsync($"{user}-{PageName(href)}");
        }

        // English and back, with the header button; the choice is stored on the account.
        await page.ClickAndNavigateAsync(page.NavLink("首页"));
        await page.HeaderButton("English").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.MainNav().Locator("a")).ToHaveTextAsync(role.NavEnglish);
        await Expect(page.Locator("main h1")).ToHaveTextAsync($"Welcome, {role.DisplayName}");
        await page.ScreenshotAsync($"{user}-home-en");

        await page.HeaderButton("中文").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.MainNav().Locator("a")).ToHaveTextAsync(role.Nav);

        // Sign out with the header button: back on the login page, and really signed out.
        await page.HeaderButton("退出").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login$"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("登录");
        await Expect(page.Locator("main .status")).ToHaveTextAsync("您已退出登录。");
        await Expect(page.MainNav().Locator("a")).ToHaveCountAsync(0);
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl=%2F$"));
    }

    [Theory]
    [InlineData("leader01", "/Admin/Users")]
    [InlineData("admin", "/Admin/Users")]
    [InlineData("admin", "/Audit")]
    [InlineData("auditor", "/Admin/Users")]
    [InlineData("security", "/Audit")]
    [InlineData("leader01", "/Leaders")]
    [InlineData("clerk", "/Admin/Calendar")]
    [InlineData("clerk", "/Admin/Users")]
    [InlineData("unit", "/Org")]
    [InlineData("supervisor", "/Leaders/Create")]
    public async Task Role_IsNotOfferedOtherPages_AndTypingTheirAddressShowsTheChineseNoAccessPage(string user, string address)
    {
        var role = DemoRoles[user];
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(browser, user);

        foreach (var label in AllNavZh.Except(role.Nav))
            await Expect(page.NavLink(label)).ToHaveCountAsync(0);
        // Nor on the home page's "what you can do here" cards.
        foreach (var label in AllNavZh.Except(role.Nav))
            await Expect(page.Locator("main .cards").GetByText(label, new() { Exact = true })).ToHaveCountAsync(0);

        var response = await page.GotoAsync(address);
        Assert.NotNull(response);
        Assert.Equal(403, response.Status);
        await Expect(page).ToHaveURLAsync(browser.Url(address));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("无权访问 (403)");
        await Expect(page.Locator("main")).ToContainTextAsync("您无权访问此页面。如确有需要，请联系系统管理员。");
        await Expect(page).ToHaveTitleAsync(new Regex("^无权访问"));
        // Still signed in, with a way back.
        await Expect(page.Locator("header .who")).ToContainTextAsync(role.DisplayName);
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "返回首页" }));
        await Expect(page.Locator("main h1")).ToHaveTextAsync($"{role.DisplayName}，您好");

        if (user == "leader01" && address == "/Admin/Users")
        {
            await page.GotoAsync(address);
            await page.ScreenshotAsync("leader01-no-access");
        }
    }

    [Fact]
    public async Task Supervisor_SeesLeadersAndOrganisation_WithoutEditingButtons()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(browser, "supervisor");

        await page.ClickAndNavigateAsync(page.NavLink("领导"));
        await Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(21); // 12 city leaders and the two demo townships' 9
        await Expect(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "新增领导" })).ToHaveCountAsync(0);
        await Expect(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "从 CSV 导入" })).ToHaveCountAsync(0);
        await Expect(page.Locator("main table tbody a")).ToHaveCountAsync(0);

        await page.ClickAndNavigateAsync(page.NavLink("组织机构"));
        await Expect(page.Locator("main h1")).ToContainTextAsync("演示市");
        await Expect(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "编辑本单位" })).ToHaveCountAsync(0);
    }

    /// <summary>What each main page's heading reads; by default it starts with the navigation label.</summary>
    private static Regex HeadingFor(string href, DemoRole role, string label) => href switch
    {
        "/" => new Regex("^" + Regex.Escape($"{role.DisplayName}，您好") + "$"),
        "/Org" => new Regex("^演示市"),
        "/Leaders" => new Regex("^领导$"),
        "/Admin/Users" => new Regex("^用户$"),
        "/Admin/Calendar" => new Regex("^节假日日历 \\d{4}$"),
        _ => new Regex("^" + Regex.Escape(label)),
    };

    private static string PageName(string href) => href == "/" ? "home" : href.TrimEnd('/').Split('/')[^1].ToLowerInvariant();
}
