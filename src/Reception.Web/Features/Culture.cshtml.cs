using Microsoft.AspNetCore.Identity;

namespace Reception.Web.Features;

/// <summary>
/// Switches the interface language; a signed-in user's choice is also remembered on their account. The antiforgery token is
/// checked only then: signed out, the form is part of pages whose bytes are shared by every visitor (the public rota page),
/// and all a forged post could do is choose the language of the visitor's browser.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class CultureModel(UserManager<AppUser> users, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
    {
        if (User.Identity?.IsAuthenticated == true) await antiforgery.ValidateRequestAsync(HttpContext);
        var chosen = Cultures.Normalize(culture);
        Cultures.WriteCookie(Response, chosen);
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user && user.PreferredCulture != chosen)
        {
            user.PreferredCulture = chosen;
            await users.UpdateAsync(user);
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
