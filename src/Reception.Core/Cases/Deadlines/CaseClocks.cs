using Reception.Core.Calendar;
using Reception.Core.Time;

namespace Reception.Core.Cases.Deadlines;

/// <summary>The clock running on a case: its rule, the day it started, its answer, and the day of the last progress.</summary>
public sealed record CaseClockState(DeadlineRule Rule, DateOnly StartOn, DeadlineAnswer Answer, DateOnly LastProgressOn);

/// <summary>How a clock of a case stands: running, met (the act happened on <c>DoneOn</c>), or not applicable yet.</summary>
public enum ClockStatus
{
    Running = 1,
    MetInTime = 2,
    MetLate = 3,
}

/// <summary>One line of the clocks table on the case page.</summary>
public sealed record CaseClockLine(DeadlineRule Rule, DateOnly StartOn, DeadlineAnswer Answer, ClockStatus Status, DateOnly? DoneOn);

/// <summary>
/// Which statutory clock runs on a case in each state (the rules of <see cref="DeadlineRules"/>):
/// <list type="bullet">
/// <item>Registered: <c>route</c> (转送/交办 within 15 days of receipt).</item>
/// <item>Transferred: <c>accept</c> (tell the petitioner within 15 days of the unit's receipt of the transfer).</item>
/// <item>Accepted, Assigned, InProgress: <c>handle</c> (60 days from acceptance, plus an approved extension) for an original
/// matter; <c>review-answer</c> for a 复查 case and <c>rereview-answer</c> (hearing days paused) for a 复核 case, both from
/// the request (the appeal case's received date).</item>
/// <item>Replied and later: no supervised clock (the petitioner's appeal window is shown on the case page).</item>
/// </list>
/// Instants are turned into days in Asia/Shanghai.
/// </summary>
public static class CaseClocks
{
    /// <summary>The running clock, or null when none runs (replied, final).</summary>
    public static CaseClockState? Current(PetitionCase c, DeadlineRuleSet rules, WorkingDayCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (!c.IsOpen) return null;
        var (rule, start) = RunningRule(c, rules);
        var answer = Compute(c, rule, start, calendar, today);
        var lastProgress = c.LastProgressAtUtc is { } p ? Day(p) : start;
        if (lastProgress < start) lastProgress = start;
        return new CaseClockState(rule, start, answer, lastProgress);
    }

    /// <summary>The colour of the running clock (null when none runs).</summary>
    public static SupervisionColour? ColourOf(PetitionCase c, CaseClockState? clock, DateOnly today, SupervisionThresholds thresholds) =>
        clock is null ? null : Supervision.ColourOf(clock.Answer.DueDate, clock.LastProgressOn, today, c.IsListed, thresholds).Colour;

    /// <summary>Every clock that has started on the case so far, oldest first, with whether it was met in time.</summary>
    public static IReadOnlyList<CaseClockLine> All(PetitionCase c, DeadlineRuleSet rules, WorkingDayCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(c);
        var lines = new List<CaseClockLine>();
        var received = c.ReceivedOn;

        void Add(DeadlineRule rule, DateOnly start, DateOnly? doneOn)
        {
            var answer = Compute(c, rule, start, calendar, today);
            var status = doneOn is null ? ClockStatus.Running : doneOn <= answer.DueDate ? ClockStatus.MetInTime : ClockStatus.MetLate;
            lines.Add(new CaseClockLine(rule, start, answer, status, doneOn));
        }

        // Routing (every level: an appeal is routed too): met by transfer or acceptance (or refusal).
        DateOnly? routed = c.TransferredAtUtc is { } t ? Day(t) : c.AcceptedAtUtc is { } a0 ? Day(a0) : null;
        if (routed is null && c.State == CaseState.NotAccepted) routed = LastEventDay(c, CaseEventKind.AcceptanceRefused);
        if (c.IsOpen || routed is not null) Add(rules[DeadlineRules.Route], received, routed);

        if (c.TransferredAtUtc is { } transferred)
        {
            var receivedByUnit = Day(transferred);
            DateOnly? accepted = c.AcceptedAtUtc is { } a ? Day(a) : c.State == CaseState.NotAccepted ? LastEventDay(c, CaseEventKind.AcceptanceRefused) : null;
            if (c.State == CaseState.Transferred || accepted is not null) Add(rules[DeadlineRules.Accept], receivedByUnit, accepted);
            if (c.State == CaseState.Transferred) Add(rules[DeadlineRules.Object], receivedByUnit, c.ObjectedAtUtc is { } o ? Day(o) : null);
        }

        if (c.AcceptedAtUtc is not null)
        {
            var (rule, start) = HandlingRule(c, rules);
            DateOnly? replied = c.ReplyDate;
            if (replied is null && !c.IsOpen) replied = c.ClosedAtUtc is { } closed ? Day(closed) : null;
            if (c.IsOpen || replied is not null) Add(rule, start, replied);
        }

        if (c.ReplyDate is { } replyDate && c.AppealLevel != AppealLevel.ReReview && c.State is not CaseState.Terminated)
        {
            var window = c.AppealLevel == AppealLevel.Original ? rules[DeadlineRules.ReviewRequest] : rules[DeadlineRules.RereviewRequest];
            var appealed = c.IsAppealed ? LastEventDay(c, CaseEventKind.AppealFiled) : null;
            Add(window, replyDate, appealed);
        }

        return lines;
    }

