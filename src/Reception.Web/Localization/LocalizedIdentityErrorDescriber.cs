using Microsoft.AspNetCore.Identity;

namespace Reception.Web.Localization;

/// <summary>Identity's password and user-name errors in the user's language.</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    private IdentityError E(string code, string text, params object[] args) => new() { Code = code, Description = l[text, args] };

    public override IdentityError DefaultError() => E(nameof(DefaultError), "Something went wrong. Please try again.");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "Someone else changed this account at the same time. Reload the page and try again.");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "The current password is not correct.");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), "A user name may contain only letters, digits and . _ - @.");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), "The user name {0} is already taken.", userName);
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), "The email address {0} is already used by another account.", email);
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), "Enter a valid email address.");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), "The password must have at least {0} characters.", length);
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "The password must contain a symbol such as # or !.");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "The password must contain a digit.");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "The password must contain a lower-case letter.");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "The password must contain an upper-case letter.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), "The password must use at least {0} different characters.", uniqueChars);
    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole), "The user already has this role.");
}
