using System.Buffers;
using System.Text;
using Ical.Net.Serialization;
using Reception.Core.Feeds;
using static Reception.Core.Tests.Feeds.IcsTestReader;

namespace Reception.Core.Tests.Feeds;

/// <summary>
/// What the feeds' iCalendar looks like, rendered by Ical.Net through <see cref="FeedRenderer"/>: the properties each
/// calendar and event carries, the decisions the renderer makes (transparency, cancelled events, end fix-ups), escaping and
/// folding at the byte level, and the library faults the renderer works around.
/// </summary>
public class FeedRendererTests
{
    private static readonly DateTime Modified = new(2026, 11, 20, 8, 30, 0, DateTimeKind.Utc);
    private static readonly DateOnly May5 = new(2026, 5, 5);

    private static FeedEvent Timed(string uid = "duty-1@reception", string summary = "坐班接访") => new(
        uid, FeedTime.Local(May5, new TimeOnly(9, 0)), FeedTime.Local(May5, new TimeOnly(12, 0)),
        summary, FeedEventStatus.Confirmed, 2, Modified);

    private static FeedEvent AllDay(DateOnly from, DateOnly toExclusive, string uid = "duty-2@reception") => new(
        uid, FeedTime.AllDay(from), FeedTime.AllDay(toExclusive), "值班", FeedEventStatus.Confirmed, 0, Modified);

    private static byte[] Write(params FeedEvent[] events) =>
        FeedRenderer.ToBytes(new FeedCalendar("演示市 值班表", TimeSpan.FromHours(1), events));

    private static List<string> EventLines(byte[] ics, int index = 0)
    {
        var lines = ContentLines(ics);
        var begins = lines.Select((l, i) => (l, i)).Where(x => x.l == "BEGIN:VEVENT").Select(x => x.i).ToList();
        var start = begins[index];
        return lines.Skip(start).TakeWhile(l => l != "END:VEVENT").Append("END:VEVENT").ToList();
    }

    /// <summary>
    /// The whole file for one event, as Ical.Net writes it (properties in alphabetical order within each component; the
    /// order carries no meaning in RFC 5545), refolded by the renderer.
    /// </summary>
    [Fact]
    public void FeedRenderer_WritesTheWholeCalendarExactly()
    {
        var calendar = new FeedCalendar("演示市 值班表", TimeSpan.FromMinutes(90), [
            Timed() with
            {
                Location = "信访接待中心",
                Description = "第一行\n第二行",
                Url = new Uri("https://reception.example/rota/demo?week=19"),
                Categories = ["值班", "坐班"],
                Alarms = [new FeedAlarm(TimeSpan.FromMinutes(30), "30分钟后接访")],
            },
        ])
        { Description = "公开值班表" };

        var text = Encoding.UTF8.GetString(FeedRenderer.ToBytes(calendar));

        Assert.Equal(
            """
            BEGIN:VCALENDAR
            CALSCALE:GREGORIAN
            DESCRIPTION:公开值班表
            METHOD:PUBLISH
            NAME:演示市 值班表
            PRODID:-//Reception//Reception 1.0//ZH-CN
            REFRESH-INTERVAL;VALUE=DURATION:PT1H30M
            VERSION:2.0
            X-PUBLISHED-TTL:PT1H30M
            X-WR-CALDESC:公开值班表
            X-WR-CALNAME:演示市 值班表
            X-WR-TIMEZONE:Asia/Shanghai
            BEGIN:VTIMEZONE
            TZID:Asia/Shanghai
            X-LIC-LOCATION:Asia/Shanghai
            BEGIN:STANDARD
            DTSTART:19700101T000000
            TZNAME:CST
            TZOFFSETFROM:+0800
            TZOFFSETTO:+0800
            END:STANDARD
            END:VTIMEZONE
            BEGIN:VEVENT
            CATEGORIES:值班,坐班
            DESCRIPTION:第一行\n第二行
            DTEND;TZID=Asia/Shanghai:20260505T120000
            DTSTAMP:20261120T083000Z
            DTSTART;TZID=Asia/Shanghai:20260505T090000
            LAST-MODIFIED:20261120T083000Z
            LOCATION:信访接待中心
            SEQUENCE:2
            STATUS:CONFIRMED
            SUMMARY:坐班接访
            TRANSP:OPAQUE
            UID:duty-1@reception
            URL:https://reception.example/rota/demo?week=19
            BEGIN:VALARM
            ACTION:DISPLAY
            DESCRIPTION:30分钟后接访
            TRIGGER:-PT30M
            END:VALARM
            END:VEVENT
            END:VCALENDAR

            """.ReplaceLineEndings("\r\n"),
            text);
    }

