using Reception.Core.Calendar;
using Reception.Core.Cases.Deadlines;

namespace Reception.Core.Tests.Cases.Deadlines;

/// <summary>The deadline clock on the shipped (real) 2024–2026 arrangements.</summary>
public class DeadlineClockTests
{
    private static readonly WorkingDayCalendar Cal = TestCalendars.Shipped;

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static DeadlineRule Rule(string code) => DeadlineRules.Defaults[code];

    private static DeadlineAnswer Due(
        string code, string start, string? today = null, DeadlineExtension[]? extensions = null, DeadlinePause[]? pauses = null) =>
        Due(Rule(code), start, today, extensions, pauses);

    private static DeadlineAnswer Due(
        DeadlineRule rule, string start, string? today = null, DeadlineExtension[]? extensions = null, DeadlinePause[]? pauses = null)
    {
        var result = DeadlineClock.Compute(rule, D(start), Cal, D(today ?? start), extensions, pauses);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Answer!;
    }

    private static readonly DeadlineExtension Thirty = new(30, "需要补充调查", "张局长");

    [Theory]
    [InlineData("route", "2026-03-02", "2026-03-17", null)]
    [InlineData("accept", "2026-09-17", "2026-10-08", "2026-10-02")]       // ends inside National Day
    [InlineData("object", "2026-03-02", "2026-03-09", null)]               // 5 working days, over a weekend
    [InlineData("handle", "2026-03-02", "2026-05-06", "2026-05-01")]       // ends on Labour Day
    [InlineData("review-request", "2026-03-02", "2026-04-01", null)]
    [InlineData("review-answer", "2026-03-06", "2026-04-07", "2026-04-05")] // ends inside Qingming
    [InlineData("rereview-request", "2026-07-01", "2026-07-31", null)]
    [InlineData("rereview-answer", "2026-01-30", "2026-03-02", "2026-03-01")] // ends on a Sunday
    public void Every_DefaultClock(string code, string start, string due, string? movedFrom)
    {
        var answer = Due(code, start);
        Assert.Equal(D(due), answer.DueDate);
        Assert.Equal(movedFrom is null ? null : D(movedFrom), answer.MovedFrom);
        Assert.True(answer.IsCertain);
        Assert.Null(answer.Warning);
        Assert.Equal(0, answer.ExtendedByDays);
        Assert.Equal(0, answer.PausedDays);
    }

    [Theory]
    [InlineData("2026-09-17", "2026-10-02")] // raw end on the 2nd day of the holiday
    [InlineData("2026-09-16", "2026-10-01")] // first day
    [InlineData("2026-09-22", "2026-10-07")] // last day
    public void A15DayClock_EndingInsideNationalDay2026_MovesTo8October(string start, string rawEnd)
    {
        var answer = Due("route", start);
        Assert.Equal(D("2026-10-08"), answer.DueDate);
        Assert.Equal(D(rawEnd), answer.MovedFrom);
    }

    [Theory]
    [InlineData("2026-01-30", "2026-02-14")] // Saturday, make-up working day: stays
    [InlineData("2026-02-13", "2026-02-28")] // Saturday, make-up working day: stays
    [InlineData("2026-09-05", "2026-09-20")] // Sunday, make-up working day: stays
    [InlineData("2026-09-25", "2026-10-10")] // Saturday, make-up working day right after National Day: stays
    [InlineData("2026-03-06", "2026-03-23")] // ordinary Saturday: Monday
    [InlineData("2026-01-31", "2026-02-24")] // first day of Spring Festival (a Sunday): the day after the holiday
    [InlineData("2025-12-18", "2026-01-04")] // ends 01-02 (New Year): the first day after is Sunday 01-04, a make-up day
    public void CalendarDayClocks_HonourHolidaysAndMakeUpDays(string start, string due)
    {
        var answer = Due("accept", start);
        Assert.Equal(D(due), answer.DueDate);
        Assert.True(Cal.IsWorkingDay(answer.DueDate));
    }

    [Fact]
    public void NewYear2026_LandsOnTheMakeUpSunday()
    {
        // 2025-12-20 + 15 = 2026-01-04, a Sunday that is a make-up working day.
        var answer = Due("accept", "2025-12-20");
        Assert.Equal(D("2026-01-04"), answer.DueDate);
        Assert.Null(answer.MovedFrom);
    }

