using System.Globalization;
using Reception.Core.Calendar;

namespace Reception.Core.Tests.Calendar;

/// <summary>
/// The State Council's notices as administrators paste them: the real 2024, 2025 and 2026 texts (Notices/, see
/// SOURCE.txt) against the shipped arrangement, copies mangled the way web pages and PDFs mangle them, older wordings,
/// and texts the reader must refuse rather than guess.
/// </summary>
public class HolidayNoticeTests
{
    private static string Notice(int year) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Calendar", "Notices", $"{year}.txt"));

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Rows(IEnumerable<HolidayEntry> entries) =>
        string.Join("\n", entries.Select(e => $"{e.Date:yyyy-MM-dd},{e.Name},{(e.IsOffDay ? "true" : "false")}"));

    private static string ShippedRows(int year) => Rows(ShippedHolidays.Load().Entries.Where(e => e.Date.Year == year).OrderBy(e => e.Date));

    private static HolidayNoticeResult Read(string text)
    {
        var result = HolidayNotice.Read(text);
        Assert.True(result.Succeeded, "Refused: " + string.Join(" | ", result.Errors));
        return result;
    }

    private static string[] Refusal(string text)
    {
        var result = HolidayNotice.Read(text);
        Assert.False(result.Succeeded);
        Assert.Empty(result.Entries);
        return result.Errors.Select(e => e.Key).ToArray();
    }

    [Theory]
    [InlineData(2024)]
    [InlineData(2025)]
    [InlineData(2026)]
    public void Read_TheRealNotice_GivesExactlyThatYearOfTheShippedArrangement(int year)
    {
        var result = Read(Notice(year));

        Assert.Equal(year, result.Year);
        Assert.Equal(ShippedRows(year), Rows(result.Entries));
        Assert.All(result.Entries, e => Assert.False(e.EnteredByHand));
    }

    [Fact]
    public void Read_2024_IgnoresTheEncouragementToRestOnNewYearsEve()
    {
        // "鼓励各单位…安排职工在除夕（2月9日）休息": a recommendation, not an official day off.
        var result = Read(Notice(2024));

        Assert.DoesNotContain(result.Entries, e => e.Date == D("2024-02-09"));
        Assert.Equal(D("2024-01-01"), result.Entries[0].Date); // 与周末连休 adds no weekend dates
        Assert.Equal(36, result.Entries.Count);
    }

    [Fact]
    public void Read_2025_ReadsRangesAcrossAMonthEndAndTwoFestivalsInOneItem()
    {
        var result = Read(Notice(2025));

        Assert.Equal(["端午节", "端午节", "端午节"], result.Entries.Where(e => e.Date >= D("2025-05-31") && e.Date <= D("2025-06-02")).Select(e => e.Name));
        Assert.Equal("国庆节、中秋节", result.Entries.Single(e => e.Date == D("2025-10-08")).Name);
        Assert.Equal([D("2025-01-26"), D("2025-02-08")], result.Entries.Where(e => e.Name == "春节" && !e.IsOffDay).Select(e => e.Date));
        // The preamble's "自2025年1月1日起" and "自10月1日起放假调休7天" are principles, not dates of the arrangement.
        Assert.Single(result.Entries, e => e.Name == "元旦");
    }

    [Fact]
    public void Read_ACopyWithAsciiPunctuationSpacesAndWrappedLines_GivesTheSameArrangement()
    {
        // As web pages and PDFs give it: half-width brackets and colons, spaces, lines broken inside sentences.
        var mangled = Notice(2025)
            .Replace('（', '(').Replace('）', ')').Replace('：', ':').Replace('，', ',')
            .Replace("至2月4日", "至 2月4日 ").Replace("放假调休，共8天。", "放假调休，\n共8天。")
            .Replace("\n", "\r\n");
        var wrapped = string.Join("\n", mangled.Chunk(37).Select(c => new string(c)));

        Assert.Equal(ShippedRows(2025), Rows(Read(wrapped).Entries));
    }

