using System.Globalization;
using System.Text.RegularExpressions;

namespace Reception.Core.Cases.Import;

/// <summary>
/// Reads the dates old ledgers hold: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305, any of them followed by a time
/// ("2026-03-05 00:00:00"), and Excel's serial day numbers (46086 = 2026-03-05) that a date cell becomes when its format
/// is lost. Two-digit years and day-month orders are refused: they cannot be read without guessing.
/// </summary>
public static partial class LedgerDates
{
    /// <summary>Day 0 of Excel's (1900) date system as it counts in practice: serial 1 is 1900-01-01, and 60 the 1900-02-29 that never was.</summary>
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);

    /// <summary>The serial numbers read as dates: from 1 (1900) to 99999 (2173); larger numbers are not dates.</summary>
    public const int MaxSerial = 99_999;

    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Normalize(System.Text.NormalizationForm.FormKC).Trim();

        var m = YearMonthDay().Match(t);
        if (m.Success) return TryDate(m.Groups["y"].Value, m.Groups["m"].Value, m.Groups["d"].Value, out date);

        m = Compact().Match(t);
        if (m.Success) return TryDate(t[..4], t[4..6], t[6..8], out date);

        if (double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial) && serial >= 1 && serial <= MaxSerial)
        {
            date = ExcelEpoch.AddDays((int)Math.Floor(serial));
            return true;
        }
        return false;
    }

    private static bool TryDate(string y, string m, string d, out DateOnly date)
    {
        date = default;
        var year = int.Parse(y, CultureInfo.InvariantCulture);
        var month = int.Parse(m, CultureInfo.InvariantCulture);
        var day = int.Parse(d, CultureInfo.InvariantCulture);
        if (year < 1900 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>Year first, separated by - / . or 年月日, with an optional time after.</summary>
    [GeneratedRegex(@"^(?<y>\d{4})\s*(?:[-/.]|年)\s*(?<m>\d{1,2})\s*(?:[-/.]|月)\s*(?<d>\d{1,2})\s*(?:日|号)?(?:[\sT]+\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?)?$")]
    private static partial Regex YearMonthDay();

    [GeneratedRegex(@"^\d{8}$")]
    private static partial Regex Compact();
}
