using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Reception.Core.Audit;
using Reception.Core.Time;
using Reception.Web.Audit;

namespace Reception.Web.Features.Account;

/// <summary>
/// Sign-in (ASVS V2.2): one answer, after the same password-hash work, for an unknown name, a wrong password and a
/// disabled account, and one for a name that is being delayed, whether or not it exists. Failures are counted per
/// address, per name from that address and per name (<see cref="SignInThrottling"/>), and every attempt is audited.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    SignInThrottling throttling,
    AuditLog audit,
    AppDbContext db,
    IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>A hash of a random password: an unknown name's attempt is checked against it, so it costs what a real one does.</summary>
    private static string? _decoyHash;

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var name = Input.UserName.Trim();
        var client = AuditLog.ClientOf(HttpContext);

        if (await throttling.BlockedUntilAsync(name, client) is { } until)
        {
            CheckDecoy(Input.Password);
            await audit.RecordAsync(new AuditActor(null, name, null, null, client), AuditActions.SignInThrottled, AuditOutcome.Refused, "user:" + name,
                "until " + until.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            ModelState.AddModelError("", l["Too many failed sign-ins: try again after {0}.", ChinaTime.ToLocal(until).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)]);
            return Page();
        }

        var user = await users.FindByNameAsync(name);
        var result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        string? refusal = null;
        if (user is null)
        {
            CheckDecoy(Input.Password);
            refusal = "unknown user";
        }
        else if (!user.IsActive)
        {
            await users.CheckPasswordAsync(user, Input.Password); // the same work, the same answer
            refusal = "account disabled";
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: false);
            if (!result.Succeeded && !result.RequiresTwoFactor) refusal = "wrong password";
        }

        var actor = await AuditLog.ActorForAsync(HttpContext, user, name, users, db);
        if (refusal is not null)
        {
            await throttling.RecordFailureAsync(name, client);
            await audit.RecordAsync(actor, AuditActions.SignInFailed, AuditOutcome.Failure, "user:" + name, refusal);
            ModelState.AddModelError("", l["The user name or password is not correct."]);
            return Page();
        }
        if (result.RequiresTwoFactor)
        {
            await audit.RecordAsync(actor, AuditActions.SignIn, AuditOutcome.Success, "user:" + name, "password accepted; authenticator code asked");
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        }

        await throttling.RecordSuccessAsync(name, client);
        await audit.RecordAsync(actor, AuditActions.SignIn, AuditOutcome.Success, "user:" + name);
        if (user!.PreferredCulture is { } culture) Cultures.WriteCookie(Response, culture);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    private void CheckDecoy(string password)
    {
        var decoy = new AppUser();
        _decoyHash ??= users.PasswordHasher.HashPassword(decoy, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        users.PasswordHasher.VerifyHashedPassword(decoy, _decoyHash, password);
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