    [Fact]
    public void Read_TheWholeNoticeOnOneLine_GivesTheSameArrangement()
    {
        var oneLine = Notice(2026).Replace("\n", "", StringComparison.Ordinal);

        Assert.Equal(ShippedRows(2026), Rows(Read(oneLine).Entries));
    }

    [Fact]
    public void Read_2019_DatesOfTheYearBeforeAreKeptWithTheirYear()
    {
        // The 2019 notice as first published (国办发明电〔2018〕15号).
        const string text = """
            国务院办公厅关于2019年部分节假日安排的通知
            一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。
            二、春节：2月4日至10日放假调休，共7天。2月2日（星期六）、2月3日（星期日）上班。
            三、清明节：4月5日放假，与周末连休。
            四、劳动节：5月1日放假。
            五、端午节：6月7日放假，与周末连休。
            六、中秋节：9月13日放假，与周末连休。
            七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
            """;

        var result = Read(text);

        Assert.Equal(
            "2018-12-29,元旦,false\n2018-12-30,元旦,true\n2018-12-31,元旦,true\n2019-01-01,元旦,true",
            Rows(result.Entries.Take(4)));
        Assert.Equal(2019, result.Year);
        Assert.Equal(4 + 9 + 1 + 1 + 1 + 1 + 9, result.Entries.Count);
    }

    [Fact]
    public void Read_2015_CompensatoryDaysOff()
    {
        // 补休: a statutory day on a weekend is made up on the Monday.
        const string text = """
            国务院办公厅关于2015年部分节假日安排的通知
            一、元旦：1月1日至3日放假调休，共3天。1月4日（星期日）上班。
            二、春节：2月18日至24日放假调休，共7天。2月15日（星期日）、2月28日（星期六）上班。
            三、清明节：4月5日放假，4月6日（星期一）补休。
            四、劳动节：5月1日放假，与周末连休。
            五、端午节：6月20日放假，6月22日（星期一）补休。
            六、中秋节：9月27日放假。
            七、国庆节：10月1日至7日放假调休，共7天。10月10日（星期六）上班。
            """;

        var result = Read(text);

        Assert.Equal("2015-04-05,清明节,true\n2015-04-06,清明节,true", Rows(result.Entries.Where(e => e.Name == "清明节")));
        Assert.Equal([D("2015-06-20"), D("2015-06-22")], result.Entries.Where(e => e.Name == "端午节").Select(e => e.Date));
    }

    [Fact]
    public void Read_OlderWordings_DayWithoutMonthPublicRestAndDashRanges()
    {
        // 2010/2011 wording: "2月6日（星期六）、14日（星期日）上班" (the month carried over), "放假公休", a dash for 至.
        const string text = """
            国务院办公厅关于2016年部分节假日安排的通知
            一、元旦：1月1日放假，与周末连休。
            二、春节：2月7日—13日放假公休，共7天。2月6日（星期六）、14日（星期日）上班。
            三、清明节：4月4日放假，与周末连休。
            四、劳动节：5月1日放假，5月2日（星期一）补休。
            五、端午节：6月9日至11日放假调休，共3天。6月12日（星期日）上班。
            六、中秋节：9月15日至17日放假调休，共3天。9月18日（星期日）上班。
            七、国庆节：10月1日至7日放假调休，共7天。10月8日（星期六）、10月9日（星期日）上班。
            """;

        var result = Read(text);

        Assert.Equal([D("2016-02-06"), D("2016-02-14")], result.Entries.Where(e => e.Name == "春节" && !e.IsOffDay).Select(e => e.Date));
        Assert.Equal(7, result.Entries.Count(e => e.Name == "春节" && e.IsOffDay));
    }

    [Fact]
    public void Read_AnEncouragementInsideAnItem_KeepsTheArrangementBeforeIt()
    {
        var text = Notice(2026).Replace("放假，共3天。\n六、", "放假，共3天，鼓励有条件的单位安排职工在6月18日休息。\n六、", StringComparison.Ordinal);

        var result = Read(text);

        Assert.DoesNotContain(result.Entries, e => e.Date == D("2026-06-18"));
        Assert.Equal(ShippedRows(2026), Rows(result.Entries));
    }

