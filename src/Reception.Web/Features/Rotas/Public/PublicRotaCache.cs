using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc.Filters;
using Reception.Core.Calendar;
using Reception.Core.Time;
using Reception.Web.Features.Calendar;
using Reception.Web.Features.Calendar.Feeds;

namespace Reception.Web.Features.Rotas.Public;

/// <summary>
/// The public rota page's answers as the database says they are: the page an anonymous visitor sees is a function of the
/// unit's published months (their stored <see cref="Reception.Core.Feeds.FeedVersion"/> rows, the public feed's own,
/// changed in the same transaction as a publication), the names of units, venues and rules (the "everything" row), the
/// day in Beijing, the holiday calendar, the language, the address and the build. Its strong ETag is a hash of those, read
/// with one statement (<see cref="FeedLookups.PublicRotaAsync"/>) on any instance, so every instance gives the same tag for
/// the same data; a matching If-None-Match answers 304, and otherwise this instance's memory holds the rendered bytes under
/// the tag (in the <see cref="BodyCache"/> the feeds' bodies are in). A new tag needs no invalidation: the old bytes are
/// simply never asked for again and pushed out when memory is full. Signed-in readers (the layout shows their menu) and
/// requests carrying a status message are rendered as before. The unchanged answers (304, bytes from memory) are given
/// before routing (<see cref="Early"/>); the page itself answers the same way and renders what is not in memory.
/// </summary>
public sealed class PublicRotaCache(BodyCache bodies)
{
    public const string CacheControl = "public, no-cache";

    private static readonly object CaptureKey = new();

