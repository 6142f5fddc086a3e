using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using Reception.Web.Data;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Calendar.Feeds;

/// <summary>
/// A demo leader subscribes to their calendar (server clock 2026-09-15, September and October published): the tokens
/// page gives a webcal:// and a web link with a copy button and a QR code, once; the web link serves their duties.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FeedLinkTests(BrowserFixture browser, SeptemberAppServer server) : IClassFixture<SeptemberAppServer>
{
    [Fact]
    public async Task Leader_CreatesALink_SeesWebcalWebAndQr_AndTheLinkServesTheirDuties()
    {
        await using var context = await server.NewContextAsync(browser);
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = server.BaseAddress.ToString().TrimEnd('/') });
        await Axe.AddToAsync(context);
        var page = await context.NewPageAsync();
        await server.SignInAsync(page, "leader01");

        await page.ClickAndNavigateAsync(page.NavLink("日历订阅"));
        await Expect(page.Locator("main h1")).ToHaveTextAsync("日历订阅");
        await Expect(page.Locator("#mine-web")).ToHaveCountAsync(0);
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "创建订阅链接", Exact = true }));

        await Expect(page.Locator("main .status").First).ToHaveTextAsync("已创建订阅链接。");
        var webcal = page.GetByLabel("日历应用地址（webcal）").First;
        var web = page.GetByLabel("网址", new() { Exact = true }).First;
        await Expect(webcal).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^webcal://127\\.0\\.0\\.1:\\d+/calendar/u/[A-Za-z0-9_-]{43}\\.ics$"));
        var webUrl = await web.InputValueAsync();
        Assert.Equal("http" + (await webcal.InputValueAsync())["webcal".Length..], webUrl);
        await Expect(page.Locator("#new-link figure.feed-qr svg")).ToBeVisibleAsync();
        await Expect(page.Locator("#new-link figure.feed-qr [role=img]")).ToHaveAttributeAsync("aria-label", "订阅链接二维码");

        // The copy button puts the address on the clipboard.
        var copy = page.Locator("#new-link button[data-copy='mine-webcal']");
        await copy.ClickAsync();
        await Expect(copy).ToHaveTextAsync("已复制");
        Assert.Equal(await webcal.InputValueAsync(), await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await page.ScreenshotAsync("feeds-new-link");
        var violations = await Axe.ViolationsAsync(page);
        Assert.True(violations.Count == 0, "axe: " + string.Join("\n", violations));

        // What a calendar app fetching the web address gets: the leader's duties.
        var response = await context.APIRequest.GetAsync(webUrl);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/calendar", response.Headers["content-type"], StringComparison.Ordinal);
        var ics = Encoding.UTF8.GetString(await response.BodyAsync()).Replace("\r\n ", "", StringComparison.Ordinal);
        var duties = await DutiesOfAsync("leader01");
        Assert.NotEmpty(duties);
        foreach (var id in duties) Assert.Contains($"UID:duty-{id}@reception\r\n", ics, StringComparison.Ordinal);
        Assert.Equal(duties.Count, ics.Split("UID:duty-").Length - 1);
        Assert.Contains("SUMMARY:坐班接访：张建国（市委书记）", ics, StringComparison.Ordinal);

        // Shown once: back on the page, the link is gone; only renew and revoke remain.
        await page.ReloadAsync();
        await Expect(page.Locator("#mine-web")).ToHaveCountAsync(0);
        await Expect(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "更换链接", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "停用链接", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator(".feed-state")).ToContainTextAsync("最近使用"); // and the fetch above is recorded
        await Expect(page.Locator(".feed-state")).Not.ToContainTextAsync("尚未使用");
    }

    [Fact]
    public async Task OnAPhone_TheNewLinkAndItsQrCodeFitTheScreen()
    {
        await using var context = await server.NewContextAsync(browser, PersonSteps.Phone.Width, PersonSteps.Phone.Height, phone: true);
        var page = await context.NewPageAsync();
        await server.SignInAsync(page, "leader02");
        await page.GotoAsync("/Feeds");
        await page.ClickAndNavigateAsync(page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "创建订阅链接", Exact = true }));

        await Expect(page.Locator("#new-link figure.feed-qr svg")).ToBeVisibleAsync();
        var box = await page.Locator("#mine-webcal").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width > 200, $"The address field is {box.Width}px wide on a phone.");
        Assert.True(await page.FitsWidthAsync(), "The feeds page scrolls sideways on a phone.");
        await page.ScreenshotAsync("mobile-feeds-new-link");
    }

    /// <summary>The ids of a demo user's leader's duties in published months within the feed window (2026-08-16 … 2027-03-14).</summary>
    private async Task<List<int>> DutiesOfAsync(string userName)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var leader = await db.Users.Where(u => u.UserName == userName).Select(u => u.LeaderId).SingleAsync();
        var (first, last) = (new DateOnly(2026, 8, 16), new DateOnly(2027, 3, 14));
        return await db.DutyAssignments.Where(a => a.LeaderId == leader && a.RotaMonth!.PublishedNumber > 0 && a.Date >= first && a.Date <= last)
            .Select(a => a.Id).ToListAsync();
    }
}
