using Reception.Core.Calendar;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Time;
using static Reception.Core.Tests.Cases.CaseBuilder;

namespace Reception.Core.Tests.Cases;

/// <summary>The formulas of the metrics page: rates, "—" for an empty denominator, trends, periods, closed on time.</summary>
public sealed class CaseRatesTests
{
    private static readonly WorkingDayCalendar Cal = TestCalendars.Shipped;

    [Theory]
    [InlineData(117, 140, 117.0 / 140)]
    [InlineData(0, 5, 0.0)]
    [InlineData(5, 5, 1.0)]
    public void Rate_DividesTheCounts(int numerator, int denominator, double expected) =>
        Assert.Equal(expected, CaseRates.Rate(numerator, denominator)!.Value, 10);

    [Fact]
    public void Rate_WithNothingBelowTheLine_IsNoRate_NotZero()
    {
        Assert.Null(CaseRates.Rate(0, 0));
        Assert.Equal("—", CaseRates.Percent(CaseRates.Rate(0, 0)));
        Assert.Equal("0.0%", CaseRates.Percent(CaseRates.Rate(0, 3)));
    }

    [Fact]
    public void Rate_RefusesNegativeCounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseRates.Rate(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseRates.Rate(1, -3));
    }

    [Theory]
    [InlineData(117, 140, "83.6%")]
    [InlineData(1, 3, "33.3%")]
    [InlineData(2, 3, "66.7%")]
    [InlineData(1, 8, "12.5%")] // half rounds away from zero
    [InlineData(3, 3, "100.0%")]
    public void Percent_HasOneDecimal(int numerator, int denominator, string expected) =>
        Assert.Equal(expected, CaseRates.Percent(CaseRates.Rate(numerator, denominator)));

    [Fact]
    public void Figures_UseTheDefinitions()
    {
        var f = new CaseFigures(Total: 20, Owned: 10, Resolved: 7, Closed: 6, ClosedOnTime: 4, OpenOverdue: 2, Evaluated: 5, Satisfied: 3);

        Assert.Equal(0.7, f.ResolutionRate!.Value, 10);
        Assert.Equal(0.5, f.OnTimeRate!.Value, 10);   // 4 ÷ (6 + 2)
        Assert.Equal(0.6, f.SatisfactionRate!.Value, 10);
        Assert.Null(CaseFigures.None.ResolutionRate);
        Assert.Null(CaseFigures.None.OnTimeRate);
        Assert.Null(CaseFigures.None.SatisfactionRate);
        Assert.Equal(0.0, (f with { ClosedOnTime = 0, Closed = 0 }).OnTimeRate!.Value); // only open overdue: 0 %, not "—"
    }

    [Theory]
    [InlineData(3, 5, TrendDirection.Down)]
    [InlineData(5, 5, TrendDirection.Level)]
    [InlineData(6, 5, TrendDirection.Up)]
    [InlineData(0, 0, TrendDirection.Level)]
    [InlineData(1, 0, TrendDirection.Up)]
    public void Trend_ComparesWithThePreviousPeriod(int current, int previous, TrendDirection expected) =>
        Assert.Equal(expected, CaseRates.Trend(current, previous));

    [Theory]
    [InlineData(3, 0, false, TrendDirection.NoData)]
    [InlineData(0, 0, false, TrendDirection.NoData)]
    [InlineData(3, 0, true, TrendDirection.Up)]
    [InlineData(0, 2, true, TrendDirection.Down)]
    public void Trend_PreviousPeriodWithoutData_IsNoData(int current, int previous, bool previousHasData, TrendDirection expected) =>
        Assert.Equal(expected, CaseRates.Trend(current, previous, previousHasData));

    [Fact]
    public void Change_IsRelativeToThePreviousPeriod_AndNullFromZero()
    {
        Assert.Equal(-0.25, CaseRates.Change(3, 4)!.Value, 10);
        Assert.Equal(1.0, CaseRates.Change(8, 4)!.Value, 10);
        Assert.Null(CaseRates.Change(3, 0));
    }

    [Fact]
    public void IsOnTime_IncludesTheDueDay()
    {
        var due = new DateOnly(2026, 5, 6);
        Assert.True(CaseRates.IsOnTime(due.AddDays(-1), due));
        Assert.True(CaseRates.IsOnTime(due, due));
        Assert.False(CaseRates.IsOnTime(due.AddDays(1), due));
    }

    [Fact]
    public void MonthRange_Year_AndItsPreviousYear()
    {
        var y = MonthRange.Year(2026);
        Assert.Equal(new DateOnly(2026, 1, 1), y.FirstDay);
        Assert.Equal(new DateOnly(2026, 12, 31), y.LastDay);
        Assert.Equal(12, y.Months);
        Assert.True(y.IsWholeYear);
        Assert.Equal(MonthRange.Year(2025), y.Previous);
    }

    [Fact]
    public void MonthRange_Months_AndThePreviousRangeOfTheSameLength()
    {
        var r = MonthRange.Between(new DateOnly(2026, 2, 14), new DateOnly(2026, 4, 3))!.Value;
        Assert.Equal(new DateOnly(2026, 2, 1), r.FirstDay);
        Assert.Equal(new DateOnly(2026, 4, 30), r.LastDay);
        Assert.Equal(3, r.Months);
        Assert.False(r.IsWholeYear);
        Assert.Equal(new DateOnly(2025, 11, 1), r.Previous.FirstDay);
        Assert.Equal(new DateOnly(2026, 1, 31), r.Previous.LastDay);
        Assert.Equal([new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1)], r.EachMonth());
    }

    [Fact]
    public void MonthRange_RefusesReversedAndOverlongRanges()
    {
        Assert.Null(MonthRange.Between(new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 30)));
        Assert.NotNull(MonthRange.Between(new DateOnly(2021, 1, 1), new DateOnly(2025, 12, 1)));
        Assert.Null(MonthRange.Between(new DateOnly(2021, 1, 1), new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void HandlingDueDate_AgreesWithTheCasesOwnHandlingClock()
    {
        var original = InState(CaseState.Replied);
        var accepted = DateOnly.FromDateTime(ChinaTime.ToLocal(original.AcceptedAtUtc!.Value));

        var due = CaseRates.HandlingDueDate(original.AppealLevel, original.ReceivedOn, accepted, original.ExtensionDays,
            original.HearingFrom, original.HearingTo, DeadlineRules.Defaults, Cal);

        var handle = CaseClocks.All(original, DeadlineRules.Defaults, Cal, Received).Single(l => l.Rule.Code == DeadlineRules.Handle);
        Assert.Equal(handle.Answer.DueDate, due);
    }

    [Fact]
    public void HandlingDueDate_CountsAnApprovedExtension()
    {
        var c = InState(CaseState.InProgress);
        Ok(c.RequestExtension(30, "案情复杂", Clerk, T0.AddDays(10)));
        Ok(c.ApproveExtension("head", T0.AddDays(11)));
        var accepted = DateOnly.FromDateTime(ChinaTime.ToLocal(c.AcceptedAtUtc!.Value));

        var plain = CaseRates.HandlingDueDate(AppealLevel.Original, c.ReceivedOn, accepted, null, null, null, DeadlineRules.Defaults, Cal);
        var extended = CaseRates.HandlingDueDate(AppealLevel.Original, c.ReceivedOn, accepted, c.ExtensionDays, null, null, DeadlineRules.Defaults, Cal);

        Assert.Equal(CaseClocks.Current(c, DeadlineRules.Defaults, Cal, Received)!.Answer.DueDate, extended);
        Assert.True(extended > plain.AddDays(25), $"{plain} → {extended}");
    }

    [Fact]
    public void HandlingDueDate_OfAReview_RunsFromTheRequest()
    {
        var review = InState(CaseState.InProgress, AppealLevel.Review);

        var due = CaseRates.HandlingDueDate(review.AppealLevel, review.ReceivedOn, null, null, null, null, DeadlineRules.Defaults, Cal);

        Assert.Equal(CaseClocks.Current(review, DeadlineRules.Defaults, Cal, Received)!.Answer.DueDate, due);
    }
}
