using Reception.Core.Calendar;

namespace Reception.Core.Tests.Calendar;

public class WorkingDayCalendarEdgeTests
{
    private static readonly DateOnly Oct1 = new(2030, 10, 1);

    [Fact]
    public void Empty_KnowsNothingAndSaysSo()
    {
        var cal = WorkingDayCalendar.Empty;
        Assert.Empty(cal.KnownYears);
        Assert.False(cal.IsYearKnown(2026));
        // Only the statutory days are certain to be off; they are provisional until the notice is loaded.
        Assert.Equal(new DayInfo(new DateOnly(2026, 10, 1), DayKind.Holiday, "国庆节", false, IsProvisional: true), cal.Describe(new DateOnly(2026, 10, 1)));
        Assert.Equal(new DayInfo(new DateOnly(2026, 10, 5), DayKind.Workday, null, false), cal.Describe(new DateOnly(2026, 10, 5)));
        var answer = cal.NextWorkingDay(new DateOnly(2026, 9, 30));
        Assert.Equal(new DateOnly(2026, 10, 5), answer.Value); // 1–3 Oct statutory, 4 Oct a Sunday
        Assert.Equal([2026], answer.UnknownYears);
        Assert.Equal(261 - 10, cal.CountWorkingDays(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)).Value); // 13 statutory days, 10 on weekdays
    }

    [Fact]
    public void EntriesOfAYear_ThatIsNotKnown_AreIgnored()
    {
        var entered = new DateOnly(2030, 10, 8);
        var cal = new WorkingDayCalendar([new HolidayEntry(entered, "国庆节", true), new HolidayEntry(Oct1, "改过", false)], []);
        var info = cal.Describe(entered);
        Assert.False(info.YearKnown);
        Assert.Equal(DayKind.Workday, info.Kind); // a Tuesday, not a statutory day
        Assert.Null(info.HolidayName);
        Assert.Equal(new DayInfo(Oct1, DayKind.Holiday, "国庆节", false, IsProvisional: true), cal.Describe(Oct1)); // the statutory day stays
    }

    [Fact]
    public void AnUnknownYear_OutsideTheStatutoryRange_FollowsTheWeekdayRuleAlone()
    {
        var cal = TestCalendars.Shipped;
        var newYear2101 = new DateOnly(2101, 1, 3); // a Monday
        Assert.Equal(new DayInfo(newYear2101, DayKind.Workday, null, false), cal.Describe(newYear2101));
        var answer = cal.CountWorkingDays(new DateOnly(2101, 1, 1), new DateOnly(2101, 12, 31));
        Assert.Equal(260, answer.Value);
        Assert.Equal(CalendarMessages.UnknownYearWeekdaysOnly, answer.Warning!.Key);
        Assert.Equal(CalendarMessages.UnknownYearsWeekdaysOnly, cal.CountWorkingDays(new DateOnly(2100, 1, 1), new DateOnly(2101, 12, 31)).Warning!.Key);
    }

    [Fact]
    public void ProvisionalDaysOfEveryComputableYear_AreOffAndAgreeWithTheCounts()
    {
        var cal = WorkingDayCalendar.Empty;
        for (var year = StatutoryHolidays.FirstYear; year <= StatutoryHolidays.LastYear; year++)
        {
            var days = StatutoryHolidays.For(year);
            Assert.All(days, d => Assert.Equal(new DayInfo(d.Date, DayKind.Holiday, d.Name, false, IsProvisional: true), cal.Describe(d.Date)));
            var first = new DateOnly(year, 1, 1);
            var last = new DateOnly(year, 12, 31);
            var weekdays = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Count(i => first.AddDays(i).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
            var offWeekdays = days.Count(d => d.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
            Assert.Equal(weekdays - offWeekdays, cal.CountWorkingDays(first, last).Value);
        }
    }

    [Fact]
    public void AKnownYear_WithoutEntries_FollowsTheWeekdayRuleAndIsCertain()
    {
        var cal = new WorkingDayCalendar([], [2030, 2030]);
        Assert.Equal([2030], cal.KnownYears);
        Assert.True(cal.Describe(Oct1).YearKnown);
        Assert.True(cal.CountWorkingDays(new DateOnly(2030, 1, 1), new DateOnly(2030, 12, 31)).IsCertain);
    }

    [Fact]
    public void KnownYears_NeedNotBeContiguous()
    {
        var cal = new WorkingDayCalendar(
            [new HolidayEntry(new DateOnly(2024, 1, 1), "元旦", true), new HolidayEntry(new DateOnly(2026, 1, 1), "元旦", true)],
            [2026, 2024]);
        Assert.Equal([2024, 2026], cal.KnownYears);
        Assert.False(cal.IsYearKnown(2025));
        var count = cal.CountWorkingDays(new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31));
        Assert.Equal([2025], count.UnknownYears);
        // 2025 unknown: its 13 statutory days are provisional, 12 of them weekdays (2025-05-31 is a Saturday).
        Assert.Equal((262 - 1) + (261 - 12) + (261 - 1), count.Value);
    }

    [Fact]
    public void DuplicateDates_AreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new WorkingDayCalendar(
            [new HolidayEntry(Oct1, "国庆节", true), new HolidayEntry(Oct1, "国庆节", false)], [2030]));
        Assert.Contains("2030-10-01", ex.Message);
    }

    [Fact]
    public void OutOfRangeKnownYears_AreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkingDayCalendar([], [10000]));

    [Fact]
    public void AKnownYear_WithoutAnyWorkingDay_DoesNotHang()
    {
        var allOff = Enumerable.Range(0, 365).Select(i => new HolidayEntry(new DateOnly(2030, 1, 1).AddDays(i), "休", true));
        var cal = new WorkingDayCalendar(allOff, [2029, 2030]);
        Assert.Equal(0, cal.CountWorkingDays(new DateOnly(2030, 1, 1), new DateOnly(2030, 12, 31)).Value);

        var next = cal.NextWorkingDay(new DateOnly(2029, 12, 31));
        Assert.Equal(new DateOnly(2031, 1, 2), next.Value); // 2031-01-01 is 元旦, provisional
        Assert.Equal([2031], next.UnknownYears);

        var previous = cal.PreviousWorkingDay(new DateOnly(2031, 1, 1));
        Assert.Equal(new DateOnly(2029, 12, 31), previous.Value);
        Assert.True(previous.IsCertain);
    }

    [Fact]
    public void HugeSteps_Terminate()
    {
        var cal = TestCalendars.Shipped;
        var start = new DateOnly(2026, 1, 1);

        var far = cal.AddWorkingDays(start, 1_000_000);
        Assert.Equal(1_000_000, cal.CountWorkingDays(start.AddDays(1), far.Value).Value);
        Assert.Equal(far.Value.Year - 2026, far.UnknownYears.Count); // 2027 .. result year

        Assert.Throws<ArgumentOutOfRangeException>(() => cal.AddWorkingDays(start, int.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => cal.AddWorkingDays(start, int.MinValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => cal.NextWorkingDay(DateOnly.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => cal.NextWorkingDay(new DateOnly(9999, 12, 31)));
        Assert.Throws<ArgumentOutOfRangeException>(() => cal.PreviousWorkingDay(DateOnly.MinValue));

        // 9999-12-31 is a Friday, 0001-01-01 a Monday: the extremes are still reachable.
        Assert.Equal(new DateOnly(9999, 12, 31), cal.NextWorkingDay(new DateOnly(9999, 12, 30)).Value);
        Assert.Equal(DateOnly.MinValue, cal.PreviousWorkingDay(new DateOnly(1, 1, 2)).Value);
    }

    [Fact]
    public void ADefaultAnswer_IsCertainRatherThanCrashing()
    {
        CalendarAnswer<int> answer = default;
        Assert.True(answer.IsCertain);
        Assert.Empty(answer.UnknownYears);
        Assert.Null(answer.Warning);
    }

    [Fact]
    public void Certain_AnswersShareTheEmptyYearList()
    {
        var cal = TestCalendars.Shipped;
        var a = cal.NextWorkingDay(new DateOnly(2026, 3, 2));
        var b = cal.CountWorkingDays(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 31));
        Assert.Same(Array.Empty<int>(), a.UnknownYears);
        Assert.Same(Array.Empty<int>(), b.UnknownYears);
    }

    [Fact]
    public void DescribeAndIsWorkingDay_DoNotAllocate()
    {
        var cal = TestCalendars.Shipped;
        var start = new DateOnly(2023, 1, 1);
        _ = cal.Describe(start);
        _ = cal.IsWorkingDay(start);
        _ = cal.NextWorkingDay(start.AddDays(400));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var working = 0;
        for (var i = 0; i < 365 * 5; i++)
        {
            var d = start.AddDays(i);
            working += cal.IsWorkingDay(d) ? 1 : 0;
            working += cal.Describe(d).IsWorkingDay ? 1 : 0;
            working += cal.NextWorkingDay(start.AddDays(400 + (i % 700))).Value.Day > 0 ? 0 : 1;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(working > 0);
    }
}
