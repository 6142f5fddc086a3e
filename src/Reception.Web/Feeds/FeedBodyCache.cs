using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Reception.Web.Feeds;

/// <summary>Settings of the calendar feeds (section Reception:Feeds).</summary>
public sealed class FeedOptions
{
    public const string Section = "Reception:Feeds";

    /// <summary>
    /// Memory for rendered feed bodies in each app instance, in megabytes (default 64: a few hundred personal feeds of
    /// 300 KB). 0 renders every request (for measuring the render path).
    /// </summary>
    public int BodyCacheMegabytes { get; set; } = 64;
}

/// <summary>
/// Rendered feed bodies of this app instance, keyed by the feed's ETag (which is derived from its stored content version,
/// see <see cref="FeedEndpoints"/>), so a body is valid for as long as its key is asked for and never needs invalidating:
/// a change makes a new key, and the old body ages out. The database stays the only source of truth; another instance
/// renders its own copy of the same bytes.
/// </summary>
public sealed class FeedBodyCache(IOptions<FeedOptions> options) : IDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromHours(2);

    private readonly MemoryCache? _cache = options.Value.BodyCacheMegabytes <= 0
        ? null
        : new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.BodyCacheMegabytes * 1024L * 1024L });

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
        // A body bigger than a quarter of the cache would only push everything else out.
        if (_cache is null || body.Length > options.Value.BodyCacheMegabytes * 1024L * 256L) return;
        _cache.Set(tag, body, new MemoryCacheEntryOptions { Size = body.Length, SlidingExpiration = Idle });
    }

    public void Dispose() => _cache?.Dispose();
}

public static class FeedSetup
{
    public static void AddReceptionFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FeedOptions>(configuration.GetSection(FeedOptions.Section));
        services.AddScoped<FeedQueries>();
        services.AddSingleton<FeedBodyCache>();
    }
}
