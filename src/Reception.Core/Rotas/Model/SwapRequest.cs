using Reception.Core.Common;

namespace Reception.Core.Rotas.Model;

public enum SwapKind
{
    /// <summary>Two leaders exchange their duties.</summary>
    Swap = 1,

    /// <summary>A colleague takes the requester's duty (substitution).</summary>
    Cover = 2,
}

public enum SwapStatus
{
    Requested = 1,
    Accepted = 2,
    Approved = 3,
    Declined = 4,
    Rejected = 5,
    Withdrawn = 6,
    Undone = 7,
}

public enum SwapAction
{
    Requested = 1,
    Accepted = 2,
    Declined = 3,
    Approved = 4,
    Rejected = 5,
    Withdrawn = 6,
    Undone = 7,
    DoneByClerk = 8,
}

/// <summary>
/// A request to swap duties with a colleague or to be covered by one: the leader asks, the colleague
/// accepts, a Clerk approves (or a Clerk does it at once on someone's behalf); an approved swap can be
/// undone. Every step is a named operation that refuses a wrong state (with the reason, changing nothing) and is kept
/// as a <see cref="SwapEvent"/>; who may take which step is the caller's rule (the colleague answers, the requester
/// withdraws, a clerk decides).
/// <code>
/// Requested --Accept / Decline-->        Accepted / Declined
/// Requested, Accepted --Withdraw-->      Withdrawn
/// Requested, Accepted --Approve / Reject-->  Approved / Rejected
/// Approved  --Undo-->                    Undone
/// </code>
/// </summary>
public sealed class SwapRequest : IVersioned
{
    public const int ReasonMaxLength = 200;

    /// <summary>The refusal of a step the request's state no longer allows; {0} is the state.</summary>
    public const string NotNow = "This request is now \"{0}\"; that is no longer possible.";

    private readonly List<SwapEvent> events = [];

    private SwapRequest() { }

    private SwapRequest(SwapKind kind, int assignmentId, int requesterLeaderId, int counterpartLeaderId, int? counterpartAssignmentId, string? reason)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind));
        if (requesterLeaderId == counterpartLeaderId) throw new ArgumentException("A leader cannot swap with themselves.");
        if (kind == SwapKind.Swap && counterpartAssignmentId is null) throw new ArgumentException("A swap needs the colleague's duty.");
        Kind = kind;
        AssignmentId = assignmentId;
        RequesterLeaderId = requesterLeaderId;
        CounterpartLeaderId = counterpartLeaderId;
        CounterpartAssignmentId = kind == SwapKind.Swap ? counterpartAssignmentId : null;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Status = SwapStatus.Requested;
    }

    /// <summary>A request by the leader on duty (or by a clerk for them), waiting for the colleague's answer.</summary>
    public static SwapRequest Ask(SwapKind kind, int assignmentId, int requesterLeaderId, int counterpartLeaderId, int? counterpartAssignmentId,
        string? reason, string userId, DateTime nowUtc)
    {
        var request = new SwapRequest(kind, assignmentId, requesterLeaderId, counterpartLeaderId, counterpartAssignmentId, reason);
        request.Log(SwapAction.Requested, userId, nowUtc);
        return request;
    }

    /// <summary>A clerk acting on a leader's behalf: asked and approved in one step (the rota is changed next).</summary>
    public static SwapRequest DoneByClerk(SwapKind kind, int assignmentId, int requesterLeaderId, int counterpartLeaderId, int? counterpartAssignmentId,
        string? reason, string userId, DateTime nowUtc)
    {
        var request = new SwapRequest(kind, assignmentId, requesterLeaderId, counterpartLeaderId, counterpartAssignmentId, reason);
        request.Move(SwapStatus.Approved, SwapAction.DoneByClerk, userId, nowUtc);
        return request;
    }

    public int Id { get; private set; }
    public SwapKind Kind { get; private set; }
    public int AssignmentId { get; private set; }
    public int RequesterLeaderId { get; private set; }
    public int CounterpartLeaderId { get; private set; }
    public int? CounterpartAssignmentId { get; private set; }
    public string? Reason { get; private set; }
    public SwapStatus Status { get; private set; }
    public int Version { get; private set; }
    public IReadOnlyList<SwapEvent> Events => events;

    /// <summary>Waiting for an answer or a decision: the duties involved cannot be asked for again.</summary>
    public bool IsOpen => IsOpenStatus(Status);

    public static bool IsOpenStatus(SwapStatus status) => status is SwapStatus.Requested or SwapStatus.Accepted;

    /// <summary>The colleague may accept or decline: only while the request waits for them.</summary>
    public bool CanBeAnswered => Status == SwapStatus.Requested;

    /// <summary>The requester may withdraw, and a clerk approve or reject, while the request is open.</summary>
    public bool CanBeWithdrawn => IsOpen;

    public bool CanBeDecided => IsOpen;

    /// <summary>Only an approved request can be undone.</summary>
    public bool CanBeUndone => Status == SwapStatus.Approved;

    public void BumpVersion() => Version++;

    public LocalizableMessage? Accept(string userId, DateTime nowUtc) =>
        CanBeAnswered ? Move(SwapStatus.Accepted, SwapAction.Accepted, userId, nowUtc) : Refusal;

    public LocalizableMessage? Decline(string userId, DateTime nowUtc) =>
        CanBeAnswered ? Move(SwapStatus.Declined, SwapAction.Declined, userId, nowUtc) : Refusal;

    public LocalizableMessage? Withdraw(string userId, DateTime nowUtc) =>
        CanBeWithdrawn ? Move(SwapStatus.Withdrawn, SwapAction.Withdrawn, userId, nowUtc) : Refusal;

    /// <summary>A clerk approves (the colleague's acceptance is not required); the caller applies it to the rota.</summary>
    public LocalizableMessage? Approve(string userId, DateTime nowUtc) =>
        CanBeDecided ? Move(SwapStatus.Approved, SwapAction.Approved, userId, nowUtc) : Refusal;

    public LocalizableMessage? Reject(string userId, DateTime nowUtc) =>
        CanBeDecided ? Move(SwapStatus.Rejected, SwapAction.Rejected, userId, nowUtc) : Refusal;

    /// <summary>A clerk takes an approved request back; the caller restores the rota.</summary>
    public LocalizableMessage? Undo(string userId, DateTime nowUtc) =>
        CanBeUndone ? Move(SwapStatus.Undone, SwapAction.Undone, userId, nowUtc) : Refusal;

    private LocalizableMessage Refusal => new(NotNow, Status);

    private LocalizableMessage? Move(SwapStatus to, SwapAction action, string userId, DateTime nowUtc)
    {
        Status = to;
        Log(action, userId, nowUtc);
        return null;
    }

    /// <summary>Appends a step to the history: the only way an event is added.</summary>
    private void Log(SwapAction action, string userId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (nowUtc.Kind != DateTimeKind.Utc) throw new ArgumentException("Times must be UTC.", nameof(nowUtc));
        events.Add(new SwapEvent(action, userId, nowUtc, null));
    }
}

public sealed class SwapEvent
{
    public const int NoteMaxLength = 200;

    private SwapEvent() { UserId = ""; }

    internal SwapEvent(SwapAction action, string userId, DateTime atUtc, string? note)
    {
        Action = action;
        UserId = userId;
        AtUtc = atUtc;
        Note = note;
    }

    public int Id { get; private set; }
    public int SwapRequestId { get; private set; }
    public SwapAction Action { get; private set; }
    public string UserId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? Note { get; private set; }
}
