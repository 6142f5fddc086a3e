using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Reception.Browser.Tests.Infrastructure;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Demo;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Account;

/// <summary>Issue 16 in Chromium: enrolling an authenticator and signing in with a second factor; the auditor reading what another account just did.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Person_EnrolsAnAuthenticator_ThenSignsInWithPasswordAndRecoveryCode()
    {
        var userName = await CreateClerkAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(browser, userName);

        await page.ClickAndNavigateAsync(page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "双因素登录", Exact = true }));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("双因素登录");
        await Expect(page.Locator("#not-required")).ToBeVisibleAsync(); // the demo says it does not require it
        await Expect(page.Locator(".qr svg")).ToBeVisibleAsync();
        var key = (await page.Locator("#shared-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        // The app under test runs on the real clock: the code is the one a phone would show now.
        await page.GetByLabel("应用中的验证码").FillAsync(new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow));
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "开启双因素登录" }));
        await Expect(page.Locator("#status-on")).ToBeVisibleAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        var recovery = (await page.Locator("#recovery-codes code").First.TextContentAsync())!;
        await page.ScreenshotAsync("two-factor-enrolled");

        await page.ClickAndNavigateAsync(page.HeaderButton("退出"));
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(DemoData.Password);
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/LoginWith2fa"));
        await page.GetByLabel("验证码", new() { Exact = true }).FillAsync(recovery);
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }));

        await Expect(page).ToHaveURLAsync(browser.Url("/"));
        await Expect(page.Locator("header .who")).ToContainTextAsync("双因素测试");
    }

    [Fact]
    public async Task Auditor_ReadsWhatTheSupervisorJustDid()
    {
        var caseId = await CaseWithPersonalDataAsync();
        await using (var supervisorContext = await browser.NewContextAsync())
        {
            var supervisor = await supervisorContext.NewPageAsync();
            await supervisor.SignInAsync(browser, "supervisor");
            await supervisor.GotoAsync($"/Cases/Details/{caseId}");
        }

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(browser, "auditor");
        await page.ClickAndNavigateAsync(page.NavLink("审计日志"));
        await page.Locator("#audit-filter input[name=user]").FillAsync("supervisor");
        await page.Locator("#audit-filter select[name=action]").SelectOptionAsync(new SelectOptionValue { Label = "查看个人信息" });
        await page.ClickAndNavigateAsync(page.Locator("#audit-filter").GetByRole(AriaRole.Button, new() { Name = "查询" }));

        var row = page.Locator("#audit-records tbody tr").First;
        await Expect(row).ToContainTextAsync("supervisor");
        await Expect(row).ToContainTextAsync("督查专员");
        await Expect(row).ToContainTextAsync("查看个人信息");
        await Expect(row).ToContainTextAsync("case:");
        await page.ScreenshotAsync("audit-log-auditor");

        // The supervisor's sign-in a moment ago, filtered by the action, and the filtered list exported as CSV.
        await page.Locator("#audit-filter select[name=action]").SelectOptionAsync(new SelectOptionValue { Label = "登录" });
        await page.ClickAndNavigateAsync(page.Locator("#audit-filter").GetByRole(AriaRole.Button, new() { Name = "查询" }));
        var signIn = page.Locator("#audit-records tbody tr").First;
        await Expect(signIn).ToContainTextAsync("supervisor");
        await Expect(signIn).ToContainTextAsync("登录");
        await Expect(page.Locator("#audit-records tbody tr[data-action]:not([data-action='sign-in'])")).ToHaveCountAsync(0);
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "导出 CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("supervisor", csv, StringComparison.Ordinal);
        Assert.Contains("登录", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("查看个人信息", csv, StringComparison.Ordinal); // the filter applies to the file

        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "校验哈希链" }));
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "立即校验" }));
        await Expect(page.Locator("#verify-result")).ToHaveAttributeAsync("data-intact", "true");
    }

    private async Task<string> CreateClerkAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = new AppUser
        {
            UserName = "totp-" + Guid.NewGuid().ToString("N")[..6],
            DisplayName = "双因素测试",
            OrgUnitId = await db.OrgUnits.Where(o => o.Code == DemoData.CityCode).Select(o => o.Id).SingleAsync(),
        };
        Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Clerk)).Succeeded);
        return user.UserName;
    }

    private async Task<int> CaseWithPersonalDataAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Cases.Where(c => c.Petitioners.Any(p => p.IdentityNumber != null)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
    }
}