    [Theory]
    [InlineData("2026-02-12", "2026-02-26")] // Fri 13 (1), Sat 14 make-up (2), 24 (3), 25 (4), 26 (5)
    [InlineData("2026-02-13", "2026-02-27")] // Sat 14 (1), 24, 25, 26, 27
    [InlineData("2026-02-14", "2026-02-28")] // from the make-up day: 24, 25, 26, 27, then Sat 28 (make-up) is the 5th
    public void WorkingDayClock_AcrossSpringFestival2026(string start, string due)
    {
        var answer = Due("object", start);
        Assert.Equal(D(due), answer.DueDate);
        Assert.True(answer.IsCertain);
        Assert.Null(answer.MovedFrom);
    }

    [Fact]
    public void WorkingDayClockStarting_InsideTheHoliday_CountsTheMakeUpSaturday()
    {
        // Start on 2026-02-16 (holiday): 24, 25, 26, 27, then Saturday 28 (make-up) is the 5th working day.
        Assert.Equal(D("2026-02-28"), Due("object", "2026-02-16").DueDate);
    }

    [Fact]
    public void TheMakeUpSaturday_CountsAsAWorkingDay()
    {
        // Without the make-up day 2026-02-14 the clock from Thursday 12 would end on Friday 27, not Thursday 26.
        var answer = Due("object", "2026-02-12");
        Assert.Equal(D("2026-02-26"), answer.DueDate);
        Assert.Equal(5, Cal.CountWorkingDays(D("2026-02-13"), answer.DueDate).Value);
    }

    [Theory]
    [InlineData("route", "2026-12-20", "2027-01-04")] // calendar days ending in 2027: whether 01-04 is an off day is unknown
    [InlineData("object", "2026-12-28", "2027-01-05")] // working days counted in 2027: 01-01 元旦 is off (provisional), the other weekdays assumed
    [InlineData("handle", "2027-03-01", "2027-04-30")]
    public void AnUnknownYear_Warns(string code, string start, string due)
    {
        var answer = Due(code, start);
        Assert.Equal(D(due), answer.DueDate);
        Assert.False(answer.IsCertain);
        Assert.Equal([2027], answer.UnknownYears);
        Assert.Equal(CalendarMessages.UnknownYear, answer.Warning!.Key);
        Assert.Equal(new object[] { 2027 }, answer.Warning.Args);
    }

    [Fact]
    public void ACalendarDayClock_CrossingIntoAnUnknownYearButEndingInAKnownOne_IsCertain()
    {
        // Only the last day's status matters for a calendar-day clock; days in between are not looked up.
        var answer = Due("route", "2023-12-25");
        Assert.Equal(D("2024-01-09"), answer.DueDate);
        Assert.True(answer.IsCertain);
    }

    [Theory]
    [InlineData("2026-03-10", 7, false)]
    [InlineData("2026-03-17", 0, false)]
    [InlineData("2026-03-18", -1, true)]
    [InlineData("2026-04-01", -15, true)]
    public void Days_RemainingAndOverdue(string today, int remaining, bool overdue)
    {
        var answer = Due("route", "2026-03-02", today);
        Assert.Equal(D("2026-03-17"), answer.DueDate);
        Assert.Equal(D(today), answer.Today);
        Assert.Equal(remaining, answer.DaysRemaining);
        Assert.Equal(overdue, answer.IsOverdue);
        Assert.Equal(remaining + 5, answer.DaysRemainingOn(D(today).AddDays(-5)));
    }

    // ---- extensions ------------------------------------------------------------------------------------------

    [Fact]
    public void OneApprovedExtension_AddsItsDaysBeforeTheHolidayRule()
    {
        // 2026-03-02 + 60 + 30 = 2026-05-31 (Sunday) → Monday 2026-06-01.
        var answer = Due("handle", "2026-03-02", extensions: [Thirty]);
        Assert.Equal(D("2026-06-01"), answer.DueDate);
        Assert.Equal(30, answer.ExtendedByDays);
        Assert.Equal(D("2026-05-31"), answer.MovedFrom);

        var ten = Due("handle", "2026-04-01", extensions: [new DeadlineExtension(10, "reason", "approver", D("2026-05-20"))]);
        Assert.Equal(D("2026-06-10"), ten.DueDate);
    }

