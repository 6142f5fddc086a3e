using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Caching.Memory;
using Reception.Core.Calendar;
using Reception.Web.Features.Calendar.Feeds;

namespace Reception.Web.Features.Rotas.Public;

/// <summary>
/// The public rota page's answers as the database says they are: the page an anonymous visitor sees is a function of the
/// unit's published months (their stored <see cref="Reception.Core.Feeds.FeedVersion"/> rows, the public feed's own,
/// changed in the same transaction as a publication), the names of units, venues and rules (the "everything" row), the
/// day in Beijing, the holiday calendar, the language, the address and the build. Its strong ETag is a hash of those, read
/// with one statement (<see cref="FeedLookups.PublicRotaAsync"/>) on any instance, so every instance gives the same tag for
/// the same data; a matching If-None-Match answers 304, and otherwise this instance's memory holds the rendered bytes under
/// the tag (64 MB at most, <see cref="FeedOptions.BodyCacheMegabytes"/>'s setting shared with the feeds' bodies). A new tag
/// needs no invalidation: the old bytes are simply never asked for again and pushed out when memory is full.
/// Signed-in readers (the layout shows their menu) and requests carrying a status message are rendered as before.
/// </summary>
public sealed class PublicRotaCache(IOptions<FeedOptions> options) : IDisposable
{
    public const string CacheControl = "public, no-cache";

    private static readonly object CaptureKey = new();

    /// <summary>The build: instances running the same build render the same bytes.</summary>
    private static readonly string Build = typeof(PublicRotaCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private readonly MemoryCache? _cache = options.Value.BodyCacheMegabytes <= 0
        ? null
        : new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.BodyCacheMegabytes * 1024L * 1024L });

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

    public bool TryGet(string tag, out byte[] body)
    {
        if (_cache is not null && _cache.TryGetValue(tag, out var found) && found is byte[] bytes)
        {
            body = bytes;
            return true;
        }
        body = [];
        return false;
    }

    public void Set(string tag, byte[] body)
    {
        if (_cache is null || body.Length > options.Value.BodyCacheMegabytes * 1024L * 256L) return;
        _cache.Set(tag, body, new MemoryCacheEntryOptions { Size = body.Length + 200 });
    }

    /// <summary>
    /// Whether the request carries a status message for the layout (the temp-data cookie): such a page is rendered for it.
    /// Checked on the cookie, not through TempData, which would answer every request with a cookie deletion.
    /// </summary>
    public static bool CarriesStatusMessage(HttpContext http) =>
        http.Request.Cookies.ContainsKey(http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>>().Value.Cookie.Name!);

    /// <summary>Asks <see cref="CaptureAttribute"/> to keep the page rendered for this request under <paramref name="tag"/>.</summary>
    public static void Capture(HttpContext http, string tag) => http.Items[CaptureKey] = tag;

    public void Dispose() => _cache?.Dispose();

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
