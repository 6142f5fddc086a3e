using Reception.Core.Calendar;

namespace Reception.Web.Data.Seed;

/// <summary>
/// The holiday arrangement the app ships with (the embedded cn-holidays.csv), which start-up copies into the database
/// for every year it does not know yet. A service rather than a static call, so that a test can give an app the
/// arrangement it is written against (e.g. cut after a year) however many years later releases ship.
/// </summary>
public sealed class ShippedArrangement(Func<HolidayCsvResult> load)
{
    public static ShippedArrangement Embedded { get; } = new(ShippedHolidays.Load);

    public HolidayCsvResult Load() => load();
}
