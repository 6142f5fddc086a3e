namespace Reception.Web.Features.Rotas.Duty;

/// <summary>How the duty, swap and report pages write dates, slots and instants.</summary>
public static class DutyText
{
    /// <summary>"2026-09-30 星期三".</summary>
    public static string Day(IStringLocalizer l, DateOnly date) =>
        DateText.Of(date) + " " + l[$"Weekday.{date.DayOfWeek}"];

    /// <summary>"2026-09-30 星期三 上午".</summary>
    public static string Slot(IStringLocalizer l, DateOnly date, string session) => Day(l, date) + " " + session;
}
