using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using Reception.Core.Rotas;
using Reception.Web.Data;
using static Microsoft.Playwright.Assertions;
using UnavailabilityEntity = Reception.Core.Rotas.Model.Unavailability;

namespace Reception.Browser.Tests.Features.Rotas;

/// <summary>
/// A clerk (clock: 2026-12-10) opens 值班排班, generates next month (2027-01) for the city rule, reads
/// the preview's warnings (2027's holidays are not loaded; a leader on duty has since taken leave),
/// saves, moves that duty to someone else, and publishes version 2; an anonymous visitor then sees
/// version 2 on /rota/demo.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RotaWorkflowTests(BrowserFixture browser, DecemberAppServer server) : IClassFixture<DecemberAppServer>
{
    private const string Rule = "市领导坐班接访";
    private const string Day = "2027-01-06";

    [Fact]
    public async Task Clerk_GeneratesNextMonth_ReadsTheWarnings_Saves_FixesADay_Publishes_AndTheVisitorSeesVersion2()
    {
        // Arrangement: the leader the published January rota has on duty on 2027-01-06 has since taken leave that day.
        var (awayName, replacementName) = await ArrangeLeaveAsync();

        await using var context = await server.NewContextAsync(browser);
        var page = await context.NewPageAsync();
        await server.SignInAsync(page, "clerk");

        // 值班排班: the city rule, next month's column.
        await page.ClickAndNavigateAsync(page.NavLink("值班排班"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("值班排班");
        await Expect(page.Locator("main table.grid").First.Locator("thead th")).ToContainTextAsync(["2026-12", "2027-01"]);
        var row = page.Locator("main table.grid").First.Locator("tbody tr").Filter(new() { HasText = Rule });
        await Expect(row).ToHaveCountAsync(1);
        await page.ScreenshotAsync("clerk-rotas-index");
        await page.ClickAndNavigateAsync(row.Locator("td").Nth(6).GetByRole(AriaRole.Link));
        await Expect(page.Locator("main h1")).ToHaveTextAsync($"{Rule} · 2027-01");
        await Expect(page.Locator("main p.muted").First).ToContainTextAsync("已发布第 1 版");
        await Expect(page.Locator("main .status-warning")).ToHaveTextAsync("尚未载入 2027 年的法定节假日安排；法定节假日暂按放假计算，调休安排尚不确定。");

        // Generate again → the preview and its warnings.
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "重新生成", Exact = true }));
        await Expect(page.Locator("main h1")).ToHaveTextAsync($"预览：{Rule} · 2027-01");
        var warnings = page.Locator("#warnings");
        await Expect(warnings).ToHaveAttributeAsync("role", "alert");
        await Expect(warnings.Locator("p")).ToHaveTextAsync("共 2 条提示，请在保存前阅读：");
        var unknownYear = warnings.Locator("li[data-kind=UnknownHolidayYear]");
        await Expect(unknownYear.Locator(".badge")).ToHaveTextAsync("节假日未载入");
        await Expect(unknownYear).ToContainTextAsync("2027");
        var conflict = warnings.Locator("li[data-kind=Conflict]");
        await Expect(conflict.Locator(".badge")).ToHaveTextAsync("冲突");
        await Expect(conflict).ToContainTextAsync(awayName);
        await Expect(conflict).ToContainTextAsync(Day);
        await Expect(page.Locator($"td[data-date='{Day}'] .slot.kept")).ToContainTextAsync(awayName);
        await page.ScreenshotAsync("clerk-rota-preview-warnings");

        await page.ClickAndNavigateAsync(page.Locator("main form").GetByRole(AriaRole.Button, new() { Name = "保存到工作稿", Exact = true }));
        await Expect(page.Locator("main h1")).ToHaveTextAsync($"{Rule} · 2027-01");
        await Expect(page.Locator("main .status").First).ToHaveTextAsync("已保存。新的值班安排在工作稿中，发布后才会公开。");
        // The published slots were all kept, so regenerating changed nothing that needs publishing.
        await Expect(page.Locator("main p.muted .badge-off")).ToHaveCountAsync(0);

        // The leave: give that day to someone else by hand.
        await page.ClickAndNavigateAsync(page.Locator($"td[data-date='{Day}'] .slot a"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync($"调整值班：{Day} 星期三 全天");
        var away = page.Locator("main fieldset label").Filter(new() { HasText = awayName });
        await Expect(away.Locator(".badge-off")).ToHaveTextAsync("请假");
        await Expect(away.Locator("input")).ToBeDisabledAsync();
        await page.Locator("main fieldset label").Filter(new() { HasText = replacementName }).Locator("input").CheckAsync();
        await page.ClickAndNavigateAsync(page.Locator("main form").GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }));
        await Expect(page.Locator("main .status").First).ToHaveTextAsync($"{Day} 全天：由{replacementName}值班。");
        await Expect(page.Locator($"td[data-date='{Day}'] .slot.kept a")).ToHaveTextAsync(replacementName);
        await Expect(page.Locator("main p.muted .badge-off")).ToHaveTextAsync("有未发布的修改");

        // Publish version 2: 2027's arrangement is not published yet, so the risk is named and must be confirmed.
        await Expect(page.Locator("#publish-risk p")).ToContainTextAsync("2027 年的节假日安排尚未发布");
        await page.Locator("#publish-risk").GetByLabel("我已了解风险，仍然发布").CheckAsync();
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "发布第 2 版", Exact = true }));
        await Expect(page.Locator("main .status").First).ToHaveTextAsync("已发布第 2 版。公开页面已更新，并已通知相关领导。");
        await Expect(page.Locator("main p.muted").First).ToContainTextAsync("已发布第 2 版");
        await Expect(page.Locator("main p.muted .badge-off")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("clerk-rota-published-v2");

        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "版本记录", Exact = true }));
        var v2 = page.Locator("main section#v2");
        await Expect(v2.Locator("h2")).ToContainTextAsync("第 2 版");
        await Expect(v2.Locator("tbody tr td")).ToHaveTextAsync([Day, "全天", awayName, replacementName]);
        await page.ScreenshotAsync("clerk-rota-versions");

        // An anonymous visitor sees version 2 with the new leader.
        await using var visitorContext = await server.NewContextAsync(browser);
        var visitor = await visitorContext.NewPageAsync();
        var response = await visitor.GotoAsync("/rota/demo");
        Assert.Equal(200, response!.Status);
        await Expect(visitor).ToHaveURLAsync(server.Url("/rota/demo"));
        await Expect(visitor.Locator("main h1")).ToHaveTextAsync("演示市领导接访安排表");
        var january = visitor.Locator("main section.rota-month[data-month='2027-01']");
        await Expect(january.Locator(".version")).ToHaveTextAsync("第 2 版");
        await Expect(january.Locator(".updated")).ToHaveTextAsync(new Regex("^最后更新：2026-12-10 \\d\\d:\\d\\d$"));
        await Expect(january.Locator($"td[data-date='{Day}']")).ToContainTextAsync(replacementName);
        await Expect(january.Locator($"td[data-date='{Day}']")).Not.ToContainTextAsync(awayName);
        await Expect(visitor.Locator("main section.rota-month[data-month='2026-12'] .version")).ToHaveTextAsync("第 1 版");
        await visitor.ScreenshotAsync("public-rota-version-2");
    }

    /// <summary>Records leave on <see cref="Day"/> for the leader on duty that day; returns them and a colleague free that day.</summary>
    private async Task<(string Away, string Replacement)> ArrangeLeaveAsync()
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var date = DateOnly.Parse(Day, System.Globalization.CultureInfo.InvariantCulture);
        var duty = await db.DutyAssignments.Include(a => a.RotaMonth).ThenInclude(m => m!.DutyRule)
            .SingleAsync(a => a.RotaMonth!.DutyRule!.Name == Rule && a.Date == date && a.SessionIndex == 0);
        var clerk = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync();
        db.Unavailabilities.Add(new UnavailabilityEntity(duty.LeaderId, date, date, UnavailabilityReason.Leave, "年休假", clerk, DateTime.UtcNow));
        await db.SaveChangesAsync();
        var members = duty.RotaMonth!.DutyRule!.Id;
        var rule = await db.DutyRules.Include(r => r.Members).SingleAsync(r => r.Id == members);
        var busy = await db.Visits.Where(v => v.Date == date).Select(v => v.LeaderId)
            .Concat(db.Unavailabilities.Where(u => u.From <= date && u.To >= date).Select(u => u.LeaderId)).ToListAsync();
        var ids = rule.Members.Select(m => m.LeaderId).ToList();
        var names = await db.Leaders.Where(l => ids.Contains(l.Id)).OrderBy(l => l.RotationOrder)
            .Select(l => new { l.Id, l.Name }).ToListAsync();
        return (names.Single(n => n.Id == duty.LeaderId).Name, names.First(n => n.Id != duty.LeaderId && !busy.Contains(n.Id)).Name);
    }
}
