namespace Reception.Core.Calendar;

/// <summary>What kind of day a date is.</summary>
public enum DayKind
{
    /// <summary>Monday–Friday, not listed in the arrangement.</summary>
    Workday,

    /// <summary>Saturday or Sunday, not listed in the arrangement.</summary>
    Weekend,

    /// <summary>
    /// Listed as an off day (放假), whatever the weekday; in a year whose arrangement is not loaded, a statutory day off
    /// (<see cref="DayInfo.IsProvisional"/>).
    /// </summary>
    Holiday,

    /// <summary>Listed as a make-up working day (调休上班), usually a Saturday or Sunday.</summary>
    MakeUpWorkday,
}

/// <summary>
/// A description of one date. When <see cref="YearKnown"/> is false the arrangement for the year has not been
/// loaded: a statutory day is a provisional <see cref="DayKind.Holiday"/>, any other day's <see cref="Kind"/> is
/// derived from the weekday alone (an assumption callers must surface: the 调休 swaps are not known yet).
/// </summary>
/// <param name="HolidayName">The name from the arrangement (or of the statutory day) for <see cref="DayKind.Holiday"/>
/// and <see cref="DayKind.MakeUpWorkday"/> (e.g. 国庆节); null otherwise.</param>
/// <param name="IsProvisional">A statutory day off of a year whose arrangement is not loaded
/// (<see cref="StatutoryHolidays"/>): never a working day, but not yet confirmed by the State Council's notice.</param>
public readonly record struct DayInfo(DateOnly Date, DayKind Kind, string? HolidayName, bool YearKnown, bool IsProvisional = false)
{
    public bool IsWorkingDay => Kind is DayKind.Workday or DayKind.MakeUpWorkday;
}
