using System.Globalization;
using Reception.Core.Calendar;

namespace Reception.Core.Tests.Calendar;

/// <summary>
/// Table tests over the real arrangement shipped in cn-holidays.csv, read through 2026 (<see cref="TestCalendars"/>):
/// the years after it are unknown because these tests say so, whatever later years the shipped file gains.
/// </summary>
public class ShippedCalendarTests
{
    private static readonly WorkingDayCalendar Cal = TestCalendars.Shipped;

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void ShippedYears_RunWithoutAGapFrom2024_AndTheYearAfterTheLastIsUnknown()
    {
        var shipped = WorkingDayCalendar.LoadShipped();
        var years = shipped.KnownYears;
        Assert.Equal(2024, years[0]);
        Assert.Equal(Enumerable.Range(2024, years.Count), years);
        Assert.Contains(TestCalendars.LastKnownYear, years);
        Assert.False(shipped.IsYearKnown(2023));
        Assert.False(shipped.IsYearKnown(years[^1] + 1));
        // Every shipped year has rows, and every row lies in a shipped year.
        var rows = ShippedHolidays.Load().Entries;
        Assert.All(years, y => Assert.Contains(rows, e => e.Date.Year == y));
        Assert.All(rows, e => Assert.Contains(e.Date.Year, years));

        Assert.Equal([2024, 2025, 2026], Cal.KnownYears); // the tests' own cut
    }

    [Theory]
    [InlineData("2026-10-01")]
    [InlineData("2026-10-02")]
    [InlineData("2026-10-03")]
    [InlineData("2026-10-04")]
    [InlineData("2026-10-05")]
    [InlineData("2026-10-06")]
    [InlineData("2026-10-07")]
    public void NationalDay2026_IsOffFrom1To7October(string iso)
    {
        var info = Cal.Describe(D(iso));
        Assert.Equal(DayKind.Holiday, info.Kind);
        Assert.Equal("国庆节", info.HolidayName);
        Assert.True(info.YearKnown);
        Assert.False(info.IsWorkingDay);
        Assert.False(Cal.IsWorkingDay(D(iso)));
    }

    [Fact]
    public void TheDay_AfterNationalDay2026_IsAnOrdinaryThursday()
    {
        var info = Cal.Describe(D("2026-10-08"));
        Assert.Equal(DayOfWeek.Thursday, info.Date.DayOfWeek);
        Assert.Equal(new DayInfo(D("2026-10-08"), DayKind.Workday, null, true), info);
    }

    // Every make-up working day (is_off_day=false) listed for 2026, each on a weekend.
    [Theory]
    [InlineData("2026-01-04", "元旦", DayOfWeek.Sunday)]
    [InlineData("2026-02-14", "春节", DayOfWeek.Saturday)]
    [InlineData("2026-02-28", "春节", DayOfWeek.Saturday)]
    [InlineData("2026-05-09", "劳动节", DayOfWeek.Saturday)]
    [InlineData("2026-09-20", "国庆节", DayOfWeek.Sunday)]
    [InlineData("2026-10-10", "国庆节", DayOfWeek.Saturday)]
    public void MakeUpWorkingDays2026_AreWorkingDays(string iso, string name, DayOfWeek weekday)
    {
        var info = Cal.Describe(D(iso));
        Assert.Equal(weekday, info.Date.DayOfWeek);
        Assert.Equal(DayKind.MakeUpWorkday, info.Kind);
        Assert.Equal(name, info.HolidayName);
        Assert.True(info.IsWorkingDay);
        Assert.True(Cal.IsWorkingDay(D(iso)));
    }

    [Fact]
    public void ExactlyThoseSixMakeUpDays_ExistIn2026()
    {
        var makeUps = Enumerable.Range(0, 365)
            .Select(i => Cal.Describe(new DateOnly(2026, 1, 1).AddDays(i)))
            .Where(i => i.Kind == DayKind.MakeUpWorkday)
            .Select(i => i.Date)
            .ToArray();
        Assert.Equal(
            [D("2026-01-04"), D("2026-02-14"), D("2026-02-28"), D("2026-05-09"), D("2026-09-20"), D("2026-10-10")],
            makeUps);
    }

    [Fact]
    public void SpringFestival2026_IsOffFrom15To23February()
    {
        for (var d = D("2026-02-15"); d <= D("2026-02-23"); d = d.AddDays(1))
        {
            var info = Cal.Describe(d);
            Assert.Equal(DayKind.Holiday, info.Kind);
            Assert.Equal("春节", info.HolidayName);
            Assert.False(info.IsWorkingDay);
        }

        // Chinese New Year's Day 2026 (正月初一) is Tuesday 17 February.
        Assert.Equal(DayOfWeek.Tuesday, D("2026-02-17").DayOfWeek);
        Assert.True(Cal.IsWorkingDay(D("2026-02-13")));
        Assert.True(Cal.IsWorkingDay(D("2026-02-24")));
    }

