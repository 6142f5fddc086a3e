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

    public long Id { get; private set; }
    public int PetitionCaseId { get; private set; }
    public CaseEventKind Kind { get; private set; }
    public string UserId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
}
