using System.Globalization;
using Reception.Core.Calendar;

namespace Reception.Core.Tests.Calendar;

public class StatutoryHolidaysTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly[] Dates(int year, string name) =>
        StatutoryHolidays.For(year).Where(d => d.Name.Split('、').Contains(name)).Select(d => d.Date).ToArray();

    [Fact]
    public async Task LunarFestivals_AgreeWithLunarJavascript_InEveryYear()
    {
        var peer = await LunarJavascript.FestivalsAsync(StatutoryHolidays.FirstYear, StatutoryHolidays.LastYear);

        Assert.Equal(StatutoryHolidays.LastYear - StatutoryHolidays.FirstYear + 1, peer.Count);
        foreach (var f in peer)
        {
            var year = f.Year;
            Assert.Equal((year, f.NewYear), (year, StatutoryHolidays.LunarNewYear(year)));
            Assert.Equal((year, f.NewYearsEve), (year, StatutoryHolidays.LunarNewYear(year).AddDays(-1)));
            Assert.Equal((year, f.DragonBoat), (year, StatutoryHolidays.LunarDate(year, 5, 5)));
            Assert.Equal((year, f.MidAutumn), (year, StatutoryHolidays.LunarDate(year, 8, 15)));
            Assert.Equal((year, f.Qingming), (year, SolarTerms.QingmingDate(year)));
        }
    }

    [Fact]
    public void EveryComputedStatutoryDay_IsADayOffInTheShippedOfficialYears()
    {
        // The law fixes these days; a notice moves weekends around them but never works one. Every year shipped.
        var shipped = ShippedHolidays.Load();
        var offDays = shipped.Entries.Where(e => e.IsOffDay).Select(e => e.Date).ToHashSet();

        foreach (var year in shipped.Years)
        {
            var days = StatutoryHolidays.For(year);
            Assert.Equal(year <= 2024 ? 11 : 13, days.Count); // 11 days until 2024, 13 from 2025 (none coincided)
            Assert.All(days, d => Assert.True(offDays.Contains(d.Date), $"{d.Date:yyyy-MM-dd} {d.Name} is not off in the shipped {year}"));
        }
    }

    [Fact]
    public void For2026_IsTheThirteenDaysOfTheRevisedMeasures()
    {
        Assert.Equal(
        [
            new(D("2026-01-01"), "元旦"),
            new(D("2026-02-16"), "春节"), // 除夕
            new(D("2026-02-17"), "春节"), // 正月初一
            new(D("2026-02-18"), "春节"),
            new(D("2026-02-19"), "春节"),
            new(D("2026-04-05"), "清明节"),
            new(D("2026-05-01"), "劳动节"),
            new(D("2026-05-02"), "劳动节"),
            new(D("2026-06-19"), "端午节"),
            new(D("2026-09-25"), "中秋节"),
            new(D("2026-10-01"), "国庆节"),
            new(D("2026-10-02"), "国庆节"),
            new(D("2026-10-03"), "国庆节"),
        ], StatutoryHolidays.For(2026));
    }

    [Fact]
    public void For2027_SpringFestivalFromNewYearsEveOn5February()
    {
        // 2027: 正月初一 is Saturday 6 February, so 除夕 is Friday 5 February.
        Assert.Equal([D("2027-02-05"), D("2027-02-06"), D("2027-02-07"), D("2027-02-08")], Dates(2027, "春节"));
        Assert.Equal([D("2027-04-05")], Dates(2027, "清明节"));
        Assert.Equal([D("2027-06-09")], Dates(2027, "端午节"));
        Assert.Equal([D("2027-09-15")], Dates(2027, "中秋节"));
        Assert.Equal(13, StatutoryHolidays.For(2027).Count);
    }

    [Fact]
    public void MidAutumnOnNationalDay_IsOneDateWithBothNames()
    {
        // 2020: 八月十五 was 1 October.
        var days = StatutoryHolidays.For(2020);
        Assert.Contains(new StatutoryDay(D("2020-10-01"), "中秋节、国庆节"), days);
        Assert.Equal(10, days.Count); // 11 statutory days, two on one date
        Assert.Equal(days.Select(d => d.Date).Distinct().Count(), days.Count);
    }

    [Theory]
    [InlineData(1998, 7)]  // 元旦 1, 春节 3, 劳动节 1, 国庆节 2
    [InlineData(1999, 8)]  // 国庆节 3 from the revision of 18 September 1999
    [InlineData(2007, 10)] // 劳动节 3
    [InlineData(2010, 11)] // 2007 revision: 除夕, 初一, 初二; 清明节, 端午节, 中秋节; 劳动节 1
    [InlineData(2014, 11)] // 2013 revision: 初一–初三
    [InlineData(2025, 13)] // 2024 revision: 除夕 and 2 May added
    public void TheRulesFollowTheRevisions(int year, int days)
    {
        Assert.Equal(days, StatutoryHolidays.For(year).Count);
        Assert.Equal(year is >= 2008 and <= 2013 or >= 2025, Dates(year, "春节").Contains(StatutoryHolidays.LunarNewYear(year).AddDays(-1)));
    }

    [Theory]
    [InlineData(1949)]
    [InlineData(2101)]
    public void OutsideTheComputableYears_ThereAreNone(int year)
    {
        Assert.False(StatutoryHolidays.Covers(year));
        Assert.Empty(StatutoryHolidays.For(year));
    }

    [Fact]
    public void LunarDate_SkipsTheLeapMonth()
    {
        // 2025 has a leap 6th month (闰六月); 八月十五 is 6 October, not a month earlier.
        Assert.Equal(D("2025-10-06"), StatutoryHolidays.LunarDate(2025, 8, 15));
        // 2023 has a leap 2nd month; 五月初五 is 22 June.
        Assert.Equal(D("2023-06-22"), StatutoryHolidays.LunarDate(2023, 5, 5));
    }

    [Fact]
    public void NewYearsEve_IsTheLastDayOfTheTwelfthLunarMonth()
    {
        var lunar = new ChineseLunisolarCalendar();
        foreach (var year in Enumerable.Range(StatutoryHolidays.FirstYear, StatutoryHolidays.LastYear - StatutoryHolidays.FirstYear + 1))
        {
            var eve = StatutoryHolidays.LunarNewYear(year).AddDays(-1).ToDateTime(TimeOnly.MinValue);
            var lunarYear = lunar.GetYear(eve);
            Assert.Equal(lunar.GetMonthsInYear(lunarYear), lunar.GetMonth(eve)); // the year's last month …
            Assert.Equal(lunar.GetDaysInMonth(lunarYear, lunar.GetMonth(eve)), lunar.GetDayOfMonth(eve)); // … its last day
            Assert.Equal(0, lunar.GetLeapMonth(lunarYear) is var leap && leap == lunar.GetMonthsInYear(lunarYear) ? 1 : 0); // never a leap 12th month in this range
        }
    }
}
