using Reception.Core.Calendar;

namespace Reception.Core.Rotas;

/// <summary>Why a leader cannot take duty.</summary>
public enum UnavailabilityReason
{
    Leave,
    Travel,
    Meeting,

    /// <summary>An already planned down-to-the-village or appointment visit.</summary>
    Visit,
}

/// <summary>A leader cannot take duty on any day from <see cref="From"/> to <see cref="To"/>, both inclusive.</summary>
public sealed record LeaderUnavailability(int LeaderId, DateOnly From, DateOnly To, UnavailabilityReason Reason);

/// <summary>An assignment the generator never changes; it counts for fairness like any other duty.
/// <see cref="SessionIndex"/> is the 0-based index into <see cref="RotaRule.Sessions"/>; <see cref="Kind"/> says why it is
/// kept (<see cref="AssignmentSource.ManualOverride"/> or <see cref="AssignmentSource.Published"/>, never Generated).</summary>
public sealed record KeptAssignment(DateOnly Date, int SessionIndex, int LeaderId, AssignmentSource Kind);

/// <summary>A session a Clerk closed on purpose (本时段不安排值班): no duty is generated there, and it is no gap.</summary>
public sealed record ClosedSlot(DateOnly Date, int SessionIndex);

/// <summary>Where the rotation stands: the leader whose turn came last. The rotation order is stored with the id
/// so the rotation continues at the right place even when that leader has since left the rule.</summary>
public sealed record RotaPosition(int LeaderId, int RotationOrder);

/// <summary>
/// Everything one generation needs, as plain values loaded from the database.
/// </summary>
/// <param name="Rule">The rule; must be valid (<see cref="RotaRule.Validate"/>).</param>
/// <param name="From">The first day of the period (usually the 1st of a month).</param>
/// <param name="To">The last day of the period, inclusive.</param>
/// <param name="Calendar">The working-day calendar (<see cref="WorkingDayCalendar.LoadShipped"/> or the admin-edited one).</param>
public sealed record RotaGenerationRequest(RotaRule Rule, DateOnly From, DateOnly To, WorkingDayCalendar Calendar)
{
    /// <summary>Leave, travel, meetings and visits; entries outside the period are ignored.</summary>
    public IReadOnlyList<LeaderUnavailability> Unavailability { get; init; } = [];

    /// <summary>Manual overrides and published assignments; those dated outside the period are ignored.</summary>
    public IReadOnlyList<KeptAssignment> Kept { get; init; } = [];

    /// <summary>Sessions closed on purpose: not duty slots (nothing generated, nobody's turn, no warning). A kept
    /// assignment on one still wins.</summary>
    public IReadOnlyList<ClosedSlot> Closed { get; init; } = [];

    /// <summary>The owed-duty ledger carried in (<see cref="RotaGenerationResult.OwedLedger"/>'s
    /// <see cref="OwedLedgerEntry.OwedAfter"/> of the previous period): leader id → owed duties (negative = the
    /// leader has taken extra duties and will pass that many turns).</summary>
    public IReadOnlyDictionary<int, int> OwedBefore { get; init; } = new Dictionary<int, int>();

    /// <summary>The rotation position carried in (<see cref="RotaGenerationResult.NextPosition"/> of the previous
    /// period); null starts with the first leader in rotation order.</summary>
    public RotaPosition? Position { get; init; }
}
