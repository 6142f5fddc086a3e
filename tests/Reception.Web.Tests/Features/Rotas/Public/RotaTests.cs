using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Rotas;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Features.Rotas.Public;

/// <summary>
/// The public rota page (/rota/{orgCode}): anyone may read it without signing in; it shows the
/// published versions of this and next month (clock: 2026-09-15) with version and last update,
/// never a draft, and no contact details of the leaders.
/// </summary>
public sealed partial class RotaTests(RotaDemoApp demo) : IClassFixture<RotaDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Anonymous_SeesThisAndNextMonthOfTheCity_WithVersionAndLastUpdate(DatabaseProvider provider)
    {
        await using var app = ReceptionFactory.Build().On(provider).WithClock(RotaDemoApp.NewClock()).Create();
        using var visitor = app.CreateAppClient();

        using var response = await visitor.GetAsync("/rota/demo");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // no login redirect
        var page = await AppClient.ParseAsync(response);
        Assert.Equal("演示市领导接访安排表", page.QuerySelector("main h1")!.TextContent.Trim());
        var sections = page.QuerySelectorAll("main section.rota-month");
        Assert.Equal(["2026-09", "2026-10"], sections.Select(s => s.GetAttribute("data-month")));
        foreach (var section in sections)
        {
            var month = section.GetAttribute("data-month");
            Assert.Equal((month == "2026-09" ? "2026年9月" : "2026年10月") + "：市领导坐班接访", section.QuerySelector("h2")!.TextContent.Trim());
            Assert.Contains("接待场所：市信访局群众来访接待大厅", section.TextContent);
            Assert.Contains("地址：演示市人民路 1 号", section.TextContent);
            Assert.Equal("第 1 版", section.QuerySelector(".version")!.TextContent.Trim());
            Assert.Equal("最后更新：2026-09-15 09:00", section.QuerySelector(".updated")!.TextContent.Trim());
        }
        // The published grid: National Day empty, the make-up days staffed, with names and titles.
        var october = sections[1];
        Assert.All(new[] { "2026-10-01", "2026-10-04", "2026-10-07" }, d => Assert.Null(october.QuerySelector($"td[data-date='{d}'] .slot")));
        Assert.NotNull(october.QuerySelector("td[data-date='2026-10-10'] .slot .who"));
        Assert.NotNull(sections[0].QuerySelector("td[data-date='2026-09-20'] .slot .who"));
        Assert.Equal(18, october.QuerySelectorAll(".slot").Length);
        Assert.Contains("张建国", october.TextContent);
        Assert.Contains("市委书记", october.TextContent);
        // Nothing to click for the public: no links into the office pages.
        Assert.Empty(page.QuerySelectorAll("main a[href^='/Rotas']"));
    }

    [Fact]
    public async Task ThisMonth_IsTheMonthInBeijing_NotInUtc()
    {
        // Seeded at 2026-09-15 (September and October published); then it is 2026-10-01 00:30 in
        // Beijing while UTC still says 2026-09-30: the page already shows October onwards.
        var clock = RotaDemoApp.NewClock();
        await using var app = ReceptionFactory.Build().WithClock(clock).Create();
        _ = app.Services;
        clock.SetUtcNow(new DateTimeOffset(2026, 9, 30, 16, 30, 0, TimeSpan.Zero));
        using var visitor = app.CreateAppClient();

        var page = await visitor.GetPageAsync("/rota/demo");

        Assert.Equal(["2026-10"], page.QuerySelectorAll("main section.rota-month").Select(s => s.GetAttribute("data-month")));
    }

    [Fact]
    public async Task PublicRota_ShowsNoPhoneNumbersOrEmailsOfTheLeaders()
    {
        using var visitor = App.CreateAppClient();
        var leaders = await App.WithDbAsync(db => db.Leaders.AsNoTracking().Where(l => l.Phone != null || l.Email != null).Select(l => new { l.Phone, l.Email }).ToListAsync());
        Assert.Equal(12, leaders.Count);

        using var response = await visitor.GetAsync("/rota/demo");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("1380000", html);
        Assert.DoesNotContain("@example.com", html);
        Assert.All(leaders, l =>
        {
            if (l.Phone is { } phone) Assert.DoesNotContain(phone, html);
            if (l.Email is { } email) Assert.DoesNotContain(email, html);
        });
        Assert.DoesNotMatch(MobileNumber(), html);
    }

    [Theory]
    [InlineData("/rota/nowhere")]
    [InlineData("/rota/demo-99")]
    public async Task UnknownOrgCode_Answers404(string url)
    {
        using var visitor = App.CreateAppClient();

        using var response = await visitor.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OrgCode_IsReadCaseInsensitively()
    {
        using var visitor = App.CreateAppClient();

        var page = await visitor.GetPageAsync("/rota/DEMO");

        Assert.Equal("演示市领导接访安排表", page.QuerySelector("main h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task ATownship_HasItsOwnPage_WithItsMainLeadersOnMondayAndFriday()
    {
        using var visitor = App.CreateAppClient();

        var page = await visitor.GetPageAsync("/rota/qingshan");

        Assert.Equal("青山镇领导接访安排表", page.QuerySelector("main h1")!.TextContent.Trim());
        var october = page.QuerySelector("main section.rota-month[data-month='2026-10']")!;
        Assert.Contains("青山镇领导接访", october.QuerySelector("h2")!.TextContent);
        Assert.Contains("刘海峰", october.QuerySelector("td[data-date='2026-10-12']")!.TextContent); // Monday
        Assert.Contains("陈国强", october.QuerySelector("td[data-date='2026-10-16']")!.TextContent); // Friday
        Assert.DoesNotContain("市领导坐班接访", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task AUnitWithNothingPublished_SaysSo()
    {
        using var visitor = App.CreateAppClient();

        var page = await visitor.GetPageAsync("/rota/baihe");

        Assert.Equal("本月及以后尚未发布值班表。", page.QuerySelector("main .status-warning")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("main section.rota-month"));
    }

    [Fact]
    public async Task ADraftMonth_IsNotShown()
    {
        var name = PageTesting.Unique("草稿规则");
        var rule = await App.CreateRuleAsync(name, RotaPattern.Rotation, [await App.LeaderIdAsync("张建国"), await App.LeaderIdAsync("吴建平")]);
        using var clerk = await App.LoginAsync("clerk");
        using (var saved = await clerk.OpenAndSubmitAsync(RotaTesting.GenerateUrl(rule, "2026-10")))
            await saved.AssertRedirectToAsync(RotaTesting.MonthUrl(rule, "2026-10"));
        Assert.Equal(Reception.Core.Rotas.Model.RotaStatus.Draft, (await App.RotaAsync(rule, "2026-10"))!.Status);
        using var visitor = App.CreateAppClient();

        var page = await visitor.GetPageAsync("/rota/demo");

        Assert.DoesNotContain(name, page.Body!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("main section.rota-month").Length);
    }

    [Fact]
    public async Task TheEnglishInterface_IsOfferedToo()
    {
        using var visitor = App.CreateAppClient();
        visitor.UseCulture("en");

        var page = await visitor.GetPageAsync("/rota/demo");

        Assert.Contains("Version 1", page.QuerySelector("main section.rota-month .version")!.TextContent);
    }

    /// <summary>A Chinese mobile number anywhere in the page.</summary>
    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex MobileNumber();
}
