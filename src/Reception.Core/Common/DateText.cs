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

    public static string Of(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    public static string Of(DateOnly? date) => date is { } d ? Of(d) : "";

    /// <summary>"2026-11" for a month.</summary>
    public static string Month(DateOnly date) => date.ToString(MonthFormat, CultureInfo.InvariantCulture);

    public static bool TryParse([NotNullWhen(true)] string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryParseMonth([NotNullWhen(true)] string? text, out DateOnly firstDay) =>
        DateOnly.TryParseExact(text, MonthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out firstDay);
}
