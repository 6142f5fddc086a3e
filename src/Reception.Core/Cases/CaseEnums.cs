namespace Reception.Core.Cases;

/// <summary>Where a petition came in.</summary>
public enum Channel
{
    /// <summary>来访</summary>
    Visit = 1,

    /// <summary>来信</summary>
    Letter = 2,

    /// <summary>网上</summary>
    Online = 3,

    /// <summary>电话</summary>
    Phone = 4,

    /// <summary>领导接访</summary>
    LeaderReception = 5,

    /// <summary>上级交办</summary>
    AssignedFromAbove = 6,

    /// <summary>下访发现</summary>
    FoundOnVisit = 7,
}

/// <summary>The lifecycle of a <see cref="PetitionCase"/>; see <see cref="PetitionCase"/> for the allowed moves.</summary>
public enum CaseState
{
    /// <summary>登记</summary>
    Registered = 1,

    /// <summary>受理</summary>
    Accepted = 2,

    /// <summary>不予受理 (final)</summary>
    NotAccepted = 3,

    /// <summary>转送 to another unit, which accepts it or objects</summary>
    Transferred = 4,

    /// <summary>交办</summary>
    Assigned = 5,

    /// <summary>办理中</summary>
    InProgress = 6,

    /// <summary>答复</summary>
    Replied = 7,

    /// <summary>评价</summary>
    Evaluated = 8,

    /// <summary>办结 (final)</summary>
    Closed = 9,

    /// <summary>终结 (final; only a 复核 case after its reply)</summary>
    Terminated = 10,
}

/// <summary>The petitioner's evaluation of the reply.</summary>
public enum Evaluation
{
    /// <summary>满意</summary>
    Satisfied = 1,

    /// <summary>基本满意</summary>
    BasicallySatisfied = 2,

    /// <summary>不满意</summary>
    Dissatisfied = 3,
}

/// <summary>0 = the original matter, 1 = 复查 (review), 2 = 复核 (re-review, the last).</summary>
public enum AppealLevel
{
    Original = 0,
    Review = 1,
    ReReview = 2,
}

[Flags]
public enum CaseFlags
{
    None = 0,

    /// <summary>重复访: same petitioner and matter as an earlier case (<see cref="PetitionCase.RepeatOfCaseId"/>).</summary>
    Repeat = 1,

    /// <summary>越级访</summary>
    LevelSkipping = 2,

    /// <summary>涉法涉诉 (diverted to legal channels)</summary>
    LegalChannel = 4,

    /// <summary>重点</summary>
    Key = 8,

    /// <summary>积案 (backlog assigned from above)</summary>
    Backlog = 16,

    /// <summary>不再受理 (a new filing of a terminated matter)</summary>
    NoLongerAccepted = 32,

    /// <summary>集体访: computed, set exactly when the number of people is 5 or more.</summary>
    Collective = 64,
}

public enum CaseEventKind
{
    Registered = 1,
    Accepted = 2,
    AcceptanceRefused = 3,
    Transferred = 4,
    ObjectionRecorded = 5,
    Assigned = 6,
    Reassigned = 7,
    HandlingStarted = 8,
    ProgressAdded = 9,
    InstructionAdded = 10,
    Replied = 11,
    Evaluated = 12,
    Closed = 13,
    Resolved = 14,
    Terminated = 15,
    ExtensionRequested = 16,
    ExtensionApproved = 17,
    ExtensionRefused = 18,
    FlagsChanged = 19,
    NumberOfPeopleChanged = 20,
    AppealFiled = 21,
    Listed = 22,
    Unlisted = 23,
    HearingRecorded = 24,
    ColourChanged = 25,
    ChecklistChanged = 26,
    VisitLinked = 27,
    NoticeIssued = 28,
    NoticeAnswered = 29,

    /// <summary>The deadline scan escalated a red case: <see cref="CaseEvent.After"/> is "leader" or "office".</summary>
    Escalated = 30,
}
