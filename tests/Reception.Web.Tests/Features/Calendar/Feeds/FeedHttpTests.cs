using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Rotas;
using Reception.Web.Infrastructure;
using Reception.Web.Tests.Features.Rotas;

namespace Reception.Web.Tests.Features.Calendar.Feeds;

/// <summary>
/// The feeds over HTTP: media type, validators, 304s, caching, and that a change to a duty reaches the feed (new ETag,
/// higher SEQUENCE) — on both databases. Demo app at 2026-09-15 (September and October published, version 1).
/// </summary>
public sealed class FeedHttpTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Feeds_AreCalendarsWithValidators_AndAnswer304WhenUnchanged(DatabaseProvider provider)
    {
        await using var app = ReceptionFactory.Build().On(provider).WithClock(RotaDemoApp.NewClock()).Create();
        var personal = await app.CreateLinkAsync("leader01");
        using var client = app.CreateAppClient();

        using var first = await client.GetAsync(personal);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", first.Content.Headers.ContentType!.ToString());
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Matches("^\"[0-9a-f]{32}\"$", etag.Tag);
        var lastModified = first.Content.Headers.LastModified!.Value;
        Assert.Equal("private, max-age=300", CacheControl(first));
        Assert.Equal("inline", first.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("personal.ics", first.Content.Headers.ContentDisposition.FileName);
        var body = await first.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        // Last-Modified is the newest LAST-MODIFIED of an event (the seed's publishing, 2026-09-15 09:00 Beijing) or today's start.
        Assert.Equal(new DateTimeOffset(2026, 9, 15, 1, 0, 0, TimeSpan.Zero), lastModified);

        // Same data, same bytes, same tag.
        using (var again = await client.GetAsync(personal))
        {
            Assert.Equal(etag, again.Headers.ETag);
            Assert.Equal(body, await again.Content.ReadAsByteArrayAsync());
        }

        using (var matched = await SendAsync(client, personal, r => r.Headers.IfNoneMatch.Add(etag)))
        {
            Assert.Equal(HttpStatusCode.NotModified, matched.StatusCode);
            Assert.Empty(await matched.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag, matched.Headers.ETag);
            Assert.Equal("private, max-age=300", CacheControl(matched));
        }
        using (var listed = await SendAsync(client, personal, r => r.Headers.TryAddWithoutValidation("If-None-Match", $"\"other\", W/{etag.Tag}")))
            Assert.Equal(HttpStatusCode.NotModified, listed.StatusCode);
        using (var other = await SendAsync(client, personal, r => r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""))))
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        using (var since = await SendAsync(client, personal, r => r.Headers.IfModifiedSince = lastModified))
            Assert.Equal(HttpStatusCode.NotModified, since.StatusCode);
        using (var before = await SendAsync(client, personal, r => r.Headers.IfModifiedSince = lastModified.AddSeconds(-1)))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        // If-None-Match decides when both are sent.
        using (var both = await SendAsync(client, personal, r =>
               {
                   r.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));
                   r.Headers.IfModifiedSince = lastModified;
               }))
            Assert.Equal(HttpStatusCode.OK, both.StatusCode);

        // HEAD: the same headers, no body.
        using (var head = await client.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, personal)))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(etag, head.Headers.ETag);
            Assert.Equal(body.Length, head.Content.Headers.ContentLength);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }

        using var publicFeed = await client.GetAsync("/calendar/demo.ics");
        Assert.Equal(HttpStatusCode.OK, publicFeed.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", publicFeed.Content.Headers.ContentType!.ToString());
        Assert.Equal("public, max-age=900", CacheControl(publicFeed));
        Assert.Equal("demo.ics", publicFeed.Content.Headers.ContentDisposition!.FileName);
        Assert.NotNull(publicFeed.Headers.ETag);
        Assert.NotNull(publicFeed.Content.Headers.LastModified);
        using (var publicMatched = await SendAsync(client, "/calendar/demo.ics", r => r.Headers.IfNoneMatch.Add(publicFeed.Headers.ETag!)))
            Assert.Equal(HttpStatusCode.NotModified, publicMatched.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ADutyChange_ChangesTheETag_RaisesTheSequence_AndMovesLastModified(DatabaseProvider provider)
    {
        var clock = RotaDemoApp.NewClock();
        await using var app = ReceptionFactory.Build().On(provider).WithClock(clock).Create();
        var clerk = PageTesting.Unique("hclerk");
        await app.CreateUserAsync(clerk, Roles.Clerk);
        var office = await app.CreateLinkAsync(clerk);
        var rule = await app.CityRuleIdAsync();
        var day = new DateOnly(2026, 9, 22);
        var duty = (await app.AssignmentAsync(rule, day))!;
        var uid = $"duty-{duty.Id}@reception";
        using var client = app.CreateAppClient();

        using var before = await client.GetAsync(office);
        var old = FeedTesting.Events(await before.Content.ReadAsByteArrayAsync()).Single(e => e.Uid == uid);
        var otherLeader = await app.WithDbAsync(db => db.Leaders.Where(l => l.OrgUnit!.Code == "demo" && l.Id != duty.LeaderId).OrderBy(l => l.Id).FirstAsync());

        clock.Advance(TimeSpan.FromHours(2));
        await WithPlannerAsync(app, async (db, planner) =>
        {
            var rota = await db.RotaMonths.SingleAsync(m => m.Id == duty.RotaMonthId);
            await planner.SetSlotAsync(rota, day, 0, otherLeader.Id);
        });

        using var after = await SendAsync(client, office, r => r.Headers.IfNoneMatch.Add(before.Headers.ETag!));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.True(after.Content.Headers.LastModified > before.Content.Headers.LastModified);
        var changed = FeedTesting.Events(await after.Content.ReadAsByteArrayAsync()).Single(e => e.Uid == uid);
        Assert.Equal(old.Sequence + 1, changed.Sequence);
        Assert.Contains(otherLeader.Name, changed.Summary, StringComparison.Ordinal);
        Assert.Equal("20260915T030000Z", changed.LastModified);

        // Cancelled: the duty stays in the office feed, cancelled, with the next sequence.
        clock.Advance(TimeSpan.FromHours(1));
        await WithPlannerAsync(app, async (db, planner) =>
        {
            var rota = await db.RotaMonths.SingleAsync(m => m.Id == duty.RotaMonthId);
            await planner.SetSlotAsync(rota, day, 0, null);
        });
        using var cancelled = await SendAsync(client, office, r => r.Headers.IfNoneMatch.Add(after.Headers.ETag!));
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var gone = FeedTesting.Events(await cancelled.Content.ReadAsByteArrayAsync()).Single(e => e.Uid == uid);
        Assert.Equal("CANCELLED", gone.Status);
        Assert.Equal(old.Sequence + 2, gone.Sequence);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PublicFeed_FollowsPublishedVersions_KeepsDroppedSlotsAsCancelled(DatabaseProvider provider)
    {
        var clock = RotaDemoApp.NewClock();
        await using var app = ReceptionFactory.Build().On(provider).WithClock(clock).Create();
        var rule = await app.CityRuleIdAsync();
        var (changedDay, droppedDay) = (new DateOnly(2026, 9, 22), new DateOnly(2026, 9, 23));
        var duty = (await app.AssignmentAsync(rule, changedDay))!;
        var changedUid = $"duty-{duty.RotaMonthId}-20260922-0@reception";
        var droppedUid = $"duty-{duty.RotaMonthId}-20260923-0@reception";
        var first = FeedTesting.Events(await app.FeedAsync("/calendar/demo.ics"));
        Assert.Equal(0, first.Single(e => e.Uid == changedUid).Sequence);
        Assert.Equal("CONFIRMED", first.Single(e => e.Uid == droppedUid).Status);
        var otherLeader = await app.WithDbAsync(db => db.Leaders.Where(l => l.OrgUnit!.Code == "demo" && l.Id != duty.LeaderId).OrderBy(l => l.Id).FirstAsync());

        // Changed in the working copy only: the public feed does not move until the next version is published.
        clock.Advance(TimeSpan.FromHours(1));
        await WithPlannerAsync(app, async (db, planner) =>
        {
            var rota = await db.RotaMonths.SingleAsync(m => m.Id == duty.RotaMonthId);
            await planner.SetSlotAsync(rota, changedDay, 0, otherLeader.Id);
            await planner.SetSlotAsync(rota, droppedDay, 0, null);
        });
        Assert.Equal(FeedTesting.Events(await app.FeedAsync("/calendar/demo.ics")).Select(e => (e.Uid, e.Summary, e.Status, e.Sequence)),
            first.Select(e => (e.Uid, e.Summary, e.Status, e.Sequence)));

        clock.Advance(TimeSpan.FromHours(1));
        await WithPlannerAsync(app, async (db, planner) =>
        {
            var rota = await db.RotaMonths.SingleAsync(m => m.Id == duty.RotaMonthId);
            await planner.PublishAsync(rota, "测试");
        });

        var published = FeedTesting.Events(await app.FeedAsync("/calendar/demo.ics"));
        var changed = published.Single(e => e.Uid == changedUid);
        Assert.Equal(1, changed.Sequence);
        Assert.Contains(otherLeader.Name, changed.Summary, StringComparison.Ordinal);
        Assert.Equal("20260915T030000Z", changed.LastModified); // the second version's publishing
        var dropped = published.Single(e => e.Uid == droppedUid);
        Assert.Equal("CANCELLED", dropped.Status);
        Assert.Equal(1, dropped.Sequence);
        // The clerk closed that session on purpose: besides the cancelled duty, an event says it is closed (issue 15 item 8).
        var closed = published.Single(e => e.Uid == $"closed-{duty.RotaMonthId}-20260923-0@reception");
        Assert.Equal(("本时段不安排值班", "CONFIRMED"), (closed.Summary, closed.Status));
        Assert.Equal(first.Count + 1, published.Count);
        // Untouched slots keep sequence 0 and the first version's time.
        Assert.All(published.Where(e => e.Uid != changedUid && e.Uid != droppedUid && !e.Uid.StartsWith("closed-", StringComparison.Ordinal) && e.Uid.Contains($"-{duty.RotaMonthId}-", StringComparison.Ordinal)),
            e => Assert.Equal((0, "20260915T010000Z"), (e.Sequence, e.LastModified)));
    }

    [Fact]
    public async Task PublicFeed_OfAnUnpublishedRota_HasNoEvents_AndAnUnknownOrgAnswers404()
    {
        await using var app = ReceptionFactory.Build().WithClock(RotaDemoApp.NewClock()).Create();
        // 白河镇 gets a rota for October, generated and saved but never published.
        var baihe = await app.OrgIdAsync("baihe");
        var leaders = await app.WithDbAsync(db => db.Leaders.Where(l => l.OrgUnit!.Code == "demo").OrderBy(l => l.RotationOrder).Select(l => l.Id).Take(3).ToListAsync());
        var draftDuties = await WithPlannerAsync(app, async (db, planner) =>
        {
            var venue = new Venue(baihe, "白河镇接待室", "白河镇政府");
            db.Venues.Add(venue);
            await db.SaveChangesAsync();
            var rule = new DutyRule(baihe, venue.Id, "白河镇领导接访", RotaPattern.Rotation);
            rule.SetSessions([new DutySession("全天", new TimeOnly(8, 30), new TimeOnly(17, 30))]);
            rule.SetMembers(leaders.Select(id => (id, (IReadOnlyCollection<DayOfWeek>)[])));
            db.DutyRules.Add(rule);
            await db.SaveChangesAsync();
            var month = new DateOnly(2026, 10, 1);
            var rota = await planner.SaveAsync(rule, month, await planner.GenerateAsync(rule, month));
            await db.SaveChangesAsync();
            return await db.DutyAssignments.CountAsync(a => a.RotaMonthId == rota.Id);
        });
        Assert.True(draftDuties > 0);

        var feed = await app.FeedAsync("/calendar/baihe.ics");
        Assert.Empty(FeedTesting.Events(feed));
        Assert.Contains("X-WR-CALNAME:白河镇领导接访安排表", System.Text.Encoding.UTF8.GetString(feed), StringComparison.Ordinal);
        // Nor do the draft's duties reach the leaders' own feeds.
        var personal = FeedTesting.Events(await app.FeedAsync(await app.CreateLinkAsync("leader01")));
        var draftIds = await app.WithDbAsync(db => db.DutyAssignments.Where(a => a.RotaMonth!.DutyRule!.OrgUnitId == baihe).Select(a => "duty-" + a.Id + "@reception").ToListAsync());
        Assert.Empty(personal.Select(e => e.Uid).Intersect(draftIds));

        using var client = app.CreateAppClient();
        foreach (var unknown in new[] { "/calendar/nosuchplace.ics", "/calendar/x.ics" })
        {
            using var response = await client.GetAsync(unknown);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
        // The code is read case-insensitively, like /rota/{code}.
        Assert.Equal(HttpStatusCode.OK, await app.StatusAsync("/calendar/DEMO.ics"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PersonalFeed_ThatOnlyLosesAnEvent_MovesItsLastModifiedOn(DatabaseProvider provider)
    {
        var clock = RotaDemoApp.NewClock();
        await using var app = ReceptionFactory.Build().On(provider).WithClock(clock).Create();
        var leader = await Reception.Web.Tests.Features.Visits.VisitTesting.LeaderOfUserAsync(app, "leader01");
        var other = await Reception.Web.Tests.Features.Visits.VisitTesting.LeaderOfUserAsync(app, "leader02");
        var (caseId, _, _) = await Reception.Web.Tests.Features.Notifications.AlertTesting.AddOwnedCaseAsync(app, leader); // due in 60 days: in the feed
        var link = await app.CreateLinkAsync("leader01");
        using var client = app.CreateAppClient();
        async Task<HttpResponseMessage> Get(DateTimeOffset? ifModifiedSince)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, link);
            request.Headers.IfModifiedSince = ifModifiedSince;
            return await client.Http.SendAsync(request);
        }

        using var first = await Get(null);
        Assert.Contains($"Cases/Details/{caseId}", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var servedAt = first.Content.Headers.LastModified!.Value;

        // Two hours on, the case goes to another leader: the feed loses an event and gains nothing newer.
        clock.Advance(TimeSpan.FromHours(2));
        await app.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(c => c.Id == caseId);
            Assert.True(c.Assign(other, c.HandlingUnitId!.Value, null, null, null, "clerk", clock.GetUtcNow().UtcDateTime).Succeeded);
            return await db.SaveChangesAsync();
        });

        // A client that asks only "modified since?" gets the new feed, dated now.
        using var second = await Get(servedAt);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.DoesNotContain($"Cases/Details/{caseId}", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var changedAt = second.Content.Headers.LastModified!.Value;
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), changedAt.ToUnixTimeSeconds());
        Assert.True(changedAt > servedAt);

        // Unchanged later on: 304, and the same Last-Modified.
        clock.Advance(TimeSpan.FromHours(1));
        using var third = await Get(changedAt);
        Assert.Equal(HttpStatusCode.NotModified, third.StatusCode);
        using var fourth = await Get(null);
        Assert.Equal(changedAt, fourth.Content.Headers.LastModified);
    }

    [Fact]
    public async Task BehindAReverseProxy_LinksAndEventUrls_UseTheAddressPeopleUsed()
    {
        await using var app = ReceptionFactory.Build().WithClock(RotaDemoApp.NewClock()).Create();
        using var client = app.CreateAppClient();
        async Task<string> Get(string path, bool proxied)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (proxied)
            {
                request.Headers.Add("X-Forwarded-Proto", "https");
                request.Headers.Add("X-Forwarded-Host", "xfj.example.gov.cn");
            }
            using var response = await client.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        // The public rota page's subscription links and the feed's event URLs follow X-Forwarded-Proto/Host ...
        var page = await Get("/rota/demo", proxied: true);
        Assert.Contains("webcal://xfj.example.gov.cn/calendar/demo.ics", page, StringComparison.Ordinal);
        Assert.Contains("https://xfj.example.gov.cn/calendar/demo.ics", page, StringComparison.Ordinal);
        var feed = await Get("/calendar/demo.ics", proxied: true);
        Assert.Contains("URL:https://xfj.example.gov.cn/", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("URL:http://localhost", feed, StringComparison.Ordinal);
        // ... and without a proxy they are the address the request came to.
        Assert.Contains("webcal://localhost/calendar/demo.ics", await Get("/rota/demo", proxied: false), StringComparison.Ordinal);
    }

    /// <summary>The Cache-Control directives in a fixed order ("private, max-age=300"), however the response spelled them.</summary>
    private static string CacheControl(HttpResponseMessage response)
    {
        var c = response.Headers.CacheControl!;
        var parts = new List<string>();
        if (c.Public) parts.Add("public");
        if (c.Private) parts.Add("private");
        if (c.NoStore) parts.Add("no-store");
        if (c.MaxAge is { } age) parts.Add($"max-age={(int)age.TotalSeconds}");
        return string.Join(", ", parts);
    }

    private static async Task<HttpResponseMessage> SendAsync(AppClient client, string path, Action<HttpRequestMessage> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        headers(request);
        return await client.Http.SendAsync(request);
    }

    private static async Task<T> WithPlannerAsync<T>(ReceptionFactory app, Func<AppDbContext, RotaPlanner, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var result = await work(db, scope.ServiceProvider.GetRequiredService<RotaPlanner>());
        await db.SaveChangesAsync();
        return result;
    }

    private static Task WithPlannerAsync(ReceptionFactory app, Func<AppDbContext, RotaPlanner, Task> work) =>
        WithPlannerAsync<int>(app, async (db, planner) =>
        {
            await work(db, planner);
            return 0;
        });
}
