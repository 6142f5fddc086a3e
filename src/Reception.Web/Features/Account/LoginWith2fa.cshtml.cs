using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Reception.Core.Audit;
using Reception.Core.Time;
using Reception.Web.Audit;

namespace Reception.Web.Features.Account;

/// <summary>
/// The second step of signing in with two-factor: a code from the authenticator app, or one of the recovery codes.
/// Wrong codes count as failed sign-ins (the same delays), so the six digits cannot be guessed.
/// </summary>
[AllowAnonymous]
public sealed class LoginWith2faModel(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    SignInThrottling throttling,
    AuditLog audit,
    AppDbContext db,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("/Account/Login");
        if (!ModelState.IsValid) return Page();
        var name = user.UserName!;
        var client = AuditLog.ClientOf(HttpContext);
        var actor = await AuditLog.ActorForAsync(HttpContext, user, name, users, db);
        if (await throttling.BlockedUntilAsync(name, client) is { } until)
        {
            await audit.RecordAsync(actor, AuditActions.SignInThrottled, AuditOutcome.Refused, "user:" + name, "authenticator code");
            ModelState.AddModelError("", l["Too many failed sign-ins: try again after {0}.", ChinaTime.ToLocal(until).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)]);
            return Page();
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Trim();
        var isAppCode = code.Length == 6 && code.All(char.IsAsciiDigit);
        var result = isAppCode
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (!result.Succeeded)
        {
            await throttling.RecordFailureAsync(name, client);
            await audit.RecordAsync(actor, AuditActions.SignInFailed, AuditOutcome.Failure, "user:" + name, isAppCode ? "wrong authenticator code" : "wrong recovery code");
            ModelState.AddModelError("Input.Code", l["The code is not correct."]);
            return Page();
        }
        await throttling.RecordSuccessAsync(name, client);
        await audit.RecordAsync(actor, AuditActions.SignIn, AuditOutcome.Success, "user:" + name, isAppCode ? "authenticator code" : "recovery code used");
        if (user.PreferredCulture is { } culture) Cultures.WriteCookie(Response, culture);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Enter the {0}.")]
        [Display(Name = "Verification code")]
        [StringLength(20)]
        public string Code { get; set; } = "";
    }
}
