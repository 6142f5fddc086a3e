using Microsoft.AspNetCore.Identity;
using Reception.Core.Audit;
using Reception.Web.Audit;

namespace Reception.Web.Features.Account;

/// <summary>
/// Sign-out is a POST (a link could be followed by a crawler or a prefetch). It deletes the session on the server
/// (DatabaseTicketStore), so a copy of the cookie stops working too.
/// </summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn, AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = audit.CurrentActor();
        await signIn.SignOutAsync();
        await audit.RecordAsync(actor, AuditActions.SignOut, AuditOutcome.Success, "user:" + actor.UserName);
        Status.Set(TempData, l["You have signed out."]);
        return RedirectToPage("/Account/Login");
    }
}
