using Reception.Core.Common;

namespace Reception.Core.Cases.Deadlines;

/// <summary>
/// The default clocks of 《信访工作条例》(2022) and the per-deployment overrides of their length and unit.
/// </summary>
public static class DeadlineRules
{
    public const string Regulation = "信访工作条例";

    public const int MinLength = 1;
    public const int MaxLength = 365;

    /// <summary>The statutory maximum of the one extension of the handling clock (Art. 34).</summary>
    public const int HandleMaxExtensionDays = 30;

    /// <summary>转送/交办: 15 days from receipt (Art. 22).</summary>
    public const string Route = "route";

    /// <summary>告知是否受理: 15 days from receipt by the unit (Art. 23).</summary>
    public const string Accept = "accept";

    /// <summary>对转送提出异议: 5 working days from receipt of the transfer (Art. 23 ¶3).</summary>
    public const string Object = "object";

    /// <summary>办结: 60 days from acceptance, one extension of at most 30 days (Art. 34).</summary>
    public const string Handle = "handle";

    /// <summary>请求复查: 30 days from receipt of the reply (Art. 35).</summary>
    public const string ReviewRequest = "review-request";

    /// <summary>复查答复: 30 days from the request (Art. 35).</summary>
    public const string ReviewAnswer = "review-answer";

    /// <summary>请求复核: 30 days from receipt of the review reply (Art. 36).</summary>
    public const string RereviewRequest = "rereview-request";

    /// <summary>复核答复: 30 days from the request, hearing time not counted (Art. 36).</summary>
    public const string RereviewAnswer = "rereview-answer";

    /// <summary>The defaults (DESIGN.md, "Cases" → Deadlines).</summary>
    public static DeadlineRuleSet Defaults { get; } = new(
    [
        new(Route, 15, DeadlineUnit.CalendarDays, DeadlineStartEvents.Received, "第二十二条", "Art. 22", DeadlineMessages.TitleRoute),
        new(Accept, 15, DeadlineUnit.CalendarDays, DeadlineStartEvents.ReceivedByUnit, "第二十三条", "Art. 23", DeadlineMessages.TitleAccept),
        new(Object, 5, DeadlineUnit.WorkingDays, DeadlineStartEvents.TransferReceived, "第二十三条第三款", "Art. 23 ¶3", DeadlineMessages.TitleObject),
        new(Handle, 60, DeadlineUnit.CalendarDays, DeadlineStartEvents.Accepted, "第三十四条", "Art. 34", DeadlineMessages.TitleHandle)
        {
            MaxExtensionDays = HandleMaxExtensionDays,
        },
        new(ReviewRequest, 30, DeadlineUnit.CalendarDays, DeadlineStartEvents.ReplyReceived, "第三十五条", "Art. 35", DeadlineMessages.TitleReviewRequest),
        new(ReviewAnswer, 30, DeadlineUnit.CalendarDays, DeadlineStartEvents.ReviewRequested, "第三十五条", "Art. 35", DeadlineMessages.TitleReviewAnswer),
        new(RereviewRequest, 30, DeadlineUnit.CalendarDays, DeadlineStartEvents.ReviewReplyReceived, "第三十六条", "Art. 36", DeadlineMessages.TitleRereviewRequest),
        new(RereviewAnswer, 30, DeadlineUnit.CalendarDays, DeadlineStartEvents.RereviewRequested, "第三十六条", "Art. 36", DeadlineMessages.TitleRereviewAnswer)
        {
            CanPause = true,
        },
    ]);
}

/// <summary>
/// A deployment's change to one rule, e.g. bound from configuration:
/// <c>"Deadlines": { "handle": { "Length": 45 }, "object": { "Length": 3, "Unit": "WorkingDays" } }</c>.
/// A null property keeps the default.
/// </summary>
public sealed record DeadlineRuleOverride
{
    public int? Length { get; init; }

    public DeadlineUnit? Unit { get; init; }
}

/// <summary>The outcome of <see cref="DeadlineRuleSet.WithOverrides"/>: all-or-nothing.</summary>
public sealed record DeadlineRuleSetResult(DeadlineRuleSet? Rules, IReadOnlyList<LocalizableMessage> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>An immutable set of rules, one per code (codes compare case-insensitively).</summary>
public sealed class DeadlineRuleSet
{
    private readonly Dictionary<string, DeadlineRule> _byCode;

    /// <exception cref="ArgumentException">A code appears twice, or a rule is invalid.</exception>
    public DeadlineRuleSet(IEnumerable<DeadlineRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        All = rules.ToArray();
        _byCode = new Dictionary<string, DeadlineRule>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in All)
        {
            if (!_byCode.TryAdd(rule.Code, rule))
            {
                throw new ArgumentException($"The deadline code \"{rule.Code}\" appears twice.", nameof(rules));
            }

            if (rule.Validate() is [var first, ..])
            {
                throw new ArgumentException($"The deadline rule \"{rule.Code}\" is invalid: {first}", nameof(rules));
            }
        }
    }

    /// <summary>The rules in their original order.</summary>
    public IReadOnlyList<DeadlineRule> All { get; }

    /// <exception cref="KeyNotFoundException">No rule has this code.</exception>
    public DeadlineRule this[string code] =>
        _byCode.TryGetValue(code, out var rule) ? rule : throw new KeyNotFoundException($"No deadline rule has the code \"{code}\".");

    public bool TryGet(string code, out DeadlineRule rule)
    {
        if (_byCode.TryGetValue(code, out var found))
        {
            rule = found;
            return true;
        }

        rule = null!;
        return false;
    }

    /// <summary>
    /// A copy with the length and/or unit of some rules changed. Every problem is reported (unknown code, length
    /// outside 1..365, undefined unit); when there is any, no rule set is returned.
    /// </summary>
    public DeadlineRuleSetResult WithOverrides(IReadOnlyDictionary<string, DeadlineRuleOverride>? overrides)
    {
        if (overrides is null || overrides.Count == 0)
        {
            return new DeadlineRuleSetResult(this, Array.Empty<LocalizableMessage>());
        }

        var errors = new List<LocalizableMessage>();
        var changed = new Dictionary<string, DeadlineRule>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, change) in overrides.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!_byCode.TryGetValue(code ?? string.Empty, out var rule))
            {
                errors.Add(new LocalizableMessage(DeadlineMessages.UnknownRuleCode, code ?? string.Empty));
                continue;
            }

            if (change is null)
            {
                continue;
            }

            var updated = rule with { Length = change.Length ?? rule.Length, Unit = change.Unit ?? rule.Unit };
            var problems = updated.Validate();
            if (problems.Count > 0)
            {
                errors.AddRange(problems);
                continue;
            }

            changed[rule.Code] = updated;
        }

        if (errors.Count > 0)
        {
            return new DeadlineRuleSetResult(null, errors);
        }

        var rules = All.Select(r => changed.TryGetValue(r.Code, out var c) ? c : r);
        return new DeadlineRuleSetResult(new DeadlineRuleSet(rules), Array.Empty<LocalizableMessage>());
    }
}
