using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Web.Audit;
using Reception.Web.Authorization.Sessions;
using Reception.Web.Features.Org;

namespace Reception.Web.Features.Admin.Users;

/// <summary>
/// Changes an account's role, unit and links; disables, enables or unlocks it; resets its password. The security
/// administrator's page (三员分立). A changed role or unit, a disabled account and a reset password end the account's
/// sessions at once.
/// </summary>
[Authorize(Roles = Roles.SecurityAdmin)]
[Audited(AuditActions.UserChange)]
public sealed class EditModel(AppDbContext db, UserManager<AppUser> users, CurrentUser me, OrgChoices choices, SignInThrottling throttling, UserSessions sessions, IStringLocalizer<SharedResource> l) : PageModel, IUserForm
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    // Explicit names: each of the two forms posts only its own fields, and an unnamed property
    // would otherwise fall back to binding (and validating) the other form's empty prefix.
    [BindProperty(Name = nameof(Input))] public EditInput Input { get; set; } = new();
    [BindProperty(Name = nameof(Reset))] public PasswordInput Reset { get; set; } = new();
    UserInput IUserForm.Input => Input;
    public IReadOnlyList<SelectListItem> OrgUnits { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Leaders { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    public AppUser Account { get; private set; } = null!;
    public bool IsSelf => Account.Id == me.UserId;
    /// <summary>Sign-in is being delayed after failed attempts (SignInThrottling), from some address or from all.</summary>
    public bool IsLockedOut { get; private set; }

    /// <summary>The account signs in with an authenticator app (the security administrator can reset it).</summary>
    public bool TwoFactorOn { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAccountAsync()) return NotFound();
        Input = new EditInput
        {
            DisplayName = Account.DisplayName,
            Role = (await users.GetRolesAsync(Account)).FirstOrDefault(),
            OrgUnitId = Account.OrgUnitId,
            LeaderId = Account.LeaderId,
            DepartmentId = Account.DepartmentId,
            Email = Account.Email,
            PhoneNumber = Account.PhoneNumber,
            ConcurrencyStamp = Account.ConcurrencyStamp,
        };
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAccountAsync()) return NotFound();
        await LoadChoicesAsync();
        ModelState.Remove("Reset.NewPassword"); // the reset form is separate
        await UserRules.ValidateAsync(Input, "Input", this, ModelState, db, Account.Id, l);
        var currentRole = (await users.GetRolesAsync(Account)).FirstOrDefault();
        if (IsSelf && Input.Role != currentRole)
            ModelState.AddModelError("Input.Role", l["You cannot change your own role."]);
        // The stamp the form showed: a save in between (here or by Identity's own check) is refused.
        if (Account.ConcurrencyStamp != Input.ConcurrencyStamp)
            ModelState.AddModelError("", l["Someone else changed this account at the same time. Reload the page and try again."]);
        if (!ModelState.IsValid) return Page();

        var scopeChanged = currentRole != Input.Role || Account.OrgUnitId != Input.OrgUnitId || Account.LeaderId != Input.LeaderId || Account.DepartmentId != Input.DepartmentId;
        AuditMarks.Detail(HttpContext, $"user={Account.UserName}; role {currentRole}→{Input.Role}; unit {Account.OrgUnitId}→{Input.OrgUnitId}; leader {Account.LeaderId}→{Input.LeaderId}; department {Account.DepartmentId}→{Input.DepartmentId}");
        Account.DisplayName = Input.DisplayName!.Trim();
        Account.OrgUnitId = Input.OrgUnitId!.Value;
        Account.LeaderId = Input.LeaderId;
        Account.DepartmentId = Input.DepartmentId;
        Account.Email = string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim();
        Account.NormalizedEmail = Account.Email?.ToUpperInvariant();
        Account.PhoneNumber = Reception.Core.Common.PhoneNumbers.Normalize(Input.PhoneNumber);

        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.UpdateAsync(Account);
        if (result.Succeeded && currentRole != Input.Role)
        {
            if (currentRole is not null) result = await users.RemoveFromRoleAsync(Account, currentRole);
            if (result.Succeeded) result = await users.AddToRoleAsync(Account, Input.Role!);
        }
        // Signs the user's open sessions in again with the new role and scope within a minute.
        if (result.Succeeded) result = await users.UpdateSecurityStampAsync(Account);
        if (!result.Succeeded)
        {
            UserRules.AddErrors(ModelState, result, "", "");
            return Page();
        }
        // A new role or scope applies from the next sign-in: the open sessions end now.
        if (scopeChanged) await sessions.EndAllAsync(Account.Id);
        await tx.CommitAsync();
        Status.Set(TempData, l["Saved the account {0}.", Account.UserName!]);
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (!await LoadAccountAsync()) return NotFound();
        if (IsSelf)
        {
            await LoadChoicesAsync();
            ModelState.AddModelError("", l["You cannot disable your own account."]);
            return Page();
        }
        Account.IsActive = false;
        await users.UpdateAsync(Account);
        await users.SetLockoutEndDateAsync(Account, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(Account);
        await sessions.EndAllAsync(Account.Id); // ends the user's open sessions at once
        AuditMarks.Detail(HttpContext, $"user={Account.UserName}; disabled");
        Status.Set(TempData, l["The account {0} is disabled and can no longer sign in.", Account.UserName!]);
        return RedirectToPage("Edit", new { id = Account.Id });
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (!await LoadAccountAsync()) return NotFound();
        Account.IsActive = true;
        await users.UpdateAsync(Account);
        await users.SetLockoutEndDateAsync(Account, null);
        await users.ResetAccessFailedCountAsync(Account);
        AuditMarks.Detail(HttpContext, $"user={Account.UserName}; enabled");
        Status.Set(TempData, l["The account {0} is enabled.", Account.UserName!]);
        return RedirectToPage("Edit", new { id = Account.Id });
    }

    public async Task<IActionResult> OnPostUnlockAsync()
    {
        if (!await LoadAccountAsync()) return NotFound();
        await users.SetLockoutEndDateAsync(Account, null);
        await users.ResetAccessFailedCountAsync(Account);
        await throttling.UnlockAsync(Account.UserName!);
        AuditMarks.Action(HttpContext, AuditActions.UserUnlock);
        AuditMarks.Detail(HttpContext, $"user={Account.UserName}; sign-in delays lifted");
        Status.Set(TempData, l["The account {0} is unlocked.", Account.UserName!]);
        return RedirectToPage("Edit", new { id = Account.Id });
    }

    public async Task<IActionResult> OnPostResetPasswordAsync()
    {
        if (!await LoadAccountAsync()) return NotFound();
        AuditMarks.Action(HttpContext, AuditActions.PasswordReset);
        AuditMarks.Detail(HttpContext, $"user={Account.UserName}; not reset: the new password was refused");
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync();
            return Page();
        }
        // The administrator knows this password: the user must choose their own at the next sign-in.
        Account.MustChangePassword = true;
        var token = await users.GeneratePasswordResetTokenAsync(Account);
        var result = await users.ResetPasswordAsync(Account, token, Reset.NewPassword!);
        if (!result.Succeeded)
        {
            await LoadChoicesAsync();
            UserRules.AddErrors(ModelState, result, "Reset.NewPassword", "");
            return Page();
        }
        await sessions.EndAllAsync(Account.Id);
        AuditMarks.Detail(HttpContext, $"user={Account.UserName}; password reset; must be changed at next sign-in");
        Status.Set(TempData, l["The password of {0} has been reset. Give the new password to the user in person.", Account.UserName!]);
        return RedirectToPage("Edit", new { id = Account.Id });
    }

    /// <summary>
    /// Switches the account's two-factor sign-in off and forgets its authenticator key and recovery codes (a lost phone):
    /// the user enrols again with a new key. Its sessions end, so whoever holds the old phone gains nothing.
    /// </summary>
    public async Task<IActionResult> OnPostResetTwoFactorAsync()
    {
        if (!await LoadAccountAsync()) return NotFound();
        AuditMarks.Action(HttpContext, AuditActions.TwoFactorReset);
        await TwoFactorReset.ResetAsync(users, Account);
        await sessions.EndAllAsync(Account.Id);
        AuditMarks.Detail(HttpContext, $"user={Account.UserName}; authenticator and recovery codes removed; sessions ended");
        Status.Set(TempData, l["Two-factor sign-in of {0} is reset: the user signs in with the password and enrols again.", Account.UserName!]);
        return RedirectToPage("Edit", new { id = Account.Id });
    }

    private async Task<bool> LoadAccountAsync()
    {
        var account = await db.Users.VisibleTo(me.Scope).SingleOrDefaultAsync(u => u.Id == Id);
        if (account is null) return false;
        Account = account;
        IsLockedOut = account.IsActive && await throttling.IsLockedAsync(account.UserName!);
        TwoFactorOn = account.TwoFactorEnabled;
        return true;
    }

    private async Task LoadChoicesAsync()
    {
        if (Input.OrgUnitId is null) Input.OrgUnitId = Account.OrgUnitId;
        (OrgUnits, Leaders, Departments) = await UserRules.ChoicesAsync(choices, Input);
    }

    public sealed class EditInput : UserInput
    {
        public string? ConcurrencyStamp { get; set; }
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter the {0}.")]
        [Display(Name = "New password")]
        [DataType(DataType.Password)]
        public string? NewPassword { get; set; }
    }
}
