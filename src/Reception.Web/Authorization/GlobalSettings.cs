using System.Security.Claims;

namespace Reception.Web.Authorization;

/// <summary>
/// Issue 16 item 6: the settings that hold for the whole organisation — the holiday calendar, case categories and the
/// ownership checklist, the jobs, the mail outbox — are for administrators of a root unit ("/demo/"). An administrator of a
/// sub-unit manages the users and org units of their subtree only; these pages answer them 403 (the jobs dashboard lets
/// them look without acting).
/// </summary>
public static class GlobalSettings
{
    /// <summary>The authorization policy of the global settings' pages.</summary>
    public const string Policy = "GlobalSettings";

    /// <summary>Whether <paramref name="orgPath"/> is a root of the tree ("/demo/").</summary>
    public static bool IsRootPath(string? orgPath) => orgPath is not null && orgPath.Count(c => c == '/') == 2;

    /// <summary>An administrator whose org unit is a root of the tree.</summary>
    public static bool IsRootAdministrator(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) && IsRootPath(user.FindFirstValue(AppClaims.OrgPath));

    public static AuthorizationBuilder AddGlobalSettingsPolicy(this AuthorizationBuilder builder) =>
        builder.AddPolicy(Policy, p => p.RequireRole(Roles.Admin).RequireAssertion(c => IsRootAdministrator(c.User)));
}
