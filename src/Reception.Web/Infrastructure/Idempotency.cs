using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Reception.Web.Infrastructure;

/// <summary>
/// A creating handler (OnPost of a form that adds a record) whose form carries an idempotency key
/// (<c>&lt;form method="post" idempotent&gt;</c>): the same form posted twice — a double click, a reload, a resend after a
/// dropped connection — creates one record; the second post is redirected to where the first one's result went.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IdempotentAttribute : Attribute;

/// <summary>The hidden field: <c>idempotent</c> on a form adds it, keeping the posted key when the form comes back with errors.</summary>
[HtmlTargetElement("form", Attributes = AttributeName)]
public sealed class IdempotencyTagHelper : TagHelper
{
    public const string AttributeName = "idempotent";

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override int Order => 1000; // after the form tag helper (antiforgery field)

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll(AttributeName);
        var request = ViewContext.HttpContext.Request;
        var key = request.HasFormContentType && Idempotency.IsWellFormed(request.Form[Idempotency.FieldName].ToString())
            ? request.Form[Idempotency.FieldName].ToString()
            : Idempotency.NewKey();
        output.PostContent.AppendHtml($"<input type=\"hidden\" name=\"{Idempotency.FieldName}\" value=\"{key}\" />");
    }
}

/// <summary>
/// The filter behind <see cref="IdempotentAttribute"/>. The key is claimed in its own unit of work before the handler
/// runs (the table's primary key settles two concurrent posts), completed with the redirect address afterwards, and
/// released when the handler answered with the form again (errors to fix) or failed, so the corrected form can be sent.
/// </summary>
public sealed partial class Idempotency(IServiceScopeFactory scopes, TimeProvider clock, IUrlHelperFactory urls, ILogger<Idempotency> log) : IAsyncPageFilter
{
    public const string FieldName = "__IdempotencyKey";

    /// <summary>How long a second post waits for the first one's result before it is answered 409.</summary>
    public static TimeSpan WaitForFirst { get; set; } = TimeSpan.FromSeconds(15);

    public static string NewKey() => Guid.NewGuid().ToString("N");

    public static bool IsWellFormed(string? key) =>
        key is { Length: 32 } && key.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method)
            || context.HandlerMethod?.MethodInfo.GetCustomAttributes(typeof(IdempotentAttribute), inherit: false).Length is null or 0
            || !http.Request.HasFormContentType
            || http.Request.Form[FieldName].ToString() is not { } key || !IsWellFormed(key))
        {
            await next();
            return;
        }

        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var deadline = clock.GetUtcNow() + WaitForFirst;
        while (true)
        {
            var claim = await ClaimAsync(key, userId, http.RequestAborted);
            if (claim.Claimed) break;
            if (claim.OtherUser)
            {
                context.Result = new BadRequestResult();
                return;
            }
            if (claim.Location is { } location)
            {
                LogRepeated(log, context.ActionDescriptor.ViewEnginePath);
                context.Result = new LocalRedirectResult(location);
                return;
            }
            if (clock.GetUtcNow() >= deadline)
            {
                context.Result = new StatusCodeResult(StatusCodes.Status409Conflict);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), http.RequestAborted);
        }

        PageHandlerExecutedContext? executed = null;
        try
        {
            executed = await next();
        }
        finally
        {
            var location = executed is { Exception: null } ? LocationOf(context, executed.Result) : null;
            await CompleteAsync(key, location);
        }
    }

    private string? LocationOf(PageHandlerExecutingContext context, IActionResult? result)
    {
        var url = result switch
        {
            RedirectToPageResult page => (page.UrlHelper ?? urls.GetUrlHelper(context)).Page(page.PageName, page.PageHandler, page.RouteValues, null, null, page.Fragment),
            LocalRedirectResult local => local.Url,
            RedirectResult redirect => redirect.Url,
            _ => null,
        };
        return url is { Length: > 0 and <= IdempotencyKey.LocationMaxLength } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url : null;
    }

    private async Task<(bool Claimed, bool OtherUser, string? Location)> ClaimAsync(string key, string userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            db.IdempotencyKeys.Add(new IdempotencyKey { Key = key, UserId = userId, CreatedAtUtc = now });
            await db.SaveChangesAsync(ct);
            // Expired keys go as new ones come.
            var expired = now - IdempotencyKey.Lifetime;
            await db.IdempotencyKeys.Where(k => k.CreatedAtUtc < expired).ExecuteDeleteAsync(ct);
            return (true, false, null);
        }
        catch (DbUpdateException e) when (IsDuplicate(e))
        {
            var existing = await db.IdempotencyKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Key == key, ct);
            if (existing is null) return (false, false, null); // released meanwhile: try again
            return (false, existing.UserId != userId, existing.Location);
        }
    }

    /// <summary>Records where the result went, or releases the key when there is no such place (the form came back).</summary>
    private async Task CompleteAsync(string key, string? location)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var keys = db.IdempotencyKeys.Where(k => k.Key == key);
        if (location is null) await keys.ExecuteDeleteAsync(CancellationToken.None);
        else await keys.ExecuteUpdateAsync(s => s.SetProperty(k => k.Location, location), CancellationToken.None);
    }

    private static bool IsDuplicate(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 1555 or 2067, // PRIMARYKEY, UNIQUE
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "A form of {Page} was posted again with the same idempotency key: redirected to the first result.")]
    private static partial void LogRepeated(ILogger logger, string page);
}
