using Microsoft.Extensions.Caching.Memory;
using Reception.Core.Feeds;

namespace Reception.Web.Features.Calendar.Feeds;

/// <summary>Settings of the calendar feeds (section Reception:Feeds).</summary>
public sealed class FeedOptions
{
    public const string Section = "Reception:Feeds";

    /// <summary>
    /// Memory for rendered feed bodies in each app instance, in megabytes (default 64: a few hundred personal feeds of
    /// 300 KB). 0 renders every request (for measuring the render path).
    /// </summary>
    public int BodyCacheMegabytes { get; set; } = 64;

    /// <summary>
    /// Memory for rendered events in each app instance, in megabytes (default 64: some 80,000 events). A feed that changed
    /// is rendered again with only its changed events going through Ical.Net. 0 renders every event every time.
    /// </summary>
    public int EventCacheMegabytes { get; set; } = 64;
}

/// <summary>
/// The rendered answers of this app instance that are the same for everyone who asks with the same tag: feed bodies and the
/// public rota page, one bounded byte cache (<see cref="FeedOptions.BodyCacheMegabytes"/>) keyed by the answer's strong
/// ETag. A tag is derived from the answer's stored content version (<see cref="FeedEndpoints"/>,
/// <see cref="Rotas.Public.PublicRotaCache"/>), so bytes are valid for as long as their key is asked for and never need
/// invalidating: a change makes a new key, and the old bytes are pushed out when the cache is full (no expiry by time:
/// none is needed, and the app's clock stays the only one it reads). The database stays the only source of truth; another
/// instance renders its own copy of the same bytes. Keys carry the kind of answer ("feed:", "rota:").
/// </summary>
public sealed class BodyCache(IOptions<FeedOptions> options) : IDisposable
{
    private readonly MemoryCache? _cache = options.Value.BodyCacheMegabytes <= 0
        ? null
        : new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.BodyCacheMegabytes * 1024L * 1024L });

    public bool TryGet(string key, out byte[] body)
    {
        if (_cache is not null && _cache.TryGetValue(key, out var found) && found is byte[] bytes)
        {
            body = bytes;
            return true;
        }
        body = [];
        return false;
    }

    public void Set(string key, byte[] body)
    {
        // A body bigger than a quarter of the cache would only push everything else out. An entry's own overhead (key,
        // entry, array header) is counted too.
        if (_cache is null || body.Length > options.Value.BodyCacheMegabytes * 1024L * 256L) return;
        _cache.Set(key, body, new MemoryCacheEntryOptions { Size = body.Length + 200 });
    }

    public void Dispose() => _cache?.Dispose();
}

/// <summary>
/// Rendered events of this app instance by <see cref="FeedEventKey"/> (a hash of everything an event's bytes depend on), so
/// they are never stale either; feeds that share events (a leader's duties are in the office feeds above them) share them.
/// </summary>
public sealed class FeedEventCache(IOptions<FeedOptions> options) : IFeedEventCache, IDisposable
{
    private readonly MemoryCache? _cache = options.Value.EventCacheMegabytes <= 0
        ? null
        : new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.EventCacheMegabytes * 1024L * 1024L });

    /// <summary>Null when the cache is off, so the renderer does not even compute keys.</summary>
    public IFeedEventCache? OrNull => _cache is null ? null : this;

    public bool TryGet(FeedEventKey key, out byte[] bytes)
    {
        if (_cache is not null && _cache.TryGetValue(key, out var found) && found is byte[] stored)
        {
            bytes = stored;
            return true;
        }
        bytes = [];
        return false;
    }

    // An entry's own overhead (key, entry, array header) is counted too, so many small events do not overrun the limit.
    public void Set(FeedEventKey key, byte[] bytes) =>
        _cache?.Set(key, bytes, new MemoryCacheEntryOptions { Size = bytes.Length + 200 });

    public void Dispose() => _cache?.Dispose();
}

public static class FeedSetup
{
    public static void AddReceptionFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FeedOptions>(configuration.GetSection(FeedOptions.Section));
        services.AddScoped<FeedQueries>();
        services.AddSingleton<BodyCache>();
        services.AddSingleton<FeedEventCache>();
        services.AddSingleton<FeedCaches>();
    }
}

/// <summary>The two caches of the feed endpoints, injected as one.</summary>
public sealed record FeedCaches(BodyCache Bodies, FeedEventCache Events);
