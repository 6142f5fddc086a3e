using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases.Deadlines;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Rotas;
using Reception.Web.Tests.Features.Notifications;
using Reception.Web.Tests.Features.Rotas;
using Reception.Web.Tests.Features.Visits;

namespace Reception.Web.Tests.Features.Calendar.Feeds;

/// <summary>
/// What changes a feed without anyone saving anything (midnight in Beijing moves the window), what writes past SaveChanges
/// and must not leave a feed stale (the hourly recolouring), and several app instances on one database. Each test starts
/// its own demo app at 2026-09-15 09:00 in Beijing (window 2026-08-16 … 2027-03-14): they move its clock.
/// </summary>
public sealed class FeedWindowTests
{
    [Fact]
    public async Task AtMidnightInBeijing_TheWindowMovesOnADay_AndTheFeedAnswersAfresh()
    {
        var clock = RotaDemoApp.NewClock();
        await using var app = ReceptionFactory.Build().WithClock(clock).Create();
        var leader = await app.LeaderOfUserAsync("leader11");
        var first = await app.AddVisitAsync(leader, new DateOnly(2026, 8, 16));   // the window's first day
        var beyond = await app.AddVisitAsync(leader, new DateOnly(2027, 3, 15));  // the day after its last
        var link = await app.CreateLinkAsync("leader11");
        var before = await FeedServing.GetAsync(app, link);
        Assert.Contains(before.Events, e => e.Uid == $"visit-{first}@reception");
        Assert.DoesNotContain(before.Events, e => e.Uid == $"visit-{beyond}@reception");

        // One minute before midnight nothing has changed; one minute after, the window is a day later.
        clock.MoveTo(new DateOnly(2026, 9, 15), 23, 59);
        Assert.Equal(HttpStatusCode.NotModified, (await FeedServing.GetAsync(app, link, before)).Status);
        clock.MoveTo(new DateOnly(2026, 9, 16), 0, 1);
        var after = await FeedServing.AssertChangedAsync(app, link, before);

        Assert.DoesNotContain(after.Events, e => e.Uid == $"visit-{first}@reception");
        Assert.Contains(after.Events, e => e.Uid == $"visit-{beyond}@reception");
        Assert.True(after.LastModified >= TestTime.China(2026, 9, 16, 0, 0), $"Last-Modified {after.LastModified} is before midnight");
    }

    [Fact]
    public async Task RecolouringEveryCase_ChangesNoFeed_ThoughItWritesPastSaveChanges()
    {
        var clock = RotaDemoApp.NewClock();
        // Without the body cache every full request renders afresh, so "unchanged" is checked against the data, not a copy.
        await using var app = ReceptionFactory.Build().WithClock(clock).Setting("Reception:Feeds:BodyCacheMegabytes", "0").Create();
        var leader = await app.LeaderOfUserAsync("leader12");
        var (caseId, _, _) = await app.AddOwnedCaseAsync(leader); // due in 60 days: green
        var link = await app.CreateLinkAsync("leader12");

        // 55 days on the case is due within 7 days and has had no progress for 15: the recolouring changes its colour and
        // records a ColourChanged event, both in bulk SQL.
        clock.Advance(TimeSpan.FromDays(55));
        var before = await FeedServing.GetAsync(app, link);
        Assert.Contains(before.Events, e => e.Uid == $"case-{caseId}-due@reception");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<CaseService>().RecolourAllAsync() > 0);
        }
        Assert.NotEqual(SupervisionColour.Green, await app.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Colour).SingleAsync()));

        // The colour is not in the feed, and the due date's LAST-MODIFIED leaves ColourChanged events out.
        await FeedServing.AssertUnchangedAsync(app, link, before);
    }

    /// <summary>
    /// Two app instances on one PostgreSQL database: the same data gives the same tag and bytes on both, and a change saved
    /// through one reaches a client of the other although that one holds the old body in its cache.
    /// </summary>
    [Fact]
    public async Task TwoInstancesOnOneDatabase_AgreeOnTags_AndNeitherServesAStaleBody()
    {
        using var database = PostgresServer.CreateDatabase("feeds");
        var clock = RotaDemoApp.NewClock();
        await using var first = ReceptionFactory.Build().OnDatabase(database).WithClock(clock).Create();
        var link = await first.CreateLinkAsync("leader01");
        var office = await first.CreateLinkAsync("clerk");
        var servedByFirst = new[] { await FeedServing.GetAsync(first, link), await FeedServing.GetAsync(first, office), await FeedServing.GetAsync(first, "/calendar/demo.ics") };

        await using var second = ReceptionFactory.Build().OnDatabase(database).WithClock(clock).Seeding(Seed.Empty).Create();
        foreach (var (path, served) in new[] { link, office, "/calendar/demo.ics" }.Zip(servedByFirst))
        {
            await FeedServing.AssertUnchangedAsync(second, path, served);
        }

        // The second instance gives leader01's next duty to another leader.
        var leader = await first.LeaderOfUserAsync("leader01");
        var duty = await second.WithDbAsync(db => db.DutyAssignments.Where(a => a.LeaderId == leader && a.Date > new DateOnly(2026, 9, 15))
            .OrderBy(a => a.Date).FirstAsync());
        var other = await second.LeaderOfUserAsync("leader02");
        clock.Advance(TimeSpan.FromHours(1));
        await using (var scope = second.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Reception.Web.Data.AppDbContext>();
            var planner = scope.ServiceProvider.GetRequiredService<RotaPlanner>();
            await planner.SetSlotAsync(await db.RotaMonths.SingleAsync(m => m.Id == duty.RotaMonthId), duty.Date, duty.SessionIndex, other);
            await db.SaveChangesAsync();
        }

        var uid = $"duty-{duty.Id}@reception";
        var personal = await FeedServing.AssertChangedAsync(first, link, servedByFirst[0]);
        Assert.DoesNotContain(personal.Events, e => e.Uid == uid);
        var officeNow = await FeedServing.AssertChangedAsync(first, office, servedByFirst[1]);
        Assert.Contains(await second.LeaderNameAsync(other), officeNow.Events.Single(e => e.Uid == uid).Summary, StringComparison.Ordinal);
        await FeedServing.AssertUnchangedAsync(first, "/calendar/demo.ics", servedByFirst[2]); // not published yet
        // And the second instance agrees with the first on the new tags.
        await FeedServing.AssertUnchangedAsync(second, link, personal);
        await FeedServing.AssertUnchangedAsync(second, office, officeNow);
    }
}
