using System.Data;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Net.Http.Headers;
using Reception.Core.Feeds;
using Reception.Core.Time;

namespace Reception.Web.Features.Calendar.Feeds;

/// <summary>
/// The three calendar feeds (iCalendar over HTTP, no sign-in):
/// <c>/calendar/{orgCode}.ics</c> (public), <c>/calendar/u/{token}.ics</c> (personal), <c>/calendar/o/{token}.ics</c> (office).
/// <para>
/// Caching: a feed's strong ETag is derived from its stored content version (<see cref="FeedLookups"/>, changed in the
/// same transaction as the data), its window's day, the site address, the language, its calendar name and the build that
/// renders it, so answering "unchanged" costs one statement (the token or org unit and a few indexed version rows) on any
/// app instance, after any restart. A matching If-None-Match answers 304 without reading a single event; otherwise the
/// body comes from this instance's <see cref="BodyCache"/> under that tag, or is read and rendered in one snapshot
/// (the version read again inside it, so a body is stored under exactly the version it shows), unchanged events' bytes
/// taken from the <see cref="FeedEventCache"/>. DTSTAMP is each event's LAST-MODIFIED, not "now", so the same data gives
/// the same bytes on every instance. Last-Modified is when the version last changed or the start of today in Beijing,
/// whichever is later (the window moves at midnight); a link also remembers the tag it last served and since when
/// (<see cref="FeedToken.ContentHash"/>), so a change the versions do not cover (the owner's name or language) moves it on
/// too. If-None-Match wins over If-Modified-Since; a match answers 304 with the same validators.
/// Token feeds are <c>private, max-age=300</c> (a shared cache must not keep a response to a secret address; clients poll
/// every few minutes at most); the public feed is <c>public, max-age=900</c> (it changes only when a rota is published).
/// </para>
/// <para>
/// A malformed, unknown or revoked token, a token of the other kind, or one whose owner is disabled or no longer in the role
/// all answer the same bare 404 (no body, no status page). Tokens are looked up by their hash. The request-logging category
/// of ASP.NET Core is capped at Warning (see <see cref="Infrastructure.AppSetup"/>) so the token in the path is never logged.
/// </para>
/// </summary>
public static class FeedEndpoints
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string TokenCacheControl = "private, max-age=300";
    public const string PublicCacheControl = "public, max-age=900";

    public static string PublicPath(string orgCode) => "/calendar/" + orgCode + ".ics";

    public static string TokenPath(FeedKind kind, string token) => (kind == FeedKind.Personal ? "/calendar/u/" : "/calendar/o/") + token + ".ics";

    /// <summary>
    /// The code that turns data into bytes, as part of every tag: a new build that renders differently gets new tags, and
    /// instances running the same build (deterministic compilation) agree.
    /// </summary>
    private static readonly string RenderFormat = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
        new[] { typeof(FeedRenderer), typeof(FeedEndpoints), typeof(Ical.Net.Calendar) }.Select(t => t.Assembly.ManifestModule.ModuleVersionId)))))[..16];

    public static void MapFeeds(this IEndpointRouteBuilder app)
    {
        // GET and HEAD (some clients check a subscription with HEAD before fetching it).
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        var feeds = app.MapGroup("/calendar").AllowAnonymous();
        feeds.MapMethods("/{orgCode}.ics", methods, PublicAsync);
        feeds.MapMethods("/u/{token}.ics", methods, (HttpContext http, string token, FeedQueries queries, AppDbContext db, FeedCaches caches, TimeProvider clock) =>
            TokenAsync(http, token, FeedKind.Personal, queries, db, caches, clock)).WithMetadata(new NoReferrerAttribute());
        feeds.MapMethods("/o/{token}.ics", methods, (HttpContext http, string token, FeedQueries queries, AppDbContext db, FeedCaches caches, TimeProvider clock) =>
            TokenAsync(http, token, FeedKind.Office, queries, db, caches, clock)).WithMetadata(new NoReferrerAttribute());
    }

    /// <summary>
    /// The same answers before routing (<see cref="IEarlyAnswer"/>) for a request without a sign-in cookie, as every
    /// calendar client's is: the feed needs none of authentication, the account checks or the endpoint pipeline. A request
    /// with one (a signed-in browser opening its link) takes the endpoints above, which answer alike.
    /// </summary>
    public sealed class Early : IEarlyAnswer
    {
        private const string Prefix = "/calendar/";
        private const string Suffix = ".ics";

        public async Task<bool> TryAnswerAsync(HttpContext context)
        {
            var path = context.Request.Path.Value;
            if (path is null || path.Length <= Prefix.Length + Suffix.Length
                || !path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !path.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)
                || EarlyAnswers.CarriesSignIn(context.Request)) return false;
            var name = path[Prefix.Length..^Suffix.Length];
            FeedKind? kind = name.StartsWith("u/", StringComparison.OrdinalIgnoreCase) ? FeedKind.Personal
                : name.StartsWith("o/", StringComparison.OrdinalIgnoreCase) ? FeedKind.Office
                : null;
            if (kind is not null) name = name[2..];
            if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal)) return false;
            var services = context.RequestServices;
            var queries = services.GetRequiredService<FeedQueries>();
            var db = services.GetRequiredService<AppDbContext>();
            var caches = services.GetRequiredService<FeedCaches>();
            var clock = services.GetRequiredService<TimeProvider>();
            if (kind is { } k)
            {
                SecurityHeaders.SendNoReferrer(context);
                await TokenAsync(context, name, k, queries, db, caches, clock);
            }
            else
            {
                await PublicAsync(context, name, queries, db, caches, clock);
            }
            return true;
        }
    }

    private static async Task PublicAsync(HttpContext http, string orgCode, FeedQueries queries, AppDbContext db, FeedCaches caches, TimeProvider clock)
    {
        var today = ChinaTime.Today(clock);
        var unit = await FeedLookups.PublicAsync(db, orgCode, today, http.RequestAborted);
        if (unit is null)
        {
            NotFound(http);
            return;
        }
        var site = Site(http.Request);
        var feed = new Feed("public", unit.Id.ToString(CultureInfo.InvariantCulture), unit.Name, unit.Code + ".ics", PublicCacheControl,
            async (day, ct) => (await FeedLookups.PublicAsync(db, unit.Code, day, ct))?.Version,
            (day, ct) => queries.PublicAsync(unit.Code, site, day, ct));
        await ServeAsync(http, feed, unit.Version, today, db, caches, clock);
    }

    private static async Task TokenAsync(HttpContext http, string token, FeedKind kind, FeedQueries queries, AppDbContext db, FeedCaches caches, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        if (FeedToken.TryHash(token) is not { } hash)
        {
            NotFound(http);
            return;
        }
        var today = ChinaTime.Today(clock);
        var owner = await FeedLookups.TokenAsync(db, hash, kind, today, ct);
        var allowed = owner is not null && (kind == FeedKind.Personal ? owner.IsLeader && owner.LeaderId is not null : owner.IsOffice);
        if (!allowed)
        {
            NotFound(http);
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (FeedToken.ShouldRecordUse(owner!.LastUsedAtUtc, now))
        {
            // Set-based and conditional, so concurrent polls write once and a request never loads the row to track it.
            var stale = now - FeedToken.LastUsedResolution;
            await db.FeedTokens.Where(t => t.Id == owner.TokenId && (t.LastUsedAtUtc == null || t.LastUsedAtUtc <= stale))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAtUtc, now), ct);
        }

        // The feed speaks its owner's language (calendar clients send no culture cookie).
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(Cultures.Normalize(owner.PreferredCulture));
        var site = Site(http.Request);
        var link = new Link(owner.TokenId, owner.ContentHash, owner.ContentChangedAtUtc);
        async Task<FeedContentVersion?> Version(DateOnly day, CancellationToken c) => (await FeedLookups.TokenAsync(db, hash, kind, day, c))?.Version;
        var feed = kind == FeedKind.Personal
            ? new Feed("personal", owner.LeaderId!.Value.ToString(CultureInfo.InvariantCulture), owner.DisplayName, "personal.ics", TokenCacheControl,
                Version, async (day, c) => await queries.PersonalAsync(owner.LeaderId.Value, owner.DisplayName, site, day, c), link)
            : new Feed("office", owner.Path, owner.OrgName, "office.ics", TokenCacheControl,
                Version, async (day, c) => await queries.OfficeAsync(owner.Path, owner.OrgName, site, day, c), link);
        await ServeAsync(http, feed, owner.Version, today, db, caches, clock);
    }

    private static async Task ServeAsync(HttpContext http, Feed feed, FeedContentVersion version, DateOnly today, AppDbContext db, FeedCaches caches, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var tag = Tag(feed, version, today, Site(http.Request));

        var cache = caches.Bodies;
        byte[]? body = null;
        if (!IfNoneMatchHas(http.Request, tag) && !cache.TryGet(Key(tag), out body))
        {
            // Read the version again inside the snapshot the events are read from: the body is exactly that version's.
            var rendered = await RenderAsync(feed, db, caches.Events, today, ct);
            if (rendered is null)
            {
                NotFound(http); // the token or org unit went away between the two reads
                return;
            }
            (version, body) = rendered.Value;
            tag = Tag(feed, version, today, Site(http.Request));
            cache.Set(Key(tag), body);
        }

        var midnight = ChinaTime.ToUtc(today, TimeOnly.MinValue);
        var lastModified = Truncate(version.ChangedAtUtc > midnight ? version.ChangedAtUtc : midnight);
        if (feed.Link is { } link) lastModified = await SettleAsync(db, link, tag, lastModified, clock.GetUtcNow().UtcDateTime, ct);

        var response = http.Response;
        var headers = response.GetTypedHeaders();
        var etag = new EntityTagHeaderValue("\"" + tag + "\"");
        headers.ETag = etag;
        headers.LastModified = lastModified;
        response.Headers.CacheControl = feed.CacheControl;

        if (NotModified(http.Request, etag, lastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        body ??= cache.TryGet(Key(tag), out var cached) ? cached : (await RenderAsync(feed, db, caches.Events, today, ct))?.Body ?? [];
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = feed.FileName }.ToString();
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await response.Body.WriteAsync(body, ct);
    }

    /// <summary>Reads the feed's version and events from one snapshot of the database and renders them.</summary>
    private static async Task<(FeedContentVersion Version, byte[] Body)?> RenderAsync(Feed feed, AppDbContext db, FeedEventCache events, DateOnly today, CancellationToken ct)
    {
        FeedContentVersion? version;
        FeedCalendar? calendar = null;
        await using (await SnapshotAsync(db, ct))
        {
            version = await feed.Version(today, ct);
            if (version is not null) calendar = await feed.Calendar(today, ct);
        }
        if (version is null || calendar is null) return null;

        using var buffer = new PooledBufferWriter();
        FeedRenderer.Render(calendar, buffer, events.OrNull);
        return (version.Value, buffer.WrittenMemory.ToArray());
    }

    /// <summary>
    /// A read-only transaction that sees one state of the database: REPEATABLE READ on PostgreSQL; on SQLite a deferred
    /// transaction, which reads one snapshot of the write-ahead log and takes no write lock.
    /// </summary>
    private static async Task<IAsyncDisposable> SnapshotAsync(AppDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await db.Database.OpenConnectionAsync(ct);
        var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(transaction, ct);
        return new SqliteSnapshot(db, transaction);
    }

    private sealed class SqliteSnapshot(AppDbContext db, SqliteTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.UseTransactionAsync(null);
            await transaction.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A feed's key in the <see cref="BodyCache"/> it shares with the public rota page.</summary>
    private static string Key(string tag) => "feed:" + tag;

    /// <summary>The strong ETag's value: 16 bytes of SHA-256 over everything the body is a function of.</summary>
    private static string Tag(Feed feed, FeedContentVersion version, DateOnly today, Uri site)
    {
        var key = string.Join('\n', RenderFormat, feed.Kind, feed.Subject, feed.CalendarName, CultureInfo.CurrentUICulture.Name, site.AbsoluteUri,
            today.DayNumber.ToString(CultureInfo.InvariantCulture), version.Sum.ToString(CultureInfo.InvariantCulture),
            version.ChangedAtUtc.Ticks.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))[..16]);
    }

    /// <summary>Last-Modified of a link's feed: since when it has served this tag (see <see cref="FeedToken.ContentHash"/>).</summary>
    private static async Task<DateTimeOffset> SettleAsync(AppDbContext db, Link link, string tag, DateTimeOffset computed, DateTime now, CancellationToken ct)
    {
        if (link.ContentHash == tag && link.ContentChangedAtUtc is { } since) return Later(computed, Truncate(since));
        // Conditional and set-based: concurrent polls of a changed feed write once.
        await db.FeedTokens.Where(t => t.Id == link.TokenId && (t.ContentHash == null || t.ContentHash != tag))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ContentHash, tag).SetProperty(t => t.ContentChangedAtUtc, now), ct);
        return Later(computed, Truncate(now));
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static bool IfNoneMatchHas(HttpRequest request, string tag) =>
        request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } tags
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.AsSpan().Trim('"').SequenceEqual(tag));

    /// <summary>RFC 9110 §13.2.2: If-None-Match (weak comparison) decides when present; otherwise If-Modified-Since.</summary>
    private static bool NotModified(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset lastModified)
    {
        var conditions = request.GetTypedHeaders();
        if (conditions.IfNoneMatch is { Count: > 0 } tags)
            return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
        return conditions.IfModifiedSince is { } since && lastModified <= since;
    }

    private static void NotFound(HttpContext http)
    {
        // The same bare answer for every refused feed: no status page, nothing that tells the cases apart.
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        http.Response.Headers.CacheControl = "no-store";
    }

    private static DateTimeOffset Truncate(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>The site's address as the client reached it (scheme, host and path base), for event URLs.</summary>
    public static Uri Site(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");

    /// <summary>
    /// One feed as the endpoint serves it: what identifies its content, how to read its version again (null when its token
    /// or org unit is gone) and its events.
    /// </summary>
    private sealed record Feed(string Kind, string Subject, string CalendarName, string FileName, string CacheControl,
        Func<DateOnly, CancellationToken, Task<FeedContentVersion?>> Version, Func<DateOnly, CancellationToken, Task<FeedCalendar?>> Calendar, Link? Link = null);

    /// <summary>The subscription link a token feed is served through, as read with the token.</summary>
    private sealed record Link(int TokenId, string? ContentHash, DateTime? ContentChangedAtUtc);
}
