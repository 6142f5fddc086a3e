using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Reception.Core.Feeds;
using static Reception.Core.Tests.Feeds.IcsTestReader;

namespace Reception.Core.Tests.Feeds;

/// <summary>
/// FsCheck properties of the rendered bytes (Ical.Net's serializer, refolded by the renderer) over generated text mixing ASCII, characters that need escapes
/// (, ; \ and line breaks), CJK, other BMP text, characters outside the BMP (𠮷, emoji), control characters and
/// lone surrogates, in every TEXT property at once.
/// </summary>
public class FeedRendererPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);
    private static readonly DateTime Stamp = new(2026, 11, 22, 1, 2, 3, DateTimeKind.Utc);

    private static Gen<string> Chars(int from, int to) => Gen.Choose(from, to).Select(c => ((char)c).ToString());

    private static Gen<string> Scalars(int from, int to) => Gen.Choose(from, to).Select(char.ConvertFromUtf32);

    /// <summary>One piece of text; pieces are concatenated, so runs, pairs and lone surrogates meet at every offset.</summary>
    private static readonly Gen<string> Piece = Gen.Frequency(
        (6, Chars('a', 'z')),
        (2, Chars(' ', '~')),
        (4, Gen.Elements(",", ";", "\\", "\n", "\r\n", "\r", "\\n", "\\,", "\t")),
        (6, Chars(0x4E00, 0x9FFF)),                      // CJK: 3 octets
        (2, Gen.Elements("，", "；", "：", "（", "）", "、", "调休")),
        (1, Chars(0x00A0, 0x07FF)),                       // 2 octets
        (3, Gen.Elements("𠮷", "😀", "👍🏽", "🀄", "𝄞")),     // outside the BMP: surrogate pairs, 4 octets
        (1, Scalars(0x20000, 0x2A6DF)),                   // CJK Extension B
        (1, Gen.Elements("\uD842", "\uDFB7", "\uD83D", "\uDE00")), // lone surrogates (or pairs, when two meet)
        (1, Gen.Elements("\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u000B")), // controls: dropped
        (1, Gen.Choose(1, 120).Select(n => new string('x', n))),
        (1, Gen.Choose(1, 40).Select(n => new string('长', n))));

    private static readonly Gen<string> Text = Gen.Choose(0, 120)
        .SelectMany(n => Gen.ArrayOf(Piece, n))
        .Select(string.Concat);

    private static readonly Gen<string[]> Texts = Gen.ArrayOf(Text, 6);

    private static FeedCalendar Calendar(string[] t) => new(t[0], TimeSpan.FromHours(1),
    [
        new FeedEvent("uid-" + t[1], FeedTime.Local(new DateOnly(2026, 5, 5), new TimeOnly(9, 0)),
            FeedTime.Local(new DateOnly(2026, 5, 5), new TimeOnly(12, 0)), t[2], FeedEventStatus.Confirmed, 1, Stamp)
        {
            Location = t[3],
            Description = t[4],
            Categories = [t[5], t[2]],
            Alarms = [new FeedAlarm(TimeSpan.FromMinutes(30), t[3])],
        },
    ])
    { Description = t[5] };

    [Fact]
    public void Bytes_AreCrlfLinesOfAtMost75OctetsOfValidUtf8FoldedBetweenCharactersAndEscapes()
    {
        Check.One(Config, Prop.ForAll(Texts.ToArbitrary(), t =>
        {
            var ics = FeedRenderer.ToBytes(Calendar(t));
            var faults = ByteFaults(ics);
            return faults.Count == 0 ? true : throw new Xunit.Sdk.XunitException(string.Join("\n", faults));
        }));
    }

    [Fact]
    public void UnfoldingAndUnescaping_GivesBackTheText()
    {
        Check.One(Config, Prop.ForAll(Texts.ToArbitrary(), t =>
        {
            var ics = FeedRenderer.ToBytes(Calendar(t));
            Assert.Equal(ExpectedText(t[0]), Unescape(Assert.Single(Values(ics, "X-WR-CALNAME"))));
            Assert.Equal(ExpectedText(t[0]), Unescape(Assert.Single(Values(ics, "NAME"))));
            Assert.Equal(ExpectedText("uid-" + t[1]), Unescape(Assert.Single(Values(ics, "UID"))));
            Assert.Equal(ExpectedText(t[2]), Unescape(Assert.Single(Values(ics, "SUMMARY"))));
            // Empty optional values are left out; an alarm without a description shows the summary.
            Assert.Equal(t[3] == "" ? [] : [ExpectedText(t[3])], Values(ics, "LOCATION").Select(Unescape));
            List<string> descriptions = [];
            if (t[5] != "") descriptions.Add(ExpectedText(t[5])); // the calendar's
            if (t[4] != "") descriptions.Add(ExpectedText(t[4])); // the event's
            descriptions.Add(ExpectedText(t[3] != "" ? t[3] : t[2])); // the alarm's
            Assert.Equal(descriptions, Values(ics, "DESCRIPTION").Select(Unescape));
            Assert.Equal([ExpectedText(t[5]), ExpectedText(t[2])], UnescapeList(Assert.Single(Values(ics, "CATEGORIES"))));
            return true;
        }));
    }

    [Fact]
    public void CleanedText_IsValidUtf16WithoutControlsButTabAndLineFeed()
    {
        Check.One(Config, Prop.ForAll(Text.ToArbitrary(), text =>
        {
            var clean = FeedText.Clean(text);
            Assert.Equal(ExpectedText(text), clean);
            // Valid UTF-16 out, so valid UTF-8 in the file.
            Assert.Equal(clean, Encoding.UTF8.GetString(new UTF8Encoding(false, true).GetBytes(clean)));
            return true;
        }));
    }

    [Fact]
    public void TheGenerator_ProducesWhatThePropertiesAreAbout()
    {
        // Guards the properties against a generator that stopped producing the hard cases.
        var samples = Text.Sample(300);
        Assert.Contains(samples, s => s.Contains("𠮷", StringComparison.Ordinal) || s.Contains("😀", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Any(c => c is ',' or ';' or '\\' or '\n' or '\r'));
        Assert.Contains(samples, s => s.Any(c => c is >= '\u4E00' and <= '\u9FFF'));
        Assert.Contains(samples, s => s.Select((c, i) => char.IsHighSurrogate(c) && (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))).Any(x => x));
        Assert.Contains(samples, s => Encoding.UTF8.GetByteCount(s) > 300);
    }
}
