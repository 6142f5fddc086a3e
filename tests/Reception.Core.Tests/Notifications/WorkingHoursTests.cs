using Reception.Core.Calendar;
using Reception.Core.Notifications;
using Reception.Core.Time;

namespace Reception.Core.Tests.Notifications;

/// <summary>When a non-urgent email may go out: within 08:30–17:30 China time on a working day of the official calendar.</summary>
public class WorkingHoursTests
{
    private static readonly WorkingDayCalendar Shipped = TestCalendars.Shipped;
    private static readonly WorkingHours Hours = WorkingHours.Default;

    /// <summary>An instant given in China time (UTC+8), as UTC.</summary>
    private static DateTime China(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).UtcDateTime;

    private static DateTime Morning(int year, int month, int day) => China(year, month, day, 8, 30);

    [Fact]
    public void FridayEvening_WaitsForMonday0830()
    {
        var answer = Hours.NextSendTime(China(2026, 11, 27, 18, 5), Shipped);

        Assert.Equal(Morning(2026, 11, 30), answer.Value);
        Assert.Equal(DateTimeKind.Utc, answer.Value.Kind);
        Assert.Equal(new DateTime(2026, 11, 30, 0, 30, 0, DateTimeKind.Utc), answer.Value); // 08:30 in Beijing is 00:30 UTC
        Assert.True(answer.IsCertain);
    }

    [Theory]
    [InlineData(2026, 11, 28, 20)] // Saturday evening
    [InlineData(2026, 11, 29, 10)] // Sunday during office hours: still a day off
    public void Weekend_WaitsForMonday0830(int year, int month, int day, int hour) =>
        Assert.Equal(Morning(2026, 11, 30), Hours.NextSendTime(China(year, month, day, hour), Shipped).Value);

    [Fact]
    public void EveOfNationalDay_WaitsForTheFirstWorkingDayAfterTheHoliday()
    {
        // 30 September 2026 (Wednesday) after hours; 1–7 October are off, 8 October (Thursday) is the first working day.
        var answer = Hours.NextSendTime(China(2026, 9, 30, 17, 30), Shipped);

        Assert.Equal(Morning(2026, 10, 8), answer.Value);
        Assert.True(answer.IsCertain);
    }

    [Fact]
    public void NationalDayHoliday_OnAWeekday_DuringOfficeHours_Waits() =>
        Assert.Equal(Morning(2026, 10, 8), Hours.NextSendTime(China(2026, 10, 5, 10), Shipped).Value); // a Monday, but 国庆

    [Fact]
    public void MakeUpWorkingSunday_IsAWorkingDay()
    {
        // 20 September 2026 is a Sunday worked for 国庆 (调休上班): the Saturday evening before waits only until Sunday morning,
        // and a message written on that Sunday during office hours goes at once.
        Assert.Equal(Morning(2026, 9, 20), Hours.NextSendTime(China(2026, 9, 19, 21), Shipped).Value);
        var sunday = China(2026, 9, 20, 11, 15);
        Assert.Equal(sunday, Hours.NextSendTime(sunday, Shipped).Value);
    }

    [Fact]
    public void MakeUpWorkingSaturday_IsAWorkingDay()
    {
        // 10 October 2026 is a Saturday worked for 国庆: Friday evening waits for Saturday morning, not Monday.
        Assert.Equal(Morning(2026, 10, 10), Hours.NextSendTime(China(2026, 10, 9, 19), Shipped).Value);
        var saturday = China(2026, 10, 10, 9);
        Assert.Equal(saturday, Hours.NextSendTime(saturday, Shipped).Value);
    }

    [Fact]
    public void WithinHours_GoesNow()
    {
        var now = China(2026, 11, 23, 9, 0).AddTicks(1234567);

        var answer = Hours.NextSendTime(now, Shipped);

        Assert.Equal(now, answer.Value);
        Assert.True(answer.IsCertain);
        Assert.True(Hours.IsWithin(now, Shipped).Value);
    }