    [Fact]
    public void Output_IsUtf8WithoutBomAndCrlfOnly()
    {
        var ics = Write(Timed(), AllDay(May5, May5.AddDays(1)));

        Assert.False(ics.AsSpan().StartsWith("\uFEFF"u8));
        Assert.True(ics.AsSpan().StartsWith("BEGIN:VCALENDAR\r\n"u8));
        Assert.True(ics.AsSpan().EndsWith("END:VCALENDAR\r\n"u8));
        Assert.Empty(ByteFaults(ics));
    }

    [Fact]
    public void Calendar_WithoutDescription_HasNoCalendarDescription()
    {
        var lines = ContentLines(Write(Timed()));

        Assert.DoesNotContain(lines, l => l.StartsWith("X-WR-CALDESC", StringComparison.Ordinal));
        Assert.DoesNotContain(lines.TakeWhile(l => l != "BEGIN:VTIMEZONE"), l => l.StartsWith("DESCRIPTION", StringComparison.Ordinal));
        Assert.Equal(1, lines.Count(l => l == "BEGIN:VTIMEZONE"));
    }

    [Fact]
    public void CalendarName_IsEscapedText()
    {
        var ics = FeedRenderer.ToBytes(new FeedCalendar("值班, 接访; 表\\", TimeSpan.FromDays(1), []));

        Assert.Equal(@"值班\, 接访\; 表\\", Assert.Single(Values(ics, "X-WR-CALNAME")));
        Assert.Equal(@"值班\, 接访\; 表\\", Assert.Single(Values(ics, "NAME")));
        Assert.Equal("PT24H", Assert.Single(Values(ics, "X-PUBLISHED-TTL")));
        Assert.Contains("REFRESH-INTERVAL;VALUE=DURATION:PT24H", ContentLines(ics));
        Assert.Empty(Values(ics, "UID"));
    }

    [Fact]
    public void AllDayEvent_IsADateWithAnExclusiveEndAndTransparent()
    {
        var lines = EventLines(Write(AllDay(May5, May5.AddDays(1))));

        Assert.Contains("DTSTART;VALUE=DATE:20260505", lines);
        Assert.Contains("DTEND;VALUE=DATE:20260506", lines);
        Assert.Contains("TRANSP:TRANSPARENT", lines);
        Assert.DoesNotContain(lines, l => l.Contains("TZID", StringComparison.Ordinal));
    }

    [Fact]
    public void AllDayEvent_OverSeveralDays_KeepsItsExclusiveEnd()
    {
        // 1–5 October (国庆) as one event: DTEND is 6 October.
        var lines = EventLines(Write(AllDay(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 6))));

