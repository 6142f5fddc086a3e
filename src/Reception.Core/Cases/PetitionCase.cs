using Reception.Core.Cases.Deadlines;
using Reception.Core.Cases.History;
using Reception.Core.Common;
using M = Reception.Core.Cases.CaseMessages;

namespace Reception.Core.Cases;

/// <summary>
/// A petition matter (信访事项). Every operation is a named method that checks its rules and returns a
/// <see cref="CaseResult"/> — a refusal says why and changes nothing; a success changes the case and appends
/// one immutable <see cref="CaseEvent"/> (who, when, what, before/after), so the history is complete.
/// Times are passed in (UTC); the case never reads a clock. Deadlines are computed elsewhere.
/// <code>
/// Registered  --Accept-->            Accepted
/// Registered  --RejectAcceptance-->  NotAccepted (final)
/// Registered  --Transfer-->          Transferred
/// Transferred --Accept / RejectAcceptance / Transfer (re-route)-->  Accepted / NotAccepted / Transferred
/// Transferred --RecordObjection-->   Transferred (once per transfer)
/// Accepted    --Assign-->            Assigned      (Assign in Assigned / InProgress = reassign, state kept)
/// Assigned    --StartHandling-->     InProgress
/// InProgress  --Reply-->             Replied
/// Replied     --Evaluate-->          Evaluated
/// Replied, Evaluated --Close-->      Closed (final)
/// Replied, Evaluated, Closed of a 复核 (level 2) case --Terminate-->  Terminated (final)
/// Replied, Evaluated, Closed of a level 0/1 case --FileAppeal-->    a new Registered case at level + 1
/// </code>
/// Resolve (化解/息访) is a flag and date, allowed from InProgress onwards (also when Closed or Terminated).
/// AddInstruction (批示) is allowed in every state that is not final; AddProgress only in InProgress;
/// RequestExtension / ApproveExtension / RefuseExtension in Accepted, Assigned, InProgress, once per case.
/// </summary>
public sealed class PetitionCase : IVersioned
{
    public const int CategoryCodeMaxLength = 50;
    public const int SummaryMaxLength = 200;
    public const int ContentMaxLength = 10_000;
    public const int TextMaxLength = 2_000;
    public const int ReplyMaxLength = 10_000;
    public const int ReasonMaxLength = 500;
    public const int EvaluationCommentMaxLength = 500;

    /// <summary>The user id recorded for what the petitioner does on the public query page (their own evaluation).</summary>
    public const string PetitionerUserId = "petitioner";

    /// <summary>集体访 from this many people.</summary>
    public const int CollectiveThreshold = 5;

    /// <summary>Art. 34: an extension of at most 30 days (the handling clock's rule, <see cref="DeadlineRules.HandleMaxExtensionDays"/>).</summary>
    public const int MaxExtensionDays = DeadlineRules.HandleMaxExtensionDays;

    private readonly List<CaseEvent> events = [];
    private readonly List<CasePetitioner> petitioners = [];
    private readonly List<CaseCoHandlingUnit> coHandling = [];
    private readonly List<CaseChecklistEntry> checklist = [];

    private PetitionCase()
    {
        Number = null!;
        CategoryCode = Summary = "";
    }

    private PetitionCase(CaseNumber number, int orgUnitId, Channel channel, DateOnly receivedOn, string categoryCode,
        string summary, string? content, int numberOfPeople, IEnumerable<CasePetitioner> people)
    {
        Number = number;
        OrgUnitId = orgUnitId;
        Channel = channel;
        ReceivedOn = receivedOn;
        CategoryCode = categoryCode.Trim();
        Summary = summary.Trim();
        Content = string.IsNullOrWhiteSpace(content) ? null : content.Trim();
        petitioners.AddRange(people);
        NumberOfPeople = numberOfPeople;
        State = CaseState.Registered;
        Flags = numberOfPeople >= CollectiveThreshold ? CaseFlags.Collective : CaseFlags.None;
    }

    public int Id { get; private set; }
    public CaseNumber Number { get; private set; }

    /// <summary>The unit that registered the case (its code is in the number).</summary>
    public int OrgUnitId { get; private set; }

