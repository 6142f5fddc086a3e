namespace Reception.Core.Cases;

/// <summary>The named operations on a case that its page offers (one POST handler each); <see cref="PetitionCase.Allows"/> answers which the state allows now.</summary>
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

    /// <summary>交办 and reassigning: a page of its own (/Cases/Assign).</summary>
    Assign,
}
