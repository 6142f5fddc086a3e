using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using QRCoder;
using Reception.Core.Audit;
using Reception.Web.Audit;

namespace Reception.Web.Features.Account;

/// <summary>
/// Two-factor sign-in with an authenticator app (Identity's authenticator key and recovery codes; codes checked by
/// TotpAuthenticatorProvider): enrol by scanning the QR code and entering a code, get ten recovery codes (shown once),
/// make new ones, or switch it off — unless the user's role requires it (Reception:Security:RequireTwoFactor).
/// </summary>
public sealed class TwoFactorModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IUserStore<AppUser> store,
    AuditLog audit,
    IOptions<SecurityOptions> security,
    IHostEnvironment environment,
    IStringLocalizer<SharedResource> l) : PageModel
{
    private const int RecoveryCodeCount = 10;

    [BindProperty]
    public EnableInput Input { get; set; } = new();

    public bool IsEnabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrSvg { get; private set; } = "";

    /// <summary>Shown once, right after enrolling or renewing them.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    /// <summary>Whether the user's role must use it (then it cannot be switched off).</summary>
    public bool IsRequired { get; private set; }

    /// <summary>Whether this deployment requires it for any role (the demo does not, and says so).</summary>
    public bool AnyRoleRequired => security.Value.TwoFactorRoles(environment.IsDevelopment()).Count > 0;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Input.Code);
        if (!valid)
        {
            await audit.RecordAsync(AuditActions.TwoFactorEnable, AuditOutcome.Failure, "user:" + user.UserName, "wrong code");
            ModelState.AddModelError("Input.Code", l["The code is not correct. Check that the time on your phone is right and enter the code shown now."]);
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(AuditActions.TwoFactorEnable, AuditOutcome.Success, "user:" + user.UserName);
        Status.Set(TempData, l["Two-factor sign-in is on. Keep the recovery codes in a safe place."]);
        await LoadAsync(user);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        ModelState.Clear();
        if (!user.TwoFactorEnabled) return RedirectToPage();
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await audit.RecordAsync(AuditActions.TwoFactorRecoveryCodes, AuditOutcome.Success, "user:" + user.UserName);
        await LoadAsync(user);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        ModelState.Clear();
        await LoadAsync(user);
        if (IsRequired)
        {
            await audit.RecordAsync(AuditActions.TwoFactorDisable, AuditOutcome.Refused, "user:" + user.UserName, "required for the role");
            ModelState.AddModelError("", l["Your role must sign in with two-factor: it cannot be switched off."]);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user); // a later enrolment gets a new secret
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(AuditActions.TwoFactorDisable, AuditOutcome.Success, "user:" + user.UserName);
        Status.Set(TempData, l["Two-factor sign-in is off."]);
        return RedirectToPage();
    }

    private async Task LoadAsync(AppUser user)
    {
        IsEnabled = await users.GetTwoFactorEnabledAsync(user);
        var roles = await users.GetRolesAsync(user);
        IsRequired = roles.Any(security.Value.TwoFactorRoles(environment.IsDevelopment()).Contains);
        if (IsEnabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A secret to enrol with, kept until enrolment; stored without a new security stamp (Identity's
            // ResetAuthenticatorKeyAsync would make it), which would end this very session a minute later.
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, key, HttpContext.RequestAborted);
            await users.UpdateAsync(user);
        }
        SharedKey = key!;
        QrSvg = Qr(AuthenticatorUri(user.UserName!, key!));
    }

    /// <summary>The otpauth:// address authenticator apps read from the QR code (Key Uri Format).</summary>
    public static string AuthenticatorUri(string userName, string key) =>
        $"otpauth://totp/{UrlEncoder.Default.Encode("Reception")}:{UrlEncoder.Default.Encode(userName)}?secret={key}&issuer={UrlEncoder.Default.Encode("Reception")}&digits=6";

    /// <summary>The key in groups of four, as a person types it.</summary>
    public string SharedKeyGrouped => string.Join(' ', SharedKey.Chunk(4).Select(c => new string(c))).ToLowerInvariant();

    private static string Qr(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    public sealed class EnableInput
    {
        [Required(ErrorMessage = "Enter the {0}.")]
        [Display(Name = "Code from the app")]
        [StringLength(10)]
        public string Code { get; set; } = "";
    }
}