    public Channel Channel { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    public string CategoryCode { get; private set; }
    public string Summary { get; private set; }
    public string? Content { get; private set; }
    public int NumberOfPeople { get; private set; }
    public IReadOnlyList<CasePetitioner> Petitioners => petitioners;

    public CaseState State { get; private set; }
    public CaseFlags Flags { get; private set; }
    public int? RepeatOfCaseId { get; private set; }

    public DateTime? AcceptedAtUtc { get; private set; }
    public string? NotAcceptedReason { get; private set; }
    public int? TransferredToUnitId { get; private set; }
    public DateTime? TransferredAtUtc { get; private set; }
    public string? ObjectionReason { get; private set; }
    public DateTime? ObjectedAtUtc { get; private set; }

    public int? OwnerLeaderId { get; private set; }
    public int? HandlingUnitId { get; private set; }
    public IReadOnlyList<int> CoHandlingUnitIds => coHandling.Select(c => c.OrgUnitId).ToList();
    public IReadOnlyList<CaseCoHandlingUnit> CoHandlingUnits => coHandling;
    public int? StabilityControlUnitId { get; private set; }
    public string? SupervisorUserId { get; private set; }
    public DateTime? AssignedAtUtc { get; private set; }
    public DateTime? HandlingStartedAtUtc { get; private set; }
    public DateTime? LastProgressAtUtc { get; private set; }

    public string? ReplyText { get; private set; }
    public DateOnly? ReplyDate { get; private set; }
    public Evaluation? Evaluation { get; private set; }

    /// <summary>What the petitioner added to the evaluation (optional).</summary>
    public string? EvaluationComment { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }
    public bool IsResolved { get; private set; }
    public DateOnly? ResolvedOn { get; private set; }
    public DateTime? TerminatedAtUtc { get; private set; }

    public int? ExtensionRequestedDays { get; private set; }

    /// <summary>Who asked for the pending extension: they cannot approve it themselves (Art. 34: the head approves).</summary>
    public string? ExtensionRequestedBy { get; private set; }
    public string? ExtensionReason { get; private set; }
    public int? ExtensionDays { get; private set; }
    public bool IsExtended => ExtensionDays is not null;
    public bool IsExtensionPending => ExtensionRequestedDays is not null;

    public int? ParentCaseId { get; private set; }
    public PetitionCase? ParentCase { get; private set; }
    public AppealLevel AppealLevel { get; private set; }
    public bool IsAppealed { get; private set; }

    // ---- where it came from (set at intake, before the case is saved)

    /// <summary>The duty (坐班接访) at which the petition was received, if any.</summary>
    /// <summary>The number the case had in the office's old ledger, when it was imported from one (issue 17 item 8).</summary>
    public string? ExternalReference { get; private set; }

    /// <summary>The import (<see cref="Import.CaseImportBatch"/>) that brought the case in, or null.</summary>
    public int? ImportBatchId { get; private set; }

    public int? SourceDutyAssignmentId { get; private set; }

    /// <summary>The village visit (下访) on which the petition was found, if any.</summary>
    public int? SourceVisitId { get; private set; }

    /// <summary>The leader who received the petitioner (on duty or on a visit); that leader may see the case.</summary>
    public int? ReceivedByLeaderId { get; private set; }

    // ---- supervision

    /// <summary>挂牌督办: listed for supervision (red while listed).</summary>
    public bool IsListed { get; private set; }

    /// <summary>A hearing (听证) of a 复核 case: the answer clock stands still from … to (Art. 36).</summary>
    public DateOnly? HearingFrom { get; private set; }

    public DateOnly? HearingTo { get; private set; }

    /// <summary>The running clock (a <see cref="Deadlines.DeadlineRules"/> code), or null when no clock runs.</summary>
    public string? ClockCode { get; private set; }

    public DateOnly? ClockStartOn { get; private set; }

    /// <summary>The running clock's due date, stored so lists and the board are coloured in one indexed query.</summary>
    public DateOnly? DueOn { get; private set; }

    /// <summary>The day of the last progress entry, or the clock's start when there is none (for "no progress for N days").</summary>
    public DateOnly? LastProgressOn { get; private set; }

    /// <summary>The supervision colour of the running clock; null when no clock runs.</summary>
    public SupervisionColour? Colour { get; private set; }

    public IReadOnlyList<CaseChecklistEntry> Checklist => checklist;

    public int Version { get; private set; }
    public IReadOnlyList<CaseEvent> Events => events;

    /// <summary>Open = not final and not yet replied to: a clock runs and the case is coloured.</summary>
    public bool IsOpen => IsOpenState(State);

    /// <summary>Whether a case in <paramref name="state"/> is open (a clock runs; see <see cref="IsOpen"/>).</summary>
    public static bool IsOpenState(CaseState state) =>
        state is CaseState.Registered or CaseState.Transferred or CaseState.Accepted or CaseState.Assigned or CaseState.InProgress;

    public bool IsFinal => IsFinalState(State);

    /// <summary>Whether nothing more happens to a case in <paramref name="state"/>: not accepted, closed or terminated.</summary>
    public static bool IsFinalState(CaseState state) => state is CaseState.NotAccepted or CaseState.Closed or CaseState.Terminated;
    public bool IsCollective => Flags.HasFlag(CaseFlags.Collective);

    public void BumpVersion() => Version++;

    // ---------------------------------------------------------------- intake

    /// <summary>Registers (登记) a new case; refuses a blank summary or category, no petitioner, or too few people.</summary>
    public static CaseResult<PetitionCase> Register(CaseIntake intake, string userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(intake);
        CheckActor(userId, nowUtc);
        var (number, orgUnitId, channel, receivedOn, categoryCode, summary, content, numberOfPeople, petitioners) = intake;
        if (string.IsNullOrWhiteSpace(summary)) return CaseResult<PetitionCase>.Fail(M.SummaryRequired);
        if (summary.Trim().Length > SummaryMaxLength) return CaseResult<PetitionCase>.Fail(M.TextTooLong, SummaryMaxLength);
        if (content is not null && content.Trim().Length > ContentMaxLength) return CaseResult<PetitionCase>.Fail(M.TextTooLong, ContentMaxLength);
        if (string.IsNullOrWhiteSpace(categoryCode)) return CaseResult<PetitionCase>.Fail(M.CategoryRequired);
        if (petitioners.Count == 0) return CaseResult<PetitionCase>.Fail(M.PetitionerRequired);
        if (numberOfPeople < petitioners.Count) return CaseResult<PetitionCase>.Fail(M.TooFewPeople, petitioners.Count);

        var c = new PetitionCase(number, orgUnitId, channel, receivedOn, categoryCode, summary, content, numberOfPeople, petitioners);
        c.Record(new Registered(number.ToString(), channel, receivedOn, c.CategoryCode, numberOfPeople, c.Flags), userId, nowUtc);
        return CaseResult<PetitionCase>.Success(c);
    }

    /// <summary>Changes the number of people; 集体访 follows (≥ <see cref="CollectiveThreshold"/>).</summary>
    public CaseResult ChangeNumberOfPeople(int numberOfPeople, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        int min = Math.Max(1, petitioners.Count);
        if (numberOfPeople < min) return CaseResult.Fail(M.TooFewPeople, min);
        if (numberOfPeople == NumberOfPeople) return CaseResult.Ok;
        var before = NumberOfPeople;
        var beforeFlags = Flags;
        NumberOfPeople = numberOfPeople;
        Flags = numberOfPeople >= CollectiveThreshold ? Flags | CaseFlags.Collective : Flags & ~CaseFlags.Collective;
        Record(new NumberOfPeopleChanged(new PeopleCount(before, beforeFlags), new PeopleCount(numberOfPeople, Flags)), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>
    /// Sets or clears <see cref="CaseFlags.LevelSkipping"/>, <see cref="CaseFlags.LegalChannel"/>, <see cref="CaseFlags.Key"/>,
    /// <see cref="CaseFlags.Backlog"/> or <see cref="CaseFlags.NoLongerAccepted"/> (one flag at a time). Allowed in any state,
    /// so a classification can be corrected. Repeat needs <see cref="MarkRepeat"/>; Collective follows the number of people.
    /// </summary>
    public CaseResult SetFlag(CaseFlags flag, bool on, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (flag == CaseFlags.Repeat) return on ? CaseResult.Fail(M.RepeatNeedsLink) : ClearRepeat(userId, nowUtc);
        if (flag == CaseFlags.Collective) return CaseResult.Fail(M.CollectiveIsComputed);
        if (flag is not (CaseFlags.LevelSkipping or CaseFlags.LegalChannel or CaseFlags.Key or CaseFlags.Backlog or CaseFlags.NoLongerAccepted))
            throw new ArgumentOutOfRangeException(nameof(flag), flag, "One flag at a time.");
        var after = on ? Flags | flag : Flags & ~flag;
        if (after == Flags) return CaseResult.Ok;
        var before = FlagState;
        Flags = after;
        Record(new FlagsChanged(before, FlagState), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>Flags 重复访 and links the earlier case.</summary>
    public CaseResult MarkRepeat(int earlierCaseId, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Id != 0 && earlierCaseId == Id) return CaseResult.Fail(M.CannotRepeatItself);
        if (RepeatOfCaseId == earlierCaseId && Flags.HasFlag(CaseFlags.Repeat)) return CaseResult.Ok;
        var before = FlagState;
        Flags |= CaseFlags.Repeat;
        RepeatOfCaseId = earlierCaseId;
        Record(new FlagsChanged(before, FlagState, RepeatLink: true), userId, nowUtc);
        return CaseResult.Ok;
    }

    private CaseResult ClearRepeat(string userId, DateTime nowUtc)
    {
        if (!Flags.HasFlag(CaseFlags.Repeat)) return CaseResult.Ok;
        var before = FlagState;
        Flags &= ~CaseFlags.Repeat;
        RepeatOfCaseId = null;
        Record(new FlagsChanged(before, FlagState, RepeatLink: true), userId, nowUtc);
        return CaseResult.Ok;
    }

    // ---------------------------------------------------------------- acceptance and routing

    /// <summary>受理: from Registered, or from Transferred by the receiving unit.</summary>
    public CaseResult Accept(string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.Accept) is { } refused) return refused;
        AcceptedAtUtc = nowUtc;
        return Move(CaseState.Accepted, CaseEventKind.Accepted, userId, nowUtc);
    }

    /// <summary>不予受理, with the reason told to the petitioner.</summary>
    public CaseResult RejectAcceptance(string? reason, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.RejectAcceptance) is { } refused) return refused;
        if (TextError(reason, ReasonMaxLength, M.NotAcceptedReasonRequired) is { } bad) return bad;
        NotAcceptedReason = reason!.Trim();
        var from = State;
        State = CaseState.NotAccepted;
        Record(new AcceptanceRefused(from, NotAcceptedReason), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>转送 to the unit responsible; from Registered, or again from Transferred (e.g. after an objection).</summary>
    public CaseResult Transfer(int unitId, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.Transfer) is { } refused) return refused;
        var before = new Routing(State, TransferredToUnitId);
        TransferredToUnitId = unitId;
        TransferredAtUtc = nowUtc;
        ObjectionReason = null;
        ObjectedAtUtc = null;
        State = CaseState.Transferred;
        Record(new Transferred(before, new Routing(State, unitId)), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>
    /// The receiving unit objects that a transfer is outside its remit (Art. 23 ¶3: within 5 working days of
    /// receipt — that deadline is checked by the caller). Once per transfer; the case stays Transferred until it is
    /// transferred again or accepted.
    /// </summary>
    public CaseResult RecordObjection(string? reason, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.RecordObjection) is { } refused) return refused;
        if (TextError(reason, ReasonMaxLength, M.ObjectionReasonRequired) is { } bad) return bad;
        ObjectionReason = reason!.Trim();
        ObjectedAtUtc = nowUtc;
        Record(new ObjectionRecorded(TransferredToUnitId, ObjectionReason), userId, nowUtc);
        return CaseResult.Ok;
    }

