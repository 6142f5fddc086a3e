using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Reception.Web.Features.Account;

[AllowAnonymous]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByNameAsync(Input.UserName.Trim());
        if (user is { IsActive: false })
        {
            ModelState.AddModelError("", l["This account has been disabled. Ask your system administrator."]);
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", l["Too many failed attempts: this account is locked for 15 minutes."]);
            return Page();
        }
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", l["The user name or password is not correct."]);
            return Page();
        }

        if (user?.PreferredCulture is { } culture) Cultures.WriteCookie(Response, culture);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your {0}.")]
        [Display(Name = "User name")]
        [StringLength(256)]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Enter your {0}.")]
        [Display(Name = "Password")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}
