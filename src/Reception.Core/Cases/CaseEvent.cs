namespace Reception.Core.Cases;

/// <summary>
/// One immutable entry of a case's history: who (user id), when (UTC), what (<see cref="Kind"/>), and the
/// value before and after — short strings (state names, dates) or small JSON objects. Free text
/// (progress entries, instructions, reasons) goes in <see cref="After"/>.
/// </summary>
public sealed class CaseEvent
{
    public const int UserIdMaxLength = 450;

    /// <summary>The user id of changes the application makes by itself (recolouring).</summary>
    public const string SystemUserId = "system";

    private CaseEvent() { UserId = ""; }

    internal CaseEvent(CaseEventKind kind, string userId, DateTime atUtc, string? before, string? after)
    {
        Kind = kind;
        UserId = userId;
        AtUtc = atUtc;
        Before = before;
        After = after;
    }

    /// <summary>
    /// The history entry of an escalation by the deadline scan, written beside the case without loading it (like
    /// recolouring), so it never makes a person's open edit of the case stale.
    /// </summary>
    public static CaseEvent Escalation(int caseId, bool toOffice, DateTime atUtc)
    {
        var e = new History.Escalated(toOffice).ToEvent(SystemUserId, atUtc);
        e.PetitionCaseId = caseId;
        return e;
    }

    /// <summary>What the event records, typed (see <see cref="History.CaseChange"/>).</summary>
    public History.CaseChange Change => History.CaseChange.Read(this);

    public long Id { get; private set; }
    public int PetitionCaseId { get; private set; }
    public CaseEventKind Kind { get; private set; }
    public string UserId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
}
