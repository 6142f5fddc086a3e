using Reception.Core.Calendar;
using Reception.Core.Time;

namespace Reception.Web.Features.Calendar.Holidays;

/// <summary>
/// A year of the working-day calendar as twelve month grids; an unknown year is flagged, never shown as holiday-free:
/// its statutory holidays appear as provisional days off.
/// </summary>
[Authorize(Policy = GlobalSettings.Policy)]
[Reception.Web.Audit.Audited(Reception.Web.Audit.AuditActions.HolidaysChange)]
public sealed class IndexModel(AppDbContext db, HolidayCalendarService calendars, HolidayArrangementStore store, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public WorkingDayCalendar Calendar { get; private set; } = WorkingDayCalendar.Empty;
    public CalendarYear? YearRecord { get; private set; }
    public IReadOnlyList<int> KnownYears { get; private set; } = [];
    /// <summary>The dates stored for the shown year, also when the year is not yet marked complete.</summary>
    public IReadOnlyDictionary<DateOnly, HolidayEntry> Entries { get; private set; } = new Dictionary<DateOnly, HolidayEntry>();
    public int EntryCount => Entries.Count;
    public int WorkingDays { get; private set; }
    public int ShownYear => Year ?? ChinaTime.Today(clock).Year;

    public async Task<IActionResult> OnGetAsync()
    {
        if (ShownYear is < 2000 or > 2100) return NotFound();
        Calendar = await calendars.GetAsync();
        KnownYears = Calendar.KnownYears;
        YearRecord = await db.CalendarYears.AsNoTracking().SingleOrDefaultAsync(y => y.Year == ShownYear);
        var first = new DateOnly(ShownYear, 1, 1);
        var last = new DateOnly(ShownYear, 12, 31);
        Entries = await db.HolidayEntries.AsNoTracking().Where(e => e.Date >= first && e.Date <= last).ToDictionaryAsync(e => e.Date);
        WorkingDays = Calendar.CountWorkingDays(first, last).Value;
        return Page();
    }

    /// <summary>
    /// The calendar's answer, except that in a year not yet complete the dates entered so far are
    /// shown as entered (the calendar itself ignores them until the year is marked complete).
    /// </summary>
    public DayInfo Describe(DateOnly date) => DescribeWithEntries(Calendar, date, Entries.GetValueOrDefault(date));

    internal static DayInfo DescribeWithEntries(WorkingDayCalendar calendar, DateOnly date, HolidayEntry? entered)
    {
        var info = calendar.Describe(date);
        return !info.YearKnown && entered is not null
            ? info with { Kind = entered.IsOffDay ? DayKind.Holiday : DayKind.MakeUpWorkday, HolidayName = entered.Name, IsProvisional = false }
            : info;
    }

    /// <summary>Declares an unknown year complete after its dates were entered one by one.</summary>
    public async Task<IActionResult> OnPostMarkKnownAsync(CancellationToken ct)
    {
        if (ShownYear is < 2000 or > 2100) return NotFound();
        await store.MarkYearCompleteAsync(ShownYear, l["Entered by hand by {0}", User.Identity?.Name ?? ""], ct);
        Status.Set(TempData, l["The arrangement for {0} is now treated as complete.", ShownYear]);
        return RedirectToPage(new { year = ShownYear });
    }
}
