namespace Reception.Web.Tests.Infrastructure;

/// <summary>
/// Test clocks are <see cref="FakeTimeProvider"/>s: "now" stands still until a test moves it forward (it never goes
/// back), and timers created through it fire only when it is advanced. The app's users live in China Standard Time.
/// </summary>
public static class TestTime
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>A moment in China Standard Time (UTC+8).</summary>
    public static DateTimeOffset China(int year, int month, int day, int hour = 9, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, ChinaOffset);

    /// <summary>A clock standing at the given moment in China Standard Time.</summary>
    public static FakeTimeProvider AtChinaTime(int year, int month, int day, int hour = 9, int minute = 0, int second = 0) =>
        new(China(year, month, day, hour, minute, second));

    /// <summary>Moves the clock forward to the given China time; a moment before "now" is a test defect and throws.</summary>
    public static void MoveTo(this FakeTimeProvider clock, DateOnly date, int hour, int minute = 0) =>
        clock.SetUtcNow(China(date.Year, date.Month, date.Day, hour, minute));
}
