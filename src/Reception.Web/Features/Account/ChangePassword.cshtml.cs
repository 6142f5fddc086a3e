using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Reception.Core.Audit;
using Reception.Web.Audit;
using Reception.Web.Authorization.Sessions;

namespace Reception.Web.Features.Account;

/// <summary>
/// A user changes their own password: also the page a user is sent to when an administrator set their password or it
/// expired. The change ends the account's other sessions.
/// </summary>
public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, UserSessions sessions, AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The user was sent here: an administrator set the password, or it expired.</summary>
    public bool IsRequired => User.HasClaim(c => c.Type == AppClaims.MustChangePassword);

    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();

        user.MustChangePassword = false;
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            await audit.RecordAsync(AuditActions.PasswordChange, AuditOutcome.Failure, "user:" + user.UserName,
                string.Join(",", result.Errors.Select(e => e.Code)));
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword";
                ModelState.AddModelError(field, error.Description);
            }
            return Page();
        }
        // Every session of the account ends (one could be a thief's); this browser gets a new one.
        await sessions.EndAllAsync(user.Id);
        await signIn.SignInAsync(user, isPersistent: false);
        await audit.RecordAsync(AuditActions.PasswordChange, AuditOutcome.Success, "user:" + user.UserName, "other sessions ended");
        Status.Set(TempData, l["Your password has been changed."]);
        return RedirectToPage("/Home/Index");
    }

    public sealed class ChangePasswordInput
    {
        [Required(ErrorMessage = "Enter your {0}.")]
        [Display(Name = "Current password")]
        [DataType(DataType.Password)]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter your {0}.")]
        [Display(Name = "New password")]
        [DataType(DataType.Password)]
        [StringLength(100, MinimumLength = Reception.Core.Security.PasswordPolicy.MinimumLength, ErrorMessage = "The {0} must have between {2} and {1} characters.")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter your {0}.")]
        [Display(Name = "Repeat the new password")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords are not the same.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
