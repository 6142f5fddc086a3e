namespace Reception.Core.Feeds;

/// <summary>STATUS of a VEVENT. A cancelled duty stays in the feed as <see cref="Cancelled"/>.</summary>
public enum FeedEventStatus
{
    Confirmed = 1,
    Tentative = 2,
    Cancelled = 3,
}

/// <summary>
/// A start or end of an event: either a calendar date (all-day, written as VALUE=DATE) or a local
/// wall-clock time in Asia/Shanghai (written with TZID=Asia/Shanghai). Never an instant in another zone.
/// </summary>
public readonly record struct FeedTime
{
    private FeedTime(DateOnly date, TimeOnly? time) { Date = date; Time = time; }

    public DateOnly Date { get; }

    /// <summary>Null for an all-day value.</summary>
    public TimeOnly? Time { get; }

    public bool IsAllDay => Time is null;

    public static FeedTime AllDay(DateOnly date) => new(date, null);

    public static FeedTime Local(DateOnly date, TimeOnly time) => new(date, time);

    public static FeedTime Local(DateTime chinaLocal) => new(DateOnly.FromDateTime(chinaLocal), TimeOnly.FromDateTime(chinaLocal));
}

/// <summary>A VALARM: DISPLAY, triggered <see cref="Before"/> the event's start.</summary>
public sealed record FeedAlarm(TimeSpan Before, string Description);

/// <summary>
/// One VEVENT. <see cref="Uid"/> comes from the database key, so it is the same on every render;
/// <see cref="Sequence"/> and <see cref="LastModifiedUtc"/> rise with each change. <see cref="End"/> is
/// exclusive (an all-day event on 5 May ends on 6 May) and of the same kind as <see cref="Start"/>.
/// </summary>
public sealed record FeedEvent(
    string Uid,
    FeedTime Start,
    FeedTime End,
    string Summary,
    FeedEventStatus Status,
    int Sequence,
    DateTime LastModifiedUtc)
{
    public string? Location { get; init; }
    public string? Description { get; init; }
    public Uri? Url { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<FeedAlarm> Alarms { get; init; } = [];
}

/// <summary>A whole VCALENDAR: its name (X-WR-CALNAME and NAME), how often clients should refresh, and its events.</summary>
public sealed record FeedCalendar(string Name, TimeSpan RefreshInterval, IReadOnlyList<FeedEvent> Events)
{
    public string? Description { get; init; }
}
