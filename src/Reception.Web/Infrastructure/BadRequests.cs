using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Reception.Web.Infrastructure;

/// <summary>
/// A request the app cannot understand answers 400 with the error page in the user's language, never 500: an address
/// whose query or route values do not convert (a month "2026-13", an id "abc"), a form that fails its antiforgery check
/// or cannot be read, a body the server refuses.
/// </summary>
public static class BadRequests
{
    /// <summary>The status of an exception that the request caused (the exception handler's StatusCodeSelector); 500 for the rest.</summary>
    public static int StatusCodeOf(Exception exception) => exception switch
    {
        Microsoft.AspNetCore.Http.BadHttpRequestException bad => bad.StatusCode,
        AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        ValueProviderException => StatusCodes.Status400BadRequest,
        InvalidDataException => StatusCodes.Status400BadRequest, // a malformed form or multipart body
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>
    /// After authorization: a posted form is read here, once (the framework keeps it for the page), so a body that is
    /// not a readable form (a multipart body without its boundary, more fields than allowed) answers 400 before any
    /// page or antiforgery check trips over it. A request the client abandoned is not answered.
    /// </summary>
    public static IApplicationBuilder UseUnreadableFormsAsBadRequests(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.HasFormContentType && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or IOException && !context.RequestAborted.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }
        await next(context);
    });
}

/// <summary>
/// A page read (GET, HEAD) whose query or route values did not bind is a malformed address: 400, not a page built on
/// defaults. (Posted forms keep their errors next to the fields.)
/// </summary>
public sealed class MalformedAddressFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var method = context.HttpContext.Request.Method;
        if ((HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && HasMalformedValue(context))
        {
            context.Result = new BadRequestResult();
            return Task.CompletedTask;
        }
        return next();
    }

    /// <summary>
    /// A value was sent and did not bind. A value that is missing is not malformed (the page says what it needs), and
    /// the route value "page" (the page's own name, which Razor Pages puts among the route values) is not the visitor's.
    /// </summary>
    private static bool HasMalformedValue(PageHandlerExecutingContext context)
    {
        if (context.ModelState.ValidationState != ModelValidationState.Invalid) return false;
        var pageName = context.RouteData.Values["page"] as string;
        return context.ModelState.Any(e => e.Value is { ValidationState: ModelValidationState.Invalid, RawValue: not null } entry
                                           && !(e.Key.Equals("page", StringComparison.OrdinalIgnoreCase) && entry.AttemptedValue == pageName));
    }
}