    // ---------------------------------------------------------------- assignment and handling

    /// <summary>
    /// 交办 (包案): the owning leader, the handling unit, co-handling units, the stability-control unit and the supervisor.
    /// From Accepted it moves to Assigned; in Assigned or InProgress it reassigns (the state stays).
    /// </summary>
    public CaseResult Assign(int ownerLeaderId, int handlingUnitId, IEnumerable<int>? coHandlingUnitIds, int? stabilityControlUnitId,
        string? supervisorUserId, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.Assign) is { } refused) return refused;
        var co = (coHandlingUnitIds ?? []).Distinct().Order().ToList();
        if (co.Contains(handlingUnitId)) return CaseResult.Fail(M.HandlingUnitAlsoCoHandling);

        var reassign = State != CaseState.Accepted;
        var before = CurrentAssignment;
        var fromState = State;
        OwnerLeaderId = ownerLeaderId;
        HandlingUnitId = handlingUnitId;
        coHandling.RemoveAll(c => !co.Contains(c.OrgUnitId));
        foreach (var id in co.Where(id => coHandling.All(c => c.OrgUnitId != id))) coHandling.Add(new CaseCoHandlingUnit(id));
        StabilityControlUnitId = stabilityControlUnitId;
        SupervisorUserId = string.IsNullOrWhiteSpace(supervisorUserId) ? null : supervisorUserId.Trim();
        if (!reassign)
        {
            State = CaseState.Assigned;
            AssignedAtUtc = nowUtc;
        }

        Record(reassign ? new Reassigned(before, CurrentAssignment) : new Assigned(fromState, CurrentAssignment), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>办理中: the handling unit starts work.</summary>
    public CaseResult StartHandling(string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.StartHandling) is { } refused) return refused;
        HandlingStartedAtUtc = nowUtc;
        LastProgressAtUtc = nowUtc;
        return Move(CaseState.InProgress, CaseEventKind.HandlingStarted, userId, nowUtc);
    }

    /// <summary>A progress entry (InProgress only); it also resets "no progress for 15 days".</summary>
    public CaseResult AddProgress(string? text, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.AddProgress) is { } refused) return refused;
        if (TextError(text, TextMaxLength, M.ProgressRequired) is { } bad) return bad;
        LastProgressAtUtc = nowUtc;
        Record(new ProgressAdded(text!.Trim()), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>A leader's instruction (批示); allowed in every state that is not final.</summary>
    public CaseResult AddInstruction(int leaderId, string? text, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.AddInstruction) is { } refused) return refused;
        if (TextError(text, TextMaxLength, M.InstructionRequired) is { } bad) return bad;
        Record(new InstructionAdded(leaderId, text!.Trim()), userId, nowUtc);
        return CaseResult.Ok;
    }

    // ---------------------------------------------------------------- reply, evaluation, closure

    /// <summary>答复: the written reply, dated (the appeal clock runs from it).</summary>
    public CaseResult Reply(string? text, DateOnly replyDate, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.Reply) is { } refused) return refused;
        if (TextError(text, ReplyMaxLength, M.ReplyRequired) is { } bad) return bad;
        if (replyDate < ReceivedOn) return CaseResult.Fail(M.DateBeforeReceipt, DateText.Of(ReceivedOn));
        ReplyText = text!.Trim();
        ReplyDate = replyDate;
        var from = State;
        State = CaseState.Replied;
        Record(new Replied(from, replyDate, ReplyText), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>评价: the petitioner's satisfaction with the reply.</summary>
    public CaseResult Evaluate(Evaluation evaluation, string userId, DateTime nowUtc, string? comment = null)
    {
        CheckActor(userId, nowUtc);
        if (!Enum.IsDefined(evaluation)) throw new ArgumentOutOfRangeException(nameof(evaluation));
        if (Refusal(CaseOperation.Evaluate) is { } refused) return refused;
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is not null && comment.Length > EvaluationCommentMaxLength) return CaseResult.Fail(M.TextTooLong, EvaluationCommentMaxLength);
        Evaluation = evaluation;
        EvaluationComment = comment;
        var from = State;
        State = CaseState.Evaluated;
        Record(new Evaluated(from, evaluation, comment), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>办结: after the reply, evaluated or not (the petitioner may not answer).</summary>
    public CaseResult Close(string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.Close) is { } refused) return refused;
        ClosedAtUtc = nowUtc;
        return Move(CaseState.Closed, CaseEventKind.Closed, userId, nowUtc);
    }

    /// <summary>化解/息访, recorded separately from closure: from InProgress onwards, including Closed and Terminated.</summary>
    public CaseResult Resolve(DateOnly resolvedOn, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.Resolve) is { } refused) return refused;
        if (resolvedOn < ReceivedOn) return CaseResult.Fail(M.DateBeforeReceipt, DateText.Of(ReceivedOn));
        IsResolved = true;
        ResolvedOn = resolvedOn;
        Record(new Resolved(resolvedOn), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>终结 (Art. 36): only a 复核 (re-review) case, after its reply. A new filing of the matter is then 不再受理.</summary>
    public CaseResult Terminate(string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.Terminate) is { } refused) return refused;
        TerminatedAtUtc = nowUtc;
        return Move(CaseState.Terminated, CaseEventKind.Terminated, userId, nowUtc);
    }

    // ---------------------------------------------------------------- extension (Art. 34)

    /// <summary>
    /// Asks to extend the handling period by 1–<see cref="MaxExtensionDays"/> days, with the reason the petitioner is told.
    /// Once per case, and only for an original matter (Art. 34): appeals have fixed periods.
    /// </summary>
    public CaseResult RequestExtension(int days, string? reason, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.RequestExtension) is { } refused) return refused;
        if (days is < 1 or > MaxExtensionDays) return CaseResult.Fail(M.ExtensionDaysOutOfRange, MaxExtensionDays);
        if (TextError(reason, ReasonMaxLength, M.ExtensionReasonRequired) is { } bad) return bad;
        ExtensionRequestedDays = days;
        ExtensionRequestedBy = userId;
        ExtensionReason = reason!.Trim();
        Record(new ExtensionRequested(days, ExtensionReason), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>Whether <paramref name="userId"/> asked for the pending extension (and so may not approve it).</summary>
    public bool IsExtensionRequestedBy(string userId) =>
        IsExtensionPending && string.Equals(ExtensionRequestedBy, userId, StringComparison.Ordinal);

    /// <summary>
    /// Approves the pending extension; the handling deadline moves by <see cref="ExtensionDays"/>. Not by whoever
    /// requested it (信访工作条例 Art. 34: the head approves).
    /// </summary>
    public CaseResult ApproveExtension(string userId, DateTime nowUtc) => DecideExtension(true, userId, nowUtc);

    /// <summary>Refuses the pending extension; another may be requested.</summary>
    public CaseResult RefuseExtension(string userId, DateTime nowUtc) => DecideExtension(false, userId, nowUtc);

    private CaseResult DecideExtension(bool approve, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(approve ? CaseOperation.ApproveExtension : CaseOperation.RefuseExtension) is { } refused) return refused;
        if (approve && IsExtensionRequestedBy(userId)) return CaseResult.Fail(M.ExtensionOwnRequest);
        var requested = ExtensionRequestedDays!.Value;
        ExtensionRequestedDays = null;
        ExtensionRequestedBy = null;
        if (approve) ExtensionDays = requested;
        else ExtensionReason = null;
        Record(new ExtensionDecided(approve, requested, ExtensionDays), userId, nowUtc);
        return CaseResult.Ok;
    }

    // ---------------------------------------------------------------- appeals (Art. 35, 36)

    /// <summary>
    /// Files a 复查 (from an original case) or 复核 (from a review case): a new case, Registered, at
    /// <paramref name="reviewingOrgUnitId"/>, linked to this one (<see cref="ParentCaseId"/>, <see cref="AppealLevel"/> + 1),
    /// with copies of the petitioners, category and summary. Allowed from Replied, Evaluated or Closed, once per case,
    /// when <paramref name="requestedOn"/> is on or before <paramref name="lastDay"/> (the 30-day deadline from the reply,
    /// computed by the deadline rules).
    /// </summary>
    public CaseResult<PetitionCase> FileAppeal(CaseNumber appealNumber, int reviewingOrgUnitId, Channel channel, DateOnly requestedOn,
        DateOnly lastDay, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.FileAppeal) is { } refused) return CaseResult<PetitionCase>.Fail(refused.Error!);
        if (requestedOn > lastDay) return CaseResult<PetitionCase>.Fail(M.AppealTooLate, DateText.Of(lastDay));

        var appeal = new PetitionCase(appealNumber, reviewingOrgUnitId, channel, requestedOn, CategoryCode, Summary, Content,
            NumberOfPeople, petitioners.Select(p => p.Copy()))
        {
            ParentCase = this,
            ParentCaseId = Id == 0 ? null : Id,
            AppealLevel = AppealLevel + 1,
        };
        appeal.Record(new Registered(appealNumber.ToString(), channel, requestedOn, AppealOf: Number.ToString(), AppealLevel: appeal.AppealLevel), userId, nowUtc);
        IsAppealed = true;
        Record(new AppealFiled(appealNumber.ToString(), appeal.AppealLevel), userId, nowUtc);
        return CaseResult<PetitionCase>.Success(appeal);
    }

    // ---------------------------------------------------------------- source, supervision, hearing, checklist, visits

    /// <summary>Records where the petition came from; only at intake (before the case is first saved).</summary>
    /// <exception cref="InvalidOperationException">The case has already been saved.</exception>
    /// <summary>Marks a case brought in from an old ledger: its old number and the import it came with.</summary>
    public void SetImported(string? externalReference, int importBatchId)
    {
        ExternalReference = string.IsNullOrWhiteSpace(externalReference) ? null : externalReference.Trim();
        ImportBatchId = importBatchId;
    }

    public void SetSource(int? dutyAssignmentId, int? visitId, int? receivedByLeaderId)
    {
        if (Id != 0) throw new InvalidOperationException("The source is recorded at intake only.");
        SourceDutyAssignmentId = dutyAssignmentId;
        SourceVisitId = visitId;
        ReceivedByLeaderId = receivedByLeaderId;
    }

    /// <summary>挂牌督办 on or off: a listed open case is red until it is taken off the list.</summary>
    public CaseResult SetListed(bool listed, string? reason, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.SetListed) is { } refused) return refused;
        if (listed == IsListed) return CaseResult.Ok;
        if (listed && TextError(reason, ReasonMaxLength, M.ListingReasonRequired) is { } bad) return bad;
        IsListed = listed;
        Record(new ListingChanged(listed, listed ? reason!.Trim() : null), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>A hearing (听证) of a 复核 case while it is handled: the answer clock stands still on those days (Art. 36). Once.</summary>
    public CaseResult RecordHearing(DateOnly from, DateOnly to, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.RecordHearing) is { } refused) return refused;
        if (to < from) return CaseResult.Fail(M.HearingEndsBeforeStart);
        if (from < ReceivedOn) return CaseResult.Fail(M.DateBeforeReceipt, DateText.Of(ReceivedOn));
        HearingFrom = from;
        HearingTo = to;
        Record(new HearingRecorded(from, to), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>Ticks or unticks an item of the 包案 checklist (the items are configured per deployment).</summary>
    public CaseResult SetChecklistItem(int itemId, string itemText, bool done, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (Refusal(CaseOperation.SetChecklistItem) is { } refused) return refused;
        var entry = checklist.FirstOrDefault(e => e.ItemId == itemId);
        if ((entry?.IsDone ?? false) == done) return CaseResult.Ok;
        if (entry is null) checklist.Add(entry = new CaseChecklistEntry(itemId));
        entry.Set(done, userId, nowUtc);
        Record(new ChecklistChanged(itemText, done), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>Records that the case was taken on a visit (带案下访) or met by appointment (约访).</summary>
    public CaseResult RecordVisit(int visitId, DateOnly date, bool appointment, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        if (State is CaseState.NotAccepted) return FinalError()!;
        Record(new VisitLinked(visitId, date, appointment), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>Records a 督办 notice issued to a unit about this case (the notice itself is a <see cref="SupervisionNotice"/>).</summary>
    public void RecordNotice(SupervisionNotice notice, bool answered, string userId, DateTime nowUtc)
    {
        CheckActor(userId, nowUtc);
        Record(new NoticeRecorded(answered, notice.ToUnitId, notice.ReplyDueOn, answered ? notice.ReplyText : notice.Text), userId, nowUtc);
    }

    /// <summary>
    /// Stores the running clock (from <see cref="CaseClocks.Current"/>) and its colour. A change of colour is recorded as a
    /// <see cref="CaseEventKind.ColourChanged"/> event by <see cref="CaseEvent.SystemUserId"/>. Returns whether the colour rose.
    /// </summary>
    public bool ApplyClock(CaseClockState? clock, SupervisionColour? colour, DateTime nowUtc)
    {
        CheckActor(CaseEvent.SystemUserId, nowUtc);
        ClockCode = clock?.Rule.Code;
        ClockStartOn = clock?.StartOn;
        DueOn = clock?.Answer.DueDate;
        LastProgressOn = clock?.LastProgressOn;
        var newColour = clock is null ? null : colour;
        if (newColour == Colour) return false;
        var before = Colour;
        Colour = newColour;
        Record(new ColourChanged(before, newColour), CaseEvent.SystemUserId, nowUtc);
        return newColour is { } n && ColourRise.Rose(before, n);
    }

    // ---------------------------------------------------------------- what may be done now

    /// <summary>
    /// Whether the case's state lets <paramref name="operation"/> succeed now, its inputs aside (a reason, a date, a time
    /// limit): exactly the state guard the operation itself applies, so a page offers only what can succeed.
    /// </summary>
    public bool Allows(CaseOperation operation) => Refusal(operation) is null;

    /// <summary>Why the case's state refuses <paramref name="operation"/> now (the message the operation would give), or null.</summary>
    public LocalizableMessage? Refuses(CaseOperation operation) => Refusal(operation)?.Error;

    /// <summary>The operations the case's state allows now (<see cref="Allows"/>).</summary>
    public IReadOnlySet<CaseOperation> AllowedOperations() => Enum.GetValues<CaseOperation>().Where(Allows).ToHashSet();

    /// <summary>Why the case's state refuses <paramref name="operation"/>, or null: the one guard per operation.</summary>
    private CaseResult? Refusal(CaseOperation operation)
    {
        var handling = State is CaseState.Accepted or CaseState.Assigned or CaseState.InProgress;
        var replied = State is CaseState.Replied or CaseState.Evaluated or CaseState.Closed;
        return operation switch
        {
            CaseOperation.Accept or CaseOperation.RejectAcceptance =>
                FinalError() ?? (State is CaseState.Registered or CaseState.Transferred ? null : CaseResult.Fail(M.AlreadyAccepted)),
            CaseOperation.Transfer =>
                FinalError() ?? (State is CaseState.Registered or CaseState.Transferred ? null : CaseResult.Fail(M.TransferAfterAcceptance)),
            CaseOperation.RecordObjection => FinalError()
                ?? (State != CaseState.Transferred ? CaseResult.Fail(M.ObjectionOnlyAgainstTransfer)
                    : ObjectedAtUtc is not null ? CaseResult.Fail(M.ObjectionAlreadyRecorded) : null),
            CaseOperation.StartHandling => FinalError()
                ?? (State is CaseState.Registered or CaseState.Transferred or CaseState.Accepted ? CaseResult.Fail(M.StartBeforeAssignment)
                    : State != CaseState.Assigned ? CaseResult.Fail(M.AlreadyStarted) : null),
            CaseOperation.AddProgress => FinalError() ?? (State != CaseState.InProgress ? CaseResult.Fail(M.ProgressOnlyWhileHandling) : null),
            CaseOperation.Reply => FinalError() ?? State switch
            {
                CaseState.Registered or CaseState.Transferred => CaseResult.Fail(M.ReplyBeforeAcceptance),
                CaseState.Accepted or CaseState.Assigned => CaseResult.Fail(M.ReplyBeforeHandling),
                CaseState.Replied or CaseState.Evaluated => CaseResult.Fail(M.AlreadyReplied),
                _ => null,
            },
            CaseOperation.AddInstruction or CaseOperation.SetListed => FinalError(),
            CaseOperation.Evaluate => FinalError()
                ?? (State == CaseState.Evaluated ? CaseResult.Fail(M.AlreadyEvaluated)
                    : State != CaseState.Replied ? CaseResult.Fail(M.EvaluationBeforeReply) : null),
            CaseOperation.Close => FinalError() ?? (State is CaseState.Replied or CaseState.Evaluated ? null : CaseResult.Fail(M.CloseBeforeReply)),
            CaseOperation.Resolve =>
                State is CaseState.Registered or CaseState.Transferred or CaseState.Accepted or CaseState.Assigned or CaseState.NotAccepted
                    ? CaseResult.Fail(M.ResolveBeforeHandling)
                    : IsResolved ? CaseResult.Fail(M.AlreadyResolved) : null,
            // Only the handling period of an original matter can be extended (Art. 34); appeals have fixed periods.
            CaseOperation.RequestExtension => FinalError()
                ?? (AppealLevel != AppealLevel.Original ? CaseResult.Fail(M.ExtensionOnlyOriginal)
                    : !handling ? CaseResult.Fail(M.ExtensionOnlyWhileHandling)
                    : IsExtended ? CaseResult.Fail(M.AlreadyExtended)
                    : IsExtensionPending ? CaseResult.Fail(M.ExtensionPending) : null),
            CaseOperation.ApproveExtension or CaseOperation.RefuseExtension => FinalError()
                ?? (!handling ? CaseResult.Fail(M.ExtensionOnlyWhileHandling) : !IsExtensionPending ? CaseResult.Fail(M.NoExtensionRequest) : null),
            CaseOperation.FileAppeal => State is CaseState.NotAccepted or CaseState.Terminated ? FinalError()
                : !replied ? CaseResult.Fail(M.AppealBeforeReply)
                : AppealLevel == AppealLevel.ReReview ? CaseResult.Fail(M.AppealAfterReReview)
                : IsAppealed ? CaseResult.Fail(M.AlreadyAppealed) : null,
            CaseOperation.Terminate => State is CaseState.Terminated or CaseState.NotAccepted ? FinalError()
                : AppealLevel != AppealLevel.ReReview ? CaseResult.Fail(M.TerminateOnlyReReview)
                : !replied ? CaseResult.Fail(M.TerminateBeforeReply) : null,
            CaseOperation.RecordHearing => FinalError()
                ?? (AppealLevel != AppealLevel.ReReview ? CaseResult.Fail(M.HearingOnlyReReview)
                    : !handling ? CaseResult.Fail(M.HearingOnlyWhileHandling)
                    : HearingFrom is not null ? CaseResult.Fail(M.HearingAlreadyRecorded) : null),
            // A classification can be corrected in any state.
            CaseOperation.SetFlag or CaseOperation.ChangeNumberOfPeople => null,
            CaseOperation.Assign => FinalError() ?? State switch
            {
                CaseState.Registered or CaseState.Transferred => CaseResult.Fail(M.AssignBeforeAcceptance),
                CaseState.Replied or CaseState.Evaluated => CaseResult.Fail(M.AssignAfterReply),
                _ => null,
            },
            CaseOperation.SetChecklistItem => FinalError() ?? (OwnerLeaderId is null ? CaseResult.Fail(M.ChecklistBeforeAssignment) : null),
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }

    // ---------------------------------------------------------------- helpers

    private CaseResult? FinalError() => State switch
    {
        CaseState.NotAccepted => CaseResult.Fail(M.IsNotAccepted),
        CaseState.Closed => CaseResult.Fail(M.IsClosed),
        CaseState.Terminated => CaseResult.Fail(M.IsTerminated),
        _ => null,
    };

    private static CaseResult? TextError(string? text, int max, string requiredKey)
    {
        if (string.IsNullOrWhiteSpace(text)) return CaseResult.Fail(requiredKey);
        if (text.Trim().Length > max) return CaseResult.Fail(M.TextTooLong, max);
        return null;
    }

    private CaseResult Move(CaseState to, CaseEventKind kind, string userId, DateTime nowUtc)
    {
        var from = State;
        State = to;
        Record(new StateChanged(kind, from, to), userId, nowUtc);
        return CaseResult.Ok;
    }

    /// <summary>Appends the change to the history: the only way an event is added.</summary>
    private void Record(CaseChange change, string userId, DateTime nowUtc) => events.Add(change.ToEvent(userId, nowUtc));

    private FlagState FlagState => new(Flags, RepeatOfCaseId);

    private Assignment CurrentAssignment => new(State, OwnerLeaderId, HandlingUnitId, [.. coHandling.Select(c => c.OrgUnitId).Order()],
        StabilityControlUnitId, SupervisorUserId);

    /// <summary>Programming errors (not user mistakes): a missing user id or a time that is not UTC.</summary>
    private static void CheckActor(string userId, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(userId)) throw new ArgumentException("The acting user is required.", nameof(userId));
        if (nowUtc.Kind != DateTimeKind.Utc) throw new ArgumentException("Times must be UTC.", nameof(nowUtc));
    }
}
