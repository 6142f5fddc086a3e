using Reception.Core.Cases;

namespace Reception.Web.Features.Cases;

/// <summary>
/// Who is acting, as far as the case operations care: a clerk or supervisor of the scope, a leader (by leader id) or a unit
/// handler (by their unit). Built from the signed-in user, or directly in tests.
/// </summary>
public sealed record CaseActor(bool IsClerk, bool IsSupervisor, int? LeaderId, int? UnitId, string? UserId = null)
{
    public static CaseActor Of(UserScope scope, string? userId = null) => new(
        scope.Is(Roles.Clerk),
        scope.Is(Roles.Supervisor),
        scope.Is(Roles.Leader) ? scope.LeaderId : null,
        scope.Is(Roles.UnitHandler) ? scope.HandlerUnitId : null,
        userId);
}

/// <summary>
/// Who may do what on a case that is already in their scope (the case page answers 404 otherwise). <see cref="May"/> is
/// the role and ownership rule the POST handlers enforce (403 otherwise); whether the case's state makes the operation
/// meaningful is the case's own answer (<see cref="PetitionCase.Allows"/>), so the page offers only the forms that can
/// succeed, and <see cref="PetitionCase"/> refuses a wrong move with its own message.
/// </summary>
public static class CaseOperations
{
    public static bool May(CaseActor who, CaseOperation op, PetitionCase c)
    {
        var handlingUnit = who.UnitId is { } unit && unit == c.HandlingUnitId;
        var coHandlingUnit = who.UnitId is { } u2 && c.CoHandlingUnitIds.Contains(u2);
        var receivingUnit = who.UnitId is { } u3 && u3 == c.TransferredToUnitId;
        var ownerOrReceiver = who.LeaderId is { } leader && (leader == c.OwnerLeaderId || leader == c.ReceivedByLeaderId);
        var owner = who.LeaderId is { } l2 && l2 == c.OwnerLeaderId;
        return op switch
        {
            CaseOperation.Accept or CaseOperation.RejectAcceptance => who.IsClerk || receivingUnit,
            CaseOperation.RecordObjection => receivingUnit,
            CaseOperation.StartHandling or CaseOperation.Reply => who.IsClerk || handlingUnit,
            // Co-handling units (协办单位) report on their part of the work too.
            CaseOperation.AddProgress => who.IsClerk || handlingUnit || coHandlingUnit,
            CaseOperation.AddInstruction => ownerOrReceiver,
            CaseOperation.Evaluate => who.IsClerk || handlingUnit,
            CaseOperation.RequestExtension => who.IsClerk || handlingUnit,
            // Whoever requested the extension does not approve it (Art. 34); refusing one's own request withdraws it.
            CaseOperation.ApproveExtension => (who.IsClerk || who.IsSupervisor) && !(who.UserId is { } me && c.IsExtensionRequestedBy(me)),
            CaseOperation.RefuseExtension => who.IsClerk || who.IsSupervisor,
            CaseOperation.SetListed => who.IsSupervisor,
            CaseOperation.SetChecklistItem => who.IsClerk || owner,
            CaseOperation.Transfer or CaseOperation.Close or CaseOperation.Resolve or CaseOperation.FileAppeal or CaseOperation.Terminate
                or CaseOperation.RecordHearing or CaseOperation.SetFlag or CaseOperation.ChangeNumberOfPeople => who.IsClerk,
            _ => false,
        };
    }

    /// <summary>The operations the page offers this user on this case.</summary>
    public static IReadOnlySet<CaseOperation> Offered(CaseActor who, PetitionCase c) =>
        Enum.GetValues<CaseOperation>().Where(op => May(who, op, c) && c.Allows(op)).ToHashSet();
}
