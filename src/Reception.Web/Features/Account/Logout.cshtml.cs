using Microsoft.AspNetCore.Identity;

namespace Reception.Web.Features.Account;

/// <summary>Sign-out is a POST (a link could be followed by a crawler or a prefetch).</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        Status.Set(TempData, l["You have signed out."]);
        return RedirectToPage("/Account/Login");
    }
}
