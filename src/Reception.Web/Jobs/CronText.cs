namespace Reception.Web.Jobs;

/// <summary>
/// A cron expression in words ("Daily at 17:00", "每周一 08:30") for the usual shapes; null for the others (the page then
/// shows the cron alone). Hangfire's format: minute hour day-of-month month day-of-week, optionally seconds first.
/// </summary>
public static class CronText
{
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static string? Describe(string cron, IStringLocalizer l)
    {
        var f = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string sec;
        if (f.Length == 6) (sec, f) = (f[0], f[1..]);
        else if (f.Length == 5) sec = "0";
        else return null;
        var (min, hour, dom, month, dow) = (f[0], f[1], f[2], f[3], f[4]);
        if (month != "*") return null;
        var everyDay = dom is "*" or "?" && dow is "*" or "?";

        if (everyDay && hour == "*" && min == "*" && sec == "*") return l["Every {0} seconds", 1];
        if (everyDay && hour == "*" && min == "*" && Step(sec) is { } seconds) return l["Every {0} seconds", seconds];
        if (sec != "0") return null;
        if (everyDay && hour == "*" && min == "*") return l["Every minute"];
        if (everyDay && hour == "*" && Step(min) is { } minutes) return l["Every {0} minutes", minutes];
        if (everyDay && hour == "*" && Number(min, 59) is { } m) return m == 0 ? l["Every hour on the hour"] : l["Every hour at minute {0}", m];
        if (Number(min, 59) is not { } minute || Number(hour, 23) is not { } h) return null;
        var time = $"{h:00}:{minute:00}";
        if (everyDay) return l["Daily at {0}", time];
        if (dom is "*" or "?" && DayOfWeekOf(dow) is { } day) return l["Every {0} at {1}", l[$"DayOfWeek.{day}"], time];
        if (dow is "*" or "?" && Number(dom, 31) is { } date && date >= 1) return l["Monthly on day {0} at {1}", date, time];
        return null;
    }

    private static DayOfWeek? DayOfWeekOf(string field)
    {
        var index = Array.IndexOf(Days, field.ToUpperInvariant());
        if (index < 0 && Number(field, 7) is { } n) index = n % 7; // 0 and 7 are Sunday
        return index >= 0 ? (DayOfWeek)index : null;
    }

    private static int? Step(string field)
    {
        var parts = field.Split('/');
        return parts.Length == 2 && parts[0] is "0" or "*" && Number(parts[1], 59) is { } n && n > 0 ? n : null;
    }

    private static int? Number(string field, int max) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max ? n : null;
}
