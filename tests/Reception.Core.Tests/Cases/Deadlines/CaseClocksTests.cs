using Reception.Core.Calendar;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using static Reception.Core.Tests.Cases.CaseBuilder;

namespace Reception.Core.Tests.Cases.Deadlines;

/// <summary>Which clock runs in which state, from which day, and what the case page lists.</summary>
public sealed class CaseClocksTests
{
    private static readonly WorkingDayCalendar Cal = TestCalendars.Shipped;
    private static readonly DeadlineRuleSet Rules = DeadlineRules.Defaults;
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Theory]
    // Registered: route, 15 days from receipt (2026-03-02) → Tue 03-17.
    [InlineData(CaseState.Registered, AppealLevel.Original, DeadlineRules.Route, "2026-03-02", "2026-03-17")]
    // Transferred on 03-03: accept, 15 days from the unit's receipt → Wed 03-18.
    [InlineData(CaseState.Transferred, AppealLevel.Original, DeadlineRules.Accept, "2026-03-03", "2026-03-18")]
    // Accepted on 03-03: handle, 60 days → Sat 05-02 in the Labour Day holiday → next working day Wed 05-06.
    [InlineData(CaseState.Accepted, AppealLevel.Original, DeadlineRules.Handle, "2026-03-03", "2026-05-06")]
    [InlineData(CaseState.Assigned, AppealLevel.Original, DeadlineRules.Handle, "2026-03-03", "2026-05-06")]
    [InlineData(CaseState.InProgress, AppealLevel.Original, DeadlineRules.Handle, "2026-03-03", "2026-05-06")]
    // A 复查 requested 04-01: answer within 30 days → Fri 05-01 (holiday) → Wed 05-06.
    [InlineData(CaseState.InProgress, AppealLevel.Review, DeadlineRules.ReviewAnswer, "2026-04-01", "2026-05-06")]
    [InlineData(CaseState.Registered, AppealLevel.Review, DeadlineRules.Route, "2026-04-01", "2026-04-16")]
    [InlineData(CaseState.InProgress, AppealLevel.ReReview, DeadlineRules.RereviewAnswer, "2026-04-01", "2026-05-06")]
    public void Current_PicksTheRuleOfTheState(CaseState state, AppealLevel level, string rule, string start, string due)
    {
        var c = InState(state, level);
        var clock = CaseClocks.Current(c, Rules, Cal, Today);
        Assert.NotNull(clock);
        Assert.Equal(rule, clock.Rule.Code);
        Assert.Equal(DateOnly.Parse(start), clock.StartOn);
        Assert.Equal(DateOnly.Parse(due), clock.Answer.DueDate);
    }

    [Theory]
    [InlineData(CaseState.Replied)]
    [InlineData(CaseState.Evaluated)]
    [InlineData(CaseState.Closed)]
    [InlineData(CaseState.NotAccepted)]
    [InlineData(CaseState.Terminated)]
    public void Current_IsNull_OnceReplied_OrFinal(CaseState state)
    {
        var level = state == CaseState.Terminated ? AppealLevel.ReReview : AppealLevel.Original;
        Assert.Null(CaseClocks.Current(InState(state, level), Rules, Cal, Today));
    }

    [Fact]
    public void ApprovedExtension_MovesTheHandlingDueDate()
    {
        var c = InState(CaseState.InProgress);
        Ok(c.RequestExtension(30, "需要鉴定", Clerk, T0.AddDays(10)));
        Assert.Equal(new DateOnly(2026, 5, 6), CaseClocks.Current(c, Rules, Cal, Today)!.Answer.DueDate); // pending: unchanged
        Ok(c.ApproveExtension("head-1", T0.AddDays(11)));
        // 60 + 30 = 90 days from 03-03 → Mon 06-01.
        var clock = CaseClocks.Current(c, Rules, Cal, Today)!;
        Assert.Equal(new DateOnly(2026, 6, 1), clock.Answer.DueDate);
        Assert.Equal(30, clock.Answer.ExtendedByDays);
    }

    [Fact]
    public void Hearing_PausesOnlyTheReReviewAnswer()
    {
        var c = InState(CaseState.InProgress, AppealLevel.ReReview);
        Ok(c.RecordHearing(new DateOnly(2026, 4, 10), new DateOnly(2026, 4, 14), Clerk, T0.AddDays(40)));
        var clock = CaseClocks.Current(c, Rules, Cal, Today)!;
        Assert.Equal(5, clock.Answer.PausedDays);
        Assert.Equal(new DateOnly(2026, 5, 6), clock.Answer.DueDate); // 05-01 + 5 = 05-06, a working day
    }

    [Fact]
    public void RecordHearing_IsRefused_ForOtherLevels_Twice_OrBackwards()
    {
        var original = InState(CaseState.InProgress);
        Assert.Equal(CaseMessages.HearingOnlyReReview, original.RecordHearing(Received, Received.AddDays(1), Clerk, T0).Error!.Key);
        var c = InState(CaseState.InProgress, AppealLevel.ReReview);
        Assert.Equal(CaseMessages.HearingEndsBeforeStart, c.RecordHearing(new(2026, 4, 10), new(2026, 4, 9), Clerk, T0).Error!.Key);
        Ok(c.RecordHearing(new(2026, 4, 10), new(2026, 4, 11), Clerk, T0));
        Assert.Equal(CaseMessages.HearingAlreadyRecorded, c.RecordHearing(new(2026, 4, 12), new(2026, 4, 13), Clerk, T0).Error!.Key);
    }

    [Fact]
    public void LastProgress_IsTheLatestProgressDay_OrTheClockStart()
    {
        var c = InState(CaseState.InProgress); // handling started 03-05 (counts as progress)
        Assert.Equal(new DateOnly(2026, 3, 5), CaseClocks.Current(c, Rules, Cal, Today)!.LastProgressOn);
        Ok(c.AddProgress("走访当事人", Clerk, new DateTime(2026, 3, 20, 17, 0, 0, DateTimeKind.Utc))); // 03-21 01:00 in Beijing
        Assert.Equal(new DateOnly(2026, 3, 21), CaseClocks.Current(c, Rules, Cal, Today)!.LastProgressOn);
        Assert.Equal(new DateOnly(2026, 3, 2), CaseClocks.Current(New(), Rules, Cal, Today)!.LastProgressOn);
    }

    [Fact]
    public void Colour_FollowsTheStoredClock_AndListingMakesItRed()
    {
        var c = InState(CaseState.InProgress);
        var clock = CaseClocks.Current(c, Rules, Cal, new DateOnly(2026, 3, 10));
        Assert.Equal(SupervisionColour.Green, CaseClocks.ColourOf(c, clock, new DateOnly(2026, 3, 10), SupervisionThresholds.Default));
        Assert.Equal(SupervisionColour.Yellow, CaseClocks.ColourOf(c, clock, new DateOnly(2026, 3, 20), SupervisionThresholds.Default)); // 15 days no progress
        Ok(c.SetListed(true, "群众反映强烈", "supervisor-1", T0.AddDays(5)));
        Assert.Equal(SupervisionColour.Red, CaseClocks.ColourOf(c, clock, new DateOnly(2026, 3, 10), SupervisionThresholds.Default));
        Assert.Null(CaseClocks.ColourOf(c, null, Today, SupervisionThresholds.Default));
    }

    [Fact]
    public void All_ListsEachClockWithWhetherItWasMet()
    {
        var c = InState(CaseState.Closed); // accepted 03-03, replied 03-22, not appealed
        var lines = CaseClocks.All(c, Rules, Cal, new DateOnly(2026, 4, 30));
        Assert.Equal([DeadlineRules.Route, DeadlineRules.Handle, DeadlineRules.ReviewRequest], lines.Select(l => l.Rule.Code));
        Assert.Equal(ClockStatus.MetInTime, lines[0].Status);
        Assert.Equal(new DateOnly(2026, 3, 3), lines[0].DoneOn);
        Assert.Equal(ClockStatus.MetInTime, lines[1].Status);
        Assert.Equal(new DateOnly(2026, 3, 22), lines[1].DoneOn);
        Assert.Equal(ClockStatus.Running, lines[2].Status); // the petitioner may still ask for a review until 04-21
        Assert.Equal(new DateOnly(2026, 4, 21), lines[2].Answer.DueDate);
        Assert.Equal(new DateOnly(2026, 4, 21), CaseClocks.AppealWindow(c, Rules, Cal, Today)!.DueDate);
    }

    [Fact]
    public void All_ListsTheRunningRouteClock_OfANewAppeal()
    {
        var appeal = InState(CaseState.Registered, AppealLevel.Review);
        var line = Assert.Single(CaseClocks.All(appeal, Rules, Cal, Today));
        Assert.Equal(DeadlineRules.Route, line.Rule.Code);
        Assert.Equal(ClockStatus.Running, line.Status);
        Assert.Equal(CaseClocks.Current(appeal, Rules, Cal, Today)!.Answer.DueDate, line.Answer.DueDate);
    }

    [Fact]
    public void All_ShowsTheObjectionClock_WhileTransferred()
    {
        var c = InState(CaseState.Transferred); // transferred Tue 03-03
        var lines = CaseClocks.All(c, Rules, Cal, Today);
        var objection = Assert.Single(lines, l => l.Rule.Code == DeadlineRules.Object);
        Assert.Equal(new DateOnly(2026, 3, 10), objection.Answer.DueDate); // 5 working days after 03-03
        Assert.Equal(ClockStatus.Running, objection.Status);
    }

    [Fact]
    public void ApplyClock_StoresTheClock_AndRecordsColourChangesOnly()
    {
        var c = New();
        var clock = CaseClocks.Current(c, Rules, Cal, Today);
        Assert.True(c.ApplyClock(clock, SupervisionColour.Blue, T0)); // first colour: a rise from green
        Assert.Equal(new DateOnly(2026, 3, 17), c.DueOn);
        Assert.Equal(DeadlineRules.Route, c.ClockCode);
        Assert.False(c.ApplyClock(clock, SupervisionColour.Blue, T0)); // unchanged: no event
        Assert.False(c.ApplyClock(clock, SupervisionColour.Green, T0)); // a fall is recorded, not a rise
        var changes = c.Events.Where(e => e.Kind == CaseEventKind.ColourChanged).Select(e => (e.Before, e.After)).ToList();
        Assert.Equal([(null, "Blue"), ("Blue", "Green")], changes);
        Assert.All(c.Events.Where(e => e.Kind == CaseEventKind.ColourChanged), e => Assert.Equal(CaseEvent.SystemUserId, e.UserId));
        c.ApplyClock(null, null, T0);
        Assert.Null(c.DueOn);
        Assert.Null(c.Colour);
    }
}
