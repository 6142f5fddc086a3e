using System.Globalization;
using Microsoft.Extensions.Localization;
using Reception.Core.Time;

namespace Reception.Web.Features.Rotas.Duty;

/// <summary>How the duty, swap and report pages write dates, slots and instants.</summary>
public static class DutyText
{
    /// <summary>"2026-09-30 星期三".</summary>
    public static string Day(IStringLocalizer l, DateOnly date) =>
        date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " " + l[$"Weekday.{date.DayOfWeek}"];

    /// <summary>"2026-09-30 星期三 上午".</summary>
    public static string Slot(IStringLocalizer l, DateOnly date, string session) => Day(l, date) + " " + session;

    /// <summary>An instant in China Standard Time, "2026-09-30 14:05".</summary>
    public static string Time(DateTime utc) => ChinaTime.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"2026-09" → its first day; null unless a month of 2000–2100.</summary>
    public static DateOnly? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100
            ? d : null;

    public static string Month(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
