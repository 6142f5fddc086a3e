using System.Buffers;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;

namespace Reception.Core.Feeds;

/// <summary>
/// Turns a <see cref="FeedCalendar"/> into an RFC 5545 iCalendar file with Ical.Net: the library's calendar model
/// (<see cref="IcalCalendar"/>, <see cref="CalendarEvent"/>, <see cref="Alarm"/>, <see cref="VTimeZone"/>) and its
/// <see cref="CalendarSerializer"/>; the bytes are UTF-8 without BOM, CRLF, folded at 75 octets.
/// <para>Decisions: all-day events are TRANSPARENT (a day label does not block free/busy), timed events OPAQUE,
/// cancelled events TRANSPARENT and without their alarms (a cancelled duty must not ring). An all-day DTEND not after
/// DTSTART becomes the next day, a timed DTEND before DTSTART becomes DTSTART. Every DTSTAMP is the given stamp, never the
/// library's default (the system clock), so the same data gives the same bytes.</para>
/// <para>Where Ical.Net 5.2.4's output is not clean, this class fixes it around the library:
/// <list type="bullet">
/// <item>Text goes in cleaned (<see cref="FeedText.Clean"/>): Ical.Net escapes \ ; , and line breaks but copies other
/// control characters and lone surrogates into the file.</item>
/// <item>The serializer's lines are folded again (<see cref="ContentLines"/>): Ical.Net folds by UTF-16 unit, so a fold
/// can fall between the two halves of a character outside the BMP (𠮷), and it may fold between a backslash and the
/// character it escapes.</item>
/// <item>The VTIMEZONE is built from the model (<see cref="ShanghaiTimeZone"/>) rather than generated from tzdb, which
/// for Asia/Shanghai gives a yearly RRULE from +0900 left over from China's 1986–1991 daylight saving time.</item>
/// </list></para>
/// </summary>
public static class FeedRenderer
{
    public const string ProductId = "-//Reception//Reception 1.0//ZH-CN";

    /// <summary>The only time zone of the feeds (TZID of timed events and of the VTIMEZONE).</summary>
    public const string TimeZoneId = "Asia/Shanghai";

    /// <summary>Writes the calendar as UTF-8 bytes (no BOM), CRLF line ends, folded at 75 octets.</summary>
    /// <param name="stampUtc">DTSTAMP of every event (UTC): the caller passes a value from the data, so equal data gives equal bytes.</param>
    /// <exception cref="ArgumentException">An event without a UID, or whose start and end are of different kinds.</exception>
    public static void Render(FeedCalendar calendar, DateTime stampUtc, IBufferWriter<byte> output) =>
        Write(ToCalendar(calendar, stampUtc), output);

    /// <summary>Serializes an Ical.Net calendar (one <see cref="ToCalendar"/> built) with Ical.Net and folds its lines cleanly.</summary>
    public static void Write(IcalCalendar calendar, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var text = new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("Ical.Net serialized the calendar to nothing.");
        ContentLines.Refold(text, output);
    }