    [Fact]
    public void MidAutumn2026_IsASeparateHolidayBeforeNationalDay()
    {
        Assert.Equal(DayKind.Holiday, Cal.Describe(D("2026-09-25")).Kind);
        Assert.Equal("中秋节", Cal.Describe(D("2026-09-25")).HolidayName);
        Assert.Equal(DayOfWeek.Friday, D("2026-09-25").DayOfWeek);
        Assert.True(Cal.IsWorkingDay(D("2026-09-28")));
    }

    [Fact]
    public void Plain_WeekendAndPlainWeekday()
    {
        Assert.Equal(DayOfWeek.Saturday, D("2026-03-07").DayOfWeek);
        Assert.Equal(new DayInfo(D("2026-03-07"), DayKind.Weekend, null, true), Cal.Describe(D("2026-03-07")));
        Assert.Equal(new DayInfo(D("2026-03-08"), DayKind.Weekend, null, true), Cal.Describe(D("2026-03-08")));
        Assert.False(Cal.IsWorkingDay(D("2026-03-07")));

        Assert.Equal(DayOfWeek.Tuesday, D("2026-03-10").DayOfWeek);
        Assert.Equal(new DayInfo(D("2026-03-10"), DayKind.Workday, null, true), Cal.Describe(D("2026-03-10")));
        Assert.True(Cal.IsWorkingDay(D("2026-03-10")));
    }

    [Fact]
    public void AWeekendAdjoiningAHoliday_IsNotListedButIsStillOff()
    {
        // 2026-06-19..21 (Fri–Sun) 端午节 is listed; the weekend before Qingming 2026-04-04 is listed too,
        // but e.g. 2024-06-08/09 before the Monday 2024-06-10 端午节 is a plain weekend.
        Assert.Equal(DayKind.Weekend, Cal.Describe(D("2024-06-08")).Kind);
        Assert.Equal(DayKind.Weekend, Cal.Describe(D("2024-06-09")).Kind);
        Assert.Equal(DayKind.Holiday, Cal.Describe(D("2024-06-10")).Kind);
        Assert.Equal(D("2024-06-11"), Cal.NextWorkingDay(D("2024-06-07")).Value);
    }

    [Fact]
    public void Year2027_IsUnknownItsStatutoryDaysAreProvisionalAndOtherWeekdaysAssumedWorking()
    {
        var nationalDay2027 = D("2027-10-01");
        Assert.Equal(DayOfWeek.Friday, nationalDay2027.DayOfWeek);
        Assert.Equal(new DayInfo(nationalDay2027, DayKind.Holiday, "国庆节", false, IsProvisional: true), Cal.Describe(nationalDay2027));
        Assert.False(Cal.IsWorkingDay(nationalDay2027));
        Assert.Equal(new DayInfo(D("2027-10-02"), DayKind.Holiday, "国庆节", false, IsProvisional: true), Cal.Describe(D("2027-10-02")));
        // 4–7 October will be off once the notice moves weekends (调休); until then they are assumed working days.
        Assert.Equal(new DayInfo(D("2027-10-04"), DayKind.Workday, null, false), Cal.Describe(D("2027-10-04")));
        Assert.True(Cal.IsWorkingDay(D("2027-10-04"))); // the documented assumption, warned about
        Assert.Equal(new DayInfo(D("2027-10-09"), DayKind.Weekend, null, false), Cal.Describe(D("2027-10-09")));
    }

    [Fact]
    public void AnswersThatTouch2027_CarryIt()
    {
        var next = Cal.NextWorkingDay(D("2027-03-01"));
        Assert.Equal(D("2027-03-02"), next.Value);
        Assert.Equal([2027], next.UnknownYears);
        Assert.False(next.IsCertain);
        var warning = Assert.IsType<Reception.Core.Common.LocalizableMessage>(next.Warning);
        Assert.Equal(CalendarMessages.UnknownYear, warning.Key);
        Assert.Equal([2027], warning.Args);
        Assert.Contains("2027", warning.ToString());

        var add = Cal.AddWorkingDays(D("2026-12-30"), 3);
        Assert.Equal(D("2027-01-05"), add.Value); // 12-31 Thu, 2027-01-01 Fri 元旦 (provisional), 01-04 Mon, 01-05 Tue (assumed)
        Assert.Equal([2027], add.UnknownYears);

        var notTouching = Cal.AddWorkingDays(D("2026-12-29"), 2);
        Assert.Equal(D("2026-12-31"), notTouching.Value);
        Assert.True(notTouching.IsCertain);
        Assert.Null(notTouching.Warning);
    }

