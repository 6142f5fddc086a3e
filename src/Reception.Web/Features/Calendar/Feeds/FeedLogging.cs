namespace Reception.Web.Features.Calendar.Feeds;

/// <summary>
/// A personal or office feed's address holds its secret token, and calendar clients poll it all day, so no log may
/// carry request paths. These categories are the ones of ASP.NET Core that write the path (checked with every
/// category at Trace by FeedTokenTests); each rule is more specific than "Microsoft.AspNetCore", so configuration that
/// switches request logging on does not bring the path back.
/// </summary>
public static class FeedLogging
{
    public static void KeepRequestPathsOutOfLogs(this ILoggingBuilder logging)
    {
        // "Request starting GET …/calendar/u/{token}.ics", and the RequestPath log scope it opens for every other log
        // line of the request (shown when a formatter has IncludeScopes): the scope exists only while this category is
        // enabled at some level, so it is switched off. Start-up failures still end the process with the exception.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        // "candidate(s) found for the request path …" (Debug).
        logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Information);
        // "The request path … does not match an existing file" (Debug).
        logging.AddFilter("Microsoft.AspNetCore.StaticFiles", LogLevel.Information);
    }
}
