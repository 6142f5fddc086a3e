using Reception.Core.Common;

namespace Reception.Core.Rotas.Model;

public enum DutySource
{
    Generated = 1,
    Manual = 2,
    Swap = 3,
}

/// <summary>
/// One slot of a rota (a working day and a session) and the leader on duty. The row keeps its id
/// when the leader changes (a swap, a hand edit), so calendar feeds keep a stable UID and a rising
/// <see cref="Sequence"/>. After the duty, the Clerk records who actually received and how many.
/// </summary>
public sealed class DutyAssignment : IVersioned
{
    public const int NotesMaxLength = 1000;

    private DutyAssignment() { }

    public DutyAssignment(int rotaMonthId, DateOnly date, int sessionIndex, int leaderId, DutySource source, DateTime nowUtc)
    {
        RotaMonthId = rotaMonthId;
        Date = date;
        SessionIndex = sessionIndex;
        LeaderId = leaderId;
        Source = source;
        UpdatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public int RotaMonthId { get; private set; }
    public RotaMonth? RotaMonth { get; private set; }
    public DateOnly Date { get; private set; }
    public int SessionIndex { get; private set; }
    public int LeaderId { get; private set; }
    public DutySource Source { get; private set; }
    public bool IsCancelled { get; private set; }

    /// <summary>Rises with every change (iCalendar SEQUENCE).</summary>
    public int Sequence { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    // The duty record, filled in after the duty.
    public int? ActualLeaderId { get; private set; }
    public int? Batches { get; private set; }
    public int? People { get; private set; }
    public string? RecordNotes { get; private set; }
    public DateTime? RecordedAtUtc { get; private set; }
    public string? RecordedByUserId { get; private set; }

    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    /// <summary>Puts <paramref name="leaderId"/> on duty; false when they already were.</summary>
    public bool Reassign(int leaderId, DutySource source, DateTime nowUtc)
    {
        if (leaderId == LeaderId && !IsCancelled) return false;
        LeaderId = leaderId;
        Source = source;
        IsCancelled = false;
        Sequence++;
        UpdatedAtUtc = nowUtc;
        return true;
    }

    /// <summary>
    /// A clerk closed this session on purpose (本时段不安排值班): shown as closed, never as a gap, and kept closed when
    /// the month is generated again.
    /// </summary>
    public bool IsClosed => IsCancelled && Source == DutySource.Manual;

    /// <summary>No duty in this slot any more because the slot itself went away (a day off now, a session the rule
    /// dropped); generating again may fill it. False when it already had none.</summary>
    public bool Cancel(DateTime nowUtc)
    {
        if (IsCancelled) return false;
        IsCancelled = true;
        Source = DutySource.Generated;
        Sequence++;
        UpdatedAtUtc = nowUtc;
        return true;
    }

    /// <summary>A clerk closes the session on purpose (<see cref="IsClosed"/>); false when it already was.</summary>
    public bool Close(DateTime nowUtc)
    {
        if (IsClosed) return false;
        IsCancelled = true;
        Source = DutySource.Manual;
        Sequence++;
        UpdatedAtUtc = nowUtc;
        return true;
    }

    public void Record(int actualLeaderId, int batches, int people, string? notes, string userId, DateTime nowUtc)
    {
        if (batches < 0 || people < 0) throw new ArgumentOutOfRangeException(nameof(batches), "Counts cannot be negative.");
        ActualLeaderId = actualLeaderId;
        Batches = batches;
        People = people;
        RecordNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        RecordedAtUtc = nowUtc;
        RecordedByUserId = userId;
    }
}
