namespace Reception.Web.Infrastructure;

/// <summary>
/// The security headers every response carries (issue 16, item 14): a Content-Security-Policy that allows scripts and
/// style sheets from the app's own files only (no inline script, no inline style, no framing), X-Content-Type-Options,
/// Referrer-Policy, and Cache-Control: no-store on everything the app renders (pages, exports, errors) — only static
/// files and responses that chose their own caching (the calendar feeds) keep theirs.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy of every page: the app's own scripts and styles only (wwwroot/js, wwwroot/css), never inline.</summary>
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The Hangfire Dashboard (<c>/Admin/Jobs</c>) writes inline script blocks and inline styles in its own pages, which the
    /// app cannot move into files or give a nonce; it gets 'unsafe-inline' for these, and nothing else. It is only for
    /// signed-in administrators and shows no personal data; framing, plugins and foreign origins stay forbidden.
    /// </summary>
    public const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The referrer policy of pages without secret links.</summary>
    public const string DefaultReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>Where the Hangfire Dashboard is mapped (Jobs.JobsDashboard.Path; kept here so Infrastructure needs no Jobs).</summary>
    public const string DashboardPath = "/Admin/Jobs";

    private static readonly object NoReferrerKey = new();

    /// <summary>
    /// For an answer given before routing (<see cref="EarlyAnswers"/>), which has no endpoint to carry
    /// <see cref="NoReferrerAttribute"/>: its address holds a secret too.
    /// </summary>
    public static void SendNoReferrer(HttpContext context) => context.Items[NoReferrerKey] = true;

    /// <summary>First in the pipeline: the headers are added when the response starts, so error pages re-executed after an exception carry them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Decided now: the dashboard moves its own address into PathBase while it answers.
        var policy = context.Request.Path.StartsWithSegments(DashboardPath) ? DashboardPolicy : Policy;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = context.GetEndpoint()?.Metadata.GetMetadata<NoReferrerAttribute>() is not null
                                         || context.Items.ContainsKey(NoReferrerKey)
                ? "no-referrer"
                : DefaultReferrerPolicy;
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// After the static files: whatever the app renders is not kept by browsers or proxies (pages with personal data,
    /// exports, forms), unless the response set its own Cache-Control (the feeds' private/public max-age).
    /// </summary>
    public static IApplicationBuilder UseNoStoreByDefault(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (string.IsNullOrEmpty(headers.CacheControl))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>The allowed host names ("AllowedHosts", ';'-separated); empty when every host is allowed ("*").</summary>
    public static IReadOnlyList<string> AllowedHosts(IConfiguration configuration) =>
        (configuration["AllowedHosts"] ?? "*")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is var hosts && hosts.Contains("*")
            ? []
            : hosts;
}

/// <summary>
/// A page or endpoint whose addresses carry a secret (a feed token): the browser sends no Referer from it, so a link
/// followed from it does not tell the other site where the user came from.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoReferrerAttribute : Attribute;
