using Microsoft.AspNetCore.Mvc.Filters;
using Reception.Core.Audit;

namespace Reception.Web.Audit;

/// <summary>
/// Writes what a page handler did that the audit log must show: every CSV export (which list, how many rows, whether
/// personal data was in it), every POST of an <see cref="AuditedAttribute"/> page, and what the page marked
/// (<see cref="AuditMarks"/>).
/// </summary>
public sealed class AuditPageFilter(AuditLog audit) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var http = context.HttpContext;
        var ct = http.RequestAborted;
        var page = context.ActionDescriptor.ViewEnginePath;
        var handler = context.HandlerMethod?.Name;
        var target = Target(context, page);

        foreach (var entry in AuditMarks.Entries(http)) await audit.RecordAsync(entry.Action, entry.Outcome, entry.Target, entry.Detail, CancellationToken.None);

        if (executed.Result is FileContentResult { ContentType: var type } file && type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"list={page}{(handler is null ? "" : "?handler=" + handler)}; file={file.FileDownloadName}; rows={DataRows(file.FileContents)}; personal-data={(AuditMarks.HasPersonalData(http) ? "yes" : "no")}");
            await audit.RecordAsync(AuditActions.Export, AuditOutcome.Success, "list:" + page, detail, CancellationToken.None);
        }

        if (HttpMethods.IsPost(http.Request.Method)
            && context.HandlerInstance.GetType().GetCustomAttributes(typeof(AuditedAttribute), inherit: true).FirstOrDefault() is AuditedAttribute audited)
        {
            var outcome = executed.Exception is not null && !executed.ExceptionHandled ? AuditOutcome.Failure : executed.Result switch
            {
                RedirectToPageResult or RedirectResult or LocalRedirectResult or FileResult => AuditOutcome.Success,
                NotFoundResult or ForbidResult or ChallengeResult or UnauthorizedResult => AuditOutcome.Refused,
                _ => AuditOutcome.Failure, // the form shown again: validation refused it
            };
            var detail = $"handler={handler ?? "Post"}" + (AuditMarks.DetailOf(http) is { } d ? "; " + d : "");
            await audit.RecordAsync(AuditMarks.ActionOf(http) ?? audited.Action, outcome, target, detail, ct);
        }
    }

    /// <summary>"page:/Admin/Users/Edit/abc" — the page and the record's id or date, never query text a person typed.</summary>
    private static string Target(PageHandlerExecutingContext context, string page)
    {
        var values = context.RouteData.Values;
        var id = values.TryGetValue("id", out var v) && v is not null ? v.ToString()
            : context.HttpContext.Request.Query["id"].FirstOrDefault() ?? context.HttpContext.Request.Query["date"].FirstOrDefault();
        return "page:" + page + (string.IsNullOrEmpty(id) ? "" : "/" + id);
    }

    /// <summary>Lines of a CSV file (CRLF outside quotes) less the header.</summary>
    internal static int DataRows(byte[] csv)
    {
        var lines = 0;
        var quoted = false;
        var last = (byte)'\n';
        foreach (var b in csv)
        {
            if (b == '"') quoted = !quoted;
            else if (b == '\n' && !quoted) lines++;
            last = b;
        }
        if (last != '\n') lines++;
        return Math.Max(0, lines - 1);
    }
}
