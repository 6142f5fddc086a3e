namespace Reception.Core.Rotas;

/// <summary>
/// Every message key the rota rule validation and the rota generator produce. Each key is the English text with
/// {0}-style placeholders; the web layer needs a zh-CN translation for each (see <see cref="All"/>).
/// <para>Argument conventions: a leader is their display name (<see cref="RotaLeader.DisplayName"/>), a date is
/// <c>yyyy-MM-dd</c>, a month is <c>yyyy-MM</c>, a session is its name (or its 1-based number when the rule has no
/// such session), times are <c>HH:mm</c> (all strings); a weekday is a <see cref="DayOfWeek"/> value (localize it
/// with the <c>Weekday.{name}</c> labels); counts and years are <see cref="int"/>.</para>
/// </summary>
public static class RotaMessages
{
    // ---- rule validation -------------------------------------------------------------------------------------

    public const string UnknownPattern = "Choose a rota pattern.";
    public const string NoSessions = "Add at least one session.";

    /// <summary>{0} = the session's 1-based number.</summary>
    public const string SessionNameEmpty = "Session {0} has no name.";

    /// <summary>{0} = session name.</summary>
    public const string DuplicateSessionName = "More than one session is named \"{0}\".";

    /// <summary>{0} = session name, {1} = start, {2} = end.</summary>
    public const string SessionEndsBeforeStart = "Session \"{0}\" must end after it starts ({1}–{2}).";

    /// <summary>{0}, {1} = the session names.</summary>
    public const string SessionsOverlap = "Sessions \"{0}\" and \"{1}\" overlap.";

    public const string NoWeekdays = "Choose at least one weekday with duty.";
    public const string NoLeaders = "Choose at least one eligible leader.";

    /// <summary>{0} = leader.</summary>
    public const string DuplicateLeader = "{0} is listed more than once among the eligible leaders.";

    public const string FixedDutiesNeedFixedWeekdayPattern = "Fixed weekday duties are only used with the fixed-weekday pattern.";
    public const string NoFixedDuties = "Set at least one fixed weekday duty.";

    /// <summary>{0} = weekday.</summary>
    public const string FixedLeaderNotEligible = "The fixed duty on {0} is for a leader who is not among the eligible leaders.";

    /// <summary>{0} = weekday.</summary>
    public const string DuplicateFixedWeekday = "More than one fixed duty is set for {0}.";

    /// <summary>{0} = weekday.</summary>
    public const string FixedDayWithoutDuty = "The fixed duty on {0} falls on a weekday without duty under this rule.";

    public const string NoLeaderForOtherDays =
        "Every eligible leader has a fixed weekday; at least one other leader is needed for the remaining working days.";

    public const string MinimumPerMonthTooLow = "The minimum number of duties a month must be at least 1.";

    // ---- generation warnings ---------------------------------------------------------------------------------

    /// <summary>{0} = year.</summary>
    public const string UnknownHolidayYear =
        "The official holiday arrangement for {0} has not been loaded; duties in that year skip its statutory holidays (provisional) and must be checked against the make-up working days (调休) once the notice is published.";

    /// <summary>{0} = date, {1} = session.</summary>
    public const string Uncovered = "No leader is available for {1} on {0}.";

    /// <summary>{0} = leader, {1} = date, {2} = session.</summary>
    public const string KeptLeaderUnavailable = "{0} is kept on duty on {1} ({2}) but is unavailable that day.";

    /// <summary>{0} = leader, {1} = date, {2} = session.</summary>
    public const string KeptTwice = "{0} is kept on duty on {1} ({2}) more than once.";

    /// <summary>{0} = the leader kept, {1} = the other leader, {2} = date, {3} = session.</summary>
    public const string KeptSlotClash = "{0} and {1} are both kept on duty on {2} ({3}); only {0} is kept.";

    /// <summary>{0} = leader, {1} = date, {2} = session.</summary>
    public const string KeptOnDayWithoutDuty =
        "{0} is kept on duty on {1} ({2}), which is not a duty day under the rule (a holiday, a weekend or an excluded weekday).";

    /// <summary>{0} = leader, {1} = date, {2} = the session's 1-based number.</summary>
    public const string KeptSessionMissing = "{0} is kept on duty on {1} in session {2}, which the rule no longer has.";

    /// <summary>{0} = leader, {1} = their duties, {2} = the most any equally eligible leader has.</summary>
    public const string Imbalance = "{0} has {1} duties in this period while others have up to {2}.";

    /// <summary>{0} = leader, {1} = their duties, {2} = the most any equally eligible leader has, {3} = duty days unavailable.</summary>
    public const string ImbalanceUnavailable =
        "{0} has {1} duties in this period while others have up to {2}; {0} was unavailable on {3} of the duty days.";

    /// <summary>{0} = leader, {1} = their duties, {2} = month, {3} = the minimum.</summary>
    public const string BelowMonthlyMinimum = "{0} has {1} duties in {2}, below the minimum of {3}.";

    /// <summary>{0} = leader, {1} = their duties, {2} = month, {3} = the minimum, {4} = duty days unavailable.</summary>
    public const string BelowMonthlyMinimumUnavailable =
        "{0} has {1} duties in {2}, below the minimum of {3}; {0} was unavailable on {4} of the duty days.";

    // ---- owed-duty ledger (each change: {0} = date, {1} = session) -------------------------------------------

    public const string SkippedOnLeave = "Skipped at their turn on {0} ({1}) while on leave; owed one duty.";
    public const string SkippedTravelling = "Skipped at their turn on {0} ({1}) while travelling; owed one duty.";
    public const string SkippedAtMeeting = "Skipped at their turn on {0} ({1}) while at a meeting; owed one duty.";
    public const string SkippedOnVisit = "Skipped at their turn on {0} ({1}) while on a visit; owed one duty.";
    public const string ServedOwedDuty = "Served an owed duty on {0} ({1}).";
    public const string ExtraDutyKept = "Took an extra duty on {0} ({1}) set by hand or already published; their next turn will be passed.";
    public const string ExtraDutyNoOneElse = "Took an extra duty on {0} ({1}) because no one else was available; their next turn will be passed.";
    public const string ExtraDutyForMinimum = "Took an extra duty on {0} ({1}) to reach the monthly minimum; their next turn will be passed.";
    public const string TurnPassed = "Their turn on {0} ({1}) was passed because they had already taken an extra duty.";

    /// <summary>All keys, for translation completeness checks.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        UnknownPattern, NoSessions, SessionNameEmpty, DuplicateSessionName, SessionEndsBeforeStart, SessionsOverlap,
        NoWeekdays, NoLeaders, DuplicateLeader,
        FixedDutiesNeedFixedWeekdayPattern, NoFixedDuties, FixedLeaderNotEligible, DuplicateFixedWeekday, FixedDayWithoutDuty,
        NoLeaderForOtherDays, MinimumPerMonthTooLow,
        UnknownHolidayYear, Uncovered, KeptLeaderUnavailable, KeptTwice, KeptSlotClash, KeptOnDayWithoutDuty, KeptSessionMissing,
        Imbalance, ImbalanceUnavailable, BelowMonthlyMinimum, BelowMonthlyMinimumUnavailable,
        SkippedOnLeave, SkippedTravelling, SkippedAtMeeting, SkippedOnVisit, ServedOwedDuty, ExtraDutyKept, ExtraDutyNoOneElse,
        ExtraDutyForMinimum, TurnPassed,
    ];
}
