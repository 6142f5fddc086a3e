using Reception.Core.Common;
using Reception.Core.Rotas;

namespace Reception.Core.Tests.Rotas;

public class VisitComplianceTests
{
    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(1, 0, false)]
    [InlineData(2, 0, false)]
    public void Assess_OneVisitDayRequired_BelowOnlyWithoutAVisitDay(int visitDays, int expectedShort, bool below)
    {
        var standing = VisitCompliance.Assess(VisitQuota.Default, visitDays, appointments: null);

        Assert.Equal(visitDays, standing.VisitDays);
        Assert.Equal(expectedShort, standing.VisitDaysShort);
        Assert.Equal(below, standing.IsBelowQuota);
    }

    [Fact]
    public void Assess_AppointmentsNotRecorded_AreNotJudged()
    {
        var standing = VisitCompliance.Assess(new VisitQuota(1, 3), visitDays: 1, appointments: null);

        Assert.Null(standing.Appointments);
        Assert.Null(standing.AppointmentsShort);
        Assert.False(standing.IsBelowQuota);
    }

    [Fact]
    public void Assess_AppointmentsRecorded_AreJudgedLikeVisitDays()
    {
        Assert.True(VisitCompliance.Assess(new VisitQuota(1, 2), visitDays: 3, appointments: 1).IsBelowQuota);
        var met = VisitCompliance.Assess(new VisitQuota(1, 2), visitDays: 1, appointments: 2);
        Assert.Equal(0, met.AppointmentsShort);
        Assert.False(met.IsBelowQuota);
    }

    [Fact]
    public void Assess_QuotaOfTwoDays_CountsTheShortfall()
    {
        var standing = VisitCompliance.Assess(new VisitQuota(2, 1), visitDays: 1, appointments: null);

        Assert.Equal(1, standing.VisitDaysShort);
        Assert.True(standing.IsBelowQuota);
    }

    [Fact]
    public void Assess_ZeroQuota_NobodyIsBelow() =>
        Assert.False(VisitCompliance.Assess(new VisitQuota(0, 0), 0, 0).IsBelowQuota);

    [Fact]
    public void Assess_NegativeCount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VisitCompliance.Assess(VisitQuota.Default, -1, null));

    [Theory]
    [InlineData("2026-11", 2026, 11)]
    [InlineData("2026-1", 2026, 1)]
    [InlineData(" 2000-01 ", 2000, 1)]
    [InlineData("2100-12", 2100, 12)]
    public void ParseMonth_ValidText_IsTheFirstOfTheMonth(string text, int year, int month) =>
        Assert.Equal(new DateOnly(year, month, 1), DateText.ParseMonth(text, lenient: true));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("1999-12")]
    [InlineData("2101-01")]
    [InlineData("26-11")]
    [InlineData("2026-11-01")]
    [InlineData("2026-+1")]
    [InlineData("abcd-ef")]
    public void ParseMonth_InvalidText_IsNull(string? text) => Assert.Null(DateText.ParseMonth(text, lenient: true));

    [Fact]
    public void FormatMonth_IsYearDashMonth() => Assert.Equal("2026-03", DateText.Month(new DateOnly(2026, 3, 1)));

    [Theory]
    [InlineData(1, "2026-01-01", "2026-03-31")]
    [InlineData(2, "2026-04-01", "2026-06-30")]
    [InlineData(3, "2026-07-01", "2026-09-30")]
    [InlineData(4, "2026-10-01", "2026-12-31")]
    public void YearQuarter_CoversItsThreeMonths(int quarter, string first, string last)
    {
        var q = new YearQuarter(2026, quarter);

        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), q.First);
        Assert.Equal(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), q.Last);
    }

    [Fact]
    public void YearQuarter_OfEveryDayOfTheYear_ContainsThatDay()
    {
        for (var d = new DateOnly(2028, 1, 1); d.Year == 2028; d = d.AddDays(1))
        {
            var q = YearQuarter.Of(d);
            Assert.InRange(d, q.First, q.Last);
        }
    }

    [Fact]
    public void YearQuarter_PreviousAndNext_CrossTheYear()
    {
        Assert.Equal(new YearQuarter(2025, 4), new YearQuarter(2026, 1).Previous);
        Assert.Equal(new YearQuarter(2027, 1), new YearQuarter(2026, 4).Next);
        Assert.Equal(new YearQuarter(2026, 3), new YearQuarter(2026, 2).Next);
    }

    [Theory]
    [InlineData("2026Q4", 2026, 4)]
    [InlineData("2026q1", 2026, 1)]
    [InlineData(" 2000Q2 ", 2000, 2)]
    public void YearQuarter_Parse_ValidText(string text, int year, int quarter) =>
        Assert.Equal(new YearQuarter(year, quarter), YearQuarter.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("2026Q5")]
    [InlineData("2026Q0")]
    [InlineData("2026-Q4")]
    [InlineData("1999Q4")]
    [InlineData("2101Q1")]
    [InlineData("Q42026")]
    [InlineData("2026")]
    public void YearQuarter_Parse_InvalidText_IsNull(string? text) => Assert.Null(YearQuarter.Parse(text));

    [Fact]
    public void YearQuarter_ToString_RoundTrips() => Assert.Equal("2026Q4", new YearQuarter(2026, 4).ToString());

    [Fact]
    public void YearQuarter_OutOfRange_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new YearQuarter(2026, 5));

    [Fact]
    public void Judge_FinishedMonth_IsMetOrBelow()
    {
        Assert.Equal(VisitVerdict.Met, VisitCompliance.Judge(VisitCompliance.Assess(VisitQuota.Default, 1, 1), progress: null));
        Assert.Equal(VisitVerdict.Below, VisitCompliance.Judge(VisitCompliance.Assess(VisitQuota.Default, 0, 1), progress: null));
    }

    [Theory]
    [InlineData(0, 0, 22, 19, VisitVerdict.OnTrack)] // the 5th: nothing done yet, most of the month ahead
    [InlineData(0, 0, 22, 11, VisitVerdict.OnTrack)] // exactly half left
    [InlineData(0, 0, 22, 10, VisitVerdict.AtRisk)]  // less than half left
    [InlineData(1, 1, 22, 2, VisitVerdict.OnTrack)]  // met (planned visits count) whatever is left
    [InlineData(0, 0, 4, 1, VisitVerdict.AtRisk)]    // fewer days left than visits lacking
    [InlineData(0, 0, 2, 2, VisitVerdict.OnTrack)]   // a short month's two days still cover what is lacking
    public void Judge_MonthInProgress_IsOnTrackOrAtRisk_NeverFailed(int visitDays, int appointments, int workingDays, int left, VisitVerdict expected) =>
        Assert.Equal(expected, VisitCompliance.Judge(VisitCompliance.Assess(VisitQuota.Default, visitDays, appointments), new MonthProgress(workingDays, left)));
}
