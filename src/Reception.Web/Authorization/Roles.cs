namespace Reception.Web.Authorization;

/// <summary>
/// The signed-in roles (DESIGN.md "People and access"). A user has exactly one. Three of them divide the administration
/// (三员分立, 等保 2.0): the system administrator runs the system (organisation, calendar, settings, jobs), the security
/// administrator manages accounts, their roles and scopes, and the auditor reads the audit log — none can do another's work.
/// </summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Clerk = "Clerk";
    public const string Leader = "Leader";
    public const string Supervisor = "Supervisor";
    public const string UnitHandler = "UnitHandler";
    public const string SecurityAdmin = "SecurityAdmin";
    public const string Auditor = "Auditor";

    // Comma-separated role lists for [Authorize(Roles = …)].
    public const string AdminOrClerk = Admin + "," + Clerk;
    public const string OfficeStaff = Admin + "," + Clerk + "," + Supervisor;

    public static readonly IReadOnlyList<string> All = [Admin, Clerk, Leader, Supervisor, UnitHandler, SecurityAdmin, Auditor];
}

/// <summary>Claim types the app adds to the sign-in cookie (see AppClaimsFactory).</summary>
public static class AppClaims
{
    public const string OrgUnitId = "reception:org";
    public const string OrgPath = "reception:org_path";
    public const string LeaderId = "reception:leader";
    public const string DepartmentId = "reception:dept";
    public const string DisplayName = "reception:name";

    /// <summary>Present while the user must choose a new password (set by an administrator, or expired) before anything else.</summary>
    public const string MustChangePassword = "reception:pwd_change";

    /// <summary>Present while the user's role requires two-factor sign-in and they have not enrolled an authenticator yet.</summary>
    public const string MustEnrolTwoFactor = "reception:2fa_enrol";
}
