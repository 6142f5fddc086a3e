namespace Reception.Core.Rotas.Model;

/// <summary>Leave, travel or a meeting: the leader cannot take duty from <see cref="From"/> to <see cref="To"/> (inclusive).</summary>
public sealed class Unavailability
{
    public const int NoteMaxLength = 200;
    public const int MaxDays = 366;

    private Unavailability() { CreatedByUserId = ""; }

    public Unavailability(int leaderId, DateOnly from, DateOnly to, UnavailabilityReason reason, string? note, string createdByUserId, DateTime nowUtc)
    {
        if (to < from) throw new ArgumentException("The end is before the start.", nameof(to));
        if (reason == UnavailabilityReason.Visit) throw new ArgumentException("Visits are recorded as visits.", nameof(reason));
        LeaderId = leaderId;
        From = from;
        To = to;
        Reason = reason;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        CreatedByUserId = createdByUserId;
        CreatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public int LeaderId { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public UnavailabilityReason Reason { get; private set; }
    public string? Note { get; private set; }
    public string CreatedByUserId { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    public bool Covers(DateOnly date) => From <= date && date <= To;
}
