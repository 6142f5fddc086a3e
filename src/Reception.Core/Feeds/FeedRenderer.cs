using System.Buffers;
using System.Collections.Concurrent;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;

namespace Reception.Core.Feeds;

/// <summary>
/// Turns a <see cref="FeedCalendar"/> into an RFC 5545 iCalendar file with Ical.Net: the library's calendar model
/// (<see cref="IcalCalendar"/>, <see cref="CalendarEvent"/>, <see cref="Alarm"/>, <see cref="VTimeZone"/>) and its
/// serializer; the bytes are UTF-8 without BOM, CRLF, folded at 75 octets.
/// <para>Decisions: all-day events are TRANSPARENT (a day label does not block free/busy), timed events OPAQUE,
/// cancelled events TRANSPARENT and without their alarms (a cancelled duty must not ring). An all-day DTEND not after
/// DTSTART becomes the next day, a timed DTEND before DTSTART becomes DTSTART. An event's DTSTAMP is its LAST-MODIFIED,
/// never the library's default (the system clock): the same data gives the same bytes, and an event's bytes depend on
/// that event alone, so a change to one event leaves the others exactly as clients last saw them.</para>
/// <para>Where Ical.Net 5.2.4's output is not clean, this class fixes it around the library:
/// <list type="bullet">
/// <item>Text goes in cleaned (<see cref="FeedText.Clean"/>): Ical.Net escapes \ ; , and line breaks but copies other
/// control characters and lone surrogates into the file.</item>
/// <item>The serializer's lines are folded again (<see cref="ContentLines"/>): Ical.Net folds by UTF-16 unit, so a fold
/// can fall between the two halves of a character outside the BMP (𠮷), and it may fold between a backslash and the
/// character it escapes.</item>
/// <item>Durations are whole minutes: Ical.Net writes 1 h 5 s as PT1H5S, which RFC 5545's grammar does not allow.</item>
/// <item>The VTIMEZONE is built from the model (<see cref="ShanghaiTimeZone"/>) rather than generated from tzdb, which
/// for Asia/Shanghai gives a yearly RRULE from +0900 left over from China's 1986–1991 daylight saving time.</item>
/// </list></para>
/// <para>Speed: Ical.Net spends some 30 µs per event building and serializing its model, so <see cref="Render"/> serializes
/// the calendar in parts — the VCALENDAR with its properties and VTIMEZONE, then each VEVENT — takes the bytes of an
/// unchanged event from an <see cref="IFeedEventCache"/>, and serializes the others on all cores. The parts are exactly
/// what the serializer writes for the whole calendar (<see cref="Write"/>; the tests hold them equal).</para>
/// </summary>
public static class FeedRenderer
{
    public const string ProductId = "-//Reception//Reception 1.0//ZH-CN";

    /// <summary>The only time zone of the feeds (TZID of timed events and of the VTIMEZONE).</summary>
    public const string TimeZoneId = "Asia/Shanghai";

    // Below this many events to serialize, one thread is quicker than handing work out.
    private const int ParallelFrom = 48;

    /// <summary>Renders <paramref name="feed"/> as UTF-8 bytes (no BOM), CRLF line ends, folded at 75 octets.</summary>
    /// <param name="cache">Bytes of events rendered before, by <see cref="FeedEventKey"/>; null renders every event.</param>
    /// <exception cref="ArgumentException">An event without a UID, or whose start and end are of different kinds.</exception>
    public static void Render(FeedCalendar feed, IBufferWriter<byte> output, IFeedEventCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(output);

        var events = feed.Events;
        var rendered = new byte[events.Count][];
        var missing = new List<int>();
        var keys = cache is null ? null : new FeedEventKey[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            Check(events[i]);
            if (keys is not null)
            {
                keys[i] = FeedEventKey.Of(events[i]);
                if (cache!.TryGet(keys[i], out var bytes))
                {
                    rendered[i] = bytes;
                    continue;
                }
            }
            missing.Add(i);
        }
        RenderEvents(events, missing, rendered);
        if (keys is not null)
        {
            foreach (var i in missing) cache!.Set(keys[i], rendered[i]);
        }

        // The calendar without its events, as the serializer writes it: everything up to the events, then END:VCALENDAR.
        var shell = Serialize(new CalendarSerializer(), Shell(feed));
        var end = shell.LastIndexOf("END:VCALENDAR", StringComparison.Ordinal);
        ContentLines.Refold(shell.AsSpan(0, end), output);
        foreach (var bytes in rendered) output.Write(bytes);
        ContentLines.Refold(shell.AsSpan(end), output);
    }

