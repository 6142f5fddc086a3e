using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using Reception.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Cases;

/// <summary>The server at Monday 2026-11-23 09:00 Beijing time, with a clock the test can move.</summary>
public sealed class CaseworkAppServer() : AppServer(TestTime.AtChinaTime(2026, 11, 23));

/// <summary>
/// Casework as the people do it: the clerk registers a petition and assigns it (owning leader 张建国, handling unit
/// the demo unit handler's bureau); the unit handler starts, records progress; the leader finds it under 我的包案; when
/// the clock passes the 60-day deadline the supervisor's board shows it yellow; the handler's reply takes it off the board.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseWorkflowTests(BrowserFixture browser, CaseworkAppServer server) : IClassFixture<CaseworkAppServer>
{
    private const string Summary = "反映某建材公司拖欠工资三个月未付";

    [Fact]
    public async Task Clerk_Registers_AndAssigns_Handler_Progresses_Leader_SeesIt_Board_TurnsYellow_Reply_TakesItOff()
    {
        int leaderId, unitId;
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            leaderId = await db.Leaders.Where(l => l.Name == "张建国").Select(l => l.Id).SingleAsync();
            unitId = await db.Users.Where(u => u.UserName == "unit").Select(u => u.DepartmentId!.Value).SingleAsync();
        }

        // ---- The clerk registers the petition.
        await using var clerkContext = await server.NewContextAsync(browser);
        var clerk = await clerkContext.NewPageAsync();
        await server.SignInAsync(clerk, "clerk");
        await clerk.ClickAndNavigateAsync(clerk.NavLink("案件"));
        await clerk.ClickAndNavigateAsync(clerk.Locator("main").GetByRole(AriaRole.Link, new() { Name = "登记案件" }));
        await Expect(clerk.Locator("main h1")).ToHaveTextAsync("登记信访事项");
        await clerk.GetByLabel("信访形式").SelectOptionAsync(new SelectOptionValue { Label = "来访" });
        await Expect(clerk.GetByLabel("登记日期")).ToHaveValueAsync("2026-11-23");
        var petitioner = clerk.Locator("main fieldset").Filter(new() { HasText = "姓名" }).First;
        await petitioner.GetByLabel("姓名").FillAsync("王某某");
        await petitioner.GetByLabel("身份证号码").FillAsync("11010519491231002X");
        await petitioner.GetByLabel("电话").FillAsync("13812345678");
        await petitioner.GetByLabel("户籍地").FillAsync("青山镇松林村");
        await clerk.GetByLabel("类别").SelectOptionAsync(new SelectOptionValue { Label = "劳动社保" });
        await clerk.GetByLabel("摘要").FillAsync(Summary);
        await clerk.GetByLabel("信访内容").FillAsync("来访人称在某建材公司务工，三个月工资未发放，要求协调解决。");
        await clerk.ScreenshotAsync("clerk-register-case");
        await clerk.ClickAndNavigateAsync(clerk.Locator("main").GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }));

        await Expect(clerk).ToHaveURLAsync(new Regex(@"/Cases/Details/\d+$"));
        var heading = await clerk.Locator("main h1").InnerTextAsync();
        var number = Regex.Match(heading, @"demo-2026-\d{6}").Value;
        Assert.False(string.IsNullOrEmpty(number), heading);
        await Expect(clerk.Locator("main h1 [data-state]")).ToHaveTextAsync("登记");
        await Expect(clerk.Locator("main")).ToContainTextAsync("11010519491231002X"); // the clerk sees the full ID number
        var caseUrl = clerk.Url;

        // ---- Accept, then assign: owner 张建国, handling unit the handler's bureau.
        await clerk.ClickAndNavigateAsync(clerk.Locator("main").GetByRole(AriaRole.Button, new() { Name = "受理", Exact = true }));
        await Expect(clerk.Locator("main h1 [data-state]")).ToHaveTextAsync("受理");
        await clerk.ClickAndNavigateAsync(clerk.Locator("main").GetByRole(AriaRole.Link, new() { Name = "交办", Exact = true }));
        await clerk.GetByLabel("包案领导").SelectOptionAsync(leaderId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await clerk.GetByLabel("责任单位", new() { Exact = true }).SelectOptionAsync(unitId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await clerk.ClickAndNavigateAsync(clerk.Locator("main").GetByRole(AriaRole.Button, new() { Name = "交办", Exact = true }));
        await Expect(clerk).ToHaveURLAsync(caseUrl);
        await Expect(clerk.Locator("main h1 [data-state]")).ToHaveTextAsync("交办");
        await Expect(clerk.Locator("main")).ToContainTextAsync("张建国");

        // ---- The unit handler finds it in the unit's queue, starts and records progress.
        await using var unitContext = await server.NewContextAsync(browser);
        var unit = await unitContext.NewPageAsync();
        await server.SignInAsync(unit, "unit");
        await unit.ClickAndNavigateAsync(unit.NavLink("本单位案件"));
        await unit.ClickAndNavigateAsync(unit.Locator("main").GetByRole(AriaRole.Link, new() { Name = number }).First);
        await Expect(unit.Locator("main")).Not.ToContainTextAsync("11010519491231002X"); // masked for the unit
        await unit.ClickAndNavigateAsync(unit.Locator("main").GetByRole(AriaRole.Button, new() { Name = "开始办理", Exact = true }));
        await Expect(unit.Locator("main h1 [data-state]")).ToHaveTextAsync("办理中");
        await unit.GetByLabel("办理进展").FillAsync("已约谈用人单位负责人，责令十日内制定支付方案。");
        await unit.ClickAndNavigateAsync(unit.Locator("main").GetByRole(AriaRole.Button, new() { Name = "记录进展", Exact = true }));
        await Expect(unit.Locator("main")).ToContainTextAsync("已约谈用人单位负责人");

        // ---- The owning leader sees it under 我的包案.
        await using var leaderContext = await server.NewContextAsync(browser);
        var leader = await leaderContext.NewPageAsync();
        await server.SignInAsync(leader, "leader01");
        await leader.ClickAndNavigateAsync(leader.NavLink("我的包案"));
        await Expect(leader.Locator("main").GetByRole(AriaRole.Link, new() { Name = number })).ToHaveCountAsync(1);
        await leader.ScreenshotAsync("leader-my-cases");

        // ---- The clock passes the handling deadline (60 days from 2026-11-23 = 2027-01-22): the board shows it yellow.
        server.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 25, 9, 0, 0, TimeSpan.FromHours(8)));
        await using var supervisorContext = await server.NewContextAsync(browser);
        var supervisor = await supervisorContext.NewPageAsync();
        await server.SignInAsync(supervisor, "supervisor");
        await supervisor.ClickAndNavigateAsync(supervisor.NavLink("督办看板"));
        await supervisor.ClickAndNavigateAsync(supervisor.Locator("main").GetByRole(AriaRole.Button, new() { Name = "立即重新评色" }));
        var yellowOfUnit = supervisor.Locator($"main table.board-units tr[data-unit='{unitId}'] td[data-colour=Yellow] a");
        await Expect(yellowOfUnit).ToHaveCountAsync(1);
        await supervisor.ScreenshotAsync("supervisor-board");
        await supervisor.ClickAndNavigateAsync(yellowOfUnit);
        var row = supervisor.Locator("main table tbody tr").Filter(new() { HasText = number });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("[data-colour]")).ToHaveTextAsync("黄牌");

        // ---- The handler records the reply: no clock runs any more, so the case leaves the board.
        await server.SignInAsync(unit, "unit"); // two months later: the old sign-in has expired
        await unit.GotoAsync(caseUrl);
        await unit.GetByLabel("答复意见").FillAsync("经协调，用人单位已于本月底前结清拖欠工资。");
        await unit.ClickAndNavigateAsync(unit.Locator("main").GetByRole(AriaRole.Button, new() { Name = "记录答复", Exact = true }));
        await Expect(unit.Locator("main h1 [data-state]")).ToHaveTextAsync("答复");

        await supervisor.GotoAsync("/Board/Index");
        var yellowAfter = supervisor.Locator($"main table.board-units tr[data-unit='{unitId}'] td[data-colour=Yellow] a");
        if (await yellowAfter.CountAsync() == 1)
        {
            await supervisor.ClickAndNavigateAsync(yellowAfter);
            await Expect(supervisor.Locator("main table tbody tr").Filter(new() { HasText = number })).ToHaveCountAsync(0);
        }
    }
}
