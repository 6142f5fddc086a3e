using System.Text;
using Reception.Core.Calendar;

namespace Reception.Web.Features.Calendar;

/// <summary>One off day or make-up working day of the effective calendar, and where it comes from.</summary>
/// <param name="Source"><see cref="HolidayListing.Official"/>, <see cref="HolidayListing.Admin"/> or <see cref="HolidayListing.Provisional"/>.</param>
public sealed record ListedDay(DateOnly Date, string Name, bool IsOffDay, string Source);

/// <summary>
/// The effective calendar of a year as a list: what the app counts with (the working-day calendar), not merely what is
/// stored — dates entered in a year that is not yet complete do not count, and an unknown year lists its statutory
/// days as provisional.
/// </summary>
public static class HolidayListing
{
    /// <summary>From the State Council's notice: shipped, imported (CSV, .ics) or pasted.</summary>
    public const string Official = "official";

    /// <summary>Set by an administrator by hand (the calendar's day page).</summary>
    public const string Admin = "admin";

    /// <summary>A statutory day of a year whose arrangement is not loaded.</summary>
    public const string Provisional = "provisional";

    public const string Header = HolidayCsv.Header + ",source";

    /// <summary>The listed days of <paramref name="year"/>, ascending.</summary>
    /// <param name="enteredByHand">The dates an administrator set by hand.</param>
    public static IReadOnlyList<ListedDay> ForYear(WorkingDayCalendar calendar, int year, IReadOnlySet<DateOnly> enteredByHand)
    {
        var days = new List<ListedDay>();
        for (var n = new DateOnly(year, 1, 1).DayNumber; n <= new DateOnly(year, 12, 31).DayNumber; n++)
        {
            var info = calendar.Describe(DateOnly.FromDayNumber(n));
            if (info.Kind is not (DayKind.Holiday or DayKind.MakeUpWorkday)) continue;
            var source = info.IsProvisional ? Provisional : enteredByHand.Contains(info.Date) ? Admin : Official;
            days.Add(new ListedDay(info.Date, info.HolidayName ?? "", info.Kind == DayKind.Holiday, source));
        }
        return days;
    }

    /// <summary>The listed days of <paramref name="year"/> in the app's database.</summary>
    public static async Task<IReadOnlyList<ListedDay>> ForYearAsync(AppDbContext db, HolidayCalendarService calendars, int year, CancellationToken ct = default)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var byHand = await db.HolidayEntries.AsNoTracking()
            .Where(e => e.Date >= first && e.Date <= last && e.EnteredByHand).Select(e => e.Date).ToListAsync(ct);
        return ForYear(await calendars.GetAsync(ct), year, byHand.ToHashSet());
    }

    /// <summary>The days as CSV: <see cref="Header"/>, then date,name,is_off_day,source per line, each ending in \n.</summary>
    public static string Format(IEnumerable<ListedDay> days)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var d in days)
        {
            sb.Append(HolidayCsv.Row(DateText.Of(d.Date), d.Name, d.IsOffDay ? "true" : "false", d.Source)).Append('\n');
        }
        return sb.ToString();
    }
}
