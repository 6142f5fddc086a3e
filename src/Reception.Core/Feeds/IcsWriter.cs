using System.Buffers;

namespace Reception.Core.Feeds;

/// <summary>
/// Writes an RFC 5545 iCalendar feed: UTF-8 without BOM, CRLF line ends, content lines folded at 75 octets without
/// splitting a UTF-8 character or a TEXT escape. One VTIMEZONE for Asia/Shanghai (+08:00, no daylight saving)
/// precedes the events so that Outlook resolves TZID=Asia/Shanghai. Writes straight into the buffer writer.
/// <para>Decisions: all-day events are TRANSPARENT (a day label does not block free/busy), timed events OPAQUE,
/// cancelled events TRANSPARENT and written without their alarms (a cancelled duty must not ring). An all-day
/// DTEND not after DTSTART is written as the next day, a timed DTEND before DTSTART as DTSTART.</para>
/// </summary>
public static class IcsWriter
{
    public const string ProductId = "-//Reception//Reception 1.0//ZH-CN";

    /// <summary>The only time zone of the feeds (TZID of timed events and of the VTIMEZONE).</summary>
    public const string TimeZoneId = "Asia/Shanghai";

    /// <summary>Writes the calendar as UTF-8 bytes (no BOM), CRLF line ends, folded at 75 octets.</summary>
    /// <param name="stampUtc">DTSTAMP of every event: when this feed was generated (UTC).</param>
    /// <exception cref="ArgumentException">An event without a UID, or whose start and end are of different kinds.</exception>
    public static void Write(FeedCalendar calendar, DateTime stampUtc, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(output);

        var w = new IcsContentWriter(output);
        w.Line("BEGIN:VCALENDAR"u8);
        w.Line("VERSION:2.0"u8);
        w.Ascii("PRODID:"u8);
        w.Text(ProductId);
        w.EndLine();
        w.Line("CALSCALE:GREGORIAN"u8);
        w.Line("METHOD:PUBLISH"u8);
        TextProperty(ref w, "X-WR-CALNAME:"u8, calendar.Name);
        TextProperty(ref w, "NAME:"u8, calendar.Name);
        if (!string.IsNullOrEmpty(calendar.Description))
        {
            TextProperty(ref w, "X-WR-CALDESC:"u8, calendar.Description);
            TextProperty(ref w, "DESCRIPTION:"u8, calendar.Description);
        }
        w.Line("X-WR-TIMEZONE:Asia/Shanghai"u8);
        w.Ascii("REFRESH-INTERVAL;VALUE=DURATION:"u8);
        Duration(ref w, calendar.RefreshInterval);
        w.EndLine();
        w.Ascii("X-PUBLISHED-TTL:"u8);
        Duration(ref w, calendar.RefreshInterval);
        w.EndLine();

        w.Line("BEGIN:VTIMEZONE"u8);
        w.Line("TZID:Asia/Shanghai"u8);
        w.Line("X-LIC-LOCATION:Asia/Shanghai"u8);
        w.Line("BEGIN:STANDARD"u8);
        w.Line("TZOFFSETFROM:+0800"u8);
        w.Line("TZOFFSETTO:+0800"u8);
        w.Line("TZNAME:CST"u8);
        w.Line("DTSTART:19700101T000000"u8);
        w.Line("END:STANDARD"u8);
        w.Line("END:VTIMEZONE"u8);

        Span<byte> stamp = stackalloc byte[16];
        UtcDateTime(stamp, stampUtc);
        var events = calendar.Events;
        for (var i = 0; i < events.Count; i++)
        {
            Event(ref w, events[i], stamp);
        }

        w.Line("END:VCALENDAR"u8);
        w.Flush();
    }