    /// <summary>The last day to file the next appeal (复查 after an original reply, 复核 after a review reply).</summary>
    public static DeadlineAnswer? AppealWindow(PetitionCase c, DeadlineRuleSet rules, WorkingDayCalendar calendar, DateOnly today)
    {
        if (c.ReplyDate is not { } replyDate || c.AppealLevel == AppealLevel.ReReview) return null;
        var rule = c.AppealLevel == AppealLevel.Original ? rules[DeadlineRules.ReviewRequest] : rules[DeadlineRules.RereviewRequest];
        return DeadlineClock.Compute(rule, replyDate, calendar, today).Answer;
    }

    private static (DeadlineRule Rule, DateOnly Start) RunningRule(PetitionCase c, DeadlineRuleSet rules) => c.State switch
    {
        CaseState.Registered => (rules[DeadlineRules.Route], c.ReceivedOn),
        CaseState.Transferred => (rules[DeadlineRules.Accept], Day(c.TransferredAtUtc!.Value)),
        _ => HandlingRule(c, rules),
    };

    private static (DeadlineRule Rule, DateOnly Start) HandlingRule(PetitionCase c, DeadlineRuleSet rules) => c.AppealLevel switch
    {
        AppealLevel.Review => (rules[DeadlineRules.ReviewAnswer], c.ReceivedOn),
        AppealLevel.ReReview => (rules[DeadlineRules.RereviewAnswer], c.ReceivedOn),
        _ => (rules[DeadlineRules.Handle], c.AcceptedAtUtc is { } a ? Day(a) : c.ReceivedOn),
    };

    private static DeadlineAnswer Compute(PetitionCase c, DeadlineRule rule, DateOnly start, WorkingDayCalendar calendar, DateOnly today)
    {
        IReadOnlyList<DeadlineExtension>? extensions = rule.CanExtend && c.ExtensionDays is { } days
            ? [new DeadlineExtension(days, c.ExtensionReason ?? "-", "approved")]
            : null;
        IReadOnlyList<DeadlinePause>? pauses = rule.CanPause && c.HearingFrom is { } from && c.HearingTo is { } to && to >= from
            ? [new DeadlinePause(from, to)]
            : null;
        var result = DeadlineClock.Compute(rule, start, calendar, today, extensions, pauses);
        // Extensions and pauses are validated by the case's own operations, so an error here means stored data the rules
        // no longer accept (e.g. a deployment shortened the maximum): fall back to the plain clock rather than none.
        return result.Answer ?? DeadlineClock.Compute(rule, start, calendar, today).Answer!;
    }

    private static DateOnly? LastEventDay(PetitionCase c, CaseEventKind kind) =>
        c.Events.LastOrDefault(e => e.Kind == kind) is { } e ? Day(e.AtUtc) : null;

    private static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(ChinaTime.ToLocal(utc));
}
