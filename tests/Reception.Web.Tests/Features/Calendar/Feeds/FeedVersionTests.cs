using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Core.Rotas.Model;
using Reception.Web.Data;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Rotas;
using Reception.Web.Features.Rotas.Swaps;
using Reception.Web.Tests.Features.Notifications;
using Reception.Web.Tests.Features.Rotas;
using Reception.Web.Tests.Features.Visits;

namespace Reception.Web.Tests.Features.Calendar.Feeds;

/// <summary>
/// A demo app at 2026-09-15 (September and October published, version 1) whose feed links are made once per user (a user
/// has one link of each kind). It keeps no rendered bodies, so every full request renders from the database: a feed found
/// "unchanged" has the same bytes as before, not just the same cached copy. (FeedWindowTests has two instances with the cache.)
/// </summary>
public sealed class FeedVersionApp() : AppFixture(app => app.WithClock(RotaDemoApp.NewClock()).Setting("Reception:Feeds:BodyCacheMegabytes", "0"))
{
    private readonly ConcurrentDictionary<string, Task<string>> _links = new();

    public Task<string> LinkAsync(string userName) => _links.GetOrAdd(userName, u => App.CreateLinkAsync(u));
}

/// <summary>
/// No feed stays stale. For each kind of change a feed shows, a client holding the feed's ETag gets the changed feed, with
/// a new ETag and the change in its events, and then 304 again; a feed the change does not touch keeps answering 304 and
/// renders to the same bytes. The changes go through the services and domain methods the pages use, saved with the app's
/// own DbContext.
/// </summary>
public sealed class FeedVersionTests(FeedVersionApp fixture) : IClassFixture<FeedVersionApp>
{
    private const string PublicPath = "/calendar/demo.ics";

    private ReceptionFactory App => fixture.App;
    private FakeTimeProvider Clock => fixture.Clock;

    [Fact]
    public async Task ASlotGivenToAnotherLeader_ReachesBothLeadersAndTheOffice_AndThePublicFeedWhenPublished()
    {
        var rule = await App.CityRuleIdAsync();
        var day = new DateOnly(2026, 9, 24);
        var duty = (await App.AssignmentAsync(rule, day))!;
        var (from, to) = (duty.LeaderId, await OtherCityLeaderAsync(duty.LeaderId));
        var (fromLink, toLink, office) = (await PersonalLinkAsync(from), await PersonalLinkAsync(to), await fixture.LinkAsync("clerk"));
        var uid = $"duty-{duty.Id}@reception";
        var before = new[] { await GetAsync(fromLink), await GetAsync(toLink), await GetAsync(office), await GetAsync(PublicPath) };
        Assert.Contains(before[0].Events, e => e.Uid == uid);
        Assert.DoesNotContain(before[1].Events, e => e.Uid == uid);

        Clock.Advance(TimeSpan.FromHours(1));
        await WithAsync<RotaPlanner>(async (db, planner) =>
            await planner.SetSlotAsync(await db.RotaMonths.SingleAsync(m => m.Id == duty.RotaMonthId), day, 0, to));

        var toName = await App.LeaderNameAsync(to);
        Assert.DoesNotContain((await AssertChangedAsync(fromLink, before[0])).Events, e => e.Uid == uid);
        var gained = Assert.Single((await AssertChangedAsync(toLink, before[1])).Events, e => e.Uid == uid);
        Assert.Contains(toName, gained.Summary, StringComparison.Ordinal);
        Assert.Contains(toName, (await AssertChangedAsync(office, before[2])).Events.Single(e => e.Uid == uid).Summary, StringComparison.Ordinal);
        // The public feed shows published versions only.
        await AssertUnchangedAsync(PublicPath, before[3]);

        var after = new[] { await GetAsync(fromLink), await GetAsync(toLink), await GetAsync(office) };
        Clock.Advance(TimeSpan.FromHours(1));
        await WithAsync<RotaPlanner>(async (db, planner) =>
            await planner.PublishAsync(await db.RotaMonths.SingleAsync(m => m.Id == duty.RotaMonthId), "测试"));

        var slot = $"duty-{duty.RotaMonthId}-{day:yyyyMMdd}-0@reception";
        Assert.Contains(toName, (await AssertChangedAsync(PublicPath, before[3])).Events.Single(e => e.Uid == slot).Summary, StringComparison.Ordinal);
        // A second version changes nothing the personal and office feeds show: they keep their tags.
        foreach (var (link, served) in new[] { fromLink, toLink, office }.Zip(after)) await AssertUnchangedAsync(link, served);
    }

