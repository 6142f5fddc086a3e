using Microsoft.EntityFrameworkCore;
using Reception.Web.Tests.Features.Rotas.Duty;
using Reception.Web.Tests.Features.Rotas.Swaps;

namespace Reception.Web.Tests.Features.Rotas;

/// <summary>
/// What a published rota shows and what a change publishes (issue 15 items 7, 8, 9, 17): an approved swap publishes only
/// itself, a closed session shows as closed everywhere, the public page lists every published month from this one on with
/// a phone list and the feed's QR code for print, and a leader's 我的值班. Clock: 2026-09-15.
/// </summary>
public sealed class PublishedRotaTests(DutyApp demo) : IClassFixture<DutyApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task ApprovingASwap_PublishesOnlyTheSwap_OtherEditsOfTheMonthStayDrafts()
    {
        var leaders = await App.LeadersAsync(3);
        var (a, b, c) = (leaders[0], leaders[1], leaders[2]);
        var rota = await App.RotaAsync([a, b, c], [("2026-09-21", 0, a), ("2026-09-22", 0, b), ("2026-09-23", 0, c)]);
        var september = rota.MonthIds[DutyFixture.D("2026-09-01")];
        using var clerk = await App.LoginAsync("clerk");
        // A hand edit not yet published: C's 09-23 given to A.
        using (var edited = await clerk.OpenAndSubmitAsync(RotaTesting.SlotUrl(rota.RuleId, "2026-09", "2026-09-23"), new Dictionary<string, string> { ["LeaderId"] = a.Id.ToString() }))
            await edited.AssertRedirectToAsync(RotaTesting.MonthUrl(rota.RuleId, "2026-09"));

        using var leaderA = await App.LoginAsync(a.UserName);
        var form = await leaderA.GetPageAsync($"/Swaps/Create?assignment={rota.Slot("2026-09-21")}");
        var id = await SwapFlowTestsBase.SwapIdAsync(await leaderA.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "Cover",
            ["Input.CounterpartLeaderId"] = b.Id.ToString(),
        }));
        var detail = await clerk.GetPageAsync($"/Swaps/Detail/{id}");
        Assert.Contains("只发布本次换班", detail.QuerySelector("#other-drafts")!.TextContent);
        await (await clerk.SubmitAsync(detail, button: SwapFlowTestsBase.Handler("Approve"))).AssertRedirectToAsync($"/Swaps/Detail/{id}");

        var month = await App.RotaMonthAsync(september);
        Assert.Equal((2, true), (month.PublishedNumber, month.HasUnpublishedChanges));
        var published = await App.LatestVersionAsync(september);
        Assert.Equal(b.Name, published.Duties.Single(d => d.Date == DutyFixture.D("2026-09-21")).LeaderName); // the swap
        Assert.Equal(c.Name, published.Duties.Single(d => d.Date == DutyFixture.D("2026-09-23")).LeaderName); // the draft is not public
        Assert.Equal(a.Id, (await App.AssignmentAsync(rota.Slot("2026-09-23"))).LeaderId); // …and still in the working copy
    }

    [Fact]
    public async Task AClosedSession_IsShownAsClosed_OnTheGridThePreviewThePublicPageAndTheFeed_NeverAsAGap()
    {
        var leaders = await App.LeadersAsync(2);
        var rota = await App.RotaAsync(leaders, [("2026-09-24", 0, leaders[0]), ("2026-09-25", 0, leaders[1])]);
        using var clerk = await App.LoginAsync("clerk");
        using (var closed = await clerk.OpenAndSubmitAsync(RotaTesting.SlotUrl(rota.RuleId, "2026-09", "2026-09-24"), button: "button[formaction*='handler=CancelDuty']"))
            await closed.AssertRedirectToAsync(RotaTesting.MonthUrl(rota.RuleId, "2026-09"));
        var month = await clerk.GetPageAsync(RotaTesting.MonthUrl(rota.RuleId, "2026-09"));
        Assert.Equal("本时段不安排值班", month.Day("2026-09-24").QuerySelector(".slot.closed")!.TextContent.Trim());

        var preview = await clerk.GetPageAsync(RotaTesting.GenerateUrl(rota.RuleId, "2026-09"));
        Assert.NotNull(preview.Day("2026-09-24").QuerySelector(".slot.closed"));
        Assert.Contains("1 个已设为", preview.QuerySelector("#closed-kept")!.TextContent);
        Assert.DoesNotContain(preview.Warnings(), w => w.Text.Contains("2026-09-24"));

        using (var published = await clerk.SubmitAsync(month, form: "form[action*='handler=Publish']"))
            await published.AssertRedirectToAsync(RotaTesting.MonthUrl(rota.RuleId, "2026-09"));
        using var visitor = App.CreateAppClient();
        var section = PublishTests.PublicSection(await visitor.GetPageAsync("/rota/demo"), "2026-09", rota.RuleName)!;
        Assert.Equal("本时段不安排值班", section.QuerySelector("td[data-date='2026-09-24'] .slot.closed")!.TextContent.Trim());
        Assert.Contains("本时段不安排值班", section.QuerySelector(".rota-day-list li[data-date='2026-09-24']")!.TextContent);
        var feed = await (await visitor.GetAsync("/calendar/demo.ics")).Content.ReadAsStringAsync();
        Assert.Contains("SUMMARY:本时段不安排值班", feed);
    }

    [Fact]
    public async Task PublicPage_ShowsEveryPublishedMonthFromThisOneOn_InChinese_WithTodayTheNextReceptionAndTheFeedsQrForPrint()
    {
        var leaders = await App.LeadersAsync(1);
        var rota = await App.RotaAsync(leaders, [("2026-08-31", 0, leaders[0]), ("2026-09-16", 0, leaders[0]), ("2026-12-01", 0, leaders[0])]);
        using var visitor = App.CreateAppClient();

        var page = await visitor.GetPageAsync("/rota/demo");

        var headings = page.QuerySelectorAll("section.rota-month h2").Select(h => h.TextContent.Trim()).Where(t => t.EndsWith(rota.RuleName, StringComparison.Ordinal)).ToList();
        Assert.Equal(["2026年9月：" + rota.RuleName, "2026年12月：" + rota.RuleName], headings); // August is past
        Assert.StartsWith("今天：9月15日", page.QuerySelector("#public-today h2")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#public-today .next-reception"));
        Assert.NotNull(page.QuerySelector("section.rota-month .print-feed .qr svg"));
        Assert.Null(page.QuerySelector("header .menu-button"));
        Assert.Null(page.QuerySelector("header .brand small"));
        Assert.Null(page.QuerySelector("header nav"));
    }

    [Fact]
    public async Task MyDuties_ListsALeadersComingDutiesWithASwapAction_AndIsInTheirMenu()
    {
        var leaders = await App.LeadersAsync(2);
        var rota = await App.RotaAsync(leaders, [("2026-09-10", 0, leaders[0]), ("2026-09-28", 0, leaders[0]), ("2026-09-29", 0, leaders[1])]);
        using var leader = await App.LoginAsync(leaders[0].UserName);

        var page = await leader.GetPageAsync("/Rotas/Mine");

        Assert.NotNull(page.QuerySelector("header nav a[href='/Rotas/Mine']"));
        Assert.Equal("我的值班", page.QuerySelector("main h1")!.TextContent.Trim());
        var rows = page.QuerySelectorAll("#my-duties tbody tr").Where(r => r.TextContent.Contains(rota.RuleName)).ToList();
        Assert.Equal(["2026-09-28"], rows.Select(r => r.GetAttribute("data-date")));
        Assert.Equal($"/Swaps/Create?assignment={rota.Slot("2026-09-28")}", rows[0].QuerySelector("a.btn")!.GetAttribute("href"));
    }
}
