using Reception.Core.Common;

namespace Reception.Core.Cases.Deadlines;

/// <summary>How a deadline's length is counted.</summary>
public enum DeadlineUnit
{
    /// <summary>Calendar days (日); the last day moves to the next working day when it is an off day.</summary>
    CalendarDays,

    /// <summary>Working days (工作日) of the <see cref="Calendar.WorkingDayCalendar"/>.</summary>
    WorkingDays,
}

/// <summary>The names of the events a deadline runs from (stored with the case's clock).</summary>
public static class DeadlineStartEvents
{
    /// <summary>The petition was received (登记) by the petition office.</summary>
    public const string Received = "received";

    /// <summary>The transferred or assigned petition was received by the handling unit.</summary>
    public const string ReceivedByUnit = "received-by-unit";

    /// <summary>The unit received a transfer (转送/交办) it may object to.</summary>
    public const string TransferReceived = "transfer-received";

    /// <summary>The petition was accepted (受理).</summary>
    public const string Accepted = "accepted";

    /// <summary>The petitioner received the written reply (答复意见).</summary>
    public const string ReplyReceived = "reply-received";

    /// <summary>The petitioner asked for a review (复查).</summary>
    public const string ReviewRequested = "review-requested";

    /// <summary>The petitioner received the review reply (复查意见).</summary>
    public const string ReviewReplyReceived = "review-reply-received";

    /// <summary>The petitioner asked for a re-review (复核).</summary>
    public const string RereviewRequested = "rereview-requested";
}

/// <summary>
/// One statutory clock. <see cref="Length"/> is counted in <see cref="Unit"/> from the day of
/// <see cref="StartEvent"/> (that day is day 0; see <see cref="DeadlineClock"/> for the exact rules).
/// </summary>
/// <param name="Code">Stable identifier, e.g. <c>handle</c> (see <see cref="DeadlineRules"/>).</param>
/// <param name="Length">Number of days, 1..<see cref="DeadlineRules.MaxLength"/>.</param>
/// <param name="Unit">Calendar or working days.</param>
/// <param name="StartEvent">One of <see cref="DeadlineStartEvents"/>.</param>
/// <param name="ArticleLabel">The article in Chinese, e.g. 第二十三条第三款 (of 《信访工作条例》, see <see cref="DeadlineRules.Regulation"/>).</param>
/// <param name="ArticleEnglish">The same in English, e.g. <c>Art. 23 ¶3</c>.</param>
/// <param name="TitleKey">Message key naming the clock (a <see cref="DeadlineMessages"/> title).</param>
public sealed record DeadlineRule(
    string Code,
    int Length,
    DeadlineUnit Unit,
    string StartEvent,
    string ArticleLabel,
    string ArticleEnglish,
    string TitleKey)
{
    /// <summary>
    /// When not null the deadline can be extended once, by 1..this many days, with the approval of the unit's
    /// head and a reason that the petitioner is told (Art. 34). Null: cannot be extended.
    /// </summary>
    public int? MaxExtensionDays { get; init; }

    /// <summary>Whether the clock can be paused (the re-review answer: time spent on a hearing 听证 is not counted, Art. 36).</summary>
    public bool CanPause { get; init; }

    public bool CanExtend => MaxExtensionDays is not null;

    /// <summary>The clock's title for display.</summary>
    public LocalizableMessage Title => new(TitleKey);

    /// <summary>Problems with the configurable values (length and unit); empty when valid.</summary>
    public IReadOnlyList<LocalizableMessage> Validate()
    {
        var errors = new List<LocalizableMessage>();
        if (Length is < DeadlineRules.MinLength or > DeadlineRules.MaxLength)
        {
            errors.Add(new LocalizableMessage(
                DeadlineMessages.RuleLengthOutOfRange, Code, DeadlineRules.MinLength, DeadlineRules.MaxLength, Length));
        }

        if (!Enum.IsDefined(Unit))
        {
            errors.Add(new LocalizableMessage(DeadlineMessages.RuleUnitInvalid, Code));
        }

        return errors;
    }
}