    [Fact]
    public async Task ASwapDoneByAClerk_ReachesBothLeaders_AndItsPublicationThePublicFeed()
    {
        var rule = await App.CityRuleIdAsync();
        var mine = (await App.AssignmentAsync(rule, new DateOnly(2026, 10, 12)))!;
        var theirs = (await App.AssignmentAsync(rule, new DateOnly(2026, 10, 13)))!;
        Assert.NotEqual(mine.LeaderId, theirs.LeaderId);
        var (a, b) = (await PersonalLinkAsync(mine.LeaderId), await PersonalLinkAsync(theirs.LeaderId));
        var before = new[] { await GetAsync(a), await GetAsync(b), await GetAsync(PublicPath) };

        Clock.Advance(TimeSpan.FromHours(1));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            // What /Swaps/Create does for a clerk acting on the leaders' behalf.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var sp = scope.ServiceProvider;
            var swaps = new SwapService(db, sp.GetRequiredService<RotaPlanner>(), sp.GetRequiredService<Reception.Web.Features.Notifications.Notifier>(), Clock);
            var slots = await DutySlots.Of(db).Where(s => s.Id == mine.Id || s.Id == theirs.Id).ToDictionaryAsync(s => s.Id);
            var clerk = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync();
            var done = swaps.DoneByClerk(SwapKind.Swap, slots[mine.Id], theirs.LeaderId, slots[theirs.Id], "测试", clerk);
            var months = await swaps.ApplyAsync(done, undo: false);
            await db.SaveChangesAsync();
            await swaps.PublishAsync(done, months, "测试");
            await db.SaveChangesAsync();
        }

