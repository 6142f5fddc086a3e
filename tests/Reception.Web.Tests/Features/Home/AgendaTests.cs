using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Rotas.Model;
using Reception.Web.Authorization;
using Reception.Web.Features.Home;
using Reception.Web.Tests.Features.Rotas;
using Reception.Web.Tests.Features.Visits;

namespace Reception.Web.Tests.Features.Home;

/// <summary>
/// The home page's agenda: each count agrees with the list its link opens (the same scope), a township clerk counts the
/// township only, a leader sees their own next duty and visit, and an administrator has no agenda.
/// Demo app at 2026-09-15 09:00 (a Tuesday; September and October published).
/// </summary>
public sealed class AgendaTests(RotaDemoApp demo) : IClassFixture<RotaDemoApp>
{
    private ReceptionFactory App => demo.App;
    private static readonly DateOnly Today = new(2026, 9, 15);

    [Fact]
    public async Task Clerk_CountsAgreeWithTheListsTheyOpen_AndTodaysDutiesAreNamed()
    {
        using var clerk = await App.LoginAsync("clerk");
        var home = await clerk.GetPageAsync("/");

        foreach (var (key, link) in new[] { (HomeAgenda.Red, "/Cases?open=true&colour=Red"), (HomeAgenda.Yellow, "/Cases?open=true&colour=Yellow"),
                     (HomeAgenda.ToAccept, "/Cases?state=Registered"), (HomeAgenda.ToAssign, "/Cases?state=Accepted") })
        {
            var (count, href) = Line(home, key);
            Assert.Equal(link, href);
            Assert.Equal(count, await ListTotalAsync(clerk, href!));
        }
        // The demo city is the clerk's whole tree: the counts are the database's.
        var red = await App.WithDbAsync(db => db.Cases.CountAsync(c => c.Colour == SupervisionColour.Red));
        Assert.True(red > 0);
        Assert.Equal(red, Line(home, HomeAgenda.Red).Count);
        Assert.Equal(await App.WithDbAsync(db => db.Cases.CountAsync(c => c.State == CaseState.Accepted)), Line(home, HomeAgenda.ToAssign).Count);

        // Today's duties, from the published rotas, in order of the session's start.
        var onDuty = await App.WithDbAsync(db => (from a in db.DutyAssignments
                                                  join m in db.RotaMonths on a.RotaMonthId equals m.Id
                                                  join l in db.Leaders on a.LeaderId equals l.Id
                                                  where a.Date == Today && !a.IsCancelled && m.PublishedNumber > 0
                                                  select l.Name).ToListAsync());
        Assert.NotEmpty(onDuty);
        var duty = Value(home, HomeAgenda.DutyToday);
        Assert.Contains(duty.Split('、')[0].Split('（')[0], onDuty);
        if (onDuty.Count > HomeAgenda.NamesShown) Assert.Contains($"另有 {onDuty.Count - HomeAgenda.NamesShown} 人", duty, StringComparison.Ordinal);

        // Past duties of September without a record: the demo records none, so every published one before today counts.
        var unrecorded = await App.WithDbAsync(db => (from a in db.DutyAssignments
                                                      join m in db.RotaMonths on a.RotaMonthId equals m.Id
                                                      where a.Date >= new DateOnly(2026, 9, 1) && a.Date < Today && !a.IsCancelled
                                                            && m.PublishedNumber > 0 && a.RecordedAtUtc == null
                                                      select a.Id).CountAsync());
        Assert.Equal((unrecorded, "/Duty?open=true"), Line(home, HomeAgenda.Unrecorded));
        Assert.Equal("/Swaps?show=approval", Line(home, HomeAgenda.SwapsToApprove).Href);
    }