        Assert.Contains("DTSTART;VALUE=DATE:20261001", lines);
        Assert.Contains("DTEND;VALUE=DATE:20261006", lines);
    }

    [Fact]
    public void AllDayEvent_EndingOnItsStartDay_IsWrittenAsOneDay()
    {
        var lines = EventLines(Write(AllDay(May5, May5)));

        Assert.Contains("DTEND;VALUE=DATE:20260506", lines);
    }

    [Fact]
    public void TimedEvent_UsesTzidAndIsOpaque()
    {
        var overnight = Timed() with { End = FeedTime.Local(May5.AddDays(1), new TimeOnly(8, 30, 15)) };
        var lines = EventLines(Write(overnight));

        Assert.Contains("DTSTART;TZID=Asia/Shanghai:20260505T090000", lines);
        Assert.Contains("DTEND;TZID=Asia/Shanghai:20260506T083015", lines);
        Assert.Contains("TRANSP:OPAQUE", lines);
    }

    [Fact]
    public void TimedEvent_EndingBeforeItsStart_EndsAtItsStart()
    {
        var backwards = Timed() with { End = FeedTime.Local(May5, new TimeOnly(8, 0)) };
        var lines = EventLines(Write(backwards));

        Assert.Contains("DTEND;TZID=Asia/Shanghai:20260505T090000", lines);
    }

    [Fact]
    public void Stamps_AreUtcAndAnEventsDtstampIsItsLastModified()
    {
        var unspecified = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified);
        var ics = FeedRenderer.ToBytes(new FeedCalendar("x", TimeSpan.FromHours(1), [Timed() with { LastModifiedUtc = unspecified }, Timed("duty-2@reception")]));

        Assert.Equal(["20260102T030405Z", "20261120T083000Z"], Values(ics, "DTSTAMP"));
        Assert.Equal(["20260102T030405Z", "20261120T083000Z"], Values(ics, "LAST-MODIFIED"));
    }

    [Fact]
    public void Sequence_IsWrittenAndNeverNegative()
    {
        var ics = Write(Timed("a") with { Sequence = 17 }, Timed("b") with { Sequence = -3 }, Timed("c") with { Sequence = int.MaxValue });

        Assert.Equal(["17", "0", "2147483647"], Values(ics, "SEQUENCE"));
    }

    [Fact]
    public void CancelledEvent_StaysInTheFeedAsCancelledWithoutAlarms()
    {
        var cancelled = Timed() with
        {
            Status = FeedEventStatus.Cancelled,
            Sequence = 4,
            Alarms = [new FeedAlarm(TimeSpan.FromMinutes(15), "提醒")],
        };
        var lines = EventLines(Write(cancelled));

        Assert.Contains("UID:duty-1@reception", lines);
        Assert.Contains("STATUS:CANCELLED", lines);
        Assert.Contains("SEQUENCE:4", lines);
        Assert.Contains("TRANSP:TRANSPARENT", lines);
        Assert.DoesNotContain("BEGIN:VALARM", lines);
    }

    [Theory]
    [InlineData(FeedEventStatus.Confirmed, "STATUS:CONFIRMED")]
    [InlineData(FeedEventStatus.Tentative, "STATUS:TENTATIVE")]
    [InlineData(FeedEventStatus.Cancelled, "STATUS:CANCELLED")]
    public void Status_IsWritten(FeedEventStatus status, string expected)
    {
        var lines = EventLines(Write(Timed() with { Status = status }));

        Assert.Equal(expected, Assert.Single(lines, l => l.StartsWith("STATUS:", StringComparison.Ordinal)));
    }

    [Fact]
    public void Alarms_TriggerBeforeTheStart()
    {
        var ics = Write(Timed() with
        {
            Alarms =
            [
                new FeedAlarm(TimeSpan.FromMinutes(30), "半小时"),
                new FeedAlarm(TimeSpan.FromDays(1), "前一天"),
                new FeedAlarm(new TimeSpan(1, 2, 0, 0), ""),
                new FeedAlarm(TimeSpan.Zero, "开始"),
            ],
        });
        var lines = EventLines(ics);

        Assert.Equal(4, lines.Count(l => l == "BEGIN:VALARM"));
        Assert.Equal(4, lines.Count(l => l == "ACTION:DISPLAY"));
        Assert.Equal(["-PT30M", "-PT24H", "-PT26H", "P0D"], Values(ics, "TRIGGER"));
        // A DISPLAY alarm needs a DESCRIPTION: an empty one falls back to the summary.
        Assert.Equal(["半小时", "前一天", "坐班接访", "开始"], Values(ics, "DESCRIPTION"));
    }

    [Fact]
    public void AlarmDescriptions_AreEscaped()
    {
        var ics = Write(Timed() with { Alarms = [new FeedAlarm(TimeSpan.FromMinutes(10), "接访, 带案; 下访")] });

        Assert.Equal(@"接访\, 带案\; 下访", Assert.Single(Values(ics, "DESCRIPTION")));
    }

    /// <summary>Ical.Net's durations: exact (hours, not days), and whole minutes (see FeedRenderer: it writes 1 h 5 s as PT1H5S).</summary>
    [Theory]
    [InlineData(0, "P0D")]
    [InlineData(59, "P0D")]
    [InlineData(60, "PT1M")]
    [InlineData(3600, "PT1H")]
    [InlineData(3605, "PT1H")]
    [InlineData(5400, "PT1H30M")]
    [InlineData(86400, "PT24H")]
    [InlineData(86400 + 60, "PT24H1M")]
    [InlineData(2 * 86400 + 3 * 3600 + 4 * 60 + 5, "PT51H4M")]
    public void Durations_AreWholeMinutes(int seconds, string expected)
    {
        var ics = FeedRenderer.ToBytes(new FeedCalendar("x", TimeSpan.FromSeconds(seconds), [
            Timed() with { Alarms = [new FeedAlarm(TimeSpan.FromSeconds(seconds), "提醒")] },
        ]));

        Assert.Equal(expected, Assert.Single(Values(ics, "X-PUBLISHED-TTL")));
        Assert.Equal(expected == "P0D" ? "P0D" : "-" + expected, Assert.Single(Values(ics, "TRIGGER")));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a;b", @"a\;b")]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData(@"a\nb", @"a\\nb")]
    [InlineData("l1\r\nl2", @"l1\nl2")]
    [InlineData("l1\nl2", @"l1\nl2")]
    [InlineData("l1\rl2", @"l1\nl2")]
    [InlineData("l1\n\nl2", @"l1\n\nl2")]
    [InlineData("l1\r\n\r\nl2", @"l1\n\nl2")]
    [InlineData("\r\r\n", @"\n\n")]
    [InlineData("tab\tkept", "tab\tkept")]
    [InlineData("bell\u0007nul\u0000esc\u001Bdel\u007Fnel\u0085", "bellnulescdelnel")]
    [InlineData("下访：张三，李四；王五", "下访：张三，李四；王五")]
    [InlineData("𠮷野家😀", "𠮷野家😀")]
    [InlineData("é ß Ж", "é ß Ж")]
    public void Text_IsEscaped(string input, string expected)
    {
        Assert.Equal(expected, Assert.Single(Values(Write(Timed(summary: "始" + input)), "SUMMARY"))[1..]);
    }

    // Attribute strings cannot hold a lone surrogate (metadata is UTF-8): H and L stand for a lone high and low one.
    [Theory]
    [InlineData("aHb", "a\uFFFDb")]
    [InlineData("aLb", "a\uFFFDb")]
    [InlineData("LH", "\uFFFD\uFFFD")]
    [InlineData("endH", "end\uFFFD")]
    [InlineData("HH𠮷", "\uFFFD\uFFFD𠮷")]
    public void LoneSurrogates_BecomeReplacementCharacters(string pattern, string expected)
    {
        var input = pattern.Replace('H', '\uD842').Replace('L', '\uDFB7');
        Assert.Equal(expected, FeedText.Clean(input));
        var ics = Write(Timed(summary: input));
        Assert.Empty(ByteFaults(ics));
        Assert.Equal(expected, Unescape(Assert.Single(Values(ics, "SUMMARY"))));
    }

    [Fact]
    public void EveryTextProperty_IsEscaped()
    {
        const string Nasty = "a,b;c\\d\ne";
        const string Escaped = @"a\,b\;c\\d\ne";
        var ics = Write(Timed(uid: "uid,1;x", summary: Nasty) with
        {
            Location = Nasty,
            Description = Nasty,
            Categories = [Nasty, "值班"],
            Alarms = [new FeedAlarm(TimeSpan.FromMinutes(5), Nasty)],
        });

        Assert.Equal(@"uid\,1\;x", Assert.Single(Values(ics, "UID")));
        Assert.Equal(Escaped, Assert.Single(Values(ics, "SUMMARY")));
        Assert.Equal(Escaped, Assert.Single(Values(ics, "LOCATION")));
        Assert.Equal([Escaped, Escaped], Values(ics, "DESCRIPTION"));
        Assert.Equal(Escaped + ",值班", Assert.Single(Values(ics, "CATEGORIES")));
        Assert.Equal([Nasty, "值班"], UnescapeList(Values(ics, "CATEGORIES")[0]));
    }

    [Fact]
    public void EmptyOptionalProperties_AreLeftOut()
    {
        var lines = EventLines(Write(Timed() with { Location = "", Description = null, Categories = [] }));

        Assert.DoesNotContain(lines, l => l.StartsWith("LOCATION", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("DESCRIPTION", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("CATEGORIES", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("URL", StringComparison.Ordinal));
        Assert.DoesNotContain("BEGIN:VALARM", lines);
    }

    [Fact]
    public void Url_IsWrittenAsAUriNotAsText()
    {
        var ics = Write(Timed() with { Url = new Uri("https://reception.example/cases/5?a=1,2;b") });

        Assert.Equal("https://reception.example/cases/5?a=1,2;b", Assert.Single(Values(ics, "URL")));
    }

    [Fact]
    public void ALineOf75Octets_IsNotFoldedAnd76Are()
    {
        // "SUMMARY:" is 8 octets.
        var exactly = Write(Timed(summary: new string('a', 67)));
        var oneMore = Write(Timed(summary: new string('a', 68)));

        var line = Encoding.ASCII.GetBytes("SUMMARY:" + new string('a', 67));
        Assert.Contains(PhysicalLines(exactly), l => l.AsSpan().SequenceEqual(line));
        var lines = PhysicalLines(oneMore);
        var at = lines.FindIndex(l => l.AsSpan().StartsWith("SUMMARY:"u8));
        Assert.Equal(75, lines[at].Length);
        Assert.Equal(" a"u8.ToArray(), lines[at + 1]);
    }

    [Fact]
    public void ContinuationLines_Carry74Octets()
    {
        var ics = Write(Timed(summary: new string('x', 67 + 74 + 74 + 3)));
        var lines = PhysicalLines(ics);
        var at = lines.FindIndex(l => l.AsSpan().StartsWith("SUMMARY:"u8));

        Assert.Equal([75, 75, 75, 4], lines.Skip(at).Take(4).Select(l => l.Length));
        Assert.All(lines.Skip(at + 1).Take(3), l => Assert.Equal((byte)' ', l[0]));
        Assert.Equal(new string('x', 67 + 74 + 74 + 3), Assert.Single(Values(ics, "SUMMARY")));
    }

    [Fact]
    public void AFold_NeverSplitsAChineseCharacter()
    {
        // 8 + 22 × 3 = 74 octets: the 23rd character (3 octets) does not fit and moves to the next line.
        var summary = new string('接', 40);
        var lines = PhysicalLines(Write(Timed(summary: summary)));
        var at = lines.FindIndex(l => l.AsSpan().StartsWith("SUMMARY:"u8));

        Assert.Equal(74, lines[at].Length);
        Assert.Equal(1 + 18 * 3, lines[at + 1].Length);
        Assert.Equal("SUMMARY:" + new string('接', 22), Encoding.UTF8.GetString(lines[at]));
    }

    [Fact]
    public void AFold_NeverSplitsASurrogatePair()
    {
        // 8 + 65 = 73 octets, then 𠮷 (U+20BB7, 4 octets in UTF-8, a surrogate pair in .NET) does not fit.
        var summary = new string('a', 65) + "𠮷😀";
        var ics = Write(Timed(summary: summary));
        var lines = PhysicalLines(ics);
        var at = lines.FindIndex(l => l.AsSpan().StartsWith("SUMMARY:"u8));

        Assert.Equal(73, lines[at].Length);
        Assert.Equal(" 𠮷😀", Encoding.UTF8.GetString(lines[at + 1]));
        Assert.Equal(summary, Unescape(Assert.Single(Values(ics, "SUMMARY"))));
        Assert.Empty(ByteFaults(ics));
    }

    [Fact]
    public void AFold_NeverSplitsAnEscape()
    {
        // 8 + 66 = 74 octets, then "\," (2 octets) does not fit: the backslash moves with its comma.
        var ics = Write(Timed(summary: new string('a', 66) + ",b"));
        var lines = PhysicalLines(ics);
        var at = lines.FindIndex(l => l.AsSpan().StartsWith("SUMMARY:"u8));

        Assert.Equal(74, lines[at].Length);
        Assert.Equal(@" \,b"u8.ToArray(), lines[at + 1]);
    }

    /// <summary>
    /// Why the renderer folds again: Ical.Net 5.2.4 on its own folds by UTF-16 unit, so with 8 + 64 octets before it, 𠮷
    /// (a surrogate pair, which the library counts as 3 + 3 octets) is cut between its halves; and it folds between a
    /// backslash and the comma it escapes. If a later version stops doing either, this test says so.
    /// </summary>
    [Fact]
    public void IcalNetAlone_FoldsInsideASurrogatePairAndInsideAnEscape()
    {
        var pair = new CalendarSerializer().SerializeToString(FeedRenderer.ToCalendar(
            new FeedCalendar("x", TimeSpan.FromHours(1), [Timed(summary: new string('a', 64) + "𠮷")])))!;
        var escape = new CalendarSerializer().SerializeToString(FeedRenderer.ToCalendar(
            new FeedCalendar("x", TimeSpan.FromHours(1), [Timed(summary: new string('a', 66) + ",b")])))!;

        Assert.Contains("\uD842\r\n \uDFB7", pair, StringComparison.Ordinal);
        Assert.Throws<EncoderFallbackException>(() => new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(pair));
        Assert.Contains("\\\r\n ,b", escape, StringComparison.Ordinal);

        // The renderer's bytes for the same events are clean, and the text is whole.
        var ics = Write(Timed(summary: new string('a', 64) + "𠮷"), Timed("duty-2@reception", new string('a', 66) + ",b"));
        Assert.Empty(ByteFaults(ics));
        Assert.Equal([new string('a', 64) + "𠮷", new string('a', 66) + ",b"], Values(ics, "SUMMARY").Select(Unescape));
    }

    /// <summary>
    /// Ical.Net's CalendarEvent stamps DTSTAMP from the system clock and makes up a random UID when left unset; the renderer
    /// sets both from the data, so the bytes depend on nothing but the input.
    /// </summary>
    [Fact]
    public void Nothing_ComesFromTheSystemClockOrChance()
    {
        var calendar = new FeedCalendar("演示市", TimeSpan.FromHours(1), [Timed(), AllDay(May5, May5.AddDays(1))]);

        var model = FeedRenderer.ToCalendar(calendar);

        Assert.All(model.Events, e => Assert.Equal(new DateTime(2026, 11, 20, 8, 30, 0), e.DtStamp!.Value));
        Assert.Equal(["duty-1@reception", "duty-2@reception"], model.Events.Select(e => e.Uid));
        Assert.Equal(["20261120T083000Z", "20261120T083000Z"], Values(FeedRenderer.ToBytes(calendar), "DTSTAMP"));
    }

    /// <summary>
    /// The renderer serializes the calendar in parts (the shell, then each event, some on other threads, some from a cache);
    /// the bytes are exactly those of Ical.Net serializing the whole model at once.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(300)]
    public void Rendering_InParts_WritesWhatTheSerializerWritesForTheWholeCalendar(int count)
    {
        var calendar = Many(count);
        var whole = new ArrayBufferWriter<byte>();
        FeedRenderer.Write(FeedRenderer.ToCalendar(calendar), whole);

        Assert.Equal(whole.WrittenSpan.ToArray(), FeedRenderer.ToBytes(calendar));
        var cache = new CountingCache();
        Assert.Equal(whole.WrittenSpan.ToArray(), FeedRenderer.ToBytes(calendar, cache));
        Assert.Equal(whole.WrittenSpan.ToArray(), FeedRenderer.ToBytes(calendar, cache));
        Assert.Equal((count, count), (cache.Sets, cache.Hits));
    }

    [Fact]
    public void AChangedEvent_IsRenderedAgainAndTheOthersComeFromTheCache()
    {
        var cache = new CountingCache();
        var calendar = Many(100);
        FeedRenderer.ToBytes(calendar, cache);
        var changed = calendar with { Events = [.. calendar.Events.Take(40), calendar.Events[40] with { Summary = "改了" }, .. calendar.Events.Skip(41)] };

        var ics = FeedRenderer.ToBytes(changed, cache);

        Assert.Equal((101, 99), (cache.Sets, cache.Hits));
        Assert.Equal(FeedRenderer.ToBytes(changed), ics);
        Assert.Contains("改了", Values(ics, "SUMMARY"));
        Assert.NotEqual(FeedEventKey.Of(calendar.Events[40]), FeedEventKey.Of(changed.Events[40]));
        Assert.Equal(FeedEventKey.Of(calendar.Events[41]), FeedEventKey.Of(changed.Events[41]));
    }

    private static FeedCalendar Many(int count) => new("演示市 值班表", TimeSpan.FromHours(1),
        Enumerable.Range(0, count).Select(i => (i % 3 == 0 ? AllDay(May5.AddDays(i), May5.AddDays(i + 1), $"visit-{i}@reception") : Timed($"duty-{i}@reception", $"接访 {i}，𠮷, " + new string('长', i % 40))) with
        {
            Status = i % 11 == 0 ? FeedEventStatus.Cancelled : FeedEventStatus.Confirmed,
            Location = i % 2 == 0 ? "信访接待中心; 三楼" : null,
            Categories = i % 5 == 0 ? ["值班", "坐班"] : [],
            Alarms = [new FeedAlarm(TimeSpan.FromMinutes(15 * (i % 5)), "提醒 " + i)],
        }).ToList());

    private sealed class CountingCache : IFeedEventCache
    {
        private readonly Dictionary<FeedEventKey, byte[]> _events = [];
        public int Hits { get; private set; }
        public int Sets { get; private set; }

        public bool TryGet(FeedEventKey key, out byte[] bytes)
        {
            var found = _events.TryGetValue(key, out bytes!);
            if (found) Hits++;
            return found;
        }

        public void Set(FeedEventKey key, byte[] bytes)
        {
            Sets++;
            _events[key] = bytes;
        }
    }

    [Fact]
    public void ATightOutputBuffer_GivesTheSameBytes()
    {
        var calendar = new FeedCalendar("演示市", TimeSpan.FromHours(1),
            Enumerable.Range(0, 200).Select(i => Timed($"uid-{i}", $"接访 {i} 𠮷, " + new string('长', i)) with
            {
                Description = new string('述', 3 * i),
                Alarms = [new FeedAlarm(TimeSpan.FromMinutes(i), "提醒")],
            }).ToList());
        var expected = FeedRenderer.ToBytes(calendar);

        var tiny = new TinyBufferWriter();
        FeedRenderer.Render(calendar, tiny);

        Assert.Equal(expected, tiny.Written.ToArray());
        Assert.True(tiny.Calls > 5, $"only {tiny.Calls} GetSpan calls: the test did not exercise refills");
    }

    [Fact]
    public void TheSameEvents_GiveTheSameBytes()
    {
        Assert.Equal(Write(Timed(), AllDay(May5, May5.AddDays(1))), Write(Timed(), AllDay(May5, May5.AddDays(1))));
    }

    [Fact]
    public void AnEvent_WithoutUidOrWithMixedStartAndEnd_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Write(Timed(uid: "")));
        Assert.Throws<ArgumentException>(() => Write(Timed() with { End = FeedTime.AllDay(May5.AddDays(1)) }));
    }

    /// <summary>An IBufferWriter that hands out spans of exactly the size asked for (never more), to test refills.</summary>
    private sealed class TinyBufferWriter : IBufferWriter<byte>
    {
        private readonly List<byte> written = [];
        private byte[] current = [];
        public int Calls { get; private set; }
        public IReadOnlyList<byte> Written => written;

        public void Advance(int count) => written.AddRange(current.AsSpan(0, count).ToArray());

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Calls++;
            current = new byte[Math.Max(1, sizeHint)];
            return current;
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }
}
