using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using Reception.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Rotas;

/// <summary>
/// A published duty stops holding (clock: 2026-09-15; October is published): the leader on duty on 2026-10-21 records a
/// trip on their phone — sees the unread count and 我的值班 without hunting, and is warned that the day is a duty — then
/// the clerk finds it on the home agenda, opens the month, reads who the owed-duty ledger offers, and repairs it in one
/// click; the public page shows the substitute.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RotaRepairFlowTests(BrowserFixture browser, SeptemberAppServer server) : IClassFixture<SeptemberAppServer>
{
    private const string Rule = "市领导坐班接访";
    private const string Day = "2026-10-21";

    [Fact]
    public async Task LeaderRecordsATripOverTheirDuty_OnAPhone_ThenTheClerkRepairsItFromTheAgendaInOneClick()
    {
        var (leaderAccount, leaderName) = await OnDutyAsync();

        // The leader, on a phone.
        await using (var phone = await server.NewContextAsync(browser, PersonSteps.Phone.Width, PersonSteps.Phone.Height, phone: true))
        {
            var page = await phone.NewPageAsync();
            await server.SignInAsync(page, leaderAccount);
            await Expect(page.Locator("header > a.bell")).ToBeVisibleAsync(); // the unread count without opening the menu
            await Expect(page.Locator("header nav")).ToBeHiddenAsync();
            await page.Locator("header .menu-button").ClickAsync();
            await page.ClickAndNavigateAsync(page.NavLink("我的值班"));
            await Expect(page.Locator("main h1")).ToHaveTextAsync("我的值班");
            var duty = page.Locator($"#my-duties tr[data-date='{Day}']");
            await Expect(duty.GetByRole(AriaRole.Link, new() { Name = "申请换班或代班" })).ToBeVisibleAsync();
            Assert.True(await page.FitsWidthAsync(), "我的值班 scrolls sideways on a phone.");
            await page.ScreenshotAsync("leader-my-duties-phone");

            await page.GotoAsync("/Unavailability/Create");
            await page.GetByLabel("开始日期").FillAsync(Day);
            await page.GetByLabel("结束日期").FillAsync(Day);
            await page.GetByLabel("事由").SelectOptionAsync(new SelectOptionValue { Label = "出差" });
            await page.ClickAndNavigateAsync(page.Locator("main form").GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }));
            await Expect(page.Locator("main .status-warning")).ToContainTextAsync($"{leaderName} 在已发布的值班表中于 {Day}");
        }

        // The clerk, at a desk.
        await using var desk = await server.NewContextAsync(browser);
        var clerk = await desk.NewPageAsync();
        await server.SignInAsync(clerk, "clerk");
        var agenda = clerk.Locator("li[data-agenda='rota-problems']");
        await Expect(agenda).ToHaveClassAsync("agenda-danger");
        await clerk.ClickAndNavigateAsync(agenda.Locator("a"));
        await Expect(clerk.Locator("main h1")).ToContainTextAsync(Rule);
        var issue = clerk.Locator($"#rota-issues li[data-date='{Day}']");
        await Expect(issue).ToContainTextAsync($"{leaderName} 不在岗（出差）");
        await Expect(clerk.Locator($"td[data-date='{Day}'] .mark")).ToBeVisibleAsync();
        var offered = (await issue.Locator(".proposal").InnerTextAsync()).Trim();
        Assert.StartsWith("→ ", offered);
        var substitute = offered[2..offered.IndexOf('（', StringComparison.Ordinal)];
        await clerk.ScreenshotAsync("clerk-rota-repair");

        await clerk.ClickAndNavigateAsync(clerk.GetByRole(AriaRole.Button, new() { Name = "按欠班台账重排这些时段并发布" }));
        await Expect(clerk.Locator("main .status").First).ToContainTextAsync("并发布为第 2 版");
        await Expect(clerk.Locator("#rota-issues")).ToHaveCountAsync(0);
        await Expect(clerk.Locator($"td[data-date='{Day}'] .slot")).ToContainTextAsync(substitute);

        var visitor = await desk.NewPageAsync();
        await desk.ClearCookiesAsync();
        await visitor.GotoAsync("/rota/demo");
        var october = visitor.Locator("main section.rota-month[data-month='2026-10']");
        await Expect(october.Locator(".version")).ToHaveTextAsync("第 2 版");
        await Expect(october.Locator($"td[data-date='{Day}']")).ToContainTextAsync(substitute);
    }

    /// <summary>The account and name of the leader the published October rota has on duty on <see cref="Day"/>.</summary>
    private async Task<(string Account, string Name)> OnDutyAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var date = DateOnly.Parse(Day, System.Globalization.CultureInfo.InvariantCulture);
        var leaderId = await db.DutyAssignments.Where(a => a.RotaMonth!.DutyRule!.Name == Rule && a.Date == date && a.SessionIndex == 0)
            .Select(a => a.LeaderId).SingleAsync();
        var account = await db.Users.Where(u => u.LeaderId == leaderId).Select(u => u.UserName!).SingleAsync();
        var name = await db.Leaders.Where(l => l.Id == leaderId).Select(l => l.Name).SingleAsync();
        return (account, name);
    }
}
