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
/// undone. Each step is kept as a <see cref="SwapEvent"/>.
/// </summary>
public sealed class SwapRequest : IVersioned
{
    public const int ReasonMaxLength = 200;

    private readonly List<SwapEvent> events = [];

    private SwapRequest() { }

    public SwapRequest(SwapKind kind, int assignmentId, int requesterLeaderId, int counterpartLeaderId, int? counterpartAssignmentId, string? reason)
    {
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

    public bool IsOpen => Status is SwapStatus.Requested or SwapStatus.Accepted;

    public void BumpVersion() => Version++;

    public void Log(SwapAction action, string userId, DateTime nowUtc, string? note = null) =>
        events.Add(new SwapEvent(action, userId, nowUtc, note));

    /// <summary>Moves to <paramref name="to"/> if the rules allow it; false (and nothing changed) otherwise.</summary>
    public bool TryMove(SwapStatus to, SwapAction action, string userId, DateTime nowUtc)
    {
        var allowed = (Status, to) switch
        {
            (SwapStatus.Requested, SwapStatus.Accepted or SwapStatus.Declined or SwapStatus.Withdrawn) => true,
            (SwapStatus.Requested or SwapStatus.Accepted, SwapStatus.Approved or SwapStatus.Rejected) => true,
            (SwapStatus.Accepted, SwapStatus.Withdrawn) => true,
            (SwapStatus.Approved, SwapStatus.Undone) => true,
            _ => false,
        };
        if (!allowed) return false;
        Status = to;
        Log(action, userId, nowUtc);
        return true;
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