    // ---- refusals ----------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public void Read_Nothing_AsksForTheNotice(string text) =>
        Assert.Equal([CalendarMessages.NoticeEmpty], Refusal(text));

    [Fact]
    public void Read_ItemsWithoutTheTitle_RefusesToGuessTheYear()
    {
        var items = string.Join("\n", Notice(2026).Split('\n').Where(l => l.Length > 1 && "一二三四五六七".Contains(l[0], StringComparison.Ordinal)));

        Assert.Equal([CalendarMessages.NoticeNoYear], Refusal(items));
    }

    [Fact]
    public void Read_TwoYears_Refused()
    {
        var text = Notice(2026).Replace("现将2026年", "现将2027年", StringComparison.Ordinal);

        Assert.Equal([CalendarMessages.NoticeYearsDisagree], Refusal(text));
    }

    [Fact]
    public void Read_ThePreviousYearsTitleOnThisYearsItems_TheWeekdaysDoNotMatch()
    {
        var text = Notice(2026).Replace("2026年", "2027年", StringComparison.Ordinal);

        var result = HolidayNotice.Read(text);

        Assert.False(result.Succeeded);
        var first = result.Errors[0];
        Assert.Equal(CalendarMessages.NoticeWrongWeekday, first.Key);
        Assert.Equal(["2027-01-01", "一、元旦", DayOfWeek.Friday, "周四"], first.Args);
    }

    [Fact]
    public void Read_AWrongLunarNote_Refused()
    {
        var text = Notice(2026).Replace("农历腊月二十八", "农历腊月二十七", StringComparison.Ordinal);

        var result = HolidayNotice.Read(text);

        Assert.Equal(CalendarMessages.NoticeWrongLunarDay, Assert.Single(result.Errors).Key);
        Assert.Equal(["2026-02-15", "二、春节", "腊月二十七"], result.Errors[0].Args);
    }

