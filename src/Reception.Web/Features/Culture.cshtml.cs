using Microsoft.AspNetCore.Identity;

namespace Reception.Web.Features;

/// <summary>Switches the interface language; a signed-in user's choice is also remembered on their account.</summary>
[AllowAnonymous]
public sealed class CultureModel(UserManager<AppUser> users) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
    {
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
