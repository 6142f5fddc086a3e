using System.Globalization;

namespace Reception.Core.Calendar;

/// <summary>One statutory day off (全体公民放假的节日) fixed by 《全国年节及纪念日放假办法》.</summary>
/// <param name="Name">The festival, e.g. 春节; two festivals on one date are joined with 、 (中秋节、国庆节).</param>
public sealed record StatutoryDay(DateOnly Date, string Name);

/// <summary>
/// The days off that 《全国年节及纪念日放假办法》 fixes, for any year from <see cref="FirstYear"/> to
/// <see cref="LastYear"/>. The State Council's yearly notice only moves weekends around them (调休) and may add
/// bridging days; it never removes one. So before the notice is published these days are known, and the calendar
/// uses them as <i>provisional</i> days off (<see cref="WorkingDayCalendar"/>).
/// <para>The rules, by the version in force on 1 January of the year:</para>
/// <list type="table">
/// <item><term>1950–2007 (1949 measures; 1999 revision)</term><description>元旦 1 Jan; 春节 正月初一–初三; 劳动节 1 May
/// (1–3 May from 2000); 国庆节 1–2 Oct (1–3 Oct from 1999, the revision being in force from 18 September 1999).</description></item>
/// <item><term>2008–2013 (2007 revision)</term><description>元旦; 春节 除夕, 初一, 初二; 清明节; 劳动节 1 May; 端午节
/// (五月初五); 中秋节 (八月十五); 国庆节 1–3 Oct.</description></item>
/// <item><term>2014–2024 (2013 revision)</term><description>as 2008, but 春节 初一–初三.</description></item>
/// <item><term>from 2025 (2024 revision, State Council decree No. 795)</term><description>as 2014, plus 除夕 and
/// 2 May: 春节 除夕 and 初一–初三, 劳动节 1–2 May.</description></item>
/// </list>
/// <para>
/// Lunar dates come from .NET's <see cref="ChineseLunisolarCalendar"/> (leap months handled; it covers lunar years
/// 1901–2100, hence <see cref="LastYear"/>); 除夕 is the last day of the lunar year, the day before 正月初一. 清明节 is
/// the day of the 清明 solar term (<see cref="SolarTerms"/>). Both are checked against npm lunar-javascript for
/// every year of the range (<c>StatutoryHolidaysTests</c>).
/// </para>
/// </summary>
public static class StatutoryHolidays
{
    /// <summary>The first whole year under the 1949 measures (in force from 23 December 1949).</summary>
    public const int FirstYear = 1950;

    /// <summary>The last year <see cref="ChineseLunisolarCalendar"/> covers completely (it ends on 2101-01-28).</summary>
    public const int LastYear = 2100;

    public const string NewYear = "元旦";
    public const string SpringFestival = "春节";
    public const string Qingming = "清明节";
    public const string LabourDay = "劳动节";
    public const string DragonBoat = "端午节";
    public const string MidAutumn = "中秋节";
    public const string NationalDay = "国庆节";

    private static readonly ChineseLunisolarCalendar Lunar = new();

    // Computed once, on first use: 151 years of a few lunar conversions and one solar-term solution each (~1 ms).
    private static readonly Lazy<IReadOnlyList<StatutoryDay>[]> Table = new(
        () => Enumerable.Range(FirstYear, LastYear - FirstYear + 1).Select(Compute).ToArray(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Whether the statutory days of <paramref name="year"/> can be computed.</summary>
    public static bool Covers(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>
    /// The statutory days off of <paramref name="year"/>, ascending by date, each date once; empty when the year is not
    /// covered (<see cref="Covers"/>). The list is shared and read-only.
    /// </summary>
    public static IReadOnlyList<StatutoryDay> For(int year) =>
        Covers(year) ? Table.Value[year - FirstYear] : Array.Empty<StatutoryDay>();

    /// <summary>正月初一 (Chinese New Year's Day) of the lunar year that begins in <paramref name="year"/>.</summary>
    public static DateOnly LunarNewYear(int year) => LunarDate(year, 1, 1);

    /// <summary>
    /// The Gregorian date of day <paramref name="day"/> of the ordinary (not leap) lunar month <paramref name="month"/> of
    /// the lunar year that begins in <paramref name="year"/>.
    /// </summary>
    public static DateOnly LunarDate(int year, int month, int day)
    {
        // ChineseLunisolarCalendar numbers the months of a leap year 1–13: GetLeapMonth gives the position of the leap
        // month (e.g. 5 when a leap 4th month follows the 4th), so ordinary months from there on sit one place later.
        var leap = Lunar.GetLeapMonth(year);
        var index = leap > 0 && month >= leap ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    private static IReadOnlyList<StatutoryDay> Compute(int year)
    {
        var days = new List<(DateOnly Date, string Name)>();
        void Add(DateOnly date, string name) => days.Add((date, name));

        Add(new DateOnly(year, 1, 1), NewYear);

        var newYear = LunarNewYear(year);
        if (year is >= 2008 and <= 2013 or >= 2025)
        {
            Add(newYear.AddDays(-1), SpringFestival); // 除夕
        }

        var springDays = year is >= 2008 and <= 2013 ? 2 : 3;
        for (var i = 0; i < springDays; i++)
        {
            Add(newYear.AddDays(i), SpringFestival);
        }

        if (year >= 2008)
        {
            Add(SolarTerms.QingmingDate(year), Qingming);
        }

        var labourDays = year switch { >= 2025 => 2, >= 2008 => 1, >= 2000 => 3, _ => 1 };
        for (var i = 1; i <= labourDays; i++)
        {
            Add(new DateOnly(year, 5, i), LabourDay);
        }

        if (year >= 2008)
        {
            Add(LunarDate(year, 5, 5), DragonBoat);
            Add(LunarDate(year, 8, 15), MidAutumn);
        }

        var nationalDays = year >= 1999 ? 3 : 2;
        for (var i = 1; i <= nationalDays; i++)
        {
            Add(new DateOnly(year, 10, i), NationalDay);
        }

        // 中秋节 can fall on 1–3 October (2020, 2039, …): one date, both names, in the order of the measures.
        return days
            .GroupBy(d => d.Date)
            .OrderBy(g => g.Key)
            .Select(g => new StatutoryDay(g.Key, string.Join("、", g.Select(d => d.Name).Distinct())))
            .ToArray()
            .AsReadOnly();
    }
}
