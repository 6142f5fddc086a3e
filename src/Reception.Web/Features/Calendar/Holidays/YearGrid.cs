using Reception.Core.Calendar;

namespace Reception.Web.Features.Calendar.Holidays;

/// <summary>
/// A year as twelve month grids (the partial _YearGrid): the calendar page's, and the preview of a pasted notice's.
/// </summary>
/// <param name="Describe">What each date is.</param>
/// <param name="IsChanged">Dates to highlight as changed (the preview), or null.</param>
/// <param name="Links">Whether each date links to its day page.</param>
public sealed record YearGrid(int Year, Func<DateOnly, DayInfo> Describe, Func<DateOnly, bool>? IsChanged = null, bool Links = true);
