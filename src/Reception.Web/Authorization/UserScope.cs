using Reception.Core.Cases;

namespace Reception.Web.Authorization;

/// <summary>
/// What one person may see and do, as a value: their role, their org unit and its materialised path (everything whose
/// path starts with it is in scope), their leader record (a Leader) and their department (a unit handler). Built from the
/// signed-in user (<see cref="CurrentUser.Scope"/>) or for a job's recipient (<see cref="For"/>), and taken by every
/// <c>VisibleTo</c> filter (<see cref="ScopeFilters"/>), so a page and a job that read "what this person sees" read the same.
/// </summary>
public sealed class UserScope
{
    public UserScope(string role, int orgUnitId, string orgPath, int? leaderId = null, int? departmentId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(orgPath);
        Role = role;
        OrgUnitId = orgUnitId;
        OrgPath = orgPath;
        LeaderId = leaderId;
        DepartmentId = departmentId;
    }

    /// <summary>The scope of a job's recipient: someone who is not signed in to this request (a bulletin's reader).</summary>
    public static UserScope For(string role, int orgUnitId, string orgPath, int? leaderId = null, int? departmentId = null) =>
        new(role, orgUnitId, orgPath, leaderId, departmentId);

    /// <summary>One of <see cref="Roles.All"/>; a user has exactly one.</summary>
    public string Role { get; }

    public int OrgUnitId { get; }

    /// <summary>The materialised path of the user's org unit; everything whose path starts with it is in scope.</summary>
    public string OrgPath { get; }

    public int? LeaderId { get; }
    public int? DepartmentId { get; }

    public bool Is(string role) => string.Equals(Role, role, StringComparison.Ordinal);

    /// <summary>Clerks and Supervisors: the casework staff of their subtree.</summary>
    public bool IsCaseworkStaff => Is(Roles.Clerk) || Is(Roles.Supervisor);

    /// <summary>Clerks (and admins) approve, reject and undo swaps and act on a leader's behalf.</summary>
    public bool ManagesRotas => Is(Roles.Clerk) || Is(Roles.Admin);

    /// <summary>A Leader account reaches only its own visits and unavailability; office staff everyone's in their scope.</summary>
    public bool IsOwnRecordsOnly => Is(Roles.Leader);

    /// <summary>The unit a unit handler works for: their department, or else their org unit.</summary>
    public int HandlerUnitId => DepartmentId ?? OrgUnitId;

    /// <summary>
    /// Whether petitioners' ID numbers, phones and addresses are shown unmasked: to Clerks and Supervisors, for the cases of
    /// their scope (loaded through <see cref="ScopeFilters"/>). Everyone else sees them masked.
    /// </summary>
    public bool SeesPersonalData => IsCaseworkStaff;

    /// <summary>
    /// Free text of a case (content, summary, progress, replies, notices) as this person may read it: as written for those
    /// who see personal data, else with ID numbers and phone numbers in it masked (<see cref="PrivacyMask.FreeText"/>).
    /// </summary>
    public string FreeText(string? text) => SeesPersonalData ? text ?? "" : PrivacyMask.FreeText(text);

    /// <summary>
    /// Free text of one case in a list, as the case page shows it (issue 16 item 4): as written only when the case's
    /// registering unit (<paramref name="owningUnitPath"/>) lies in this clerk's or supervisor's scope, else masked.
    /// </summary>
    public string FreeTextOf(string? owningUnitPath, string? text) =>
        SeesPersonalData && owningUnitPath is not null && Contains(owningUnitPath) ? text ?? "" : PrivacyMask.FreeText(text);

    /// <summary>Whether <paramref name="orgPath"/> lies in this scope's subtree.</summary>
    public bool Contains(string orgPath) => orgPath.StartsWith(OrgPath, StringComparison.Ordinal);

    /// <summary>Whether this person answers a 督办 notice: a unit handler of the unit it is addressed to.</summary>
    public bool Answers(SupervisionNotice notice) => Is(Roles.UnitHandler) && HandlerUnitId == notice.ToUnitId;

    /// <summary>Memo of <see cref="ScopeFilters.IsWholeTree"/> (one query per scope).</summary>
    internal bool? IsWholeTreeMemo { get; set; }

    /// <summary>Memo of the subtree's unit ids for the case scope on PostgreSQL (<see cref="ScopeFilters.VisibleTo(IQueryable{Reception.Core.Cases.PetitionCase}, AppDbContext, UserScope)"/>).</summary>
    internal List<int>? UnitIdsMemo { get; set; }
}
