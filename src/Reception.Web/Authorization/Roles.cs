namespace Reception.Web.Authorization;

/// <summary>The five signed-in roles (DESIGN.md "People and access"). A user has exactly one.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Clerk = "Clerk";
    public const string Leader = "Leader";
    public const string Supervisor = "Supervisor";
    public const string UnitHandler = "UnitHandler";

    // Comma-separated role lists for [Authorize(Roles = …)].
    public const string AdminOrClerk = Admin + "," + Clerk;
    public const string OfficeStaff = Admin + "," + Clerk + "," + Supervisor;

    public static readonly IReadOnlyList<string> All = [Admin, Clerk, Leader, Supervisor, UnitHandler];
}

/// <summary>Claim types the app adds to the sign-in cookie (see AppClaimsFactory).</summary>
public static class AppClaims
{
    public const string OrgUnitId = "reception:org";
    public const string OrgPath = "reception:org_path";
    public const string LeaderId = "reception:leader";
    public const string DepartmentId = "reception:dept";
    public const string DisplayName = "reception:name";
}