        var (uidMine, uidTheirs) = ($"duty-{mine.Id}@reception", $"duty-{theirs.Id}@reception");
        var now = new[] { await AssertChangedAsync(a, before[0]), await AssertChangedAsync(b, before[1]) };
        Assert.Equal([uidTheirs], now[0].Events.Where(e => e.Uid == uidMine || e.Uid == uidTheirs).Select(e => e.Uid));
        Assert.Equal([uidMine], now[1].Events.Where(e => e.Uid == uidMine || e.Uid == uidTheirs).Select(e => e.Uid));
        var published = await AssertChangedAsync(PublicPath, before[2]);
        Assert.Equal(1, published.Events.Single(e => e.Uid == $"duty-{mine.RotaMonthId}-20261012-0@reception").Sequence);
    }

    [Fact]
    public async Task AVisitPlannedMadeAnAppointmentAndCancelled_ReachesItsLeaderAndTheOffice_NotAnotherLeader()
    {
        var leader = await App.LeaderOfUserAsync("leader05");
        var (mine, other, office) = (await fixture.LinkAsync("leader05"), await fixture.LinkAsync("leader06"), await fixture.LinkAsync("clerk"));
        var before = new[] { await GetAsync(mine), await GetAsync(other), await GetAsync(office) };

        Clock.Advance(TimeSpan.FromMinutes(10));
        var visitId = await App.WithDbAsync(async db =>
        {
            var village = await db.OrgUnits.Where(o => o.Code == "qingshan-01").Select(o => o.Id).SingleAsync();
            var visit = new Visit(leader, new DateOnly(2026, 10, 21), village, "走访", null, Clock.GetUtcNow().UtcDateTime);
            db.Visits.Add(visit);
            await db.SaveChangesAsync();
            return visit.Id;
        });
        var uid = $"visit-{visitId}@reception";
        var planned = new[] { await AssertChangedAsync(mine, before[0]), await AssertChangedAsync(office, before[2]) };
        Assert.All(planned, p => Assert.Equal("CONFIRMED", p.Events.Single(e => e.Uid == uid).Status));
        await AssertUnchangedAsync(other, before[1]);

        Clock.Advance(TimeSpan.FromMinutes(10));
        await ChangeVisitAsync(visitId, v => v.SetKind(VisitKind.Appointment, Clock.GetUtcNow().UtcDateTime));
        var appointment = await AssertChangedAsync(mine, planned[0]);
        Assert.StartsWith("约访：", appointment.Events.Single(e => e.Uid == uid).Summary, StringComparison.Ordinal);

        Clock.Advance(TimeSpan.FromMinutes(10));
        await ChangeVisitAsync(visitId, v => v.Cancel(Clock.GetUtcNow().UtcDateTime));
        Assert.Equal("CANCELLED", (await AssertChangedAsync(mine, appointment)).Events.Single(e => e.Uid == uid).Status);
        Assert.Equal("CANCELLED", (await AssertChangedAsync(office, planned[1])).Events.Single(e => e.Uid == uid).Status);
        await AssertUnchangedAsync(other, before[1]);
    }

    [Fact]
    public async Task ACaseAssignedProgressedExtendedAndReplied_ReachesItsOwner_NotTheOfficeOrAnotherLeader()
    {
        var leader = await App.LeaderOfUserAsync("leader07");
        var (mine, other, office) = (await fixture.LinkAsync("leader07"), await fixture.LinkAsync("leader08"), await fixture.LinkAsync("clerk"));
        var before = new[] { await GetAsync(mine), await GetAsync(other), await GetAsync(office) };

        Clock.Advance(TimeSpan.FromMinutes(10));
        var (caseId, _, _) = await App.AddOwnedCaseAsync(leader);
        var uid = $"case-{caseId}-due@reception";
        var assigned = (await AssertChangedAsync(mine, before[0])).Events.Single(e => e.Uid == uid);
        await AssertUnchangedAsync(other, before[1]);
        await AssertUnchangedAsync(office, before[2]); // cases are not in the office feed

        Clock.Advance(TimeSpan.FromMinutes(10));
        await ChangeCaseAsync(caseId, (c, now) => c.StartHandling("clerk", now));
        var progressed = await GetAsync(mine);
        Clock.Advance(TimeSpan.FromMinutes(10));
        await ChangeCaseAsync(caseId, (c, now) => c.AddProgress("已约谈", "clerk", now));
        var afterProgress = await AssertChangedAsync(mine, progressed);
        Assert.True(afterProgress.Events.Single(e => e.Uid == uid).Sequence > assigned.Sequence);

        Clock.Advance(TimeSpan.FromMinutes(10));
        await ChangeCaseAsync(caseId, (c, now) => c.RequestExtension(30, "情况复杂", "clerk", now));
        await ChangeCaseAsync(caseId, (c, now) => c.ApproveExtension("supervisor", now));
        var extended = await AssertChangedAsync(mine, afterProgress);
        Assert.True(string.CompareOrdinal(extended.Events.Single(e => e.Uid == uid).Start, assigned.Start) > 0, "the due date moved later");

        Clock.Advance(TimeSpan.FromMinutes(10));
        await ChangeCaseAsync(caseId, (c, now) => c.Reply("已书面答复", DateOnly.FromDateTime(now), "clerk", now));
        Assert.DoesNotContain((await AssertChangedAsync(mine, extended)).Events, e => e.Uid == uid);
        await AssertUnchangedAsync(other, before[1]);
    }

    [Fact]
    public async Task NamesOfLeadersVenuesRulesPlacesAndCategories_ReachTheFeedsThatShowThem()
    {
        var leader = await App.LeaderOfUserAsync("leader09");
        var (mine, office) = (await fixture.LinkAsync("leader09"), await fixture.LinkAsync("clerk"));
        var (caseId, number, _) = await App.AddOwnedCaseAsync(leader);
        var visitId = await App.AddVisitAsync(leader, new DateOnly(2026, 10, 22), "qingshan-02");
        var before = new[] { await GetAsync(mine), await GetAsync(office) };

        // The leader's title (in every duty's summary, personal and office).
        Clock.Advance(TimeSpan.FromMinutes(10));
        await App.WithDbAsync(async db =>
        {
            var l = await db.Leaders.SingleAsync(x => x.Id == leader);
            l.Update(l.Name, "代理市长", l.LeadingBody, l.OrgUnitId, l.RotationOrder, l.Email, l.Phone);
            return await db.SaveChangesAsync();
        });
        var titled = new[] { await AssertChangedAsync(mine, before[0]), await AssertChangedAsync(office, before[1]) };
        Assert.All(titled, t => Assert.Contains(t.Events, e => e.Uid.StartsWith("duty-", StringComparison.Ordinal) && e.Summary.Contains("代理市长", StringComparison.Ordinal)));

        // The venue (LOCATION of every city duty) and the rule (DESCRIPTION); the rule's name is put back afterwards, the
        // other tests of the class find the rule by it.
        Clock.Advance(TimeSpan.FromMinutes(10));
        await RenameCityRuleAsync(RotaTesting.CityRule, "市领导轮流坐班接访", "市民接待中心");
        Served renamed, officeRenamed;
        try
        {
            renamed = await AssertChangedAsync(mine, titled[0]);
            Assert.Contains(renamed.Events, e => e.Properties.GetValueOrDefault("LOCATION", "").StartsWith("市民接待中心", StringComparison.Ordinal)
                                                && e.Properties.GetValueOrDefault("DESCRIPTION", "").StartsWith("市领导轮流坐班接访", StringComparison.Ordinal));
            officeRenamed = await AssertChangedAsync(office, titled[1]);
        }
        finally
        {
            await RenameCityRuleAsync("市领导轮流坐班接访", RotaTesting.CityRule, "市民接待中心");
        }
        renamed = await AssertChangedAsync(mine, renamed);
        officeRenamed = await AssertChangedAsync(office, officeRenamed);

        // A village visited (LOCATION of the visit) and the case category (SUMMARY of the due date).
        Clock.Advance(TimeSpan.FromMinutes(10));
        await App.WithDbAsync(async db =>
        {
            var village = await db.OrgUnits.SingleAsync(o => o.Code == "qingshan-02");
            village.Rename("松林新村", village.SortOrder);
            (await db.CaseCategories.SingleAsync(c => c.Code == "land")).Rename("土地征收");
            return await db.SaveChangesAsync();
        });
        var places = await AssertChangedAsync(mine, renamed);
        Assert.EndsWith("松林新村", places.Events.Single(e => e.Uid == $"visit-{visitId}@reception").Properties["LOCATION"], StringComparison.Ordinal);
        Assert.EndsWith($"{number} 土地征收", places.Events.Single(e => e.Uid == $"case-{caseId}-due@reception").Summary, StringComparison.Ordinal);
        Assert.Contains("松林新村", (await AssertChangedAsync(office, officeRenamed)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADraftMonth_ChangesNoFeed_UntilItIsPublished()
    {
        var rule = await App.CityRuleIdAsync();
        var month = new DateOnly(2026, 11, 1);
        var leader = await App.LeaderOfUserAsync("leader10");
        var (mine, office) = (await fixture.LinkAsync("leader10"), await fixture.LinkAsync("clerk"));
        var before = new[] { await GetAsync(mine), await GetAsync(office) };

        Clock.Advance(TimeSpan.FromMinutes(10));
        var rotaId = await WithAsync<RotaPlanner, int>(async (db, planner) =>
        {
            var r = await db.DutyRules.Include(x => x.Sessions).Include(x => x.Members).SingleAsync(x => x.Id == rule);
            return (await planner.SaveAsync(r, month, await planner.GenerateAsync(r, month))).Id;
        });
        Assert.Contains(leader, await App.WithDbAsync(db => db.DutyAssignments.Where(a => a.RotaMonthId == rotaId).Select(a => a.LeaderId).ToListAsync()));
        await AssertUnchangedAsync(mine, before[0]);
        await AssertUnchangedAsync(office, before[1]);

        Clock.Advance(TimeSpan.FromMinutes(10));
        await WithAsync<RotaPlanner>(async (db, planner) => await planner.PublishAsync(await db.RotaMonths.SingleAsync(m => m.Id == rotaId), "测试"));
        var november = (await App.WithDbAsync(db => db.DutyAssignments.Where(a => a.RotaMonthId == rotaId && a.LeaderId == leader)
            .Select(a => "duty-" + a.Id + "@reception").ToListAsync())).ToHashSet();
        Assert.Subset((await AssertChangedAsync(mine, before[0])).Events.Select(e => e.Uid).ToHashSet(), november);
        Assert.Subset((await AssertChangedAsync(office, before[1])).Events.Select(e => e.Uid).ToHashSet(), november);
    }

    private Task RenameCityRuleAsync(string name, string newName, string venueName) =>
        App.WithDbAsync(async db =>
        {
            var rule = await db.DutyRules.Include(r => r.Venue).SingleAsync(r => r.Name == name);
            rule.Venue!.Update(venueName, rule.Venue.Address, rule.Venue.IsActive);
            rule.Update(newName, rule.VenueId, rule.Pattern, rule.MinimumPerMonth, rule.Weekdays, rule.IsActive);
            return await db.SaveChangesAsync();
        });

    private async Task<string> PersonalLinkAsync(int leaderId) =>
        await fixture.LinkAsync(await App.WithDbAsync(db => db.Users.Where(u => u.LeaderId == leaderId).Select(u => u.UserName!).FirstAsync()));

    /// <summary>Another city leader with an account, for the given one's duty.</summary>
    private Task<int> OtherCityLeaderAsync(int leaderId) =>
        App.WithDbAsync(db => db.Users.Where(u => u.LeaderId != null && u.LeaderId != leaderId && u.UserName!.StartsWith("leader"))
            .OrderBy(u => u.UserName).Select(u => u.LeaderId!.Value).FirstAsync());

    private Task ChangeVisitAsync(int id, Action<Visit> change) =>
        App.WithDbAsync(async db =>
        {
            change(await db.Visits.SingleAsync(v => v.Id == id));
            return await db.SaveChangesAsync();
        });

    /// <summary>A case operation as the case pages run it: the operation, the clock refreshed, saved.</summary>
    private async Task ChangeCaseAsync(int id, Func<PetitionCase, DateTime, CaseResult> operation)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var cases = scope.ServiceProvider.GetRequiredService<CaseService>();
        var c = await db.Cases.WithClockEvents().SingleAsync(x => x.Id == id);
        var result = operation(c, cases.UtcNow);
        Assert.True(result.Succeeded, result.Error?.ToString());
        await cases.RefreshClockAsync(c);
        await db.SaveChangesAsync();
    }

    private Task WithAsync<TService>(Func<AppDbContext, TService, Task> work) where TService : notnull =>
        WithAsync<TService, int>(async (db, service) =>
        {
            await work(db, service);
            return 0;
        });

    private async Task<T> WithAsync<TService, T>(Func<AppDbContext, TService, Task<T>> work) where TService : notnull
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var result = await work(db, scope.ServiceProvider.GetRequiredService<TService>());
        await db.SaveChangesAsync();
        return result;
    }

    private Task<Served> GetAsync(string path, Served? since = null) => FeedServing.GetAsync(App, path, since);

    private Task<Served> AssertChangedAsync(string path, Served before) => FeedServing.AssertChangedAsync(App, path, before);

    private Task AssertUnchangedAsync(string path, Served before) => FeedServing.AssertUnchangedAsync(App, path, before);
}

