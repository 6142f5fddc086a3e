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
}
