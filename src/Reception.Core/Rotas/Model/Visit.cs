using Reception.Core.Common;

namespace Reception.Core.Rotas.Model;

/// <summary>下访 (to a township or village) or 约访 (an appointment with a petitioner about a case).</summary>
public enum VisitKind
{
    Village = 1,
    Appointment = 2,
}

public enum VisitStatus
{
    Planned = 1,
    Done = 2,
    Cancelled = 3,
}

/// <summary>
/// A down-to-the-village visit (下访 / 带案下访): a leader goes to a township or village on a date.
/// A planned visit makes the leader unavailable for duty that day.
/// </summary>
public sealed class Visit : IVersioned
{
    public const int PurposeMaxLength = 500;
    public const int UnitsMaxLength = 300;
    public const int OutcomeMaxLength = 2000;

    private Visit() { Purpose = ""; }

    public Visit(int leaderId, DateOnly date, int destinationId, string purpose, string? accompanyingUnits, DateTime nowUtc)
    {
        LeaderId = leaderId;
        Date = date;
        DestinationId = destinationId;
        Purpose = purpose.Trim();
        AccompanyingUnits = Blank(accompanyingUnits);
        Status = VisitStatus.Planned;
        CreatedAtUtc = UpdatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public int LeaderId { get; private set; }
    public DateOnly Date { get; private set; }

    /// <summary>The township or village visited (an org unit).</summary>
    public int DestinationId { get; private set; }
    public string Purpose { get; private set; }
    public string? AccompanyingUnits { get; private set; }
    public VisitKind Kind { get; private set; } = VisitKind.Village;
    public VisitStatus Status { get; private set; }
    public string? Outcome { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public int Sequence { get; private set; }
    public int Version { get; private set; }

    public void BumpVersion() => Version++;

    public void Plan(int leaderId, DateOnly date, int destinationId, string purpose, string? accompanyingUnits, DateTime nowUtc)
    {
        LeaderId = leaderId;
        Date = date;
        DestinationId = destinationId;
        Purpose = purpose.Trim();
        AccompanyingUnits = Blank(accompanyingUnits);
        Changed(nowUtc);
    }

    /// <summary>Marks the visit as a 约访 (appointment visit) or a 下访.</summary>
    public void SetKind(VisitKind kind, DateTime nowUtc)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind));
        if (kind == Kind) return;
        Kind = kind;
        Changed(nowUtc);
    }

    public void Complete(string outcome, DateTime nowUtc)
    {
        Status = VisitStatus.Done;
        Outcome = outcome.Trim();
        Changed(nowUtc);
    }

    public void Cancel(DateTime nowUtc)
    {
        Status = VisitStatus.Cancelled;
        Changed(nowUtc);
    }

    private void Changed(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Sequence++;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>A case taken on a visit (带案下访), or the case an appointment visit (约访) is about.</summary>
public sealed class VisitCase
{
    private VisitCase() { }

    public VisitCase(int visitId, int petitionCaseId)
    {
        VisitId = visitId;
        PetitionCaseId = petitionCaseId;
    }

    public int Id { get; private set; }
    public int VisitId { get; private set; }
    public int PetitionCaseId { get; private set; }
}
