using Reception.Core.Common;

namespace Reception.Core.Rotas;

/// <summary>
/// Where an assignment of the engine comes from: generated now, or kept — set by a clerk's hand or in a published rota.
/// (The stored duty records its own origin, <see cref="Model.DutySource"/>: generated, a hand change or a swap.)
/// </summary>
public enum AssignmentSource
{
    Generated,

    /// <summary>A Clerk set this slot by hand.</summary>
    ManualOverride,

    /// <summary>The slot is in a published rota.</summary>
    Published,
}

/// <summary>One leader in one slot. <see cref="SessionIndex"/> is the 0-based index into <see cref="RotaRule.Sessions"/>
/// (a kept assignment may carry an index the rule no longer has; a warning says so).</summary>
public sealed record RotaAssignment(DateOnly Date, int SessionIndex, int LeaderId, AssignmentSource Source)
{
    public bool IsKept => Source != AssignmentSource.Generated;
}

/// <summary>Why a leader's owed-duty balance changed.</summary>
public enum OwedChangeKind
{
    /// <summary>+1: the rotation reached the leader while unavailable (<see cref="OwedChange.Reason"/>).</summary>
    SkippedWhileUnavailable,

    /// <summary>−1: the leader served a duty they were owed.</summary>
    ServedOwedDuty,

    /// <summary>−1: a kept assignment gave the leader a duty out of turn.</summary>
    ExtraDutyKept,

    /// <summary>−1: the leader took a duty out of turn because no one else was available.</summary>
    ExtraDutyNoOneElse,

    /// <summary>−1 (Monthly): the leader took a duty out of turn to reach the monthly minimum.</summary>
    ExtraDutyForMinimum,

    /// <summary>+1: the rotation passed over the leader because of an earlier extra duty.</summary>
    TurnPassed,
}

/// <summary>One change to a leader's owed-duty balance, for the ledger clerks see.</summary>
public sealed record OwedChange(DateOnly Date, int SessionIndex, OwedChangeKind Kind, int Delta, UnavailabilityReason? Reason, LocalizableMessage Message);

/// <summary>A leader's owed duties before and after the period (positive: owed; negative: extra duties taken, to be
/// passed), with every change in between in slot order. Persist <see cref="OwedAfter"/> for the next period.</summary>
public sealed record OwedLedgerEntry(int LeaderId, int OwedBefore, int OwedAfter, IReadOnlyList<OwedChange> Changes);

/// <summary>A leader's duties in the period. <see cref="UnavailableDutyDays"/> counts the duty days they could not take.</summary>
public sealed record LeaderDutyCount(int LeaderId, int Generated, int Kept, int UnavailableDutyDays)
{
    public int Total => Generated + Kept;
}

public enum RotaWarningKind
{
    /// <summary>A slot no available leader can take.</summary>
    Uncovered,

    /// <summary>A kept assignment that cannot stand as it is (leader unavailable, two leaders on one slot, a day or
    /// session without duty). The kept assignment is still returned unless another leader is kept on the slot.</summary>
    Conflict,

    /// <summary>Duty counts of equally eligible leaders differ by more than one, or (Monthly) a leader is below the minimum.</summary>
    Imbalance,

    /// <summary>The period touches a year whose official holiday arrangement is unknown.</summary>
    UnknownHolidayYear,
}

/// <summary>A warning for the preview. <see cref="Date"/>, <see cref="SessionIndex"/>, <see cref="LeaderId"/> and
/// <see cref="Year"/> are set where they apply (a monthly-minimum warning is dated the 1st of its month).</summary>
public sealed record RotaWarning(
    RotaWarningKind Kind,
    LocalizableMessage Message,
    DateOnly? Date = null,
    int? SessionIndex = null,
    int? LeaderId = null,
    int? Year = null);

/// <summary>The outcome of <see cref="RotaGenerator.Generate"/>. Every list is in a deterministic order.</summary>
public sealed class RotaGenerationResult
{
    internal RotaGenerationResult(
        IReadOnlyList<RotaAssignment> assignments,
        IReadOnlyList<OwedLedgerEntry> owedLedger,
        RotaPosition? nextPosition,
        IReadOnlyList<LeaderDutyCount> counts,
        IReadOnlyList<RotaWarning> warnings)
    {
        Assignments = assignments;
        OwedLedger = owedLedger;
        NextPosition = nextPosition;
        Counts = counts;
        Warnings = warnings;
    }

    /// <summary>Generated and kept assignments, by date then session; at most one per slot.</summary>
    public IReadOnlyList<RotaAssignment> Assignments { get; }

    /// <summary>Every rotating leader (rotation order), then other leaders with a carried-in balance (by id).</summary>
    public IReadOnlyList<OwedLedgerEntry> OwedLedger { get; }

    /// <summary>Carry into the next period's <see cref="RotaGenerationRequest.Position"/>.</summary>
    public RotaPosition? NextPosition { get; }

    /// <summary>The rule's leaders in rotation order, then other leaders with kept assignments (by id).</summary>
    public IReadOnlyList<LeaderDutyCount> Counts { get; }

    /// <summary>Unknown years first, then slot warnings by date and session, then imbalance warnings.</summary>
    public IReadOnlyList<RotaWarning> Warnings { get; }

    /// <summary>The owed balances to persist: leader id → owed after the period, for every ledger entry.</summary>
    public IReadOnlyDictionary<int, int> OwedAfter() => OwedLedger.ToDictionary(e => e.LeaderId, e => e.OwedAfter);
}