    public static byte[] ToBytes(FeedCalendar feed, IFeedEventCache? cache = null)
    {
        // About 600 octets per event: one allocation instead of a dozen doublings for a big feed.
        var buffer = new ArrayBufferWriter<byte>(4096 + (feed?.Events.Count ?? 0) * 600);
        Render(feed!, buffer, cache);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The whole Ical.Net model of <paramref name="feed"/>: the calendar, its time zone and its events.</summary>
    public static IcalCalendar ToCalendar(FeedCalendar feed)
    {
        var calendar = Shell(feed);
        foreach (var e in feed.Events)
        {
            Check(e);
            calendar.Events.Add(Event(e));
        }
        return calendar;
    }

    /// <summary>Serializes a whole Ical.Net calendar in one go and folds its lines cleanly: what <see cref="Render"/> writes in parts.</summary>
    public static void Write(IcalCalendar calendar, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ContentLines.Refold(Serialize(new CalendarSerializer(), calendar), output);
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

    /// <summary>The VCALENDAR with its properties and VTIMEZONE, without events.</summary>
    private static IcalCalendar Shell(FeedCalendar feed)
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
        return calendar;
    }

    /// <summary>Serializes the events at <paramref name="indexes"/> into <paramref name="rendered"/>, on all cores when there are many.</summary>
    private static void RenderEvents(IReadOnlyList<FeedEvent> events, List<int> indexes, byte[][] rendered)
    {
        if (indexes.Count < ParallelFrom)
        {
            var worker = new EventWriter();
            foreach (var i in indexes) rendered[i] = worker.Bytes(events[i]);
            return;
        }
        var chunk = Math.Max(16, indexes.Count / (4 * Environment.ProcessorCount));
        Parallel.ForEach(Partitioner.Create(0, indexes.Count, chunk), () => new EventWriter(),
            (range, _, worker) =>
            {
                for (var n = range.Item1; n < range.Item2; n++) rendered[indexes[n]] = worker.Bytes(events[indexes[n]]);
                return worker;
            },
            _ => { });
    }

    /// <summary>One thread's serializer (its context is not thread-safe) and buffer.</summary>
    private sealed class EventWriter
    {
        private readonly EventSerializer _serializer = new(new SerializationContext());
        private readonly ArrayBufferWriter<byte> _buffer = new(4096);

        public byte[] Bytes(FeedEvent e)
        {
            _buffer.ResetWrittenCount();
            ContentLines.Refold(Serialize(_serializer, Event(e)), _buffer);
            return _buffer.WrittenSpan.ToArray();
        }
    }

    private static string Serialize(SerializerBase serializer, object component) =>
        serializer.SerializeToString(component) ?? throw new InvalidOperationException("Ical.Net serialized a component to nothing.");

    private static void Check(FeedEvent e)
    {
        if (string.IsNullOrEmpty(e.Uid)) throw new ArgumentException("A feed event needs a UID.", nameof(e));
        if (e.Start.IsAllDay != e.End.IsAllDay)
        {
            throw new ArgumentException($"Event {e.Uid}: start and end must both be all-day or both be timed.", nameof(e));
        }
    }

    private static CalendarEvent Event(FeedEvent e)
    {
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
        var modified = Utc(e.LastModifiedUtc);
        // Set every property the library would otherwise default: its constructor stamps a random UID and DTSTAMP from the system clock.
        var result = new CalendarEvent
        {
            Uid = FeedText.Clean(e.Uid),
            DtStamp = modified,
            LastModified = modified,
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
