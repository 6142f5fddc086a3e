namespace Reception.Core.Cases;

/// <summary>
/// Who is acting, as far as the case operations care: a clerk or supervisor (with the org path of their scope), a leader
/// (by leader id) or a unit handler (by their unit). Built from the signed-in user, or directly in tests.
/// </summary>
public sealed record CaseActor(bool IsClerk, bool IsSupervisor, int? LeaderId, int? UnitId, string? UserId = null, string? OrgPath = null)
{
    /// <summary>Clerks and supervisors: the casework staff of a subtree.</summary>
    public bool IsCaseworkStaff => IsClerk || IsSupervisor;
}

/// <summary>
/// The materialised org paths of the units a case names (the registering, handling, co-handling and receiving units), which
/// the ownership rule compares with the actor's scope. A unit missing here is in nobody's scope.
/// </summary>
public sealed class CaseUnitPaths(IReadOnlyDictionary<int, string> paths)
{
    public static readonly CaseUnitPaths None = new(new Dictionary<int, string>());

    /// <summary>The ids whose paths a case's rule needs: the registering, handling, co-handling and receiving units.</summary>
    public static IReadOnlyCollection<int> Needed(PetitionCase c) =>
        new[] { c.OrgUnitId, c.HandlingUnitId, c.TransferredToUnitId }.OfType<int>().Concat(c.CoHandlingUnitIds).ToHashSet();

    public string? Of(int? unitId) => unitId is { } id && paths.TryGetValue(id, out var path) ? path : null;

    /// <summary>Whether the unit lies in the subtree at <paramref name="scopePath"/> (the scope's own unit included).</summary>
    public bool Within(int? unitId, string? scopePath) =>
        scopePath is { Length: > 0 } && Of(unitId) is { } path && path.StartsWith(scopePath, StringComparison.Ordinal);
}

/// <summary>
/// Who may do what on a case that is already in their scope (the case page answers 404 otherwise), DESIGN.md "People and
/// access" (issue 16 item 4):
/// <list type="bullet">
/// <item>A case belongs to the unit that registered it (<see cref="PetitionCase.OrgUnitId"/>). Clerks and supervisors whose
/// scope contains that unit — its own and the units above it — manage it: accept or refuse, transfer, assign and reassign,
/// flags and the number of people, extensions, hearings, closing, resolving, appeals and termination (clerks), listing
/// and extensions (supervisors). They alone see petitioners' personal data unmasked.</item>
/// <item>Staff of a handling, co-handling or receiving unit — its unit handlers, and clerks whose scope holds that unit but
/// not the registering one — see the case and record what their unit does: accept or refuse a transfer and object to it
/// (receiving unit), start handling, progress, the reply, the evaluation and a request for an extension (handling unit),
/// progress (co-handling unit). They do not change its owner, units, flags, deadline or closure.</item>
/// <item>Leaders who own or received the case write instructions (批示); the owner ticks the 包案 checklist.</item>
/// </list>
/// <see cref="May"/> is what the POST handlers enforce (403 otherwise); whether the case's state makes the operation
/// meaningful is the case's own answer (<see cref="PetitionCase.Allows"/>), so the page offers only the forms that can succeed.
/// </summary>
public static class CaseOperations
{
    /// <summary>The owning scope: a clerk or supervisor whose scope contains the unit that registered the case.</summary>
    public static bool Manages(CaseActor who, PetitionCase c, CaseUnitPaths units) =>
        who.IsCaseworkStaff && units.Within(c.OrgUnitId, who.OrgPath);

    /// <summary>Petitioners' ID numbers, phones and addresses (and numbers in free text) unmasked: the owning scope's staff only.</summary>
    public static bool SeesPersonalData(CaseActor who, PetitionCase c, CaseUnitPaths units) => Manages(who, c, units);

    /// <summary>
    /// Whoever else has a role on the case (it is in their scope) may reveal one petitioner's contact details, with a reason
    /// that is audited.
    /// </summary>
    public static bool MayReveal(CaseActor who, PetitionCase c, CaseUnitPaths units) => !SeesPersonalData(who, c, units);

    public static bool May(CaseActor who, CaseOperation op, PetitionCase c, CaseUnitPaths units)
    {
        var manages = Manages(who, c, units);
        var clerk = who.IsClerk && manages;
        var staff = who.IsCaseworkStaff && manages;

        // Staff of a unit the case names: its unit handlers, and a clerk (not of the owning scope) whose scope holds the unit.
        bool WorksFor(int? unit) => unit is not null
            && (who.UnitId == unit || (who.IsClerk && !manages && units.Within(unit, who.OrgPath)));

        var handling = WorksFor(c.HandlingUnitId);
        var coHandling = c.CoHandlingUnitIds.Any(u => WorksFor(u));
        var receiving = WorksFor(c.TransferredToUnitId);
        var ownerOrReceiver = who.LeaderId is { } leader && (leader == c.OwnerLeaderId || leader == c.ReceivedByLeaderId);
        var owner = who.LeaderId is { } l2 && l2 == c.OwnerLeaderId;
        return op switch
        {
            // What the handling, co-handling and receiving units record of their own work.
            CaseOperation.Accept or CaseOperation.RejectAcceptance => clerk || receiving,
            CaseOperation.RecordObjection => receiving,
            CaseOperation.StartHandling or CaseOperation.Reply or CaseOperation.Evaluate or CaseOperation.RequestExtension => clerk || handling,
            // Co-handling units (协办单位) report on their part of the work too.
            CaseOperation.AddProgress => clerk || handling || coHandling,
            CaseOperation.AddInstruction => ownerOrReceiver,
            CaseOperation.SetChecklistItem => clerk || owner,

            // Management: the owning scope only.
            // Whoever requested the extension does not approve it (Art. 34); refusing one's own request withdraws it.
            CaseOperation.ApproveExtension => staff && !(who.UserId is { } me && c.IsExtensionRequestedBy(me)),
            CaseOperation.RefuseExtension => staff,
            CaseOperation.SetListed => who.IsSupervisor && manages,
            CaseOperation.Transfer or CaseOperation.Assign or CaseOperation.Close or CaseOperation.Resolve or CaseOperation.FileAppeal
                or CaseOperation.Terminate or CaseOperation.RecordHearing or CaseOperation.SetFlag or CaseOperation.ChangeNumberOfPeople => clerk,
            _ => false,
        };
    }

    /// <summary>
    /// The operations whose forms the case page offers this user on this case (<see cref="CaseOperation.Assign"/> has a page
    /// of its own, linked when <see cref="May"/> allows it).
    /// </summary>
    public static IReadOnlySet<CaseOperation> Offered(CaseActor who, PetitionCase c, CaseUnitPaths units) =>
        Enum.GetValues<CaseOperation>().Where(op => op != CaseOperation.Assign && May(who, op, c, units) && c.Allows(op)).ToHashSet();
}
