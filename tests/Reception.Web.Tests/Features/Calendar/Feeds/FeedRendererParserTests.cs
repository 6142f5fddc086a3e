using System.Text;
using Reception.Core.Feeds;

namespace Reception.Web.Tests.Features.Calendar.Feeds;

/// <summary>
/// Calendars rendered by Ical.Net through <see cref="FeedRenderer"/> parse in Mozilla's ical.js and in Debian's
/// python3-icalendar with no errors, and what the parsers read equals what was rendered. Also proves the harness itself
/// finds faults. (The three real feeds are parsed the same way in FeedParserTests.)
/// </summary>
public class FeedRendererParserTests
{
    private static readonly DateTime Modified = new(2026, 11, 20, 8, 30, 0, DateTimeKind.Utc);

    private static FeedEvent Timed(string uid, DateOnly day, TimeOnly from, TimeOnly to, string summary) =>
        new(uid, FeedTime.Local(day, from), FeedTime.Local(day, to), summary, FeedEventStatus.Confirmed, 1, Modified);

    private static FeedEvent AllDay(string uid, DateOnly from, DateOnly toExclusive, string summary) =>
        new(uid, FeedTime.AllDay(from), FeedTime.AllDay(toExclusive), summary, FeedEventStatus.Confirmed, 0, Modified);

