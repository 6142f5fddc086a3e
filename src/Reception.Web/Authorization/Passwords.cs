using Microsoft.AspNetCore.Identity;
using Reception.Core.Security;

namespace Reception.Web.Authorization;

/// <summary>
/// Identity's EF store with the password history: whenever a password hash is set (created, changed, reset — every path
/// of UserManager ends here), the one it replaces joins the account's history (with the current one, the last <see cref="PasswordPolicy.HistoryDepth"/>
/// are kept) and the time of the change is recorded for expiry. Saved with the account by the store's SaveChanges.
/// </summary>
public sealed class AppUserStore(AppDbContext context, TimeProvider clock, IdentityErrorDescriber? describer = null)
    : Microsoft.AspNetCore.Identity.EntityFrameworkCore.UserStore<AppUser, IdentityRole, AppDbContext>(context, describer)
{
    public override async Task SetPasswordHashAsync(AppUser user, string? passwordHash, CancellationToken cancellationToken = default)
    {
        var previous = user.PasswordHash;
        await base.SetPasswordHashAsync(user, passwordHash, cancellationToken);
        if (passwordHash is null || passwordHash == previous) return;
        var now = clock.GetUtcNow().UtcDateTime;
        user.PasswordChangedUtc = now;
        if (previous is null || string.IsNullOrEmpty(user.Id) || Context.Entry(user).State == EntityState.Added) return;
        Context.PasswordHistory.Add(new PasswordHistoryEntry { UserId = user.Id, PasswordHash = previous, ChangedUtc = now });
        var older = await Context.PasswordHistory.Where(p => p.UserId == user.Id).OrderByDescending(p => p.ChangedUtc).ThenByDescending(p => p.Id)
            .Skip(PasswordPolicy.HistoryDepth - 2).ToListAsync(cancellationToken); // with the one added and the current: the last five
        Context.PasswordHistory.RemoveRange(older);
    }
}

/// <summary>
/// The password rules beyond the length Identity checks (ASVS V2.1): not containing the user name, not a common password,
/// not one of the last five (the current one included). Identity's character-class rules are off (ASVS V2.1.9).
/// </summary>
public sealed class PasswordRulesValidator(AppDbContext db, IStringLocalizer<SharedResource> l) : IPasswordValidator<AppUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return IdentityResult.Success; // Identity's own "required"/length rule answers
        var errors = new List<IdentityError>();
        if (PasswordPolicy.ContainsUserName(password, user.UserName))
            errors.Add(new IdentityError { Code = "PasswordContainsUserName", Description = l["The password must not contain the user name."] });
        if (PasswordPolicy.IsCommon(password))
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = l["This password is too common: choose one that is harder to guess."] });
        if (errors.Count == 0 && await IsRecentAsync(manager, user, password))
            errors.Add(new IdentityError { Code = "PasswordReused", Description = l["Choose a password you have not used recently (not one of your last {0}).", PasswordPolicy.HistoryDepth] });
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    private async Task<bool> IsRecentAsync(UserManager<AppUser> manager, AppUser user, string password)
    {
        var hashes = new List<string>();
        if (user.PasswordHash is { } current) hashes.Add(current);
        if (user.Id is { Length: > 0 })
            hashes.AddRange(await db.PasswordHistory.AsNoTracking().Where(p => p.UserId == user.Id)
                .OrderByDescending(p => p.ChangedUtc).ThenByDescending(p => p.Id).Take(PasswordPolicy.HistoryDepth - 1).Select(p => p.PasswordHash).ToListAsync());
        return hashes.Any(h => manager.PasswordHasher.VerifyHashedPassword(user, h, password) != PasswordVerificationResult.Failed);
    }
}
