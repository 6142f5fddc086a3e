using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Features.Rotas;
using Reception.Web.Tests.Features.Visits;

namespace Reception.Web.Tests.Features.Rotas.Public;

/// <summary>
/// The public rota page answered from what the database says has not changed (PublicRotaCache): a strong ETag from the
/// published months' stored versions, 304 for a client that has it, the same tag and bytes on every instance of one
/// PostgreSQL database, and a new tag on every instance as soon as a new version is published through any of them.
/// </summary>
public sealed class RotaCacheTests
{
    [Fact]
    public async Task TwoInstancesOnOneDatabase_AgreeOnTheTag_304WhenUnchanged_AndAPublicationChangesItOnBoth()
    {
        using var database = PostgresServer.CreateDatabase("rotacache");
        var clock = RotaDemoApp.NewClock();
        await using var first = ReceptionFactory.Build().OnDatabase(database).WithClock(clock).Create();
        await using var second = ReceptionFactory.Build().OnDatabase(database).WithClock(clock).Seeding(Seed.Empty).Create();
        using var one = first.CreateAppClient();
        using var two = second.CreateAppClient();

        var (tag, body) = await GetAsync(one);
        Assert.Equal((tag, body), await GetAsync(one)); // from this instance's memory: the same bytes
        Assert.Equal((tag, body), await GetAsync(two)); // rendered by the other: the same tag and bytes
        Assert.Equal(HttpStatusCode.NotModified, await ConditionalAsync(one, tag));
        Assert.Equal(HttpStatusCode.NotModified, await ConditionalAsync(two, tag));

        // A new version of September published through the second instance.
        clock.Advance(TimeSpan.FromHours(1));
        await using (var scope = second.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Reception.Web.Data.AppDbContext>();
            var september = await db.RotaMonths.Where(m => m.Month == new DateOnly(2026, 9, 1) && m.PublishedNumber > 0).FirstAsync();
            var leader = await second.LeaderOfUserAsync("leader02");
            var duty = await db.DutyAssignments.Where(a => a.RotaMonthId == september.Id && a.Date > new DateOnly(2026, 9, 16) && a.LeaderId != leader)
                .OrderBy(a => a.Date).FirstAsync();
            var planner = scope.ServiceProvider.GetRequiredService<RotaPlanner>();
            await planner.SetSlotAsync(september, duty.Date, duty.SessionIndex, leader);
            await db.SaveChangesAsync();
            await planner.PublishAsync(september, "测试");
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.OK, await ConditionalAsync(one, tag)); // the instance that holds the old bytes renders again
        var (newTag, newBody) = await GetAsync(one);
        Assert.NotEqual(tag, newTag);
        Assert.Contains("第 2 版", newBody, StringComparison.Ordinal);
        Assert.Equal((newTag, newBody), await GetAsync(two));
        Assert.Equal(HttpStatusCode.NotModified, await ConditionalAsync(two, newTag));
    }

    [Fact]
    public async Task AcrossMidnightInBeijing_TheTagChanges_AndASignedInReaderIsNeverServedTheSharedPage()
    {
        var clock = RotaDemoApp.NewClock();
        await using var app = ReceptionFactory.Build().WithClock(clock).Create();
        using var visitor = app.CreateAppClient();
        var (tag, body) = await GetAsync(visitor);
        Assert.DoesNotContain(AppClient.AntiforgeryField, body, StringComparison.Ordinal); // nothing in it belongs to one visitor

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, await ConditionalAsync(visitor, tag));
        Assert.NotEqual(tag, (await GetAsync(visitor)).Tag);

        using var clerk = await app.LoginAsync("clerk");
        using var response = await clerk.GetAsync("/rota/demo");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains(AppClient.AntiforgeryField, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheUnchangedPage_AnsweredBeforeRouting_CarriesTheSecurityHeaders_PerLanguage_AndHeadGetsNoBody()
    {
        await using var app = ReceptionFactory.Build().Create();
        using var visitor = app.CreateAppClient();
        var (tag, body) = await GetAsync(visitor); // rendered and kept
        using var again = await visitor.GetAsync("/rota/demo"); // from memory, before routing
        Assert.Equal(tag, again.Headers.ETag!.Tag);
        Assert.Equal(body, await again.Content.ReadAsStringAsync());
        Assert.Equal("text/html; charset=utf-8", again.Content.Headers.ContentType!.ToString());
        Assert.Contains("frame-ancestors 'none'", again.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", again.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("Accept-Language", again.Headers.Vary);

        using var head = await visitor.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/rota/demo"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(tag, head.Headers.ETag!.Tag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        // Another language is another answer (its own tag and bytes), not the Chinese page from memory.
        using var inEnglish = await visitor.GetAsync("/rota/demo?culture=en&ui-culture=en");
        Assert.Equal(HttpStatusCode.OK, inEnglish.StatusCode);
        Assert.NotEqual(tag, inEnglish.Headers.ETag!.Tag);
        Assert.NotEqual(body, await inEnglish.Content.ReadAsStringAsync());

        // An unknown unit is not answered early: the page's own 404.
        using var unknown = await visitor.GetAsync("/rota/no-such-unit");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task TheLanguageSwitch_NeedsNoTokenSignedOut_ButStillDoesSignedIn()
    {
        await using var app = ReceptionFactory.Build().Create();
        using var visitor = app.CreateAppClient();
        using var anonymous = await visitor.Http.PostAsync("/Culture", new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/rota/demo")]));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/rota/demo", anonymous.Headers.Location!.OriginalString);

        using var clerk = await app.LoginAsync("clerk");
        using var forged = await clerk.Http.PostAsync("/Culture", new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/")]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var real = await clerk.PostFormAsync("/", [new("culture", "en"), new("returnUrl", "/")], "/Culture");
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
    }

    private static async Task<(string Tag, string Body)> GetAsync(AppClient client)
    {
        using var response = await client.GetAsync("/rota/demo");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, no-cache", response.Headers.CacheControl!.ToString());
        Assert.NotNull(response.Content.Headers.LastModified);
        var tag = response.Headers.ETag ?? throw new InvalidOperationException("no ETag");
        Assert.False(tag.IsWeak);
        return (tag.Tag, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpStatusCode> ConditionalAsync(AppClient client, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/rota/demo");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(tag));
        using var response = await client.Http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotModified) Assert.Equal(tag, response.Headers.ETag!.Tag);
        return response.StatusCode;
    }
}
