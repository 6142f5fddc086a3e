using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Reception.Web.Authorization;

/// <summary>
/// The authenticator-app codes (RFC 6238 TOTP: 6 digits, 30-second steps, SHA-1 — what every authenticator app
/// speaks), checked with Otp.NET against the app's own clock (Identity's built-in provider reads the system clock), one
/// step either side for clock drift. A code is accepted once: the accepted step is stored and no earlier or equal step
/// is accepted again (ASVS V2.8.4). Identity keeps the shared secret (the authenticator key) and the recovery codes.
/// </summary>
public sealed class TotpAuthenticatorProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The code comes from the person's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = new string((token ?? "").Where(char.IsDigit).ToArray());
        if (string.IsNullOrWhiteSpace(key) || code.Length != 6) return false;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1))) return false;
        if (user.LastTotpTimeStep is { } last && step <= last) return false; // replayed
        user.LastTotpTimeStep = step;
        await manager.UpdateAsync(user);
        return true;
    }
}