    [Fact]
    public void Read_The2008Wording_IsRefusedNotGuessed()
    {
        // 2008's notice spelt out which days were statutory and which weekends moved; too varied to read safely.
        const string text = """
            国务院办公厅关于2008年部分节假日安排的通知
            一、元旦：2007年12月30日—2008年1月1日放假，共3天。其中，1月1日（星期二）为法定节假日，12月30日（星期日）为公休日，12月29日（星期六）公休日调至12月31日（星期一），12月29日（星期六）上班。
            """;

        var result = HolidayNotice.Read(text);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Key == CalendarMessages.NoticeUnreadable && e.Args.SequenceEqual(["1月1日(星期二)为法定节假日", "一、元旦"]));
        Assert.Contains(result.Errors, e => e.Key == CalendarMessages.NoticeUnreadable && e.Args.SequenceEqual(["12月29日(星期六)公休日调至12月31日(星期一)", "一、元旦"]));
    }

    [Fact]
    public void Read_The2020Extension_IsRefused()
    {
        const string text = """
            国务院办公厅关于延长2020年春节假期的通知
            现将2020年春节假期调整如下：
            一、延长2020年春节假期：延长2020年春节假期至2月2日（农历正月初九，星期日），2月3日（星期一）起正常上班。
            """;

        Assert.Contains(CalendarMessages.NoticeUnreadable, Refusal(text));
    }

    [Fact]
    public void Read_APartialPaste_NamesTheStatutoryDaysItLeavesOut()
    {
        var firstThree = string.Join("\n", Notice(2026).Split('\n').Where(l => !(l.StartsWith("四、", StringComparison.Ordinal)
            || l.StartsWith("五、", StringComparison.Ordinal) || l.StartsWith("六、", StringComparison.Ordinal) || l.StartsWith("七、", StringComparison.Ordinal))));

        var result = HolidayNotice.Read(firstThree);

        Assert.Equal(
            ["2026-05-01 劳动节", "2026-05-02 劳动节", "2026-06-19 端午节", "2026-09-25 中秋节", "2026-10-01 国庆节", "2026-10-02 国庆节", "2026-10-03 国庆节"],
            result.Errors.Select(e => $"{e.Args[0]} {e.Args[1]}"));
        Assert.All(result.Errors, e => Assert.Equal(CalendarMessages.NoticeStatutoryDayMissing, e.Key));
    }

    [Fact]
    public void Read_AMissingItemInTheMiddle_Refused()
    {
        var text = string.Join("\n", Notice(2026).Split('\n').Where(l => !l.StartsWith("三、", StringComparison.Ordinal)));

        var result = HolidayNotice.Read(text);

        Assert.Equal(CalendarMessages.NoticeItemsOutOfOrder, Assert.Single(result.Errors).Key);
        Assert.Equal(["二", "四"], result.Errors[0].Args);
    }

    [Fact]
    public void Read_ACountThatDoesNotMatchTheDates_Refused()
    {
        var text = Notice(2026).Replace("放假调休，共9天", "放假调休，共8天", StringComparison.Ordinal);

        var result = HolidayNotice.Read(text);

        Assert.Equal(CalendarMessages.NoticeCountMismatch, Assert.Single(result.Errors).Key);
        Assert.Equal(["二、春节", 8, 9], result.Errors[0].Args);
    }

    [Fact]
    public void Read_AMakeUpWorkingDayOnAWeekday_Refused()
    {
        var text = Notice(2026).Replace("1月4日（周日）上班", "1月5日上班", StringComparison.Ordinal);

        var result = HolidayNotice.Read(text);

        Assert.Equal(CalendarMessages.NoticeMakeUpOnWeekday, Assert.Single(result.Errors).Key);
        Assert.Equal(["2026-01-05", "一、元旦", DayOfWeek.Monday], result.Errors[0].Args);
    }

    [Fact]
    public void Read_ADateBothOffAndWorked_Refused()
    {
        var text = Notice(2026).Replace("5月9日（周六）上班", "5月2日（周六）上班", StringComparison.Ordinal);

        var result = HolidayNotice.Read(text);

        Assert.Contains(result.Errors, e => e.Key == CalendarMessages.NoticeOffAndWork && (string)e.Args[0] == "2026-05-02");
    }

    [Theory]
    [InlineData("1月1日（周四）至3日（周六）", "3日至5日", CalendarMessages.NoticeDateWithoutMonth)]
    [InlineData("1月1日（周四）至3日（周六）", "1月3日至1日", CalendarMessages.NoticeRangeReversed)]
    [InlineData("1月1日（周四）至3日（周六）", "1月1日至2月20日", CalendarMessages.NoticeRangeTooLong)]
    [InlineData("1月1日（周四）至3日（周六）", "2月30日至3日", CalendarMessages.NoticeBadDate)]
    [InlineData("1月4日（周日）上班", "2024年1月4日上班", CalendarMessages.NoticeDateOutsideYear)]
    [InlineData("1月4日（周日）上班", "1月4日（周日）起上班", CalendarMessages.NoticeUnreadable)]
    public void Read_ADateItCannotTake_Refused(string original, string replacement, string expected)
    {
        var text = Notice(2026).Replace(original, replacement, StringComparison.Ordinal);

        Assert.Contains(expected, Refusal(text));
    }

    [Fact]
    public void Read_AnOversizeText_Refused() =>
        Assert.Equal([CalendarMessages.NoticeTooLong], Refusal(Notice(2026) + new string('。', HolidayNotice.MaxLength)));

    [Fact]
    public void Read_NoItems_Refused() =>
        Assert.Equal([CalendarMessages.NoticeNoItems], Refusal("国务院办公厅关于2027年部分节假日安排的通知\n各省、自治区、直辖市人民政府："));
}