    [Fact]
    public void ARange_FromDecember2026ToJanuary2027_Reports2027()
    {
        var count = Cal.CountWorkingDays(D("2026-12-01"), D("2027-01-31"));
        Assert.Equal([2027], count.UnknownYears);
        Assert.Equal(23 + 20, count.Value); // Dec 2026: 23 weekdays; Jan 2027: 21 weekdays, 元旦 provisionally off

        var range = Cal.WorkingDaysInRange(D("2026-12-01"), D("2027-01-31"));
        Assert.Equal([2027], range.UnknownYears);
        Assert.Equal(count.Value, range.Value.Count);

        Assert.Equal([2027], Cal.UnknownYearsBetween(D("2026-12-01"), D("2027-01-31")));
        Assert.Empty(Cal.UnknownYearsBetween(D("2024-01-01"), D("2026-12-31")));
        Assert.Equal([2023, 2027, 2028], Cal.UnknownYearsBetween(D("2023-06-01"), D("2028-01-01")));
    }

    [Fact]
    public void SeveralUnknownYears_GiveThePluralWarning()
    {
        var answer = Cal.CountWorkingDays(D("2027-01-01"), D("2028-12-31"));
        Assert.Equal([2027, 2028], answer.UnknownYears);
        Assert.Equal(CalendarMessages.UnknownYears, answer.Warning!.Key);
        Assert.Equal(["2027, 2028"], answer.Warning.Args);
    }

    [Fact]
    public void GoingBackInto2023_Reports2023()
    {
        // 2024-01-01 (Mon) is 元旦; the previous working day is Friday 2023-12-29, in an unknown year.
        var previous = Cal.PreviousWorkingDay(D("2024-01-02"));
        Assert.Equal(D("2023-12-29"), previous.Value);
        Assert.Equal([2023], previous.UnknownYears);

        var certain = Cal.PreviousWorkingDay(D("2024-01-03"));
        Assert.Equal(D("2024-01-02"), certain.Value);
        Assert.True(certain.IsCertain);
    }

    [Theory]
    [InlineData("2026-09-30", "2026-10-08")] // National Day 1–7 Oct skipped
    [InlineData("2026-09-24", "2026-09-28")] // Mid-Autumn 25–27 Sep skipped
    [InlineData("2026-02-13", "2026-02-14")] // Friday → make-up Saturday
    [InlineData("2026-02-14", "2026-02-24")] // make-up Saturday → after Spring Festival
    [InlineData("2026-10-09", "2026-10-10")] // Friday → make-up Saturday
    [InlineData("2026-12-31", "2027-01-04")] // into the unknown year: 元旦 is provisional, Monday assumed working
    [InlineData("2025-09-30", "2025-10-09")] // 2025 National Day + Mid-Autumn, 1–8 Oct
    public void NextWorkingDay_SkipsHolidays(string after, string expected) =>
        Assert.Equal(D(expected), Cal.NextWorkingDay(D(after)).Value);

    [Theory]
    [InlineData("2026-10-08", "2026-09-30")]
    [InlineData("2026-02-24", "2026-02-14")]
    [InlineData("2026-01-05", "2026-01-04")] // Monday → make-up Sunday
    [InlineData("2026-01-04", "2025-12-31")] // 1–3 Jan 2026 off
    public void PreviousWorkingDay_SkipsHolidays(string before, string expected) =>
        Assert.Equal(D(expected), Cal.PreviousWorkingDay(D(before)).Value);

    [Theory]
    [InlineData("2026-09-30", 1, "2026-10-08")]
    [InlineData("2026-09-30", 3, "2026-10-10")] // 10-08 Thu, 10-09 Fri, 10-10 make-up Sat
    [InlineData("2026-09-30", 4, "2026-10-12")]
    [InlineData("2026-09-18", 1, "2026-09-20")] // Fri → make-up Sun (Sat 09-19 is a plain weekend)
    [InlineData("2026-09-18", 5, "2026-09-24")] // 20 Sun, 21 Mon, 22, 23, 24 Thu
    [InlineData("2026-09-18", 6, "2026-09-28")] // 25–27 Mid-Autumn
    [InlineData("2026-02-12", 2, "2026-02-14")] // 13 Fri, 14 make-up Sat
    [InlineData("2026-02-12", 3, "2026-02-24")]
    [InlineData("2026-10-12", -4, "2026-09-30")]
    [InlineData("2026-02-24", -2, "2026-02-13")]
    [InlineData("2026-12-31", -248, "2025-12-31")] // 2026 has 248 working days
    public void AddWorkingDays_AcrossHolidaysAndMakeUpDays(string start, int days, string expected)
    {
        var answer = Cal.AddWorkingDays(D(start), days);
        Assert.Equal(D(expected), answer.Value);
        Assert.True(answer.IsCertain);
    }

