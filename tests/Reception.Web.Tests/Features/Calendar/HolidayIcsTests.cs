using System.Globalization;
using System.Text;
using Reception.Core.Calendar;
using Reception.Web.Features.Calendar;

namespace Reception.Web.Tests.Features.Calendar;

public sealed class HolidayIcsTests
{
    private static string Rows(IEnumerable<HolidayEntry> entries) =>
        string.Join("\n", entries.Select(e => $"{e.Date:yyyy-MM-dd},{e.Name},{(e.IsOffDay ? "true" : "false")}"));

    /// <summary>
    /// An .ics in the form NateScarlet/holiday-cn publishes (the source of the shipped data): one all-day event per run
    /// of days, "春节假期" for days off, "上班(补春节假期)" for make-up working days, DTEND exclusive.
    /// </summary>
    internal static string HolidayCnStyle(IEnumerable<HolidayEntry> entries)
    {
        var sb = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:中国法定节假日\r\n");
        var ordered = entries.OrderBy(e => e.Date).ToList();
        for (var i = 0; i < ordered.Count;)
        {
            var j = i;
            while (j + 1 < ordered.Count && ordered[j + 1].Date == ordered[j].Date.AddDays(1)
                   && ordered[j + 1].IsOffDay == ordered[i].IsOffDay && ordered[j + 1].Name == ordered[i].Name) j++;
            var summary = ordered[i].IsOffDay ? ordered[i].Name + "假期" : $"上班(补{ordered[i].Name}假期)";
            sb.Append("BEGIN:VEVENT\r\n")
              .Append("SUMMARY:").Append(summary).Append("\r\n")
              .Append("DTSTART;VALUE=DATE:").Append(ordered[i].Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append("\r\n")
              .Append("DTEND;VALUE=DATE:").Append(ordered[j].Date.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append("\r\n")
              .Append("DTSTAMP:20260101T000000Z\r\n")
              .Append("UID:").Append(ordered[i].Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append("@holiday-cn.test\r\n")
              .Append("END:VEVENT\r\n");
            i = j + 1;
        }
        return sb.Append("END:VCALENDAR\r\n").ToString();
    }

    private static string Calendar(params string[] events) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + string.Concat(events) + "END:VCALENDAR\r\n";

    private static string Event(string summary, string start, string? end = null, string extra = "") =>
        $"BEGIN:VEVENT\r\nUID:{Guid.NewGuid()}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:{summary}\r\nDTSTART;VALUE=DATE:{start}\r\n"
        + (end is null ? "" : $"DTEND;VALUE=DATE:{end}\r\n") + extra + "END:VEVENT\r\n";

    [Fact]
    public void Read_AHolidayCnCalendarOfSeveralYears_GivesTheAskedYearExactly()
    {
        var shipped = ShippedHolidays.Load().Entries;

        var result = HolidayIcs.Read(HolidayCnStyle(shipped), 2025);

        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        Assert.Equal(Rows(shipped.Where(e => e.Date.Year == 2025)), Rows(result.Entries));
    }

    [Fact]
    public void Read_OtherCommonSummaries()
    {
        var ics = Calendar(
            Event("春节 假期 第1天/共8天", "20250128", "20250205"),
            Event("春节 补班 第1天/共2天", "20250126"),
            Event("春节（班）", "20250208", "20250209"),
            Event("元旦（休）", "20250101", "20250102"),
            Event("清明节放假", "20250404", "20250407"),
            Event("劳动节假期", "20250501", "20250506"),
            Event("端午节假期", "20250531", "20250603"),
            Event("国庆节、中秋节假期", "20251001", "20251009"));

        var result = HolidayIcs.Read(ics, 2025);

        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        Assert.Equal("2025-01-26,春节,false", Rows(result.Entries.Where(e => e.Date == new DateOnly(2025, 1, 26))));
        Assert.Equal("2025-02-08,春节,false", Rows(result.Entries.Where(e => e.Date == new DateOnly(2025, 2, 8))));
        Assert.Equal("2025-01-01,元旦,true", Rows(result.Entries.Take(1)));
        Assert.Equal(8, result.Entries.Count(e => e.Name == "春节" && e.IsOffDay));
        Assert.Equal("国庆节、中秋节", result.Entries[^1].Name);
    }

    [Theory]
    [InlineData("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:春节假期\r\nDTSTART:20270205T090000Z\r\nEND:VEVENT\r\n", "The event \"{0}\" on {1} is not an all-day event.")]
    [InlineData("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:元旦假期\r\nDTSTART;VALUE=DATE:20270101\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n", "The event \"{0}\" on {1} repeats; a holiday calendar lists each date.")]
    [InlineData("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:春节\r\nDTSTART;VALUE=DATE:20270205\r\nEND:VEVENT\r\n", "The event \"{0}\" on {1} does not say whether it is a day off (假, 休) or a make-up working day (班).")]
    [InlineData("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:上班(补春节假期)\r\nDTSTART;VALUE=DATE:20270209\r\nEND:VEVENT\r\n", "{0} (\"{1}\") is a {2}: a make-up working day falls on a Saturday or Sunday.")]
    public void Read_WhatItCannotTake_IsRefused(string vevent, string message)
    {
        var result = HolidayIcs.Read(Calendar(vevent), 2027);

        Assert.False(result.Succeeded);
        Assert.Empty(result.Entries);
        Assert.Contains(result.Errors, e => e.Key == message);
    }

    [Fact]
    public void Read_AConflictingDate_IsRefused()
    {
        var result = HolidayIcs.Read(Calendar(Event("春节假期", "20270206", "20270208"), Event("上班(补春节假期)", "20270207")), 2027);

        Assert.Equal(CalendarMessages.IcsConflict, Assert.Single(result.Errors).Key);
        Assert.Equal(["2027-02-07", "春节假期", "上班(补春节假期)"], result.Errors[0].Args);
    }

    [Fact]
    public void Read_AYearWithoutItsStatutoryDays_IsRefused()
    {
        // A calendar that lists only the Spring Festival of 2027 is not 2027's arrangement.
        var result = HolidayIcs.Read(Calendar(Event("春节假期", "20270205", "20270213")), 2027);

        Assert.False(result.Succeeded);
        Assert.All(result.Errors, e => Assert.Equal(CalendarMessages.IcsStatutoryDayMissing, e.Key));
        Assert.Equal(9, result.Errors.Count); // 13 statutory days, 4 of them in the Spring Festival run
    }

    [Fact]
    public void Read_NoDatesInTheYear_IsRefused() =>
        Assert.Equal([CalendarMessages.IcsNoDatesInYear], HolidayIcs.Read(Calendar(Event("元旦假期", "20260101")), 2027).Errors.Select(e => e.Key));

    [Fact]
    public void Read_NotAnIcsFile_IsRefused() =>
        Assert.Equal(CalendarMessages.IcsUnreadable, Assert.Single(HolidayIcs.Read("BEGIN:VCALENDAR\r\nthis is not\r\n", 2027).Errors).Key);
}
