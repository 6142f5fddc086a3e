using Reception.Core.Cases.Deadlines;

namespace Reception.Core.Tests.Cases.Deadlines;

public class SupervisionTests
{
    [Theory]
    [InlineData(30, SupervisionColour.Green, DeadlineMessages.ReasonOnTrack)]
    [InlineData(8, SupervisionColour.Green, DeadlineMessages.ReasonOnTrack)]
    [InlineData(7, SupervisionColour.Blue, DeadlineMessages.ReasonDueSoon)]
    [InlineData(1, SupervisionColour.Blue, DeadlineMessages.ReasonDueSoon)]
    [InlineData(0, SupervisionColour.Blue, DeadlineMessages.ReasonDueToday)]
    [InlineData(-1, SupervisionColour.Yellow, DeadlineMessages.ReasonOverdue)]
    [InlineData(-15, SupervisionColour.Yellow, DeadlineMessages.ReasonOverdue)]
    [InlineData(-16, SupervisionColour.Red, DeadlineMessages.ReasonOverdueBeyondRed)]
    [InlineData(-400, SupervisionColour.Red, DeadlineMessages.ReasonOverdueBeyondRed)]
    public void ColourByDaysLeft_AtTheBoundaries(int daysLeft, SupervisionColour colour, string reason)
    {
        var result = Supervision.ColourOf(daysLeft, daysSinceLastProgress: 0, isKeyCaseEscalated: false);
        Assert.Equal(colour, result.Colour);
        Assert.Equal(reason, result.Reason.Key);
    }

    [Fact]
    public void Reasons_CarryTheirNumbers()
    {
        Assert.Equal(new object[] { 16, 15 }, Supervision.ColourOf(-16, 0, false).Reason.Args);
        Assert.Equal(new object[] { 3 }, Supervision.ColourOf(-3, 0, false).Reason.Args);
        Assert.Equal(new object[] { 5 }, Supervision.ColourOf(5, 0, false).Reason.Args);
        Assert.Equal(new object[] { 20 }, Supervision.ColourOf(20, 0, false).Reason.Args);
        Assert.Equal(new object[] { 15 }, Supervision.ColourOf(20, 15, false).Reason.Args);
        Assert.Equal("Overdue by 16 days, more than 15.", Supervision.ColourOf(-16, 0, false).Reason.ToString());
    }

    [Theory]
    [InlineData(30, 14, SupervisionColour.Green)]
    [InlineData(30, 15, SupervisionColour.Yellow)]
    [InlineData(5, 14, SupervisionColour.Blue)]
    [InlineData(5, 15, SupervisionColour.Yellow)]
    [InlineData(-20, 40, SupervisionColour.Red)]
    public void NoProgress_For15Days_IsYellow(int daysLeft, int daysSinceProgress, SupervisionColour colour)
    {
        var result = Supervision.ColourOf(daysLeft, daysSinceProgress, false);
        Assert.Equal(colour, result.Colour);
        if (colour == SupervisionColour.Yellow)
        {
            Assert.Equal(DeadlineMessages.ReasonNoProgress, result.Reason.Key);
        }
    }

    [Theory]
    [InlineData(60)]
    [InlineData(0)]
    [InlineData(-1)]
    public void AnEscalatedKeyCase_IsRed(int daysLeft)
    {
        var result = Supervision.ColourOf(daysLeft, 0, isKeyCaseEscalated: true);
        Assert.Equal(SupervisionColour.Red, result.Colour);
        Assert.Equal(DeadlineMessages.ReasonKeyCaseEscalated, result.Reason.Key);
    }

    [Fact]
    public void Custom_Thresholds()
    {
        var t = new SupervisionThresholds { BlueDaysLeft = 3, YellowNoProgressDays = 10, RedOverdueDays = 0 };
        Assert.Equal(SupervisionColour.Green, Supervision.ColourOf(4, 9, false, t).Colour);
        Assert.Equal(SupervisionColour.Blue, Supervision.ColourOf(3, 9, false, t).Colour);
        Assert.Equal(SupervisionColour.Yellow, Supervision.ColourOf(4, 10, false, t).Colour);
        Assert.Equal(SupervisionColour.Blue, Supervision.ColourOf(0, 0, false, t).Colour);
        Assert.Equal(SupervisionColour.Red, Supervision.ColourOf(-1, 0, false, t).Colour); // red from the first overdue day
    }

