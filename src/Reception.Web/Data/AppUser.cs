using Microsoft.AspNetCore.Identity;
using Reception.Core.Organisation;

namespace Reception.Web.Data;

/// <summary>
/// A person who signs in. Every user belongs to an org unit and sees only its subtree; a Leader
/// account is linked to its leader record and a UnitHandler account to its department.
/// </summary>
public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 50;

    public string DisplayName { get; set; } = "";
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public int? LeaderId { get; set; }
    public Leader? Leader { get; set; }
    public int? DepartmentId { get; set; }
    public OrgUnit? Department { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>"zh-CN" or "en"; null means the site default (zh-CN).</summary>
    public string? PreferredCulture { get; set; }

    /// <summary>Set when an administrator chose the password (a new account, a reset, the first administrator): the user must choose their own at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When the password was last set (Reception:Security:PasswordMaxAgeDays counts from it); null for accounts from before it was recorded.</summary>
    public DateTime? PasswordChangedUtc { get; set; }

    /// <summary>The authenticator time step of the last accepted two-factor code: a code is accepted once.</summary>
    public long? LastTotpTimeStep { get; set; }
}
