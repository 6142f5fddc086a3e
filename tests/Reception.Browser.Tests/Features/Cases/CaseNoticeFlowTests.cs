using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using Reception.Core.Cases;
using Reception.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Cases;

/// <summary>
/// Notices that reach whoever must act (issue 15 items 10 and 14), clicked through: the clerk 交办s an accepted case to
/// 人社局 with 住建局 (no handler account) co-handling and is warned about 住建局; the 人社局 handler sees the unread count,
/// opens the notice and lands on the case; the owning leader records a 批示, which the clerk and the handler are told of
/// and which heads the case page. Nobody is told of their own action.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseNoticeFlowTests(BrowserFixture browser, CaseworkAppServer server) : IClassFixture<CaseworkAppServer>
{
    private const string Instruction = "请人社局十日内拿出解决方案，并向信访人当面答复";

    [Fact]
    public async Task Assign_NotifiesTheUnitsHandlers_WarnsOfAnUnstaffedUnit_AndALeadersInstructionReachesClerkAndHandler_AtTheTopOfTheCase()
    {
        int caseId, leaderId, rsj, zjj;
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            caseId = await db.Cases.Where(c => c.State == CaseState.Accepted).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            leaderId = await db.Leaders.Where(l => l.Name == "张建国").Select(l => l.Id).SingleAsync();
            rsj = await db.Users.Where(u => u.UserName == "unit").Select(u => u.DepartmentId!.Value).SingleAsync();
            zjj = await db.OrgUnits.Where(o => o.Code == "zjj").Select(o => o.Id).SingleAsync();
        }
        var caseUrl = server.Url($"/Cases/Details/{caseId}");

        // ---- The clerk 交办s it: 人社局 handles, 住建局 (no handler account) co-handles.
        await using var clerkContext = await server.NewContextAsync(browser);
        var clerk = await clerkContext.NewPageAsync();
        await server.SignInAsync(clerk, "clerk");
        await clerk.GotoAsync(caseUrl);
        var number = Regex.Match(await clerk.Locator("main h1").InnerTextAsync(), @"demo-\d{4}-\d{6}").Value;
        Assert.False(string.IsNullOrEmpty(number));
        await clerk.ClickAndNavigateAsync(clerk.Locator("main").GetByRole(AriaRole.Link, new() { Name = "交办", Exact = true }));
        await clerk.GetByLabel("包案领导").SelectOptionAsync(leaderId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await clerk.GetByLabel("责任单位", new() { Exact = true }).SelectOptionAsync(rsj.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await clerk.Locator($"main input[name='Input.CoHandlingUnitIds'][value='{zjj}']").CheckAsync();
        await clerk.ClickAndNavigateAsync(clerk.Locator("main form").GetByRole(AriaRole.Button, new() { Name = "交办", Exact = true }));
        await Expect(clerk).ToHaveURLAsync(caseUrl);
        await Expect(clerk.Locator("main .status-warning[role=status]")).ToContainTextAsync("注意：住房和城乡建设局没有启用的责任单位经办人账号");
        await clerk.ScreenshotAsync("clerk-assign-unstaffed-unit");

        // ---- The 人社局 handler: the unread count, the notice, the case.
        await using var unitContext = await server.NewContextAsync(browser);
        var unit = await unitContext.NewPageAsync();
        await server.SignInAsync(unit, "unit");
        await Expect(unit.Locator("header a.bell [data-unread]")).ToBeVisibleAsync();
        await unit.ClickAndNavigateAsync(unit.Locator("header a.bell"));
        var assigned = unit.Locator("main ul.notifications li").Filter(new() { HasText = $"案件 {number} 已交办你单位" });
        await Expect(assigned).ToHaveCountAsync(1);
        await Expect(assigned).ToContainTextAsync("作为办理责任单位");
        await unit.ClickAndNavigateAsync(assigned.GetByRole(AriaRole.Button));
        await Expect(unit).ToHaveURLAsync(caseUrl);

        // ---- The owning leader records a 批示.
        await using var leaderContext = await server.NewContextAsync(browser);
        var leader = await leaderContext.NewPageAsync();
        await server.SignInAsync(leader, "leader01");
        await leader.GotoAsync(caseUrl);
        await leader.GetByLabel("批示内容").FillAsync(Instruction);
        await leader.ClickAndNavigateAsync(leader.Locator("main").GetByRole(AriaRole.Button, new() { Name = "记录批示", Exact = true }));
        await Expect(leader.Locator("main .status[role=status]")).ToContainTextAsync("批示已记录。");
        await Expect(leader.Locator("main [data-section=instructions] [data-instruction]")).ToContainTextAsync(Instruction);

        // ---- The clerk is told and finds it heading the case page.
        await clerk.GotoAsync("/Notifications");
        var told = clerk.Locator("main ul.notifications li").Filter(new() { HasText = $"案件 {number} 有领导批示" });
        await Expect(told).ToHaveCountAsync(1);
        await Expect(told).ToContainTextAsync(Instruction);
        await clerk.ClickAndNavigateAsync(told.GetByRole(AriaRole.Button));
        await Expect(clerk).ToHaveURLAsync(caseUrl);
        var instructions = clerk.Locator("main [data-section=instructions]");
        await Expect(instructions).ToContainTextAsync(Instruction);
        await Expect(instructions).ToContainTextAsync("张建国");
        Assert.True(await clerk.EvaluateAsync<bool>(
            "() => !!(document.querySelector('main [data-section=instructions]').compareDocumentPosition(document.getElementById('intake-title')) & Node.DOCUMENT_POSITION_FOLLOWING)"),
            "The instructions do not head the case page (before its intake).");
        await clerk.ScreenshotAsync("clerk-case-instruction-on-top");

        // ---- And the handler.
        await unit.GotoAsync("/Notifications");
        await Expect(unit.Locator("main ul.notifications li").Filter(new() { HasText = $"案件 {number} 有领导批示" })).ToHaveCountAsync(1);

        // ---- Nobody about their own action: not the leader about the 批示, not the clerk about the 交办.
        await leader.GotoAsync("/Notifications");
        await Expect(leader.Locator("main").GetByText($"案件 {number} 有领导批示")).ToHaveCountAsync(0);
        await clerk.GotoAsync("/Notifications");
        await Expect(clerk.Locator("main").GetByText($"案件 {number} 已交办你单位")).ToHaveCountAsync(0);
        using var check = server.Services.CreateScope();
        var store = check.ServiceProvider.GetRequiredService<AppDbContext>();
        var leaderUser = await store.Users.Where(u => u.UserName == "leader01").Select(u => u.Id).SingleAsync();
        Assert.False(await store.Notifications.AnyAsync(n => n.UserId == leaderUser && n.Kind == "instruction"), "The leader was told of their own instruction.");
    }
}
