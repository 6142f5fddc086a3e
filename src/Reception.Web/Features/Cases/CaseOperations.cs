using Reception.Core.Cases;
using Reception.Web.Authorization;
using Reception.Web.Features.Cases;

namespace Reception.Web.Features.Cases;

/// <summary>The named operations of the case page, one POST handler each.</summary>
public enum CaseOperation
{
    Accept,
    RejectAcceptance,
    Transfer,
    RecordObjection,
    StartHandling,
    AddProgress,
    Reply,
    AddInstruction,
    Evaluate,
    Close,
    Resolve,
    RequestExtension,
    ApproveExtension,
    RefuseExtension,
    FileAppeal,
    Terminate,
    RecordHearing,
    SetListed,
    SetFlag,
    ChangeNumberOfPeople,
    SetChecklistItem,
}

/// <summary>
/// Who is acting, as far as the case operations care: a clerk or supervisor of the scope, a leader (by leader id) or a unit
/// handler (by their unit). Built from the signed-in user, or directly in tests.
/// </summary>
public sealed record CaseActor(bool IsClerk, bool IsSupervisor, int? LeaderId, int? UnitId)
{
    public static CaseActor Of(UserScope scope) => new(
        scope.Is(Roles.Clerk),
        scope.Is(Roles.Supervisor),
        scope.Is(Roles.Leader) ? scope.LeaderId : null,
        scope.Is(Roles.UnitHandler) ? scope.HandlerUnitId : null);
}

/// <summary>
/// Who may do what on a case that is already in their scope (the case page answers 404 otherwise). <see cref="May"/> is
/// the role and ownership rule the POST handlers enforce (403 otherwise); <see cref="Applies"/> says whether the case's
/// state makes the operation meaningful, so the page offers only the forms that can succeed. The state rules themselves
/// stay in <see cref="PetitionCase"/>, which refuses a wrong move with its own message.
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
            CaseOperation.ApproveExtension or CaseOperation.RefuseExtension => who.IsClerk || who.IsSupervisor,
            CaseOperation.SetListed => who.IsSupervisor,
            CaseOperation.SetChecklistItem => who.IsClerk || owner,
            CaseOperation.Transfer or CaseOperation.Close or CaseOperation.Resolve or CaseOperation.FileAppeal or CaseOperation.Terminate
                or CaseOperation.RecordHearing or CaseOperation.SetFlag or CaseOperation.ChangeNumberOfPeople => who.IsClerk,
            _ => false,
        };
    }

    /// <summary>Whether the case's state lets the operation succeed (the time limit of an objection is checked by the page).</summary>
    public static bool Applies(CaseOperation op, PetitionCase c)
    {
        var handling = c.State is CaseState.Accepted or CaseState.Assigned or CaseState.InProgress;
        var replied = c.State is CaseState.Replied or CaseState.Evaluated or CaseState.Closed;
        return op switch
        {
            CaseOperation.Accept or CaseOperation.RejectAcceptance or CaseOperation.Transfer => c.State is CaseState.Registered or CaseState.Transferred,
            CaseOperation.RecordObjection => c.State == CaseState.Transferred && c.ObjectedAtUtc is null,
            CaseOperation.StartHandling => c.State == CaseState.Assigned,
            CaseOperation.AddProgress or CaseOperation.Reply => c.State == CaseState.InProgress,
            CaseOperation.AddInstruction or CaseOperation.SetListed => !c.IsFinal,
            CaseOperation.Evaluate => c.State == CaseState.Replied,
            CaseOperation.Close => c.State is CaseState.Replied or CaseState.Evaluated,
            CaseOperation.Resolve => !c.IsResolved && c.State is CaseState.InProgress or CaseState.Replied or CaseState.Evaluated
                or CaseState.Closed or CaseState.Terminated,
            // Only the handling period of an original matter can be extended (Art. 34); appeals have fixed periods.
            CaseOperation.RequestExtension => handling && c.AppealLevel == AppealLevel.Original && !c.IsExtended && !c.IsExtensionPending,
            CaseOperation.ApproveExtension or CaseOperation.RefuseExtension => handling && c.IsExtensionPending,
            CaseOperation.FileAppeal => replied && c.AppealLevel != AppealLevel.ReReview && !c.IsAppealed,
            CaseOperation.Terminate => replied && c.AppealLevel == AppealLevel.ReReview,
            CaseOperation.RecordHearing => handling && c.AppealLevel == AppealLevel.ReReview && c.HearingFrom is null,
            // A classification can be corrected in any state.
            CaseOperation.SetFlag or CaseOperation.ChangeNumberOfPeople => true,
            CaseOperation.SetChecklistItem => c.OwnerLeaderId is not null && !c.IsFinal,
            _ => false,
        };
    }

    /// <summary>The operations the page offers this user on this case.</summary>
    public static IReadOnlySet<CaseOperation> Offered(CaseActor who, PetitionCase c) =>
        Enum.GetValues<CaseOperation>().Where(op => May(who, op, c) && Applies(op, c)).ToHashSet();
}
