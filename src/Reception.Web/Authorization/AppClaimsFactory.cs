using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Reception.Web.Authorization;

/// <summary>
/// Puts the user's org scope into the cookie, so every request knows its subtree without a query.
/// The security stamp is re-validated every minute, so a changed scope or a disabled account takes
/// effect quickly (see AppSetup's SecurityStampValidatorOptions); with it, what the user must do first (a new password,
/// an authenticator).
/// </summary>
public sealed class AppClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    AppDbContext db,
    TimeProvider clock,
    IOptions<SecurityOptions> security,
    IHostEnvironment environment) : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
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
        // What the user must do before anything else (AccountRequirements sends them there); re-read with the
        // security stamp every minute, and at once after they did it (the pages sign them in again).
        var maxAge = security.Value.PasswordMaxAgeDays;
        var expired = maxAge is > 0 && user.PasswordChangedUtc is { } changed && clock.GetUtcNow().UtcDateTime - changed > TimeSpan.FromDays(maxAge.Value);
        if (user.MustChangePassword || expired) identity.AddClaim(new Claim(AppClaims.MustChangePassword, "1"));
        if (!user.TwoFactorEnabled)
        {
            var required = security.Value.TwoFactorRoles(environment.IsDevelopment());
            if (identity.FindAll(identity.RoleClaimType).Any(c => required.Contains(c.Value)))
                identity.AddClaim(new Claim(AppClaims.MustEnrolTwoFactor, "1"));
        }
        return identity;
    }
}
