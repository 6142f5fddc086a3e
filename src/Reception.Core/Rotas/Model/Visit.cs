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
/// A planned visit makes the leader unavailable for duty that day. Its steps refuse a wrong state with the reason and
/// change nothing then:
/// <code>
/// Planned --Complete (from the day of the visit)--> Done   (Done --Complete--> Done: the outcome corrected)
/// Planned --Cancel-->                               Cancelled (final: no outcome, no change)
/// </code>
/// </summary>
public sealed class Visit : IVersioned
{
    public const int PurposeMaxLength = 500;
    public const int UnitsMaxLength = 300;
    public const int OutcomeMaxLength = 2000;

    public const string CancelledCannotChange = "A cancelled visit cannot be changed.";
    public const string CancelledHasNoOutcome = "A cancelled visit has no outcome.";
    public const string OnlyPlannedCanBeCancelled = "Only a planned visit can be cancelled.";

    /// <summary>{0} = the visit's date (yyyy-MM-dd).</summary>
    public const string OutcomeFromVisitDay = "The outcome can be recorded from the day of the visit ({0}).";

    public const string OutcomeRequired = "Enter the outcome.";

    /// <summary>{0} = the maximum length.</summary>
    public const string OutcomeTooLong = "The outcome can have at most {0} characters.";

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

    /// <summary>Whether the plan, the kind or the outcome may still be changed: not once the visit is cancelled.</summary>
    public bool CanBeChanged => IsChangeable(Status);

    public static bool IsChangeable(VisitStatus status) => status != VisitStatus.Cancelled;

    /// <summary>Only a planned visit can be cancelled.</summary>
    public bool CanBeCancelled => IsCancellable(Status);

    public static bool IsCancellable(VisitStatus status) => status == VisitStatus.Planned;

    /// <summary>Why the outcome cannot be recorded on <paramref name="today"/> (cancelled, or before the visit); null when it can.</summary>
    public LocalizableMessage? WhyNoOutcome(DateOnly today) =>
        !CanBeChanged ? new(CancelledHasNoOutcome)
        : today < Date ? new(OutcomeFromVisitDay, DateText.Of(Date))
        : null;

    /// <summary>Changes the plan; refused once the visit is cancelled.</summary>
    public LocalizableMessage? Plan(int leaderId, DateOnly date, int destinationId, string purpose, string? accompanyingUnits, DateTime nowUtc)
    {
        if (!CanBeChanged) return new(CancelledCannotChange);
        LeaderId = leaderId;
        Date = date;
        DestinationId = destinationId;
        Purpose = purpose.Trim();
        AccompanyingUnits = Blank(accompanyingUnits);
        Changed(nowUtc);
        return null;
    }

    /// <summary>Marks the visit as a 约访 (appointment visit) or a 下访; refused once the visit is cancelled.</summary>
    public LocalizableMessage? SetKind(VisitKind kind, DateTime nowUtc)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind));
        if (!CanBeChanged) return new(CancelledCannotChange);
        if (kind == Kind) return null;
        Kind = kind;
        Changed(nowUtc);
        return null;
    }

    /// <summary>
    /// Records what the visit achieved and marks it done (or corrects the outcome of a done one): from the day of the
    /// visit (<paramref name="today"/>, Asia/Shanghai), never for a cancelled visit, with an outcome of at most
    /// <see cref="OutcomeMaxLength"/> characters.
    /// </summary>
    public LocalizableMessage? Complete(string? outcome, DateOnly today, DateTime nowUtc)
    {
        if (WhyNoOutcome(today) is { } refusal) return refusal;
        if (string.IsNullOrWhiteSpace(outcome)) return new(OutcomeRequired);
        if (outcome.Trim().Length > OutcomeMaxLength) return new(OutcomeTooLong, OutcomeMaxLength);
        Status = VisitStatus.Done;
        Outcome = outcome.Trim();
        Changed(nowUtc);
        return null;
    }

    /// <summary>Cancels a planned visit; it stays on record, and the leader is available for duty again.</summary>
    public LocalizableMessage? Cancel(DateTime nowUtc)
    {
        if (!CanBeCancelled) return new(OnlyPlannedCanBeCancelled);
        Status = VisitStatus.Cancelled;
        Changed(nowUtc);
        return null;
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
