using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Reception.Web.Features.Account;

public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ChangePasswordInput Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword";
                ModelState.AddModelError(field, error.Description);
            }
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
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
        [StringLength(100, MinimumLength = 8, ErrorMessage = "The {0} must have between {2} and {1} characters.")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter your {0}.")]
        [Display(Name = "Repeat the new password")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords are not the same.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