    /// <summary>
    /// Chinese text, characters outside the BMP, commas, semicolons and backslashes, long folded text, all-day
    /// events on 2026's make-up working days (调休) and across the May Day holiday, month and year ends, a
    /// cancelled duty, a tentative visit and alarms.
    /// </summary>
    private static readonly FeedCalendar Mixed = new("演示市 领导接访值班表, 2026; 公开", TimeSpan.FromHours(1),
    [
        Timed("duty-1@reception.demo", new DateOnly(2026, 5, 9), new TimeOnly(9, 0), new TimeOnly(12, 0), "坐班接访（调休上班日）：张三, 李四; 王五")
            with
            {
                Location = "信访接待中心 𠮷野家楼 3F; 接待室\\A",
                Description = "接访领导：张三\n陪同：李四、王五\r\n备注：带案下访 😀👍🏽, 共 3 件;" + string.Concat(Enumerable.Repeat("长文本折行测试", 20)),
                Url = new Uri("https://reception.example/rota/demo?month=2026-05"),
                Categories = ["坐班接访", "调休"],
                Alarms = [new FeedAlarm(TimeSpan.FromMinutes(30), "30 分钟后坐班接访"), new FeedAlarm(TimeSpan.FromDays(1), "明天坐班接访, 请准备")],
                Sequence = 3,
            },
        AllDay("makeup-0104@reception.demo", new DateOnly(2026, 1, 4), new DateOnly(2026, 1, 5), "调休上班（元旦）"),
        AllDay("makeup-0214@reception.demo", new DateOnly(2026, 2, 14), new DateOnly(2026, 2, 15), "调休上班（春节）"),
        AllDay("makeup-0228@reception.demo", new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 1), "调休上班 2月28日 → 3月1日"),
        AllDay("mayday@reception.demo", new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 6), "劳动节放假 5 天") with
        {
            Alarms = [new FeedAlarm(TimeSpan.FromHours(18), "明日放假")],
        },
        AllDay("makeup-0920@reception.demo", new DateOnly(2026, 9, 20), new DateOnly(2026, 9, 21), "调休上班（国庆）"),
        AllDay("makeup-1010@reception.demo", new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 11), "调休上班（国庆）𠀀𪚥"),
        AllDay("yearend@reception.demo", new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 1), "年终值班"),
        Timed("duty-2@reception.demo", new DateOnly(2026, 9, 20), new TimeOnly(14, 30), new TimeOnly(17, 45, 30), "坐班接访（已取消）") with
        {
            Status = FeedEventStatus.Cancelled,
            Sequence = 7,
            Description = "领导另有公务，改由副职接访",
        },
        Timed("visit-3@reception.demo", new DateOnly(2026, 12, 31), new TimeOnly(23, 0), new TimeOnly(23, 59, 59), "约访：2026-0001 号（信访事项）") with
        {
            Status = FeedEventStatus.Tentative,
            Categories = ["约访"],
            Alarms = [new FeedAlarm(new TimeSpan(1, 2, 3, 0), "约访提醒")],
        },
        new FeedEvent("overnight-4@reception.demo", FeedTime.Local(new DateOnly(2026, 2, 28), new TimeOnly(20, 0)),
            FeedTime.Local(new DateOnly(2026, 3, 1), new TimeOnly(8, 0)), "夜间值守 C:\\值班\\记录", FeedEventStatus.Confirmed, 0, Modified),
    ])
    { Description = "每日坐班接访; 下访, 约访" };

    [Fact]
    public async Task MixedFeed_ParsesInIcaljsAndEqualsTheInput()
    {
        var ics = FeedRenderer.ToBytes(Mixed);

        var parsed = await IcsParsers.IcalJsAsync(ics);

        AssertEqual(Mixed, parsed, compareCategories: true);
    }

    [Fact]
    public async Task MixedFeed_ParsesInPythonIcalendarAndEqualsTheInput()
    {
        var ics = FeedRenderer.ToBytes(Mixed);

        var parsed = await IcsParsers.PythonIcalendarAsync(ics);

        AssertEqual(Mixed, parsed, compareCategories: true);
    }

    [Fact]
    public async Task FiveHundredEvents_ParseInBothParsersAndEqualTheInput()
    {
        var calendar = new FeedCalendar("张三的接访日程", TimeSpan.FromMinutes(30), FiveHundred());
        var ics = FeedRenderer.ToBytes(calendar);

        Assert.Empty(IcsParsers.ByteLevelErrors(ics));
        var both = await Task.WhenAll(IcsParsers.IcalJsAsync(ics), IcsParsers.PythonIcalendarAsync(ics));

        AssertEqual(calendar, both[0], compareCategories: true);
        AssertEqual(calendar, both[1], compareCategories: true);
    }

    [Fact]
    public async Task EscapedCommas_InsideCategories_SurviveIcaljs()
    {
        // python-icalendar 4.0.3 splits CATEGORIES on every comma (a known bug), so only ical.js is asked here.
        var calendar = Mixed with { Events = [Mixed.Events[0] with { Categories = ["接访, 下访", "a;b", "c\\d"] }] };

        var parsed = await IcsParsers.IcalJsAsync(FeedRenderer.ToBytes(calendar));

        AssertEqual(calendar, parsed, compareCategories: true);
    }

    /// <summary>
    /// Random text mixing ASCII, escapes, CJK, non-BMP characters, controls and lone surrogates (fixed seeds) in every
    /// text property reads back in both parsers as the renderer's cleaned text (line breaks as LF, controls dropped,
    /// lone surrogates as U+FFFD).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomText_ReadsBackInBothParsers(int seed)
    {
        var random = new Random(seed);
        var events = Enumerable.Range(0, 150).Select(i =>
            Timed($"random-{seed}-{i}@reception.demo", new DateOnly(2026, 5, 9), new TimeOnly(9, 0), new TimeOnly(10, 0), RandomText(random))
                with
            {
                Location = RandomText(random),
                Description = RandomText(random),
                Alarms = [new FeedAlarm(TimeSpan.FromMinutes(5), RandomText(random))],
                Categories = [RandomText(random).Replace(",", "，", StringComparison.Ordinal)],
            }).ToList();
        var calendar = new FeedCalendar(RandomText(random), TimeSpan.FromHours(1), events);
        var ics = FeedRenderer.ToBytes(calendar);
        Assert.Empty(IcsParsers.ByteLevelErrors(ics));

        // What the renderer promises to keep: the text as cleaned (FeedText.Clean), escaped by Ical.Net, read back unescaped.
        AssertEqual(MapText(calendar, Normal), await IcsParsers.IcalJsAsync(ics), compareCategories: true);

        // python-icalendar 4.0.3 unescapes twice (see IcsParsers): it gets the same text with '/' for each backslash.
        var forPython = MapText(calendar, t => t.Replace('\\', '/'));
        var pythonIcs = FeedRenderer.ToBytes(forPython);
        Assert.Empty(IcsParsers.ByteLevelErrors(pythonIcs));
        AssertEqual(MapText(forPython, Normal), await IcsParsers.PythonIcalendarAsync(pythonIcs), compareCategories: true);
    }

    private static FeedCalendar MapText(FeedCalendar calendar, Func<string, string> map) => calendar with
    {
        Name = map(calendar.Name),
        Events = calendar.Events.Select(e => e with
        {
            Summary = map(e.Summary),
            Location = e.Location is null ? null : map(e.Location),
            Description = e.Description is null ? null : map(e.Description),
            Alarms = e.Alarms.Select(a => a with { Description = map(a.Description) }).ToList(),
            Categories = e.Categories.Select(map).ToList(),
        }).ToList(),
    };

    private static readonly string[] Pieces =
    [
        "a", "b", "Z", "0", "n", "N", " ", "-", ":", "\"", ",", ";", "\\", "\n", "\r\n", "\r", "\t", "接", "访", "值班", "，", "；",
        "é", "Ж", "𠮷", "😀", "👍🏽", "𝄞", "\uD842", "\uDE00", "\u0007", "\u007F", "长长长长长长长长长长长长长长长长长长长长长长长长长长",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    ];

    // Starts and ends with a CJK character, so that no value is empty or only whitespace.
    private static string RandomText(Random random)
    {
        var builder = new StringBuilder("始");
        for (var n = random.Next(1, 60); n > 0; n--) builder.Append(Pieces[random.Next(Pieces.Length)]);
        return builder.Append('终').ToString();
    }

    // The renderer's cleaning (FeedText.Clean): CRLF, CR and LF as LF, other control characters but HTAB dropped, lone surrogates as U+FFFD.
    private static string Normal(string text)
    {
        var builder = new StringBuilder();
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            Rune.DecodeFromUtf16(rest, out var rune, out var used);
            rest = rest[used..];
            if (rune.Value == '\r' && !rest.IsEmpty && rest[0] == '\n') continue;
            if (rune.Value is '\r' or '\n') builder.Append('\n');
            else if (rune.Value == '\t' || !Rune.IsControl(rune)) builder.Append(rune.ToString());
        }
        return builder.ToString();
    }

    [Fact]
    public void TheRenderedBytes_PassTheByteLevelChecks()
    {
        Assert.Empty(IcsParsers.ByteLevelErrors(FeedRenderer.ToBytes(Mixed)));
    }

    [Fact]
    public void TheByteLevelChecks_FindEachFault()
    {
        Assert.Contains(IcsParsers.ByteLevelErrors("A:b\nB:c\r\n"u8.ToArray()), e => e.Contains("bare LF", StringComparison.Ordinal));
        Assert.Contains(IcsParsers.ByteLevelErrors("A:b\rB:c\r\n"u8.ToArray()), e => e.Contains("bare CR", StringComparison.Ordinal));
        Assert.Contains(IcsParsers.ByteLevelErrors(Encoding.ASCII.GetBytes("A:" + new string('x', 74) + "\r\n")), e => e.Contains("76 octets", StringComparison.Ordinal));
        Assert.Contains(IcsParsers.ByteLevelErrors([.. "A:"u8, 0xE6, 0x8E, .. "\r\n"u8]), e => e.Contains("invalid UTF-8", StringComparison.Ordinal));
        Assert.Contains(IcsParsers.ByteLevelErrors([.. "A:"u8, 0xE6, .. "\r\n "u8, 0x8E, 0xA5, .. "\r\n"u8]), e => e.Contains("inside a UTF-8 character", StringComparison.Ordinal));
        Assert.Contains(IcsParsers.ByteLevelErrors(@"A:a\"u8.ToArray().Concat("\r\n ,b\r\n"u8.ToArray()).ToArray()), e => e.Contains("inside an escape", StringComparison.Ordinal));
        Assert.Contains(IcsParsers.ByteLevelErrors([0xEF, 0xBB, 0xBF, .. "A:b\r\n"u8]), e => e.Contains("BOM", StringComparison.Ordinal));
        Assert.Empty(IcsParsers.ByteLevelErrors(@"A:a\\"u8.ToArray().Concat("\r\n ,b\r\n"u8.ToArray()).ToArray()));
    }

    /// <summary>The harness is honest: a floating time, a TZID without its VTIMEZONE and invalid UTF-8 are errors in both parsers.</summary>
    [Theory]
    [InlineData("floating")]
    [InlineData("no-vtimezone")]
    [InlineData("wrong-offset")]
    [InlineData("invalid-utf8")]
    [InlineData("no-uid")]
    public async Task BothParsers_ReportABrokenFeed(string fault)
    {
        var calendar = new FeedCalendar("坏的日历", TimeSpan.FromHours(1),
            [Timed("broken@reception.demo", new DateOnly(2026, 5, 9), new TimeOnly(9, 0), new TimeOnly(12, 0), "接访")]);
        var text = Encoding.UTF8.GetString(FeedRenderer.ToBytes(calendar));
        byte[] ics = fault switch
        {
            "floating" => Encoding.UTF8.GetBytes(text.Replace("DTSTART;TZID=Asia/Shanghai:", "DTSTART:", StringComparison.Ordinal)),
            "no-vtimezone" => Encoding.UTF8.GetBytes(text[..text.IndexOf("BEGIN:VTIMEZONE", StringComparison.Ordinal)]
                + text[(text.IndexOf("END:VTIMEZONE\r\n", StringComparison.Ordinal) + "END:VTIMEZONE\r\n".Length)..]),
            "wrong-offset" => Encoding.UTF8.GetBytes(text.Replace("TZOFFSETTO:+0800", "TZOFFSETTO:+0900", StringComparison.Ordinal)
                .Replace("TZOFFSETFROM:+0800", "TZOFFSETFROM:+0900", StringComparison.Ordinal)),
            "invalid-utf8" => BreakUtf8(Encoding.UTF8.GetBytes(text)),
            "no-uid" => Encoding.UTF8.GetBytes(text.Replace("UID:broken@reception.demo\r\n", "", StringComparison.Ordinal)),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        Assert.NotEqual(FeedRenderer.ToBytes(calendar), ics);

        var icalJs = await IcsParsers.IcalJsAsync(ics);
        var python = await IcsParsers.PythonIcalendarAsync(ics);

        Assert.NotEmpty(icalJs.Errors);
        // python-icalendar resolves TZID=Asia/Shanghai from its own (pytz) database, not from the file, so it
        // cannot see a missing or wrong VTIMEZONE (it checks that the VTIMEZONE converts); ical.js can.
        if (fault is not ("no-vtimezone" or "wrong-offset")) Assert.NotEmpty(python.Errors);
    }

    [Fact]
    public async Task AMissingParser_FailsLoudly()
    {
        var nowhere = Path.Combine(Path.GetTempPath(), "no-such-node-modules-" + Guid.NewGuid().ToString("N"));

        await Assert.ThrowsAsync<FileNotFoundException>(() => IcsParsers.IcalJsAsync(FeedRenderer.ToBytes(Mixed), nowhere));
    }

    // The second octet of the summary's first character (接 = E6 8E A5) becomes 'A': E6 41 A5 is not UTF-8.
    private static byte[] BreakUtf8(byte[] ics)
    {
        var at = ics.AsSpan().IndexOf("SUMMARY:"u8) + "SUMMARY:".Length;
        Assert.Equal(0xE6, ics[at]);
        ics[at + 1] = (byte)'A';
        return ics;
    }

    private static List<FeedEvent> FiveHundred()
    {
        var events = new List<FeedEvent>(500);
        var first = new DateOnly(2026, 10, 23);
        string[] leaders = ["张三", "李四", "王五", "赵六", "𠮷田", "欧阳修"];
        for (var i = 0; i < 500; i++)
        {
            var day = first.AddDays(i / 3);
            var leader = leaders[i % leaders.Length];
            var e = (i % 5) switch
            {
                0 => AllDay($"duty-{i}@reception.demo", day, day.AddDays(1 + i % 3), $"{leader} 值班, 第 {i} 条; 全天"),
                _ => Timed($"visit-{i}@reception.demo", day, new TimeOnly(8 + i % 9, i % 4 * 15), new TimeOnly(9 + i % 9, i % 4 * 15, i % 60),
                    $"{leader} 约访 #{i}: 2026-{i:0000} 号（信访事项）"),
            };
            events.Add(e with
            {
                Status = i % 17 == 0 ? FeedEventStatus.Cancelled : i % 11 == 0 ? FeedEventStatus.Tentative : FeedEventStatus.Confirmed,
                Sequence = i % 7,
                Location = i % 2 == 0 ? $"第 {i % 9} 接待室, 信访局 😀" : null,
                Description = i % 3 == 0 ? $"案件编号 2026-{i:0000}\n类别：土地征收; 城建\n" + new string('述', i % 40) : null,
                Url = new Uri($"https://reception.example/cases/{i}"),
                Categories = i % 4 == 0 ? ["接访", leader] : [],
                Alarms = i % 2 == 1 ? [new FeedAlarm(TimeSpan.FromMinutes(15 * (1 + i % 8)), $"提醒：{leader}")] : [],
            });
        }
        return events;
    }

    private static void AssertEqual(FeedCalendar expected, ParsedCalendar parsed, bool compareCategories)
    {
        Assert.True(parsed.Errors.Count == 0, parsed.ToString());
        Assert.Equal(expected.Name, parsed.Name);
        Assert.Equal(expected.Events.Select(e => e.Uid), parsed.Events.Select(e => e.Uid));
        foreach (var (want, got) in expected.Events.Zip(parsed.Events))
        {
            var cancelled = want.Status == FeedEventStatus.Cancelled;
            Assert.Equal(want.Summary, got.Summary);
            Assert.Equal(want.Status.ToString().ToUpperInvariant(), got.Status);
            Assert.Equal(want.Sequence, got.Sequence);
            Assert.Equal(want.Start, got.Start);
            Assert.Equal(want.End, got.End);
            Assert.Equal(want.Start.IsAllDay, got.AllDay);
            Assert.Equal(Normalize(want.Description), got.Description);
            Assert.Equal(want.Location, got.Location);
            Assert.Equal(want.Url?.AbsoluteUri, got.Url);
            if (compareCategories) Assert.Equal(want.Categories, got.Categories);
            // A cancelled event is written without alarms.
            Assert.Equal(
                cancelled ? [] : want.Alarms.Select(a => new ParsedAlarm(a.Before, a.Description)).ToList(),
                got.Alarms);
        }
    }

    private static string? Normalize(string? text) => text?.ReplaceLineEndings("\n");
}
