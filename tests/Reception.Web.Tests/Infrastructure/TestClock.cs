namespace Reception.Web.Tests.Infrastructure;

/// <summary>
/// A clock the test sets by hand. Only "now" is controlled: timers created through it still run on
/// real time, which is all the app needs from TimeProvider so far.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start.ToUniversalTime();

    /// <summary>A clock at the given moment in China Standard Time (UTC+8), the time the app's users live in.</summary>
    public static TestClock AtChinaTime(int year, int month, int day, int hour = 9, int minute = 0) =>
        new(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)));

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public void Set(DateTimeOffset now)
    {
        lock (_gate) _now = now.ToUniversalTime();
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate) _now += by;
    }
}
