namespace Reception.Core.Calendar;

/// <summary>
/// The holiday arrangement shipped with the application (embedded <c>cn-holidays.csv</c>: the State Council
/// notices for 2024–2026, via NateScarlet/holiday-cn). The web app seeds its database from it; tests use it as
/// real data.
/// </summary>
public static class ShippedHolidays
{
    public const string ResourceName = "Reception.Core.Calendar.cn-holidays.csv";

    /// <summary>A short source description for <see cref="CalendarYear.Source"/> (≤ <see cref="CalendarYear.SourceMaxLength"/>).</summary>
    public const string Source = "国务院办公厅节假日安排通知 (shipped with Reception; data: github.com/NateScarlet/holiday-cn)";

    private static readonly Dictionary<int, string> Notices = new()
    {
        [2024] = "https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm",
        [2025] = "https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm",
        [2026] = "https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm",
    };

    /// <summary>The address of the State Council notice for a shipped year, or <see cref="Source"/> when not listed.</summary>
    public static string SourceFor(int year) => Notices.TryGetValue(year, out var url) ? url : Source;

    /// <summary>The raw CSV text of the embedded resource.</summary>
    public static string ReadCsv()
    {
        using var stream = typeof(ShippedHolidays).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Parses the embedded CSV. Returns new <see cref="HolidayEntry"/> instances on every call (they are mutable
    /// entities, so they are never shared). <see cref="HolidayCsvResult.Years"/> holds the years covered.
    /// </summary>
    /// <exception cref="InvalidOperationException">The embedded file is invalid (a build defect).</exception>
    public static HolidayCsvResult Load()
    {
        var result = HolidayCsv.Parse(ReadCsv());
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "The shipped holiday file is invalid: " + string.Join("; ", result.Errors.Select(e => $"line {e.Line}: {e.Message}")));
        }

        return result;
    }
}
