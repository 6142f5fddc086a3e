using Reception.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features;

/// <summary>The app on a phone (390×844): the navigation folds behind the menu button and nothing scrolls sideways.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ResponsiveTests(BrowserFixture browser)
{
    [Fact]
    public async Task Clerk_OnAPhone_OpensTheMenu_AndPagesFitTheScreenWidth()
    {
        await using var context = await browser.NewPhoneContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/Account/Login");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("登录");
        Assert.True(await page.FitsWidthAsync(), "The login page scrolls sideways on a phone.");
        await page.ScreenshotAsync("mobile-login");

        await page.SignInAsync(browser, "clerk");
        var menuButton = page.Locator("header").GetByText("☰ 菜单", new() { Exact = true });
        var nav = page.MainNav();

        // Home: the navigation is folded away until the menu button is pressed.
        await Expect(menuButton).ToBeVisibleAsync();
        await Expect(nav).ToBeHiddenAsync();
        Assert.True(await page.FitsWidthAsync(), "The home page scrolls sideways on a phone.");
        await page.ScreenshotAsync("mobile-home");

        await menuButton.TapAsync();
        await Expect(nav).ToBeVisibleAsync();
        await Expect(nav.Locator("a")).ToHaveTextAsync(["首页", "案件", "督办看板", "督办通知", "案件统计", "工作通报", "领导考核", "值班排班", "组织机构", "领导", "下访", "请假外出", "换班代班", "日历订阅", "值班登记", "统计报表"]);
        await Expect(page.HeaderButton("退出")).ToBeVisibleAsync();
        Assert.True(await page.FitsWidthAsync(), "The open menu makes the page scroll sideways.");
        await page.ScreenshotAsync("mobile-home-menu");

        // Leaders: the wide table becomes one card per leader, each value with its column's name; nothing scrolls sideways.
        await page.ClickAndNavigateAsync(page.NavLink("领导"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("领导");
        await Expect(nav).ToBeHiddenAsync();
        await Expect(page.Locator("main table.cards tbody tr")).Not.ToHaveCountAsync(0);
        Assert.True(await page.FitsWidthAsync(), "The leaders list scrolls sideways on a phone.");
        Assert.Equal("block", await page.Locator("main table.cards tbody tr").First.EvaluateAsync<string>("tr => getComputedStyle(tr).display"));
        var wrap = page.Locator("main .table-wrap");
        Assert.True(await wrap.EvaluateAsync<bool>("el => el.scrollWidth <= el.clientWidth + 1"), "The leaders cards are wider than the screen.");
        await page.ScreenshotAsync("mobile-leaders");

        await menuButton.TapAsync();
        await Expect(nav).ToBeVisibleAsync();
        await Expect(nav.Locator("a.active")).ToHaveTextAsync("领导");
        await page.ScreenshotAsync("mobile-leaders-menu");
    }

    /// <summary>
    /// Issue 15 item 17: on a 390-px phone every list is a column of cards — each row a card, each value labelled with its
    /// column's name, the header row out of sight — and neither the page nor the list scrolls sideways.
    /// </summary>
    [Theory]
    [InlineData("clerk", "/Cases")]
    [InlineData("clerk", "/Rotas")]
    [InlineData("clerk", "/Org")]
    [InlineData("clerk", "/Leaders")]
    [InlineData("unit", "/Queue")]
    [InlineData("leader01", "/MyCases")]
    [InlineData("security", "/Admin/Users")]
    [InlineData("auditor", "/Audit")]
    [InlineData("admin", "/Admin/JobRuns")]
    [InlineData("admin", "/Admin/Outbox")]
    public async Task OnAPhone_ListsAreCards_AndNothingScrollsSideways(string user, string path)
    {
        await using var context = await browser.NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(browser, user);
        await page.GotoAsync(path);

        var rows = page.Locator("main table.cards tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        Assert.True(await page.FitsWidthAsync(), $"{path} scrolls sideways on a phone.");
        var layout = await page.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('main table.cards')].flatMap(t => {
            const problems = [];
            const row = t.querySelector('tbody tr');
            if (!row) return problems;
            if (getComputedStyle(row).display !== 'block') problems.push('a row is not a card');
            const head = t.querySelector('thead');
            if (head && head.getBoundingClientRect().right > 0) problems.push('the header row is in sight');
            const frame = t.parentElement;
            if (frame.scrollWidth > frame.clientWidth + 1) problems.push('the list scrolls sideways');
            const labelled = [...row.querySelectorAll('td[data-label]')];
            if (labelled.length === 0) problems.push('no value is labelled');
            for (const td of labelled) {
                const before = getComputedStyle(td, '::before').content;
                if (td.dataset.label && (before === 'none' || before === 'normal')) problems.push('a value shows no label: ' + td.dataset.label);
            }
            return problems.map(p => (t.id || t.className) + ': ' + p);
        })");
        Assert.Empty(layout);
        var cards = page.Locator("main table.cards tbody tr");
        var box = await cards.First.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= PersonSteps.Phone.Width + 1, $"The first card ({box.X}+{box.Width}) is wider than the screen.");
        await page.ScreenshotAsync("mobile-cards-" + path.Trim('/').Replace('/', '-').ToLowerInvariant());
    }
}
