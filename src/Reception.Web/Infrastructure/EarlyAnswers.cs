namespace Reception.Web.Infrastructure;

/// <summary>
/// An answer that is the same for everyone who asks and is decided by one statement about what has not changed (a calendar
/// feed, the public rota page to a visitor who is not signed in): given before routing, authentication, the account
/// checks, authorization and the page pipeline, which such a request does not need — after the security headers, host
/// filtering, forwarded headers, the error handling and the language, which it does. A feature registers one as a
/// singleton; it answers GET and HEAD requests only, and returns false to leave a request to the rest of the pipeline.
/// </summary>
public interface IEarlyAnswer
{
    /// <summary>True when it has answered the request (the response is complete).</summary>
    Task<bool> TryAnswerAsync(HttpContext context);
}

public static class EarlyAnswers
{
    /// <summary>The sign-in cookie's name (chunked cookies add C1, C2, … to it).</summary>
    public const string AuthCookie = ".Reception.Auth";

    /// <summary>
    /// Whether the request carries a sign-in cookie: such a request goes through authentication (a signed-in user's page
    /// differs, and the account checks apply to it) even where an anonymous one is answered early.
    /// </summary>
    public static bool CarriesSignIn(HttpRequest request)
    {
        foreach (var cookie in request.Cookies)
        {
            if (cookie.Key.StartsWith(AuthCookie, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    public static IApplicationBuilder UseEarlyAnswers(this IApplicationBuilder app)
    {
        var answers = app.ApplicationServices.GetServices<IEarlyAnswer>().ToArray();
        if (answers.Length == 0) return app;
        return app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            {
                foreach (var answer in answers)
                {
                    if (await answer.TryAnswerAsync(context)) return;
                }
            }
            await next(context);
        });
    }
}
