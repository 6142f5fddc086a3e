using System.Globalization;
using Reception.Core.Calendar;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;

namespace Reception.Core.Tests.Rotas;

public sealed class FairnessReportTests
{
    private static readonly WorkingDayCalendar Cal = TestCalendars.Shipped;

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-09-30", true)]  // Wednesday before National Day (10-01 … 10-07 off)
    [InlineData("2026-10-08", true)]  // Thursday right after it
    [InlineData("2026-10-09", false)] // Friday: 10-08 is a working day, 10-10 a make-up working day
    [InlineData("2026-10-10", false)] // the make-up Saturday itself
    [InlineData("2026-09-24", true)]  // Thursday before Mid-Autumn (09-25 … 09-27 off)
    [InlineData("2026-09-28", true)]  // Monday after it
    [InlineData("2026-09-18", false)] // Friday before an ordinary weekend
    [InlineData("2026-10-01", false)] // an off day is not "next to" the holiday it belongs to
    [InlineData("2026-09-14", false)]
    public void IsNextToHoliday_FollowsTheOfficialArrangement(string date, bool expected) =>
        Assert.Equal(expected, FairnessReport.IsNextToHoliday(Cal, D(date)));

    [Fact]
    public void DatesNextToHoliday_AutumnOf2026_AreTheFourWorkingDaysAroundMidAutumnAndNationalDay()
    {
        var dates = FairnessReport.DatesNextToHoliday(Cal, D("2026-09-01"), D("2026-10-31"));

        Assert.Equal([D("2026-09-24"), D("2026-09-28"), D("2026-09-30"), D("2026-10-08")], dates);
    }

    [Fact]
    public void DatesNextToHoliday_UnknownYear_OnlyWeekendsKnown_NoDates()
    {
        // With no arrangement loaded there are no holidays to be next to (the page warns about the unknown year).
        Assert.Empty(FairnessReport.DatesNextToHoliday(WorkingDayCalendar.Empty, D("2026-09-01"), D("2026-10-31")));
    }

    [Theory]
    [InlineData(PeriodKind.Month, 2026, 9, "2026-09-01", "2026-09-30", "2026-09")]
    [InlineData(PeriodKind.Month, 2024, 2, "2024-02-01", "2024-02-29", "2024-02")]
    [InlineData(PeriodKind.Quarter, 2026, 4, "2026-10-01", "2026-12-31", "2026-Q4")]
    [InlineData(PeriodKind.Year, 2026, 1, "2026-01-01", "2026-12-31", "2026")]
    public void ReportPeriod_Bounds(PeriodKind kind, int year, int number, string from, string to, string text)
    {
        Assert.True(ReportPeriod.TryCreate(kind, year, number, out var period));
        Assert.Equal(D(from), period.From);
        Assert.Equal(D(to), period.To);
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData(PeriodKind.Month, 2026, 13)]
    [InlineData(PeriodKind.Month, 2026, 0)]
    [InlineData(PeriodKind.Quarter, 2026, 5)]
    [InlineData(PeriodKind.Month, 1999, 1)]
    public void ReportPeriod_OutOfRange_Refused(PeriodKind kind, int year, int number) =>
        Assert.False(ReportPeriod.TryCreate(kind, year, number, out _));

    [Theory]
    [InlineData("2026-09", PeriodKind.Month, 9)]
    [InlineData("2026-Q3", PeriodKind.Quarter, 3)]
    [InlineData("2026", PeriodKind.Year, 1)]
    public void ReportPeriod_TryParse_ReadsWhatToStringWrites(string text, PeriodKind kind, int number)
    {
        Assert.True(ReportPeriod.TryParse(text, out var period));
        Assert.Equal((kind, 2026, number), (period.Kind, period.Year, period.Number));
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("26-09")]
    [InlineData("2026-9")]
    [InlineData("abcd")]
    public void ReportPeriod_TryParse_RefusesNonsense(string? text) => Assert.False(ReportPeriod.TryParse(text, out _));

    [Fact]
    public void ReportPeriod_Months_OfAQuarter()
    {
        Assert.Equal([D("2026-07-01"), D("2026-08-01"), D("2026-09-01")], ReportPeriod.Quarter(2026, 3).Months());
    }

    [Fact]
    public void ReportPeriod_Containing_FindsTheQuarter()
    {
        var q = ReportPeriod.Containing(PeriodKind.Quarter, D("2026-08-15"));
        Assert.Equal((2026, 3), (q.Year, q.Number));
    }

    [Fact]
    public void Build_HandCheckedExample()
    {
        // September 2026. Leaders 1, 2, 3 in one rule; leader 4 is a member without duties.
        // Leader 1 asked leader 2 to swap 09-24 (1's) for 09-30 (2's): both give and receive one.
        // Leader 3 asked leader 1 to cover 09-28: leader 1 gives one, leader 3 receives one.
        // A swap whose other half lies in October counts only its September half.
        var period = ReportPeriod.Month(2026, 9);
        var duties = new[] { new DutyTally(1, 8, 2), new DutyTally(2, 7, 1), new DutyTally(3, 6, 0) };
        var substitutions = new[]
        {
            new ApprovedSubstitution(SwapKind.Swap, 1, D("2026-09-24"), 2, D("2026-09-30")),
            new ApprovedSubstitution(SwapKind.Cover, 3, D("2026-09-28"), 1, null),
            new ApprovedSubstitution(SwapKind.Swap, 2, D("2026-09-29"), 3, D("2026-10-08")),
            new ApprovedSubstitution(SwapKind.Cover, 2, D("2026-08-31"), 3, null), // outside the period
        };
        var ledgers = new IReadOnlyDictionary<int, int>[]
        {
            new Dictionary<int, int> { [1] = 1, [3] = -1 },
            new Dictionary<int, int> { [1] = 1, [5] = 2 }, // another rule: leader 5 is owed two
        };

        var rows = FairnessReport.Build(period, [1, 2, 3, 4], duties, substitutions, ledgers);

        Assert.Equal(
        [
            new FairnessRow(1, 8, 2, 2, 1, 2),
            new FairnessRow(2, 7, 1, 1, 2, 0),
            new FairnessRow(3, 6, 0, 1, 1, -1),
            new FairnessRow(4, 0, 0, 0, 0, 0),
            new FairnessRow(5, 0, 0, 0, 0, 2),
        ], rows);
        Assert.Equal(8, FairnessReport.Spread(rows));
    }

    [Fact]
    public void Build_TheOctoberHalfOfASwap_CountsInOctober()
    {
        var rows = FairnessReport.Build(ReportPeriod.Month(2026, 10), [], [],
            [new ApprovedSubstitution(SwapKind.Swap, 2, D("2026-09-29"), 3, D("2026-10-08"))], []);

        Assert.Equal([new FairnessRow(2, 0, 0, 1, 0, 0), new FairnessRow(3, 0, 0, 0, 1, 0)], rows);
    }
}