/// <summary>One response of a feed: status, validators and body (empty for a 304).</summary>
public sealed record Served(HttpStatusCode Status, EntityTagHeaderValue? ETag, DateTimeOffset? LastModified, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body).Replace("\r\n ", "", StringComparison.Ordinal);
    public IReadOnlyList<IcsEvent> Events => FeedTesting.Events(Body);
}

/// <summary>Conditional requests of a feed, and the two outcomes a test expects of them.</summary>
public static class FeedServing
{
    /// <summary>GET <paramref name="path"/>, with If-None-Match from <paramref name="since"/> when given.</summary>
    public static async Task<Served> GetAsync(ReceptionFactory app, string path, Served? since = null)
    {
        using var client = app.CreateAppClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (since?.ETag is { } tag) request.Headers.IfNoneMatch.Add(tag);
        using var response = await client.Http.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotModified, $"GET {path}: {(int)response.StatusCode}");
        return new Served(response.StatusCode, response.Headers.ETag, response.Content.Headers.LastModified, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The feed changed since <paramref name="before"/>: a full answer with another ETag, no older Last-Modified; then 304 for the new tag.</summary>
    public static async Task<Served> AssertChangedAsync(ReceptionFactory app, string path, Served before)
    {
        var after = await GetAsync(app, path, before);
        Assert.True(after.Status == HttpStatusCode.OK, $"GET {path} with the old ETag answered {(int)after.Status}: the feed is stale");
        Assert.NotEqual(before.ETag, after.ETag);
        Assert.True(after.LastModified >= before.LastModified, $"Last-Modified went back from {before.LastModified} to {after.LastModified}");
        Assert.Empty(IcsParsers.ByteLevelErrors(after.Body));
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(app, path, after)).Status);
        return after;
    }

    /// <summary>The feed is as it was: 304 for the old tag, and a full request gives the same bytes under the same tag.</summary>
    public static async Task AssertUnchangedAsync(ReceptionFactory app, string path, Served before)
    {
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(app, path, before)).Status);
        var full = await GetAsync(app, path);
        Assert.Equal(before.ETag, full.ETag);
        Assert.Equal(before.Body, full.Body);
    }
}