    [Fact]
    public void ASecondExtension_IsRefused()
    {
        var result = DeadlineClock.Compute(Rule("handle"), D("2026-03-02"), Cal, D("2026-03-02"), [Thirty, new(5, "again", "张局长")]);
        Assert.False(result.Succeeded);
        Assert.Null(result.Answer);
        Assert.Equal(DeadlineMessages.ExtendedOnlyOnce, Assert.Single(result.Errors).Key);

        Assert.Equal(
            DeadlineMessages.ExtendedOnlyOnce,
            Assert.Single(DeadlineClock.ValidateExtension(Rule("handle"), Thirty, alreadyGranted: 1)).Key);
        Assert.Empty(DeadlineClock.ValidateExtension(Rule("handle"), Thirty));
    }

    [Theory]
    [InlineData(31, DeadlineMessages.ExtensionTooLong)]
    [InlineData(0, DeadlineMessages.ExtensionTooShort)]
    [InlineData(-3, DeadlineMessages.ExtensionTooShort)]
    public void ExtensionDays_MustBe1To30(int days, string key)
    {
        var errors = DeadlineClock.ValidateExtension(Rule("handle"), new DeadlineExtension(days, "reason", "approver"));
        var error = Assert.Single(errors);
        Assert.Equal(key, error.Key);
        if (key == DeadlineMessages.ExtensionTooLong)
        {
            Assert.Equal(new object[] { 30 }, error.Args);
        }

        Assert.Empty(DeadlineClock.ValidateExtension(Rule("handle"), new DeadlineExtension(1, "reason", "approver")));
    }

    [Theory]
    [InlineData("", "approver", DeadlineMessages.ExtensionReasonRequired)]
    [InlineData("   ", "approver", DeadlineMessages.ExtensionReasonRequired)]
    [InlineData("reason", " ", DeadlineMessages.ExtensionApproverRequired)]
    public void Extension_NeedsAReasonAndAnApprover(string reason, string approver, string key)
    {
        var result = DeadlineClock.Compute(Rule("handle"), D("2026-03-02"), Cal, D("2026-03-02"), [new(10, reason, approver)]);
        Assert.Equal(key, Assert.Single(result.Errors).Key);
    }

    [Fact]
    public void EveryExtensionProblem_IsReported()
    {
        var errors = DeadlineClock.ValidateExtension(Rule("handle"), new DeadlineExtension(40, "", ""), alreadyGranted: 1);
        Assert.Equal(
            [DeadlineMessages.ExtendedOnlyOnce, DeadlineMessages.ExtensionTooLong, DeadlineMessages.ExtensionReasonRequired,
             DeadlineMessages.ExtensionApproverRequired],
            errors.Select(e => e.Key));
    }

    [Theory]
    [InlineData("route")]
    [InlineData("accept")]
    [InlineData("object")]
    [InlineData("review-answer")]
    [InlineData("rereview-answer")]
    public void OnlyTheHandlingClock_CanBeExtended(string code)
    {
        var result = DeadlineClock.Compute(Rule(code), D("2026-03-02"), Cal, D("2026-03-02"), [Thirty]);
        Assert.Equal(DeadlineMessages.NotExtendable, Assert.Single(result.Errors).Key);
    }

    [Fact]
    public void AShorterConfiguredMaximum_IsEnforced()
    {
        var rule = Rule("handle") with { MaxExtensionDays = 20 };
        var error = Assert.Single(DeadlineClock.ValidateExtension(rule, new DeadlineExtension(21, "r", "a")));
        Assert.Equal(new object[] { 20 }, error.Args);
    }

    // ---- pauses ----------------------------------------------------------------------------------------------

