using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Reception.Core.Common;

/// <summary>
/// The one way dates are written as text where a machine reads them back (URLs, forms, CSV, history, keys): ISO
/// yyyy-MM-dd in the invariant culture, whatever the user's language.
/// </summary>
public static class DateText
{
    public const string Format = "yyyy-MM-dd";
    public const string MonthFormat = "yyyy-MM";

    /// <summary>The years a month parameter may name.</summary>
    public const int FirstYear = 2000;

    public const int LastYear = 2100;

    public static string Of(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    public static string Of(DateOnly? date) => date is { } d ? Of(d) : "";

    /// <summary>"2026-11" for a month.</summary>
    public static string Month(DateOnly date) => date.ToString(MonthFormat, CultureInfo.InvariantCulture);

    /// <summary>The day an instant falls on in China, as yyyy-MM-dd.</summary>
    public static string LocalDate(DateTime utc) => Of(DateOnly.FromDateTime(Time.ChinaTime.ToLocal(utc)));

    /// <summary>"2026-11-23 14:05" (with <paramref name="seconds"/>: "14:05:09"): an instant as people in China read it.</summary>
    public static string LocalTime(DateTime utc, bool seconds = false) =>
        Time.ChinaTime.ToLocal(utc).ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static bool TryParse([NotNullWhen(true)] string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>
    /// Reads "yyyy-MM" as the first day of that month; null when it is not one, or outside 2000–2100. <paramref name="lenient"/>
    /// also takes "yyyy-M" and surrounding spaces (what people type into the visit and unavailability pages' month box).
    /// </summary>
    public static DateOnly? ParseMonth(string? text, bool lenient = false)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (lenient) text = text.Trim();
        var parts = text.Split('-');
        if (parts.Length != 2
            || parts[0].Length != 4 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || parts[1].Length is < 1 or > 2 || (!lenient && parts[1].Length != 2)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year is < FirstYear or > LastYear || month is < 1 or > 12)
            return null;
        return new DateOnly(year, month, 1);
    }

    public static bool TryParseMonth([NotNullWhen(true)] string? text, out DateOnly firstDay) =>
        DateOnly.TryParseExact(text, MonthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out firstDay);
}
