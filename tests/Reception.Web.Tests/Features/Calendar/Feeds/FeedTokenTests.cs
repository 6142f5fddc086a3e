using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reception.Core.Feeds;
using Reception.Web.Authorization;
using Reception.Web.Tests.Features.Rotas;

namespace Reception.Web.Tests.Features.Calendar.Feeds;

/// <summary>
/// The tokens page (/Feeds) and what a token opens: shown once, stored hashed, rotated and revoked; each token opens its
/// owner's feed only; every refused token answers the same bare 404. Demo app at 2026-09-15 (September and October published).
/// </summary>
public sealed class FeedTokenTests(RotaDemoApp demo) : IClassFixture<RotaDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Create_ShowsTheLinkOnce_AndTheDatabaseHoldsOnlyItsHash()
    {
        var user = await NewLeaderUserAsync("张建国");
        using var client = await App.LoginAsync(user);

        var path = await client.CreateLinkAsync();

        Assert.Matches("^/calendar/u/[A-Za-z0-9_-]{43}\\.ics$", path);
        var token = FeedTesting.TokenOf(path);
        // Shown once: the next visit of the page has no link, only the link's dates and the buttons to renew or revoke.
        Assert.Null(await client.ShownLinkAsync());
        var page = await client.GetPageAsync(FeedTesting.Page);
        Assert.NotNull(page.QuerySelector("button[formaction*='handler=Rotate']"));
        Assert.DoesNotContain(token, page.Source.Text, StringComparison.Ordinal);

        var stored = await App.StoredTokenAsync(user);
        Assert.NotNull(stored);
        Assert.Equal(FeedKind.Personal, stored.Kind);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token))), stored.TokenHash);
        // Nowhere in the database files (the main file and its write-ahead log), in any form SQLite keeps text.
        SqliteFlush();
        foreach (var file in Directory.GetFiles(App.DataDirectory, "reception.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(token)) < 0, $"The token is stored in {Path.GetFileName(file)}.");
        }
        Assert.Equal(HttpStatusCode.OK, await App.StatusAsync(path));
    }

    [Fact]
    public async Task Rotate_TheOldLinkAnswers404_AndTheNewOneWorks()
    {
        var user = await NewLeaderUserAsync("赵文军");
        using var client = await App.LoginAsync(user);
        var old = await client.CreateLinkAsync();
        Assert.Equal(HttpStatusCode.OK, await App.StatusAsync(old));

        var renewed = await client.RotateLinkAsync();

        Assert.NotEqual(old, renewed);
        Assert.Equal(HttpStatusCode.NotFound, await App.StatusAsync(old));
        Assert.Equal(HttpStatusCode.OK, await App.StatusAsync(renewed));
        var stored = await App.StoredTokenAsync(user);
        Assert.NotNull(stored?.RotatedAtUtc);
    }

    [Fact]
    public async Task Revoke_TheLinkAnswers404_AndANewOneCanBeCreated()
    {
        var user = await NewLeaderUserAsync("黄海涛");
        using var client = await App.LoginAsync(user);
        var path = await client.CreateLinkAsync();

        await client.RevokeLinkAsync();

        Assert.Equal(HttpStatusCode.NotFound, await App.StatusAsync(path));
        var page = await client.GetPageAsync(FeedTesting.Page);
        Assert.NotNull(page.QuerySelector("button[formaction*='handler=Create']"));
        var again = await client.CreateLinkAsync();
        Assert.NotEqual(path, again);
        Assert.Equal(HttpStatusCode.OK, await App.StatusAsync(again));
        Assert.Equal(HttpStatusCode.NotFound, await App.StatusAsync(path));
    }

    [Fact]
    public async Task RefusedTokens_AllAnswerTheSameBare404()
    {
        var personal = await App.CreateLinkAsync(await NewLeaderUserAsync("吴建平"));
        var clerk = PageTesting.Unique("fclerk");
        await App.CreateUserAsync(clerk, Roles.Clerk);
        var office = await App.CreateLinkAsync(clerk);
        var disabled = await NewLeaderUserAsync("张建国");
        var disabledPath = await App.CreateLinkAsync(disabled);
        await App.WithDbAsync(async db =>
        {
            var u = await db.Users.SingleAsync(x => x.UserName == disabled);
            u.IsActive = false;
            return await db.SaveChangesAsync();
        });
        var unknown = "/calendar/u/" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".ics";

        string[] refused =
        [
            unknown,
            "/calendar/u/short.ics",
            "/calendar/u/" + new string('*', 43) + ".ics",
            "/calendar/o/" + FeedTesting.TokenOf(personal) + ".ics", // a personal token on the office address
            "/calendar/u/" + FeedTesting.TokenOf(office) + ".ics",   // and the other way round
            "/calendar/u/" + FeedTesting.TokenOf(personal).ToUpperInvariant() + ".ics",
            disabledPath,
        ];
        using var anonymous = App.CreateAppClient();
        foreach (var path in refused)
        {
            using var response = await anonymous.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
            Assert.Null(response.Content.Headers.ContentType);
            Assert.True(response.Headers.CacheControl is { NoStore: true, Public: false, MaxAge: null });
        }
        Assert.Equal(HttpStatusCode.OK, await App.StatusAsync(personal));
        Assert.Equal(HttpStatusCode.OK, await App.StatusAsync(office));
    }

    [Fact]
    public async Task EachToken_OpensItsOwnersFeedOnly_AndALeadersFeedHasNoOtherLeadersDuties()
    {
        var (first, second) = ("张建国", "赵文军");
        var firstPath = await App.CreateLinkAsync(await NewLeaderUserAsync(first));
        var secondPath = await App.CreateLinkAsync(await NewLeaderUserAsync(second));
        var firstId = await App.LeaderIdAsync(first);
        var secondId = await App.LeaderIdAsync(second);

        var firstDuties = DutyIds(FeedTesting.Events(await App.FeedAsync(firstPath)));
        var secondDuties = DutyIds(FeedTesting.Events(await App.FeedAsync(secondPath)));

        var owners = await App.WithDbAsync(db => db.DutyAssignments.Where(a => firstDuties.Concat(secondDuties).Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.LeaderId));
        Assert.NotEmpty(firstDuties);
        Assert.NotEmpty(secondDuties);
        Assert.All(firstDuties, id => Assert.Equal(firstId, owners[id]));
        Assert.All(secondDuties, id => Assert.Equal(secondId, owners[id]));
        Assert.Empty(firstDuties.Intersect(secondDuties));
    }

    [Fact]
    public async Task OfficeFeed_HoldsTheClerksScopeOnly()
    {
        var cityClerk = PageTesting.Unique("cclerk");
        await App.CreateUserAsync(cityClerk, Roles.Clerk);
        var townshipClerk = PageTesting.Unique("tclerk");
        await App.CreateUserAsync(townshipClerk, Roles.Clerk, orgUnitId: await App.OrgIdAsync("qingshan"));

        var city = DutyIds(FeedTesting.Events(await App.FeedAsync(await App.CreateLinkAsync(cityClerk))));
        var township = DutyIds(FeedTesting.Events(await App.FeedAsync(await App.CreateLinkAsync(townshipClerk))));

        var rules = await App.WithDbAsync(db => (from a in db.DutyAssignments
                                                 join m in db.RotaMonths on a.RotaMonthId equals m.Id
                                                 join r in db.DutyRules on m.DutyRuleId equals r.Id
                                                 join o in db.OrgUnits on r.OrgUnitId equals o.Id
                                                 select new { a.Id, o.Code }).ToDictionaryAsync(x => x.Id, x => x.Code));
        Assert.Equal(["demo", "dongcheng", "qingshan"], city.Select(id => rules[id]).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["qingshan"], township.Select(id => rules[id]).Distinct());
        Assert.Subset(city.ToHashSet(), township.ToHashSet());
    }

    [Fact]
    public async Task LastUsed_IsWrittenAtMostOnceAnHour()
    {
        var user = await NewLeaderUserAsync("张建国");
        var path = await App.CreateLinkAsync(user);
        Assert.Null((await App.StoredTokenAsync(user))!.LastUsedAtUtc);

        await App.FeedAsync(path);
        var first = (await App.StoredTokenAsync(user))!.LastUsedAtUtc;
        Assert.Equal(demo.Clock.GetUtcNow().UtcDateTime, first);

        demo.Clock.Advance(TimeSpan.FromMinutes(59));
        await App.FeedAsync(path);
        Assert.Equal(first, (await App.StoredTokenAsync(user))!.LastUsedAtUtc);

        demo.Clock.Advance(TimeSpan.FromMinutes(2));
        await App.FeedAsync(path);
        Assert.Equal(demo.Clock.GetUtcNow().UtcDateTime, (await App.StoredTokenAsync(user))!.LastUsedAtUtc);
    }

    [Fact]
    public async Task AUserWithoutAFeed_CannotCreateOne()
    {
        // A Leader account with no leader record: the page explains, and posting anyway is refused.
        var user = PageTesting.Unique("noleader");
        await App.CreateUserAsync(user, Roles.Leader);
        using var client = await App.LoginAsync(user);

        var page = await client.GetPageAsync(FeedTesting.Page);
        Assert.Null(page.QuerySelector("button[formaction*='handler=Create']"));
        Assert.Contains("未关联领导信息", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        // The public link of the user's org is offered to everyone.
        Assert.EndsWith("/calendar/demo.ics", page.QuerySelector("#public-web")!.GetAttribute("value"), StringComparison.Ordinal);

        var form = await client.GetPageAsync("/Feeds");
        using var forced = await client.Http.PostAsync("/Feeds?handler=Create", new FormUrlEncodedContent(
            [new(AppClient.AntiforgeryField, form.QuerySelector($"input[name={AppClient.AntiforgeryField}]")!.GetAttribute("value")!)]));
        Assert.Equal(HttpStatusCode.Forbidden, forced.StatusCode);
        Assert.Null(await App.StoredTokenAsync(user));
    }

    [Fact]
    public async Task TheTokenNeverReachesTheLogs_EvenWithRequestLoggingSwitchedOn()
    {
        var sink = new LogSink();
        await using var app = ReceptionFactory.Build()
            .WithClock(RotaDemoApp.NewClock())
            .Services(services =>
            {
                services.AddSingleton<ILoggerProvider>(sink);
                // What an operator turning on request logging would write in appsettings.
                services.Configure<LoggerFilterOptions>(o =>
                {
                    o.MinLevel = LogLevel.Trace;
                    o.Rules.Add(new LoggerFilterRule(null, null, LogLevel.Trace, null));
                    o.Rules.Add(new LoggerFilterRule(null, "Microsoft", LogLevel.Trace, null));
                    o.Rules.Add(new LoggerFilterRule(null, "Microsoft.AspNetCore", LogLevel.Trace, null));
                    o.Rules.Add(new LoggerFilterRule(null, "Microsoft.EntityFrameworkCore", LogLevel.Trace, null));
                });
            })
            .Create();
        var path = await app.CreateLinkAsync("leader01");
        var token = FeedTesting.TokenOf(path);
        sink.Clear();

        await app.FeedAsync(path); // a calendar client: answered before routing
        using (var browser = await app.LoginAsync("leader01"))
        {
            // A signed-in browser opening the link: through routing and the endpoint.
            using var response = await browser.GetAsync(path);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
        var lines = sink.Lines();
        // The capture works: the feed requests were logged at every level (here routing names the endpoint by its pattern).
        Assert.Contains(lines, l => l.Contains("/calendar/u/{token}.ics", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("/calendar/u/" + token[..8], StringComparison.Ordinal));
    }

    private async Task<string> NewLeaderUserAsync(string leaderName)
    {
        var name = PageTesting.Unique("fl");
        await App.CreateUserAsync(name, Roles.Leader, leaderId: await App.LeaderIdAsync(leaderName));
        return name;
    }

    private static List<int> DutyIds(IEnumerable<IcsEvent> events) =>
        events.Where(e => e.Uid.StartsWith("duty-", StringComparison.Ordinal))
            .Select(e => int.Parse(e.Uid["duty-".Length..e.Uid.IndexOf('@', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    private static void SqliteFlush() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

    /// <summary>Keeps every log line (message and category) written through the app's logging.</summary>
    private sealed class LogSink : ILoggerProvider
    {
        private readonly List<string> _lines = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Clear()
        {
            lock (_lines) _lines.Clear();
        }

        public List<string> Lines()
        {
            lock (_lines) return [.. _lines];
        }

        public void Dispose() { }

        private sealed class Logger(LogSink sink, string category) : ILogger
        {
            // Scopes are kept as lines too: a formatter with IncludeScopes prints them with every message.
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lock (sink._lines) sink._lines.Add($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (sink._lines) sink._lines.Add($"{category}: {formatter(state, exception)}");
            }
        }
    }
}