    public static byte[] ToBytes(FeedCalendar calendar, DateTime stampUtc)
    {
        // About 500 octets per event: one allocation instead of a dozen doublings for a big feed.
        var buffer = new ArrayBufferWriter<byte>(4096 + (calendar?.Events.Count ?? 0) * 512);
        Write(calendar!, stampUtc, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The TEXT escaping of RFC 5545 3.3.11 as a string (unfolded): <c>\\ \; \, \n</c>, other control characters
    /// dropped, lone surrogates as U+FFFD. The writer does the same straight into bytes.
    /// </summary>
    public static string EscapeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new ArrayBufferWriter<byte>(text.Length * 2 + 16);
        var w = new IcsContentWriter(buffer);
        w.Text(text);
        w.Flush();
        return Unfold(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>The duration value of RFC 5545 3.3.6 (whole seconds; negative with a leading '-'), e.g. PT1H30M, P1D, -PT15M.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        var w = new IcsContentWriter(buffer);
        Duration(ref w, duration);
        w.Flush();
        return System.Text.Encoding.ASCII.GetString(buffer.WrittenSpan);
    }

    private static string Unfold(string folded) => folded.Replace("\r\n ", "", StringComparison.Ordinal);

    private static void Event(ref IcsContentWriter w, FeedEvent e, scoped ReadOnlySpan<byte> stamp)
    {
        if (string.IsNullOrEmpty(e.Uid)) throw new ArgumentException("A feed event needs a UID.", nameof(e));
        if (e.Start.IsAllDay != e.End.IsAllDay)
        {
            throw new ArgumentException($"Event {e.Uid}: start and end must both be all-day or both be timed.", nameof(e));
        }

        Span<byte> scratch = stackalloc byte[16];
        w.Line("BEGIN:VEVENT"u8);
        TextProperty(ref w, "UID:"u8, e.Uid);

        w.Ascii("DTSTAMP:"u8);
        w.Ascii(stamp);
        w.EndLine();

        w.Ascii("LAST-MODIFIED:"u8);
        UtcDateTime(scratch, e.LastModifiedUtc);
        w.Ascii(scratch);
        w.EndLine();

        w.Ascii("SEQUENCE:"u8);
        w.Ascii(scratch[..Digits(scratch, Math.Max(0, e.Sequence))]);
        w.EndLine();

        var end = e.End;
        if (e.Start.IsAllDay)
        {
            if (end.Date <= e.Start.Date) end = FeedTime.AllDay(e.Start.Date.AddDays(1));
        }
        else if (end.Date.ToDateTime(end.Time!.Value) < e.Start.Date.ToDateTime(e.Start.Time!.Value))
        {
            end = e.Start;
        }
        Time(ref w, "DTSTART"u8, e.Start, scratch);
        Time(ref w, "DTEND"u8, end, scratch);

        TextProperty(ref w, "SUMMARY:"u8, e.Summary ?? "");
        if (!string.IsNullOrEmpty(e.Location)) TextProperty(ref w, "LOCATION:"u8, e.Location);
        if (!string.IsNullOrEmpty(e.Description)) TextProperty(ref w, "DESCRIPTION:"u8, e.Description);
        if (e.Url is not null)
        {
            w.Ascii("URL:"u8);
            w.Raw(e.Url.IsAbsoluteUri ? e.Url.AbsoluteUri : e.Url.OriginalString);
            w.EndLine();
        }

        var categories = e.Categories;
        if (categories is { Count: > 0 })
        {
            w.Ascii("CATEGORIES:"u8);
            for (var i = 0; i < categories.Count; i++)
            {
                if (i > 0) w.Ascii(","u8);
                w.Text(categories[i]);
            }
            w.EndLine();
        }

        var cancelled = e.Status == FeedEventStatus.Cancelled;
        w.Line(e.Status switch
        {
            FeedEventStatus.Tentative => "STATUS:TENTATIVE"u8,
            FeedEventStatus.Cancelled => "STATUS:CANCELLED"u8,
            _ => "STATUS:CONFIRMED"u8,
        });
        w.Line(cancelled || e.Start.IsAllDay ? "TRANSP:TRANSPARENT"u8 : "TRANSP:OPAQUE"u8);

        var alarms = e.Alarms;
        if (!cancelled && alarms is not null)
        {
            for (var i = 0; i < alarms.Count; i++)
            {
                var alarm = alarms[i];
                w.Line("BEGIN:VALARM"u8);
                w.Line("ACTION:DISPLAY"u8);
                w.Ascii("TRIGGER:"u8);
                Duration(ref w, -alarm.Before);
                w.EndLine();
                // DESCRIPTION is required for a DISPLAY alarm (RFC 5545 3.6.6).
                TextProperty(ref w, "DESCRIPTION:"u8, string.IsNullOrEmpty(alarm.Description) ? e.Summary ?? "" : alarm.Description);
                w.Line("END:VALARM"u8);
            }
        }

        w.Line("END:VEVENT"u8);
    }

    private static void TextProperty(ref IcsContentWriter w, scoped ReadOnlySpan<byte> nameAndColon, string value)
    {
        w.Ascii(nameAndColon);
        w.Text(value);
        w.EndLine();
    }

    // DTSTART;VALUE=DATE:20260505 or DTSTART;TZID=Asia/Shanghai:20260505T090000
    private static void Time(ref IcsContentWriter w, scoped ReadOnlySpan<byte> name, FeedTime time, scoped Span<byte> scratch)
    {
        w.Ascii(name);
        Date(scratch, time.Date);
        if (time.Time is { } clock)
        {
            w.Ascii(";TZID=Asia/Shanghai:"u8);
            scratch[8] = (byte)'T';
            Two(scratch[9..], clock.Hour);
            Two(scratch[11..], clock.Minute);
            Two(scratch[13..], clock.Second);
            w.Ascii(scratch[..15]);
        }
        else
        {
            w.Ascii(";VALUE=DATE:"u8);
            w.Ascii(scratch[..8]);
        }
        w.EndLine();
    }

    // yyyyMMddTHHmmssZ (16 bytes)
    private static void UtcDateTime(Span<byte> destination, DateTime value)
    {
        if (value.Kind == DateTimeKind.Local) value = value.ToUniversalTime();
        Date(destination, DateOnly.FromDateTime(value));
        destination[8] = (byte)'T';
        Two(destination[9..], value.Hour);
        Two(destination[11..], value.Minute);
        Two(destination[13..], value.Second);
        destination[15] = (byte)'Z';
    }

    // yyyyMMdd (8 bytes)
    private static void Date(Span<byte> destination, DateOnly date)
    {
        var year = date.Year;
        destination[0] = (byte)('0' + year / 1000);
        destination[1] = (byte)('0' + year / 100 % 10);
        destination[2] = (byte)('0' + year / 10 % 10);
        destination[3] = (byte)('0' + year % 10);
        Two(destination[4..], date.Month);
        Two(destination[6..], date.Day);
    }

    private static void Two(Span<byte> destination, int value)
    {
        destination[0] = (byte)('0' + value / 10);
        destination[1] = (byte)('0' + value % 10);
    }

    // Non-negative decimal; returns the number of bytes written (at most 19 for a long).
    private static int Digits(Span<byte> destination, long value)
    {
        var length = 1;
        for (var rest = value / 10; rest > 0; rest /= 10) length++;
        for (var i = length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
        return length;
    }

    // RFC 5545 3.3.6: dur-date = dur-day [dur-time]; dur-time = "T" (dur-hour / dur-minute / dur-second), where an
    // hour may be followed only by minutes (so 1 h 5 s is PT1H0M5S). Whole seconds; zero is PT0S.
    private static void Duration(ref IcsContentWriter w, TimeSpan duration)
    {
        Span<byte> text = stackalloc byte[64];
        var n = 0;
        var seconds = (long)duration.TotalSeconds;
        if (seconds < 0)
        {
            text[n++] = (byte)'-';
            seconds = -seconds;
        }
        text[n++] = (byte)'P';
        long days = seconds / 86400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60, secs = seconds % 60;
        if (days > 0)
        {
            n += Digits(text[n..], days);
            text[n++] = (byte)'D';
        }
        if (hours > 0 || minutes > 0 || secs > 0 || days == 0)
        {
            text[n++] = (byte)'T';
            if (hours > 0)
            {
                n += Digits(text[n..], hours);
                text[n++] = (byte)'H';
            }
            if (minutes > 0 || (hours > 0 && secs > 0))
            {
                n += Digits(text[n..], minutes);
                text[n++] = (byte)'M';
            }
            if (secs > 0 || (hours == 0 && minutes == 0))
            {
                n += Digits(text[n..], secs);
                text[n++] = (byte)'S';
            }
        }
        w.Ascii(text[..n]);
    }
}