    [Theory]
    [InlineData("2026-10-01")] // a holiday
    [InlineData("2026-03-07")] // a weekend
    [InlineData("2026-03-10")] // a workday
    [InlineData("2027-05-01")] // an unknown year: still certain, nothing was looked up
    public void AddWorkingDaysZero_ReturnsTheStartItself(string iso)
    {
        var answer = Cal.AddWorkingDays(D(iso), 0);
        Assert.Equal(D(iso), answer.Value);
        Assert.True(answer.IsCertain);
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    public void CountWorkingDays_ForAWholeYear_MatchesFirstPrinciples(int year)
    {
        // Independent of HolidayCsv and of the calendar: read the shipped CSV naively.
        var rows = ShippedHolidays.ReadCsv()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(l => l.Split(','))
            .Select(f => (Date: D(f[0]), Off: f[2] == "true"))
            .Where(r => r.Date.Year == year)
            .ToArray();
        static bool Weekday(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var weekdays = 0;
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            weekdays += Weekday(d) ? 1 : 0;
        }

        var offWeekdays = rows.Count(r => r.Off && Weekday(r.Date));
        var makeUpWeekendDays = rows.Count(r => !r.Off && !Weekday(r.Date));
        var expected = weekdays - offWeekdays + makeUpWeekendDays;

        var answer = Cal.CountWorkingDays(first, last);
        Assert.True(answer.IsCertain);
        Assert.Equal(expected, answer.Value);

        // Statutory public holidays: 11 days until 2024, 13 from 2025 (State Council decree No. 795).
        // Every make-up working day pays back one shifted weekday off.
        Assert.Equal(year <= 2024 ? 11 : 13, offWeekdays - makeUpWeekendDays);
    }

    [Theory]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void WorkingDays_PerYear(int year, int expected) =>
        Assert.Equal(expected, Cal.CountWorkingDays(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)).Value);

    [Fact]
    public void WorkingDaysInRange_ListsOctober2026()
    {
        var answer = Cal.WorkingDaysInRange(D("2026-10-01"), D("2026-10-12"));
        Assert.True(answer.IsCertain);
        Assert.Equal([D("2026-10-08"), D("2026-10-09"), D("2026-10-10"), D("2026-10-12")], answer.Value);
    }

    [Fact]
    public void ReversedRanges_AreEmptyAndCertain()
    {
        Assert.Empty(Cal.WorkingDaysInRange(D("2027-02-01"), D("2027-01-01")).Value);
        Assert.True(Cal.WorkingDaysInRange(D("2027-02-01"), D("2027-01-01")).IsCertain);
        Assert.Equal(0, Cal.CountWorkingDays(D("2027-02-01"), D("2027-01-01")).Value);
        Assert.Empty(Cal.UnknownYearsBetween(D("2027-02-01"), D("2027-01-01")));
        Assert.Equal(1, Cal.CountWorkingDays(D("2026-10-10"), D("2026-10-10")).Value);
        Assert.Equal(0, Cal.CountWorkingDays(D("2026-10-01"), D("2026-10-01")).Value);
    }

    [Fact]
    public void LoadShipped_IsSharedAndShippedHolidaysReturnsFreshEntities()
    {
        Assert.Same(WorkingDayCalendar.LoadShipped(), WorkingDayCalendar.LoadShipped());
        var a = ShippedHolidays.Load();
        var b = ShippedHolidays.Load();
        Assert.NotSame(a.Entries[0], b.Entries[0]);

        // Mutating a loaded entity (it is an EF entity) does not change a calendar built from it.
        var cal = new WorkingDayCalendar(a.Entries, a.Years);
        var nationalDay = a.Entries.Single(e => e.Date == D("2026-10-01"));
        nationalDay.Change("改过", isOffDay: false);
        Assert.Equal(DayKind.Holiday, cal.Describe(D("2026-10-01")).Kind);
        Assert.Equal("国庆节", cal.Describe(D("2026-10-01")).HolidayName);

        Assert.All(a.Years, y => Assert.StartsWith("https://www.gov.cn/", ShippedHolidays.SourceFor(y)));
        Assert.True(ShippedHolidays.Source.Length <= CalendarYear.SourceMaxLength);
    }
}
