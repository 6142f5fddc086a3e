using System.Threading.RateLimiting;

namespace Reception.Web.Features.Query;

/// <summary>Options of the public query page's rate limit (<c>Reception:PublicQuery</c>).</summary>
public sealed class PublicQueryOptions
{
    public const string Section = "Reception:PublicQuery";

    /// <summary>Queries and evaluations one address may send per <see cref="WindowMinutes"/>.</summary>
    public int PermitLimit { get; set; } = 10;

    public int WindowMinutes { get; set; } = 10;
}

/// <summary>
/// The public query page's rate limit: ASP.NET Core's rate limiter, a fixed window per client address (after the
/// forwarded-headers middleware, so behind the configured proxy it is the citizen's address), on the page's POSTs only —
/// reading the empty form is free. Guessing a query code (≈ 39 bits) is so limited to a few attempts per address and
/// window. In memory per instance: with N instances an address gets at most N × the limit.
/// </summary>
public static class PublicQueryLimits
{
    public const string Policy = "public-query";

    /// <summary>Answered with 429 when an address exceeds the limit.</summary>
    public const string TooMany = "Too many attempts from your address. Please wait a few minutes and try again.";

    public static void AddPublicQueryRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PublicQueryOptions.Section).Get<PublicQueryOptions>() ?? new PublicQueryOptions();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = TimeSpan.FromMinutes(options.WindowMinutes),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("read"));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    response.Headers.RetryAfter = ((int)retry.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(l[TooMany], ct);
            };
        });
    }
}
