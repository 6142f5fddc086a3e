using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Reception.Web.Authorization;

/// <summary>
/// Puts the user's org scope into the cookie, so every request knows its subtree without a query.
/// The security stamp is re-validated every minute, so a changed scope or a disabled account takes
/// effect quickly (see Program's SecurityStampValidatorOptions).
/// </summary>
public sealed class AppClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    AppDbContext db) : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var path = await db.OrgUnits.Where(o => o.Id == user.OrgUnitId).Select(o => o.Path).SingleAsync();
        identity.AddClaim(new Claim(AppClaims.OrgUnitId, user.OrgUnitId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(AppClaims.OrgPath, path));
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        if (user.LeaderId is { } leaderId)
            identity.AddClaim(new Claim(AppClaims.LeaderId, leaderId.ToString(CultureInfo.InvariantCulture)));
        if (user.DepartmentId is { } departmentId)
            identity.AddClaim(new Claim(AppClaims.DepartmentId, departmentId.ToString(CultureInfo.InvariantCulture)));
        return identity;
    }
}
