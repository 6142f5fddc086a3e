using Microsoft.AspNetCore.Diagnostics;
using Reception.Core.Audit;

namespace Reception.Web.Audit;

/// <summary>
/// Records access refused to a signed-in user (403, or 404 from a page: a record outside their scope answers 404) and
/// every change made on the jobs dashboard. Only pages are considered: a calendar feed's address holds its secret token
/// and must never be written anywhere.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, AuditLog audit)
    {
        await next(context);
        if (context.User.Identity?.IsAuthenticated != true) return;
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null) return; // the error page shown for it

        var status = context.Response.StatusCode;
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith(JobsDashboard.Path, StringComparison.OrdinalIgnoreCase))
        {
            if (HttpMethods.IsPost(context.Request.Method))
                await audit.RecordAsync(AuditActions.JobChange, status < 400 ? AuditOutcome.Success : AuditOutcome.Refused,
                    "jobs:" + path[JobsDashboard.Path.Length..], null, CancellationToken.None);
            return;
        }
        if (status is not (StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound)) return;
        if (context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is null) return;
        await audit.RecordAsync(AuditActions.AccessRefused, AuditOutcome.Refused, "page:" + path,
            $"{context.Request.Method} {status}", CancellationToken.None);
    }
}
