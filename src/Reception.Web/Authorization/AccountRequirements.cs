namespace Reception.Web.Authorization;

/// <summary>
/// Sends a signed-in user who must first choose a new password (set by an administrator, or expired) to the password page,
/// and one whose role requires two-factor sign-in without an authenticator to the enrolment page, whatever they asked for.
/// Those pages, signing out, the language switch and the error pages stay reachable.
/// </summary>
public sealed class AccountRequirements(RequestDelegate next)
{
    public const string ChangePasswordPath = "/Account/ChangePassword";
    public const string TwoFactorPath = "/Account/TwoFactor";

    private static readonly string[] Open = [ChangePasswordPath, TwoFactorPath, "/Account/Logout", "/Account/Login", "/Culture", "/Error", "/health", "/css", "/js", "/favicon"];

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true) return next(context);
        var path = context.Request.Path;
        if (Open.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))) return next(context);
        var target = user.HasClaim(c => c.Type == AppClaims.MustChangePassword) ? ChangePasswordPath
            : user.HasClaim(c => c.Type == AppClaims.MustEnrolTwoFactor) ? TwoFactorPath
            : null;
        if (target is null) return next(context);
        context.Response.Redirect(target);
        return Task.CompletedTask;
    }
}
