using System.Security.Claims;

namespace Reception.Web.Authorization;

/// <summary>
/// The signed-in user's identity, role and org scope, read from the cookie's claims. Pages ask it instead of reading
/// claims themselves; what the user may see is its <see cref="Scope"/>, the value every scope filter takes.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;
    public string? UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>An administrator of a root unit: the global settings are theirs (<see cref="GlobalSettings"/>).</summary>
    public bool IsRootAdministrator => GlobalSettings.IsRootAdministrator(Principal);
    public string DisplayName => Principal.FindFirstValue(AppClaims.DisplayName) ?? Principal.Identity?.Name ?? "";
    public string? Role => Roles.All.FirstOrDefault(Principal.IsInRole);
    public bool IsInRole(string role) => Principal.IsInRole(role);

    public int OrgUnitId => Int(AppClaims.OrgUnitId) ?? throw new InvalidOperationException("The user has no org unit.");

    /// <summary>The materialised path of the user's org unit; everything whose path starts with it is in scope.</summary>
    public string OrgPath => Principal.FindFirstValue(AppClaims.OrgPath) ?? throw new InvalidOperationException("The user has no org scope.");

    public int? LeaderId => Int(AppClaims.LeaderId);
    public int? DepartmentId => Int(AppClaims.DepartmentId);

    /// <summary>
    /// What the user may see (role, org unit and path, leader, department), for the <see cref="ScopeFilters"/>. One value per
    /// request and principal, so the filters' memo (is the scope the whole tree?) is asked once.
    /// </summary>
    public UserScope Scope
    {
        get
        {
            var principal = Principal;
            if (scope is null || !ReferenceEquals(scopeOf, principal))
            {
                scope = new UserScope(Role ?? "", OrgUnitId, OrgPath, LeaderId, DepartmentId);
                scopeOf = principal;
            }
            return scope;
        }
    }

    private UserScope? scope;
    private ClaimsPrincipal? scopeOf;

    private int? Int(string type) =>
        int.TryParse(Principal.FindFirstValue(type), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
