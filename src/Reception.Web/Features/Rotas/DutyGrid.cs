using Reception.Core.Calendar;

namespace Reception.Web.Features.Rotas;

/// <summary>One slot of the month grid as shown: who, and where clicking it leads. <paramref name="Closed"/>: the session is
/// closed on purpose (本时段不安排值班) — shown as closed, never as a gap.</summary>
public sealed record DutyCell(string Leader, string? Title, string? Href = null, string? Css = null, bool Closed = false)
{
    public static DutyCell ClosedSession(string? href = null) => new("", null, href, "closed", Closed: true);
}

/// <summary>
/// A month of duties as a calendar (Monday first): the working copy, a generation preview, or a
/// published version for the public. Each day lists its sessions.
/// </summary>
public sealed class DutyGrid(DateOnly month, IReadOnlyList<string> sessions, WorkingDayCalendar calendar)
{
    public DateOnly Month { get; } = month;
    public IReadOnlyList<string> Sessions { get; } = sessions;
    public Dictionary<(DateOnly Date, int Session), DutyCell> Cells { get; } = [];

    /// <summary>Where an empty slot on a working day links to (the clerk's hand edit), if anywhere.</summary>
    public Func<DateOnly, int, string>? EmptyHref { get; init; }

    /// <summary>Problems to flag on a day (a duty on a day off now, a leader away): already localized, shown in the cell.</summary>
    public Dictionary<DateOnly, List<string>> Marks { get; } = [];

    public DayInfo Describe(DateOnly date) => calendar.Describe(date);

    public IEnumerable<DateOnly?[]> Weeks()
    {
        var first = Month;
        var offset = ((int)first.DayOfWeek + 6) % 7;
        var days = DateTime.DaysInMonth(Month.Year, Month.Month);
        for (var start = -offset; start < days; start += 7)
            yield return Enumerable.Range(start, 7).Select(i => i >= 0 && i < days ? first.AddDays(i) : (DateOnly?)null).ToArray();
    }
}
