using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Reception.Core.Feeds;
using Reception.Core.Time;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Localization;

namespace Reception.Web.Feeds;

/// <summary>
/// The three calendar feeds (iCalendar over HTTP, no sign-in):
/// <c>/calendar/{orgCode}.ics</c> (public), <c>/calendar/u/{token}.ics</c> (personal), <c>/calendar/o/{token}.ics</c> (office).
/// <para>
/// Caching: the body is rendered on every request (a few indexed queries and the writer) and its SHA-256 is a strong ETag,
/// so any change to any event changes the tag. DTSTAMP is the newest LAST-MODIFIED, not "now", so the same data gives the
/// same bytes. Last-Modified is the newest LAST-MODIFIED or the start of today in Beijing, whichever is later, because the
/// window moves at midnight. If-None-Match wins over If-Modified-Since; a match answers 304 with the same validators.
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

    public static void MapFeeds(this IEndpointRouteBuilder app)
    {
        // GET and HEAD (some clients check a subscription with HEAD before fetching it).
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        var feeds = app.MapGroup("/calendar").AllowAnonymous();
        feeds.MapMethods("/{orgCode}.ics", methods, PublicAsync);
        feeds.MapMethods("/u/{token}.ics", methods, (HttpContext http, string token, FeedQueries queries, AppDbContext db, TimeProvider clock) =>
            TokenAsync(http, token, FeedKind.Personal, queries, db, clock));
        feeds.MapMethods("/o/{token}.ics", methods, (HttpContext http, string token, FeedQueries queries, AppDbContext db, TimeProvider clock) =>
            TokenAsync(http, token, FeedKind.Office, queries, db, clock));
    }

    private static async Task PublicAsync(HttpContext http, string orgCode, FeedQueries queries, TimeProvider clock)
    {
        var calendar = await queries.PublicAsync(orgCode, Site(http.Request), http.RequestAborted);
        if (calendar is null)
        {
            NotFound(http);
            return;
        }
        await WriteAsync(http, calendar, orgCode.ToLowerInvariant() + ".ics", PublicCacheControl, clock);
    }

    private static async Task TokenAsync(HttpContext http, string token, FeedKind kind, FeedQueries queries, AppDbContext db, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        if (FeedToken.TryHash(token) is not { } hash)
        {
            NotFound(http);
            return;
        }
        var owner = await (from t in db.FeedTokens.AsNoTracking()
                           join u in db.Users on t.UserId equals u.Id
                           where t.TokenHash == hash && t.Kind == kind && t.RevokedAtUtc == null && u.IsActive
                           select new
                           {
                               t.Id, t.LastUsedAtUtc, t.ContentHash, t.ContentChangedAtUtc, u.LeaderId, u.DisplayName, u.PreferredCulture,
                               Path = u.OrgUnit!.Path, OrgName = u.OrgUnit.Name,
                               IsLeader = db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Leader)),
                               IsOffice = db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Clerk || r.Name == Roles.Supervisor))),
                           }).SingleOrDefaultAsync(ct);
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
            await db.FeedTokens.Where(t => t.Id == owner.Id && (t.LastUsedAtUtc == null || t.LastUsedAtUtc <= stale))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAtUtc, now), ct);
        }

        // The feed speaks its owner's language (calendar clients send no culture cookie).
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(Cultures.Normalize(owner.PreferredCulture));
        var site = Site(http.Request);
        var calendar = kind == FeedKind.Personal
            ? await queries.PersonalAsync(owner.LeaderId!.Value, owner.DisplayName, site, ct)
            : await queries.OfficeAsync(owner.Path, owner.OrgName, site, ct);
        await WriteAsync(http, calendar, kind == FeedKind.Personal ? "personal.ics" : "office.ics", TokenCacheControl, clock, SettleAsync);

        // Last-Modified of a link's feed: since when it has served this content (see FeedToken.ContentHash).
        async Task<DateTimeOffset> SettleAsync(string tag, DateTimeOffset computed)
        {
            if (owner.ContentHash == tag && owner.ContentChangedAtUtc is { } since) return Later(computed, Truncate(since));
            // Conditional and set-based: concurrent polls of a changed feed write once.
            await db.FeedTokens.Where(t => t.Id == owner.Id && (t.ContentHash == null || t.ContentHash != tag))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ContentHash, tag).SetProperty(t => t.ContentChangedAtUtc, now), ct);
            return Later(computed, Truncate(now));
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <param name="settleLastModified">
    /// For a link's feed: given the ETag's hex and the Last-Modified the events give, the Last-Modified to send.
    /// </param>
    private static async Task WriteAsync(HttpContext http, FeedCalendar calendar, string fileName, string cacheControl, TimeProvider clock,
        Func<string, DateTimeOffset, Task<DateTimeOffset>>? settleLastModified = null)
    {
        var newest = calendar.Events.Count == 0 ? DateTime.UnixEpoch : calendar.Events.Max(e => e.LastModifiedUtc);
        using var buffer = new PooledBufferWriter();
        IcsWriter.Write(calendar, newest, buffer);
        var body = buffer.WrittenMemory;

        var midnight = ChinaTime.ToUtc(ChinaTime.Today(clock), TimeOnly.MinValue);
        var lastModified = Truncate(newest > midnight ? newest : midnight);
        var tag = Convert.ToHexStringLower(SHA256.HashData(body.Span)[..16]);
        var etag = new EntityTagHeaderValue("\"" + tag + "\"");
        if (settleLastModified is not null) lastModified = await settleLastModified(tag, lastModified);

        var response = http.Response;
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = lastModified;
        response.Headers.CacheControl = cacheControl;

        if (NotModified(http.Request, etag, lastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = fileName }.ToString();
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await response.Body.WriteAsync(body, http.RequestAborted);
    }

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
}
