using System.Globalization;
using System.Security.Claims;

namespace Reception.Web.Authorization;

/// <summary>
/// The signed-in user's role and org scope, read from the cookie's claims. Pages ask it (and the
/// scope query extensions) instead of reading claims themselves: this is the one place where
/// "who may see what" is decided.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;
    public string? UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier);
    public string DisplayName => Principal.FindFirstValue(AppClaims.DisplayName) ?? Principal.Identity?.Name ?? "";
    public string? Role => Roles.All.FirstOrDefault(Principal.IsInRole);
    public bool IsInRole(string role) => Principal.IsInRole(role);

    public int OrgUnitId => Int(AppClaims.OrgUnitId) ?? throw new InvalidOperationException("The user has no org unit.");

    /// <summary>The materialised path of the user's org unit; everything whose path starts with it is in scope.</summary>
    public string OrgPath => Principal.FindFirstValue(AppClaims.OrgPath) ?? throw new InvalidOperationException("The user has no org scope.");

    public int? LeaderId => Int(AppClaims.LeaderId);
    public int? DepartmentId => Int(AppClaims.DepartmentId);

    /// <summary>Memo of <see cref="ScopeQueries.ScopeIsWholeTree"/> for this request.</summary>
    internal bool? ScopeIsWholeTree { get; set; }

    public bool CanSee(string orgPath) => IsAuthenticated && orgPath.StartsWith(OrgPath, StringComparison.Ordinal);

    private int? Int(string type) =>
        int.TryParse(Principal.FindFirstValue(type), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
}
