using Reception.Core.Calendar;

namespace Reception.Core.Tests;

/// <summary>
/// The calendars the tests use. The shipped arrangement grows every year (the State Council publishes the next year's
/// each November), so a test that needs an unknown year must not take "the year after the shipped data" for granted:
/// these tests read the shipped data cut after <see cref="LastKnownYear"/> and so decide for themselves which years
/// are known.
/// </summary>
public static class TestCalendars
{
    /// <summary>The last year these tests treat as known; the years after it are unknown to them.</summary>
    public const int LastKnownYear = 2026;

    /// <summary>The shipped (real, official) arrangement for 2024–<see cref="LastKnownYear"/>, nothing after.</summary>
    public static WorkingDayCalendar Shipped { get; } = ShippedThrough(LastKnownYear);

    public static WorkingDayCalendar ShippedThrough(int lastYear)
    {
        var shipped = ShippedHolidays.Load().Through(lastYear);
        return new WorkingDayCalendar(shipped.Entries, shipped.Years);
    }
}