    public static byte[] ToBytes(FeedCalendar calendar, DateTime stampUtc)
    {
        // About 650 octets per event: one allocation instead of a dozen doublings for a big feed.
        var buffer = new ArrayBufferWriter<byte>(4096 + (calendar?.Events.Count ?? 0) * 650);
        Render(calendar!, stampUtc, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The Ical.Net model of <paramref name="feed"/>: what <see cref="Render"/> serializes.</summary>
    public static IcalCalendar ToCalendar(FeedCalendar feed, DateTime stampUtc)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var calendar = new IcalCalendar
        {
            ProductId = ProductId,
            Version = "2.0",
            Scale = "GREGORIAN",
            Method = "PUBLISH",
        };
        var name = FeedText.Clean(feed.Name);
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("NAME", name);
        if (!string.IsNullOrEmpty(feed.Description))
        {
            var description = FeedText.Clean(feed.Description);
            calendar.AddProperty("X-WR-CALDESC", description);
            calendar.AddProperty("DESCRIPTION", description);
        }
        calendar.AddProperty("X-WR-TIMEZONE", TimeZoneId);
        var refresh = new CalendarProperty("REFRESH-INTERVAL", Duration.FromTimeSpanExact(WholeMinutes(feed.RefreshInterval)));
        refresh.Parameters.Set("VALUE", "DURATION");
        calendar.Properties.Add(refresh);
        calendar.Properties.Add(new CalendarProperty("X-PUBLISHED-TTL", Duration.FromTimeSpanExact(WholeMinutes(feed.RefreshInterval))));
        calendar.AddTimeZone(ShanghaiTimeZone());

        var stamp = Utc(stampUtc);
        foreach (var e in feed.Events) calendar.Events.Add(Event(e, stamp));
        return calendar;
    }

    /// <summary>
    /// Asia/Shanghai as it has been since China's last daylight saving time ended in 1991: +08:00 all year, named CST.
    /// The feeds' window never reaches back that far.
    /// </summary>
    public static VTimeZone ShanghaiTimeZone()
    {
        var zone = new VTimeZone(TimeZoneId);
        var offset = new UtcOffset(TimeSpan.FromHours(8));
        zone.AddChild(new VTimeZoneInfo
        {
            Name = Components.Standard,
            OffsetFrom = offset,
            OffsetTo = offset,
            TimeZoneName = "CST",
            Start = new CalDateTime(1970, 1, 1, 0, 0, 0),
        });
        return zone;
    }

    private static CalendarEvent Event(FeedEvent e, CalDateTime stamp)
    {
        if (string.IsNullOrEmpty(e.Uid)) throw new ArgumentException("A feed event needs a UID.", nameof(e));
        if (e.Start.IsAllDay != e.End.IsAllDay)
        {
            throw new ArgumentException($"Event {e.Uid}: start and end must both be all-day or both be timed.", nameof(e));
        }

        var end = e.End;
        if (e.Start.IsAllDay)
        {
            if (end.Date <= e.Start.Date) end = FeedTime.AllDay(e.Start.Date.AddDays(1));
        }
        else if (end.Date.ToDateTime(end.Time!.Value) < e.Start.Date.ToDateTime(e.Start.Time!.Value))
        {
            end = e.Start;
        }

        var cancelled = e.Status == FeedEventStatus.Cancelled;
        var summary = FeedText.Clean(e.Summary ?? "");
        // Set every property the library would otherwise default: its constructor stamps a random UID and DTSTAMP from the system clock.
        var result = new CalendarEvent
        {
            Uid = FeedText.Clean(e.Uid),
            DtStamp = stamp,
            LastModified = Utc(e.LastModifiedUtc),
            Sequence = Math.Max(0, e.Sequence),
            DtStart = Time(e.Start),
            DtEnd = Time(end),
            Summary = summary,
            Status = e.Status switch
            {
                FeedEventStatus.Tentative => EventStatus.Tentative,
                FeedEventStatus.Cancelled => EventStatus.Cancelled,
                _ => EventStatus.Confirmed,
            },
            Transparency = cancelled || e.Start.IsAllDay ? TransparencyType.Transparent : TransparencyType.Opaque,
        };
        if (!string.IsNullOrEmpty(e.Location)) result.Location = FeedText.Clean(e.Location);
        if (!string.IsNullOrEmpty(e.Description)) result.Description = FeedText.Clean(e.Description);
        if (e.Url is not null) result.Url = e.Url;
        if (e.Categories is { Count: > 0 }) result.Categories = e.Categories.Select(FeedText.Clean).ToList();
        if (!cancelled)
        {
            foreach (var alarm in e.Alarms)
            {
                result.Alarms.Add(new Alarm
                {
                    Action = AlarmAction.Display,
                    Trigger = new Trigger(Duration.FromTimeSpanExact(-WholeMinutes(alarm.Before))),
                    // DESCRIPTION is required for a DISPLAY alarm (RFC 5545 3.6.6).
                    Description = string.IsNullOrEmpty(alarm.Description) ? summary : FeedText.Clean(alarm.Description),
                });
            }
        }
        return result;
    }

    // DTSTART;VALUE=DATE:20260505 or DTSTART;TZID=Asia/Shanghai:20260505T090000
    private static CalDateTime Time(FeedTime time) =>
        time.Time is { } clock ? new CalDateTime(time.Date, clock, TimeZoneId) : new CalDateTime(time.Date);

    private static CalDateTime Utc(DateTime value)
    {
        if (value.Kind == DateTimeKind.Local) value = value.ToUniversalTime();
        return new CalDateTime(DateTime.SpecifyKind(value, DateTimeKind.Utc), CalDateTime.UtcTzId);
    }

    // Ical.Net writes 1 h 5 s as PT1H5S, which RFC 5545's grammar does not allow (PT1H0M5S); the feeds' reminders and
    // refresh intervals are whole minutes, so seconds are dropped rather than written wrongly.
    private static TimeSpan WholeMinutes(TimeSpan value) => TimeSpan.FromMinutes(Math.Truncate(value.TotalMinutes));
}