    [Fact]
    public async Task TownshipClerk_CountsTheTownshipOnly()
    {
        var name = PageTesting.Unique("qsclerk");
        await App.CreateUserAsync(name, Roles.Clerk, orgUnitId: await App.OrgIdAsync("qingshan"));
        using var township = await App.LoginAsync(name);
        using var city = await App.LoginAsync("clerk");

        var mine = await township.GetPageAsync("/");
        var all = await city.GetPageAsync("/");

        foreach (var key in new[] { HomeAgenda.Red, HomeAgenda.Yellow, HomeAgenda.ToAssign })
        {
            var (count, href) = Line(mine, key);
            Assert.Equal(count, await ListTotalAsync(township, href!));
            Assert.True(count < Line(all, key).Count, $"{key}: the township counts {count}, the city {Line(all, key).Count}");
        }
    }

    [Fact]
    public async Task Leader_SeesTheirNextDutyAndVisit_AndCaseCountsOpenMyCases()
    {
        var leaderId = await App.LeaderOfUserAsync("leader03");
        await App.AddVisitAsync(leaderId, Today.AddDays(3)); // at least one planned visit ahead
        using var leader = await App.LoginAsync("leader03");

        var home = await leader.GetPageAsync("/");

        var next = await App.WithDbAsync(db => (from a in db.DutyAssignments
                                                join m in db.RotaMonths on a.RotaMonthId equals m.Id
                                                join r in db.DutyRules on m.DutyRuleId equals r.Id
                                                where a.LeaderId == leaderId && a.Date >= Today && !a.IsCancelled && m.PublishedNumber > 0
                                                orderby a.Date
                                                select new { a.Date, r.Name }).FirstAsync());
        var duty = Value(home, HomeAgenda.NextDuty);
        Assert.Contains($"{next.Date.Month}月{next.Date.Day}日", duty, StringComparison.Ordinal);
        Assert.Contains(next.Name, duty, StringComparison.Ordinal);
        var firstVisit = await App.WithDbAsync(db => db.Visits.Where(v => v.LeaderId == leaderId && v.Date >= Today && v.Status == VisitStatus.Planned)
            .OrderBy(v => v.Date).ThenBy(v => v.Id).Select(v => v.Id).FirstAsync());
        Assert.Equal($"/Visits/Details/{firstVisit}", Line(home, HomeAgenda.NextVisit).Href);
        Assert.Equal("/MyCases", Line(home, HomeAgenda.Red).Href);
        Assert.Equal("/Swaps?show=forme", Line(home, HomeAgenda.SwapsForMe).Href);
        // Nothing a leader cannot open.
        Assert.Null(home.QuerySelector($"[data-agenda='{HomeAgenda.ToAssign}']"));
        Assert.Null(home.QuerySelector($"[data-agenda='{HomeAgenda.DutyToday}']"));
    }

    [Fact]
    public async Task UnitHandler_CaseCountsOpenTheQueue_AndAdministrator_HasNoAgenda()
    {
        using var unit = await App.LoginAsync("unit");
        Assert.Equal("/Queue", Line(await unit.GetPageAsync("/"), HomeAgenda.Yellow).Href);
        using var admin = await App.LoginAsync("admin");
        Assert.Null((await admin.GetPageAsync("/")).QuerySelector("[data-agenda]"));
    }

    private static (int? Count, string? Href) Line(IDocument page, string key)
    {
        var li = page.QuerySelector($"[data-agenda='{key}']") ?? throw new Xunit.Sdk.XunitException($"No agenda line {key}.");
        var value = li.QuerySelector(".agenda-value")!.TextContent.Trim();
        return (int.TryParse(value, out var n) ? n : null, li.QuerySelector("a.agenda-value")?.GetAttribute("href"));
    }

    private static string Value(IDocument page, string key) =>
        (page.QuerySelector($"[data-agenda='{key}'] .agenda-value") ?? throw new Xunit.Sdk.XunitException($"No agenda line {key}.")).TextContent.Trim();

    /// <summary>The total the case list shows for a link (0 when it says there are none).</summary>
    private static async Task<int> ListTotalAsync(AppClient client, string href)
    {
        var list = await client.GetPageAsync(href);
        if (list.QuerySelector("[data-empty='cases']") is not null) return 0;
        return int.Parse(list.QuerySelector("[data-total]")!.GetAttribute("data-total")!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