    [Fact]
    public void AHearingPause_StopsTheReReviewClock()
    {
        // 2026-03-02 + 30 = 04-01; a two-day hearing pause → 04-03 (Friday).
        var answer = Due("rereview-answer", "2026-03-02", pauses: [new DeadlinePause(D("2026-03-10"), D("2026-03-11"), "听证")]);
        Assert.Equal(D("2026-04-03"), answer.DueDate);
        Assert.Equal(2, answer.PausedDays);

        // Three days → 04-04, inside Qingming (04-04..06) → 04-07.
        var three = Due("rereview-answer", "2026-03-02", pauses: [new DeadlinePause(D("2026-03-10"), D("2026-03-12"))]);
        Assert.Equal(D("2026-04-07"), three.DueDate);
        Assert.Equal(D("2026-04-04"), three.MovedFrom);
    }

    [Theory]
    [InlineData("2026-02-20", "2026-02-25", 0, "2026-04-01")] // before the start: ignored
    [InlineData("2026-02-28", "2026-03-02", 0, "2026-04-01")] // ends on the start day (day 0): ignored
    [InlineData("2026-02-28", "2026-03-04", 2, "2026-04-03")] // only the days after the start count
    [InlineData("2026-04-01", "2026-04-02", 2, "2026-04-03")] // starts on the raw due date: pushes it
    [InlineData("2026-04-02", "2026-04-10", 0, "2026-04-01")] // after the clock ran out: ignored
    [InlineData("2026-03-31", "2026-04-09", 10, "2026-04-13")] // spans the old due date: 04-11 (Sat) → 04-13
    public void Pauses_CountOnlyInsideTheRunningClock(string from, string to, int paused, string due)
    {
        var answer = Due("rereview-answer", "2026-03-02", pauses: [new DeadlinePause(D(from), D(to))]);
        Assert.Equal(paused, answer.PausedDays);
        Assert.Equal(D(due), answer.DueDate);
    }

    [Fact]
    public void OverlappingPauses_CountEachDayOnce_AndAPushedDueDateCanReachALaterPause()
    {
        var answer = Due("rereview-answer", "2026-03-02", pauses:
        [
            new DeadlinePause(D("2026-03-10"), D("2026-03-12")),
            new DeadlinePause(D("2026-03-11"), D("2026-03-13")), // overlaps: 10..13 = 4 days
            new DeadlinePause(D("2026-04-03"), D("2026-04-03")), // reached only because of the first: 1 day
        ]);
        // 04-01 + 4 = 04-05, then 04-03 paused → 04-06, inside Qingming → 04-07.
        Assert.Equal(5, answer.PausedDays);
        Assert.Equal(D("2026-04-07"), answer.DueDate);
    }

    [Fact]
    public void Pauses_OfAWorkingDayClock_CountOnlyWorkingDays()
    {
        var rule = Rule("object") with { CanPause = true };
        // 2026-03-02 (Mon) + 5 working days = 03-09; pause Fri 03-06 .. Sun 03-08 stops one working day → 03-10.
        var answer = Due(rule, "2026-03-02", pauses: [new DeadlinePause(D("2026-03-06"), D("2026-03-08"))]);
        Assert.Equal(1, answer.PausedDays);
        Assert.Equal(D("2026-03-10"), answer.DueDate);
    }

    [Fact]
    public void OnlyPausableClocks_CanBePausedAndAPauseMustNotEndBeforeItStarts()
    {
        var pause = new DeadlinePause(D("2026-03-10"), D("2026-03-11"));
        var notPausable = DeadlineClock.Compute(Rule("handle"), D("2026-03-02"), Cal, D("2026-03-02"), pauses: [pause]);
        Assert.Equal(DeadlineMessages.NotPausable, Assert.Single(notPausable.Errors).Key);

        var backwards = DeadlineClock.Compute(
            Rule("rereview-answer"), D("2026-03-02"), Cal, D("2026-03-02"), pauses: [new DeadlinePause(D("2026-03-11"), D("2026-03-10"))]);
        var error = Assert.Single(backwards.Errors);
        Assert.Equal(DeadlineMessages.PauseEndsBeforeStart, error.Key);
        Assert.Equal(new object[] { "2026-03-11", "2026-03-10" }, error.Args);
    }

    [Fact]
    public void AnInvalidRule_IsAProgrammingError()
    {
        Assert.Throws<ArgumentException>(() =>
            DeadlineClock.Compute(Rule("route") with { Length = 0 }, D("2026-03-02"), Cal, D("2026-03-02")));
    }
}
