namespace Reception.Core.Cases.Deadlines;

/// <summary>
/// Every message key the deadline rules, the deadline clock and the four-colour supervision produce. Each key is the
/// English text with {0}-style placeholders; the web layer needs a zh-CN translation for each (see <see cref="All"/>).
/// <para>Argument conventions: a rule code is a string (e.g. <c>handle</c>), dates are <c>yyyy-MM-dd</c> strings,
/// counts of days are <see cref="int"/>.</para>
/// </summary>
public static class DeadlineMessages
{
    // ---- rule titles (DeadlineRule.Title) ---------------------------------------------------------------------

    public const string TitleRoute = "Forward or assign the petition";
    public const string TitleAccept = "Tell the petitioner whether the petition is accepted";
    public const string TitleObject = "Object to a transfer outside the unit's remit";
    public const string TitleHandle = "Handle the petition and reply";
    public const string TitleReviewRequest = "Ask for a review";
    public const string TitleReviewAnswer = "Answer the review request";
    public const string TitleRereviewRequest = "Ask for a re-review";
    public const string TitleRereviewAnswer = "Answer the re-review request";

    // ---- rule configuration -----------------------------------------------------------------------------------

    /// <summary>{0} = the code as configured.</summary>
    public const string UnknownRuleCode = "There is no deadline rule with the code \"{0}\".";

    /// <summary>{0} = rule code, {1} = minimum (int), {2} = maximum (int), {3} = the configured length (int).</summary>
    public const string RuleLengthOutOfRange = "The length of the deadline \"{0}\" must be from {1} to {2} days, but it is {3}.";

    /// <summary>{0} = rule code.</summary>
    public const string RuleUnitInvalid = "The unit of the deadline \"{0}\" must be calendar days or working days.";

    // ---- extensions and pauses --------------------------------------------------------------------------------

    public const string NotExtendable = "This deadline cannot be extended.";
    public const string ExtendedOnlyOnce = "A deadline can be extended only once.";

    /// <summary>{0} = the maximum number of days (int).</summary>
    public const string ExtensionTooLong = "An extension is at most {0} days.";

    public const string ExtensionTooShort = "An extension is at least 1 day.";
    public const string ExtensionReasonRequired = "Give the reason for the extension; the petitioner is told it.";
    public const string ExtensionApproverRequired = "Give who approved the extension.";
    public const string NotPausable = "This deadline cannot be paused.";

    /// <summary>{0} = first day, {1} = last day (yyyy-MM-dd).</summary>
    public const string PauseEndsBeforeStart = "A pause must end on or after its first day ({0} to {1}).";

    // ---- supervision thresholds -------------------------------------------------------------------------------

    /// <summary>{0} = minimum (int), {1} = maximum (int).</summary>
    public const string BlueThresholdOutOfRange = "The blue threshold (days left) must be from {0} to {1}.";

    /// <summary>{0} = minimum (int), {1} = maximum (int).</summary>
    public const string NoProgressThresholdOutOfRange = "The yellow threshold (days without progress) must be from {0} to {1}.";

    /// <summary>{0} = minimum (int), {1} = maximum (int).</summary>
    public const string RedThresholdOutOfRange = "The red threshold (days overdue) must be from {0} to {1}.";

    // ---- supervision colour reasons ---------------------------------------------------------------------------

    /// <summary>{0} = days overdue (int), {1} = the red threshold (int).</summary>
    public const string ReasonOverdueBeyondRed = "Overdue by {0} days, more than {1}.";

    public const string ReasonKeyCaseEscalated = "Key case under listed supervision.";

    /// <summary>{0} = days overdue (int).</summary>
    public const string ReasonOverdue = "Overdue by {0} days.";

    /// <summary>{0} = days since the last progress (int).</summary>
    public const string ReasonNoProgress = "No progress for {0} days.";

    public const string ReasonDueToday = "Due today.";

    /// <summary>{0} = days left (int).</summary>
    public const string ReasonDueSoon = "Due in {0} days.";

    /// <summary>{0} = days left (int).</summary>
    public const string ReasonOnTrack = "On track; due in {0} days.";

    /// <summary>All keys, for translation completeness checks.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        TitleRoute, TitleAccept, TitleObject, TitleHandle, TitleReviewRequest, TitleReviewAnswer, TitleRereviewRequest,
        TitleRereviewAnswer,
        UnknownRuleCode, RuleLengthOutOfRange, RuleUnitInvalid,
        NotExtendable, ExtendedOnlyOnce, ExtensionTooLong, ExtensionTooShort, ExtensionReasonRequired,
        ExtensionApproverRequired, NotPausable, PauseEndsBeforeStart,
        BlueThresholdOutOfRange, NoProgressThresholdOutOfRange, RedThresholdOutOfRange,
        ReasonOverdueBeyondRed, ReasonKeyCaseEscalated, ReasonOverdue, ReasonNoProgress, ReasonDueToday, ReasonDueSoon,
        ReasonOnTrack,
    ];
}
