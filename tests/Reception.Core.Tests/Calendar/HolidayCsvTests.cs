using Reception.Core.Calendar;
using Reception.Core.Imports;

namespace Reception.Core.Tests.Calendar;

public class HolidayCsvTests
{
    private const string H = "date,name,is_off_day\n";

    private static ImportError SingleError(HolidayCsvResult result)
    {
        Assert.False(result.Succeeded);
        Assert.Empty(result.Entries);
        Assert.Empty(result.Years);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void TheShippedFile_ParsesAndIts2024To2026PartHas108Rows()
    {
        var parsed = HolidayCsv.Parse(ShippedHolidays.ReadCsv());
        Assert.True(parsed.Succeeded);
        Assert.Empty(parsed.Errors);
        var result = parsed.Through(2026); // later years are added as they are published; these three are fixed
        Assert.Equal(108, result.Entries.Count);
        Assert.Equal([2024, 2025, 2026], result.Years);

        // As stated in cn-holidays.SOURCE.txt: 2024=36 (28 off, 8 work), 2025=33 (28/5), 2026=39 (33/6).
        foreach (var (year, off, work) in new[] { (2024, 28, 8), (2025, 28, 5), (2026, 33, 6) })
        {
            var rows = result.Entries.Where(e => e.Date.Year == year).ToArray();
            Assert.Equal(off, rows.Count(e => e.IsOffDay));
            Assert.Equal(work, rows.Count(e => !e.IsOffDay));
        }

        Assert.Equal(new DateOnly(2024, 1, 1), result.Entries[0].Date);
        Assert.Equal("元旦", result.Entries[0].Name);
        Assert.True(result.Entries[0].IsOffDay);
        Assert.Equal("国庆节、中秋节", result.Entries.Single(e => e.Date == new DateOnly(2025, 10, 8)).Name);
    }

    [Fact]
    public void TheShippedFile_IsValidYearByYear()
    {
        foreach (var year in new[] { 2024, 2025, 2026 })
        {
            var lines = ShippedHolidays.ReadCsv().Split('\n');
            var text = H + string.Join('\n', lines.Skip(1).Where(l => l.StartsWith($"{year}-", StringComparison.Ordinal)));
            var result = HolidayCsv.Parse(text, expectedYear: year);
            Assert.True(result.Succeeded);
            Assert.Equal([year], result.Years);
        }
    }

    [Theory]
    [InlineData("date,name\n2026-10-01,国庆节,true\n")]
    [InlineData("日期,名称,是否放假\n2026-10-01,国庆节,true\n")]
    [InlineData("2026-10-01,国庆节,true\n")]
    [InlineData("date,name,is_off_day,extra\n2026-10-01,国庆节,true\n")]
    public void ABadHeader_IsReportedOnLine1AndNothingElse(string text)
    {
        var error = SingleError(HolidayCsv.Parse(text));
        Assert.Equal(1, error.Line);
        Assert.Equal(CalendarMessages.CsvBadHeader, error.Message.Key);
    }

    [Fact]
    public void BOMCRLFSpacesQuotesAndCase_AreToleratedInTheHeader()
    {
        var result = HolidayCsv.Parse("\uFEFF \"date\" , Name ,IS_OFF_DAY \r\n 2026-10-01 , 国庆节 , true \r\n");
        Assert.True(result.Succeeded);
        var entry = Assert.Single(result.Entries);
        Assert.Equal(new DateOnly(2026, 10, 1), entry.Date);
        Assert.Equal("国庆节", entry.Name);
        Assert.True(entry.IsOffDay);
    }

    [Fact]
    public void ABOMDecoded_FromBytes_IsTolerated()
    {
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(H + "2026-10-01,国庆节,true")).ToArray();
        var text = System.Text.Encoding.UTF8.GetString(bytes); // keeps U+FEFF
        Assert.Equal('\uFEFF', text[0]);
        Assert.True(HolidayCsv.Parse(text).Succeeded);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-29")]
    [InlineData("2026/10/01")]
    [InlineData("2026-1-1")]
    [InlineData("01-10-2026")]
    [InlineData("2026-10-01T00:00")]
    [InlineData("２０２６-10-01")]
    [InlineData("")]
    public void ABadDate_IsReported(string date)
    {
        var error = SingleError(HolidayCsv.Parse(H + $"{date},国庆节,true\n"));
        Assert.Equal(2, error.Line);
        Assert.Equal(CalendarMessages.CsvBadDate, error.Message.Key);
        Assert.Equal([date], error.Message.Args);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("True", true)]
    [InlineData("1", true)]
    [InlineData("是", true)]
    [InlineData("放假", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    [InlineData("否", false)]
    [InlineData("上班", false)]
    public void Accepted_Flags(string flag, bool isOffDay)
    {
        var result = HolidayCsv.Parse(H + $"2026-10-01,国庆节,{flag}\n");
        Assert.True(result.Succeeded);
        Assert.Equal(isOffDay, Assert.Single(result.Entries).IsOffDay);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    [InlineData("休")]
    [InlineData("")]
    public void ABadFlag_IsReported(string flag)
    {
        var error = SingleError(HolidayCsv.Parse(H + $"2026-10-01,国庆节,{flag}\n"));
        Assert.Equal(2, error.Line);
        Assert.Equal(CalendarMessages.CsvBadFlag, error.Message.Key);
    }

    [Theory]
    [InlineData("2026-10-01,,true")]
    [InlineData("2026-10-01,   ,true")]
    [InlineData("2026-10-01,\"  \",true")]
    public void AnEmptyName_IsReported(string row)
    {
        var error = SingleError(HolidayCsv.Parse(H + row));
        Assert.Equal(2, error.Line);
        Assert.Equal(CalendarMessages.CsvEmptyName, error.Message.Key);
    }

    [Fact]
    public void Names_AreLimitedTo50Characters()
    {
        Assert.True(HolidayCsv.Parse(H + $"2026-10-01,{new string('节', 50)},true").Succeeded);
        var error = SingleError(HolidayCsv.Parse(H + $"2026-10-01,{new string('节', 51)},true"));
        Assert.Equal(CalendarMessages.CsvNameTooLong, error.Message.Key);
        Assert.Equal([50], error.Message.Args);
    }

    [Fact]
    public void ADuplicateDate_IsReportedOnTheSecondLine()
    {
        var error = SingleError(HolidayCsv.Parse(H + "2026-10-01,国庆节,true\n2026-10-02,国庆节,true\n2026-10-01,国庆节,false\n"));
        Assert.Equal(4, error.Line);
        Assert.Equal(CalendarMessages.CsvDuplicateDate, error.Message.Key);
        Assert.Equal(["2026-10-01", 2], error.Message.Args);
    }

    [Fact]
    public void ADate_OutsideTheExpectedYear_IsReported()
    {
        var text = H + "2026-10-01,国庆节,true\n2025-12-31,元旦,true\n2027-01-01,元旦,true\n";
        var result = HolidayCsv.Parse(text, expectedYear: 2026);
        Assert.Empty(result.Entries);
        Assert.Equal([3, 4], result.Errors.Select(e => e.Line));
        Assert.All(result.Errors, e => Assert.Equal(CalendarMessages.CsvDateOutsideYear, e.Message.Key));
        Assert.Equal(["2025-12-31", 2026], result.Errors[0].Message.Args);

        var ok = HolidayCsv.Parse(H + "2026-10-01,国庆节,true\n", expectedYear: 2026);
        Assert.Equal([2026], ok.Years);
        Assert.True(HolidayCsv.Parse(text).Succeeded); // no expected year: any year goes
        Assert.Equal([2025, 2026, 2027], HolidayCsv.Parse(text).Years);
    }

    [Fact]
    public void QuotedFields_MayContainCommasAndQuotes()
    {
        var result = HolidayCsv.Parse(H + "2025-10-01,\"国庆节, 中秋节\",true\n\"2025-10-02\",\"He said \"\"放假\"\"\" ,\"true\"\n");
        Assert.True(result.Succeeded);
        Assert.Equal("国庆节, 中秋节", result.Entries[0].Name);
        Assert.Equal("He said \"放假\"", result.Entries[1].Name);
        Assert.Equal(new DateOnly(2025, 10, 2), result.Entries[1].Date);
    }

    [Theory]
    [InlineData("2026-10-01,\"国庆节,true", CalendarMessages.CsvUnterminatedQuote)]
    [InlineData("2026-10-01,\"国庆\"节,true", CalendarMessages.CsvTextAfterQuote)]
    [InlineData("2026-10-01,国庆节", CalendarMessages.CsvWrongFieldCount)]
    [InlineData("2026-10-01,国庆节,true,", CalendarMessages.CsvWrongFieldCount)]
    [InlineData("2026-10-01,国庆节,中秋节,true", CalendarMessages.CsvWrongFieldCount)]
    [InlineData("2026-10-01,国\uFFFD节,true", CalendarMessages.CsvUndecodable)]
    public void MalformedRows_AreReported(string row, string key)
    {
        var error = SingleError(HolidayCsv.Parse(H + row));
        Assert.Equal(2, error.Line);
        Assert.Equal(key, error.Message.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\n\n  \r\n")]
    public void AnEmptyFile_IsAnError(string text) =>
        Assert.Equal(CalendarMessages.CsvEmpty, SingleError(HolidayCsv.Parse(text)).Message.Key);

    [Fact]
    public void AHeader_WithoutRows_IsAnErrorSoAnEmptyYearIsNeverMarkedKnown() =>
        Assert.Equal(CalendarMessages.CsvNoRows, SingleError(HolidayCsv.Parse(H + "\n,,\n", expectedYear: 2027)).Message.Key);

    [Fact]
    public void BlankLines_AreSkippedButCounted()
    {
        var text = "\n\ndate,name,is_off_day\n\n2026-10-01,国庆节,true\n,,\n   \n2026-10-02,国庆节,true\n2026-10-03,国庆节,maybe\n";
        var error = SingleError(HolidayCsv.Parse(text));
        Assert.Equal(9, error.Line);

        var ok = HolidayCsv.Parse(text.Replace("maybe", "true", StringComparison.Ordinal));
        Assert.Equal(3, ok.Entries.Count);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void AnyLineEnding_CountsOneLine(string eol)
    {
        var text = string.Join(eol, "date,name,is_off_day", "2026-10-01,国庆节,true", "", "2026-10-02,国庆节,nope", "");
        Assert.Equal(4, SingleError(HolidayCsv.Parse(text)).Line);
    }

    [Fact]
    public void EveryError_CarriesItsPhysicalLineAndNothingIsImported()
    {
        var text = string.Join("\r\n",
            "\uFEFFdate,name,is_off_day", //  1
            "2026-10-01,国庆节,true",      //  2 ok
            "",                            //  3
            "2026-10-32,国庆节,true",      //  4 bad date
            "2026-10-02,,true",            //  5 empty name
            "2026-10-03,国庆节,yes",       //  6 bad flag
            "2026-10-01,国庆节,true",      //  7 duplicate of line 2
            "2025-10-04,国庆节,true",      //  8 outside 2026
            "2026-10-05,\"国庆节",         //  9 unterminated quote
            "2026-10-06",                  // 10 wrong field count
            "x,,maybe",                    // 11 three errors on one line
            "2026-10-07,国庆节,true");     // 12 ok
        var result = HolidayCsv.Parse(text, expectedYear: 2026);

        Assert.Empty(result.Entries);
        Assert.Empty(result.Years);
        Assert.Equal(
            new (int, string)[]
            {
                (4, CalendarMessages.CsvBadDate),
                (5, CalendarMessages.CsvEmptyName),
                (6, CalendarMessages.CsvBadFlag),
                (7, CalendarMessages.CsvDuplicateDate),
                (8, CalendarMessages.CsvDateOutsideYear),
                (9, CalendarMessages.CsvUnterminatedQuote),
                (10, CalendarMessages.CsvWrongFieldCount),
                (11, CalendarMessages.CsvBadDate),
                (11, CalendarMessages.CsvEmptyName),
                (11, CalendarMessages.CsvBadFlag),
            },
            result.Errors.Select(e => (e.Line, e.Message.Key)));

        // Every message formats with its own arguments (the placeholders match).
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrEmpty(e.Message.ToString())));
    }

    [Fact]
    public void ParsedRows_BuildACalendar()
    {
        var result = HolidayCsv.Parse(H + "2030-10-01,国庆节,true\n2030-09-29,国庆节,false\n", expectedYear: 2030);
        var cal = new WorkingDayCalendar(result.Entries, result.Years);
        Assert.Equal(DayKind.Holiday, cal.Describe(new DateOnly(2030, 10, 1)).Kind);
        Assert.Equal(DayKind.MakeUpWorkday, cal.Describe(new DateOnly(2030, 9, 29)).Kind);
        Assert.True(cal.IsYearKnown(2030));
    }
}
