using System.Globalization;
using System.Security.Claims;
using Reception.Web.Authorization;

namespace Reception.Web.Authorization;

/// <summary>
/// A <see cref="CurrentUser"/> for someone who is not signed in to this request: the recipient of a bulletin. The jobs
/// read cases and visits through the same scope filters (<c>VisibleTo</c>) and the same page code as that person would,
/// so a bulletin shows exactly the figures the metrics and compliance pages show them.
/// </summary>
public static class ActingUser
{
    public static CurrentUser For(string role, int orgUnitId, string orgPath, int? leaderId = null, int? departmentId = null, string? userId = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Role, role),
            new(AppClaims.OrgUnitId, orgUnitId.ToString(CultureInfo.InvariantCulture)),
            new(AppClaims.OrgPath, orgPath),
        };
        if (userId is not null) claims.Add(new Claim(ClaimTypes.NameIdentifier, userId));
        if (leaderId is { } l) claims.Add(new Claim(AppClaims.LeaderId, l.ToString(CultureInfo.InvariantCulture)));
        if (departmentId is { } d) claims.Add(new Claim(AppClaims.DepartmentId, d.ToString(CultureInfo.InvariantCulture)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "reception-job"));
        return new CurrentUser(new FixedContext(new DefaultHttpContext { User = principal }));
    }

    /// <summary>
    /// Holds its context in a field. (The framework's HttpContextAccessor keeps one ambient context per async flow, shared
    /// by all its instances: a second acting user would replace, and clear, the first.)
    /// </summary>
    private sealed class FixedContext(HttpContext context) : IHttpContextAccessor
    {
        public HttpContext? HttpContext
        {
            get => context;
            set => throw new InvalidOperationException("An acting user's context is fixed.");
        }
    }
}
