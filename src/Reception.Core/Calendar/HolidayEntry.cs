namespace Reception.Core.Calendar;

/// <summary>One date of the official holiday arrangement: an off day (放假) or a make-up working day (调休上班).</summary>
public sealed class HolidayEntry
{
    public const int NameMaxLength = 50;

    private HolidayEntry() { Name = ""; }

    public HolidayEntry(DateOnly date, string name, bool isOffDay)
    {
        Date = date;
        Name = name.Trim();
        IsOffDay = isOffDay;
    }

    public DateOnly Date { get; private set; }
    public string Name { get; private set; }
    public bool IsOffDay { get; private set; }

    /// <summary>
    /// True when an administrator set this date by hand (the calendar's day page) rather than it coming from the State
    /// Council's notice (shipped, imported or pasted): such a date is the office's own decision, shown as source "admin".
    /// </summary>
    public bool EnteredByHand { get; private set; }

    /// <summary>A date an administrator enters by hand.</summary>
    public static HolidayEntry ByHand(DateOnly date, string name, bool isOffDay) =>
        new(date, name, isOffDay) { EnteredByHand = true };

    /// <summary>An administrator's change by hand: the date is the office's own decision from now on.</summary>
    public void Change(string name, bool isOffDay)
    {
        Name = name.Trim();
        IsOffDay = isOffDay;
        EnteredByHand = true;
    }
}

/// <summary>
/// A year whose arrangement has been loaded. A year without this record is unknown: the calendar
/// then warns instead of pretending the year has no holidays.
/// </summary>
public sealed class CalendarYear
{
    public const int SourceMaxLength = 200;

    private CalendarYear() { Source = ""; }

    public CalendarYear(int year, string source, DateTime updatedAtUtc)
    {
        Year = year;
        Source = source;
        UpdatedAtUtc = updatedAtUtc;
    }

    public int Year { get; private set; }
    public string Source { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    public void Touch(string source, DateTime updatedAtUtc)
    {
        Source = source;
        UpdatedAtUtc = updatedAtUtc;
    }
}