    [Fact]
    public void Boundaries_StartIsInside_EndIsOutside()
    {
        Assert.Equal(Morning(2026, 11, 24), Hours.NextSendTime(Morning(2026, 11, 24), Shipped).Value);
        Assert.Equal(China(2026, 11, 24, 17, 29), Hours.NextSendTime(China(2026, 11, 24, 17, 29), Shipped).Value);
        Assert.Equal(Morning(2026, 11, 25), Hours.NextSendTime(China(2026, 11, 24, 17, 30), Shipped).Value);
        Assert.False(Hours.IsWithin(China(2026, 11, 24, 17, 30), Shipped).Value);
    }

    [Fact]
    public void EarlyOnAWorkingDay_WaitsForThatMorning()
    {
        // 07:10 on Tuesday, which is still Monday 23:10 in UTC: the wait is to the same China day, not the UTC one.
        Assert.Equal(Morning(2026, 11, 24), Hours.NextSendTime(China(2026, 11, 24, 7, 10), Shipped).Value);
        Assert.Equal(Morning(2026, 11, 24), Hours.NextSendTime(China(2026, 11, 24, 0, 10), Shipped).Value);
    }

    [Fact]
    public void UnknownYear_SkipsItsStatutoryHolidays_AndSaysSo()
    {
        // 31 December 2026 (Thursday) evening: the next day is in 2027, whose arrangement is not loaded. 1 January is a
        // Friday and 元旦, a statutory day off whatever the notice says; the next weekday, Monday 4 January, is assumed
        // to be a working day — and the answer says that 2027's 调休 is not known yet.
        var answer = Hours.NextSendTime(China(2026, 12, 31, 18), Shipped);

        Assert.Equal(Morning(2027, 1, 4), answer.Value);
        Assert.False(answer.IsCertain);
        Assert.Equal([2027], answer.UnknownYears);
        Assert.NotNull(answer.Warning);
        Assert.Equal(CalendarMessages.UnknownYear, answer.Warning!.Key);
    }

    [Fact]
    public void UnknownYear_WithinHoursOnAWeekday_GoesNow_ButWarns()
    {
        var now = China(2027, 3, 3, 10); // a Wednesday in 2027
        var answer = Hours.NextSendTime(now, Shipped);

        Assert.Equal(now, answer.Value);
        Assert.Equal([2027], answer.UnknownYears);
        var saturday = Hours.NextSendTime(China(2027, 3, 6, 10), Shipped);
        Assert.Equal(Morning(2027, 3, 8), saturday.Value);
        Assert.Equal([2027], saturday.UnknownYears);
    }

    [Fact]
    public void UrgentKind_GoesAtOnce_EvenOnAHolidayNight()
    {
        var night = China(2026, 10, 3, 23, 40);

        Assert.Equal(night, Hours.SendTimeFor(NotificationKinds.Overdue, night, Shipped).Value);
        Assert.Equal(night, Hours.SendTimeFor(NotificationKinds.DutyReminder, night, Shipped).Value);
        Assert.Equal(Morning(2026, 10, 8), Hours.SendTimeFor(NotificationKinds.Swap, night, Shipped).Value);
    }

    [Fact]
    public void ConfiguredHours_AreUsed()
    {
        var hours = new WorkingHours(new TimeOnly(9, 0), new TimeOnly(12, 0));

        Assert.Equal(China(2026, 11, 24, 9, 0), hours.NextSendTime(China(2026, 11, 24, 8, 45), Shipped).Value);
        Assert.Equal(China(2026, 11, 25, 9, 0), hours.NextSendTime(China(2026, 11, 24, 12, 0), Shipped).Value);
        Assert.Throws<ArgumentException>(() => new WorkingHours(new TimeOnly(17, 30), new TimeOnly(8, 30)));
    }

    [Fact]
    public void ResultIsNeverEarlierThanNow_AndAlwaysWithinHours_OverTheShippedYears()
    {
        for (var at = China(2024, 1, 1, 0); at < China(2026, 12, 31, 0); at = at.AddMinutes(317))
        {
            var send = Hours.NextSendTime(at, Shipped).Value;
            Assert.True(send >= at, $"{at:u} → {send:u}");
            Assert.True(Hours.IsWithin(send, Shipped).Value, $"{at:u} → {send:u} ({ChinaTime.ToLocal(send):yyyy-MM-dd HH:mm})");
            Assert.True(send - at < TimeSpan.FromDays(10), $"{at:u} → {send:u}");
        }
    }
}