    /// <summary>The build: instances running the same build render the same bytes.</summary>
    private static readonly string Build = typeof(PublicRotaCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    // The holiday calendar is loaded every few minutes as a new object; its fingerprint is computed once per object.
    private readonly ConditionalWeakTable<WorkingDayCalendar, StrongBox<(int Day, string Print)>> _calendars = [];

    /// <summary>The strong tag of the page for this request (the version row read, the day, the calendar, the rest).</summary>
    public string Tag(HttpRequest request, PublicFeedRow unit, DateOnly today, WorkingDayCalendar calendar)
    {
        var key = string.Join('\n', Build, unit.Id.ToString(CultureInfo.InvariantCulture), unit.Version.Sum.ToString(CultureInfo.InvariantCulture),
            unit.Version.ChangedAtUtc.Ticks.ToString(CultureInfo.InvariantCulture), today.DayNumber.ToString(CultureInfo.InvariantCulture),
            CalendarPrint(calendar, today), CultureInfo.CurrentUICulture.Name, FeedEndpoints.Site(request).AbsoluteUri,
            request.Path.Value, request.QueryString.Value);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))[..16]);
    }

    /// <summary>What the calendar says of each day the page may show (this month and the next two years).</summary>
    private string CalendarPrint(WorkingDayCalendar calendar, DateOnly today)
    {
        var box = _calendars.GetValue(calendar, _ => new StrongBox<(int, string)>((-1, "")));
        var known = box.Value;
        if (known.Day == today.DayNumber) return known.Print;
        var first = new DateOnly(today.Year, today.Month, 1);
        var text = new StringBuilder();
        for (var d = first; d < first.AddYears(2); d = d.AddDays(1))
        {
            var info = calendar.Describe(d);
            if (info.Kind != DayKind.Workday || info.HolidayName is not null || !info.YearKnown || info.IsProvisional)
                text.Append(info.ToString()).Append('\n');
        }
        var print = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))[..8]);
        box.Value = (today.DayNumber, print);
        return print;
    }

    public bool TryGet(string tag, out byte[] body) => bodies.TryGet("rota:" + tag, out body);

    public void Set(string tag, byte[] body) => bodies.Set("rota:" + tag, body);

    /// <summary>
    /// What the database says of the page at this request (one statement): its tag and validators, or null when there is no
    /// such active unit.
    /// </summary>
    public async Task<Validators?> ReadAsync(AppDbContext db, HttpRequest request, string orgCode, DateOnly today, WorkingDayCalendar calendar,
        CancellationToken ct)
    {
        var published = await FeedLookups.PublicRotaAsync(db, orgCode, new DateOnly(today.Year, today.Month, 1), ct);
        if (published is null) return null;
        var tag = Tag(request, published, today, calendar);
        var midnight = ChinaTime.ToUtc(today, TimeOnly.MinValue);
        var changed = published.Version.ChangedAtUtc > midnight ? published.Version.ChangedAtUtc : midnight;
        return new Validators(tag, new DateTimeOffset(changed.Ticks - changed.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero));
    }

    /// <summary>The page's tag and Last-Modified for one request.</summary>
    public sealed record Validators(string Tag, DateTimeOffset LastModified)
    {
        public Microsoft.Net.Http.Headers.EntityTagHeaderValue ETag { get; } = new("\"" + Tag + "\"");

        /// <summary>The answer's caching headers: the strong tag, Last-Modified, revalidated each time, per language and cookie.</summary>
        public void Apply(HttpResponse response)
        {
            var headers = response.GetTypedHeaders();
            headers.ETag = ETag;
            headers.LastModified = LastModified;
            response.Headers.CacheControl = CacheControl;
            response.Headers.Vary = "Accept-Language, Cookie";
        }

        /// <summary>RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since.</summary>
        public bool NotModified(HttpRequest request)
        {
            var conditions = request.GetTypedHeaders();
            if (conditions.IfNoneMatch is { Count: > 0 } tags)
                return tags.Any(t => t.Equals(Microsoft.Net.Http.Headers.EntityTagHeaderValue.Any) || t.Compare(ETag, useStrongComparison: false));
            return conditions.IfModifiedSince is { } since && LastModified <= since;
        }
    }

    /// <summary>
    /// The unchanged page before routing (<see cref="IEarlyAnswer"/>): for a visitor without a sign-in cookie or a status
    /// message, <c>/rota/{org}</c> answers 304 for a matching tag, or the bytes this instance rendered under the tag. Anything
    /// else (no such unit, not rendered here yet) goes on to the page.
    /// </summary>
    public sealed class Early : IEarlyAnswer
    {
        private const string Prefix = "/rota/";

        public async Task<bool> TryAnswerAsync(HttpContext context)
        {
            var path = context.Request.Path.Value;
            if (path is null || path.Length <= Prefix.Length || !path.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                || path.IndexOf('/', Prefix.Length) >= 0 || EarlyAnswers.CarriesSignIn(context.Request) || CarriesStatusMessage(context)) return false;
            var services = context.RequestServices;
            var cache = services.GetRequiredService<PublicRotaCache>();
            var ct = context.RequestAborted;
            var today = ChinaTime.Today(services.GetRequiredService<TimeProvider>());
            var calendar = await services.GetRequiredService<HolidayCalendarService>().GetAsync(ct);
            var page = await cache.ReadAsync(services.GetRequiredService<AppDbContext>(), context.Request, path[Prefix.Length..], today, calendar, ct);
            if (page is null) return false;
            var response = context.Response;
            if (page.NotModified(context.Request))
            {
                page.Apply(response);
                response.StatusCode = StatusCodes.Status304NotModified;
                return true;
            }
            if (!cache.TryGet(page.Tag, out var body)) return false;
            page.Apply(response);
            response.ContentType = "text/html; charset=utf-8";
            response.ContentLength = body.Length;
            if (!HttpMethods.IsHead(context.Request.Method)) await response.Body.WriteAsync(body, ct);
            return true;
        }
    }

    /// <summary>
    /// Whether the request carries a status message for the layout (the temp-data cookie): such a page is rendered for it.
    /// Checked on the cookie, not through TempData, which would answer every request with a cookie deletion.
    /// </summary>
    public static bool CarriesStatusMessage(HttpContext http) =>
        http.Request.Cookies.ContainsKey(http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>>().Value.Cookie.Name!);

    /// <summary>Asks <see cref="CaptureAttribute"/> to keep the page rendered for this request under <paramref name="tag"/>.</summary>
    public static void Capture(HttpContext http, string tag) => http.Items[CaptureKey] = tag;

    /// <summary>
    /// Renders the page into memory when its handler asked for it (<see cref="Capture"/>), keeps the bytes under the tag
    /// and sends them with their length.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class CaptureAttribute : Attribute, IAsyncResultFilter
    {
        public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
        {
            var http = context.HttpContext;
            if (http.Items[CaptureKey] is not string tag || context.Result is not PageResult)
            {
                await next();
                return;
            }
            var response = http.Response;
            var original = response.Body;
            using var buffer = new MemoryStream();
            response.Body = buffer;
            try
            {
                await next();
            }
            finally
            {
                response.Body = original;
            }
            var bytes = buffer.ToArray();
            if (response.StatusCode == StatusCodes.Status200OK)
                http.RequestServices.GetRequiredService<PublicRotaCache>().Set(tag, bytes);
            response.ContentLength = bytes.Length;
            if (!HttpMethods.IsHead(http.Request.Method)) await original.WriteAsync(bytes, http.RequestAborted);
        }
    }
}
