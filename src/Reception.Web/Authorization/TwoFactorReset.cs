using Microsoft.AspNetCore.Identity;

namespace Reception.Web.Authorization;

/// <summary>
/// Takes an account's two-factor sign-in away (its phone is lost): off, a new authenticator key nobody has scanned and no
/// recovery codes left. Used by the security administrator's account page and by <c>users reset-2fa</c> on the server.
/// </summary>
public static class TwoFactorReset
{
    public static async Task ResetAsync(UserManager<AppUser> users, AppUser user)
    {
        user.LastTotpTimeStep = null; // the step a code of the old key used says nothing about the new key's codes
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user)); // also a new security stamp
        _ = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0); // none left
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Resetting two-factor sign-in failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