    [Fact]
    public void Colour_FromDates()
    {
        var today = new DateOnly(2026, 10, 8);
        Assert.Equal(SupervisionColour.Blue, Supervision.ColourOf(today.AddDays(7), today, today, false).Colour);
        Assert.Equal(SupervisionColour.Yellow, Supervision.ColourOf(today.AddDays(30), today.AddDays(-15), today, false).Colour);
    }

    [Fact]
    public void Default_Boundaries()
    {
        var today = new DateOnly(2026, 10, 8);
        var b = Supervision.DueDateBoundaries(today);
        Assert.Equal(new DateOnly(2026, 9, 23), b.RedIfDueBefore);
        Assert.Equal(today, b.YellowIfDueBefore);
        Assert.Equal(new DateOnly(2026, 9, 23), b.YellowIfLastProgressOnOrBefore);
        Assert.Equal(new DateOnly(2026, 10, 15), b.BlueIfDueOnOrBefore);

        Assert.Equal(SupervisionColour.Red, Supervision.ColourOfDates(new DateOnly(2026, 9, 22), today, false, b));
        Assert.Equal(SupervisionColour.Yellow, Supervision.ColourOfDates(new DateOnly(2026, 9, 23), today, false, b));
        Assert.Equal(SupervisionColour.Yellow, Supervision.ColourOfDates(new DateOnly(2026, 10, 7), today, false, b));
        Assert.Equal(SupervisionColour.Blue, Supervision.ColourOfDates(today, today, false, b));
        Assert.Equal(SupervisionColour.Blue, Supervision.ColourOfDates(new DateOnly(2026, 10, 15), today, false, b));
        Assert.Equal(SupervisionColour.Green, Supervision.ColourOfDates(new DateOnly(2026, 10, 16), today, false, b));
        Assert.Equal(SupervisionColour.Yellow, Supervision.ColourOfDates(new DateOnly(2026, 10, 16), new DateOnly(2026, 9, 23), false, b));
        Assert.Equal(SupervisionColour.Green, Supervision.ColourOfDates(new DateOnly(2026, 10, 16), new DateOnly(2026, 9, 24), false, b));
        Assert.Equal(SupervisionColour.Red, Supervision.ColourOfDates(new DateOnly(2026, 12, 1), today, true, b));
    }

    [Theory]
    [InlineData(-1, 15, 15, DeadlineMessages.BlueThresholdOutOfRange)]
    [InlineData(366, 15, 15, DeadlineMessages.BlueThresholdOutOfRange)]
    [InlineData(7, 0, 15, DeadlineMessages.NoProgressThresholdOutOfRange)]
    [InlineData(7, 15, -1, DeadlineMessages.RedThresholdOutOfRange)]
    public void Thresholds_AreValidated(int blue, int noProgress, int red, string key)
    {
        var t = new SupervisionThresholds { BlueDaysLeft = blue, YellowNoProgressDays = noProgress, RedOverdueDays = red };
        Assert.Equal(key, Assert.Single(t.Validate()).Key);
        Assert.Throws<ArgumentException>(() => Supervision.ColourOf(0, 0, false, t));
        Assert.Throws<ArgumentException>(() => Supervision.DueDateBoundaries(new DateOnly(2026, 1, 1), t));
        Assert.Empty(SupervisionThresholds.Default.Validate());
    }

    [Theory]
    [InlineData(null, SupervisionColour.Green, false)]
    [InlineData(null, SupervisionColour.Blue, true)]
    [InlineData(SupervisionColour.Green, SupervisionColour.Blue, true)]
    [InlineData(SupervisionColour.Blue, SupervisionColour.Yellow, true)]
    [InlineData(SupervisionColour.Green, SupervisionColour.Red, true)]
    [InlineData(SupervisionColour.Yellow, SupervisionColour.Yellow, false)]
    [InlineData(SupervisionColour.Red, SupervisionColour.Yellow, false)]
    [InlineData(SupervisionColour.Blue, SupervisionColour.Green, false)]
    public void ARise_IsAChangeToAMoreUrgentColour(SupervisionColour? from, SupervisionColour to, bool rose)
    {
        Assert.Equal(rose, ColourRise.Rose(from, to));
    }

    [Fact]
    public void UndefinedColours_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ColourRise.Rose((SupervisionColour)9, SupervisionColour.Red));
        Assert.Throws<ArgumentOutOfRangeException>(() => ColourRise.Rose(SupervisionColour.Red, (SupervisionColour)(-1)));
    }
}
