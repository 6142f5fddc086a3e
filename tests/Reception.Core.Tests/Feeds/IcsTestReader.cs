using System.Text;

namespace Reception.Core.Tests.Feeds;

/// <summary>
/// An independent reader for the rendered feeds, written from RFC 5545 for the tests: byte-level faults, unfolding,
/// TEXT unescaping, and the expected text for an input string.
/// </summary>
internal static class IcsTestReader
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The physical lines (without their CRLF). Fails on a bare CR or LF or a missing final CRLF.</summary>
    public static List<byte[]> PhysicalLines(byte[] ics)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < ics.Length; i++)
        {
            if (ics[i] == (byte)'\r')
            {
                if (i + 1 >= ics.Length || ics[i + 1] != (byte)'\n') throw new InvalidDataException($"bare CR at byte {i}");
                lines.Add(ics[start..i]);
                i++;
                start = i + 1;
            }
            else if (ics[i] == (byte)'\n')
            {
                throw new InvalidDataException($"bare LF at byte {i}");
            }
        }
        if (start != ics.Length) throw new InvalidDataException("the last line has no CRLF");
        return lines;
    }

    /// <summary>Every byte-level fault: line ends, length, UTF-8, folds inside a character or an escape, folding too early.</summary>
    public static List<string> ByteFaults(byte[] ics)
    {
        var faults = new List<string>();
        if (ics.AsSpan().StartsWith("\uFEFF"u8)) faults.Add("BOM");
        try
        {
            Strict.GetString(ics);
        }
        catch (DecoderFallbackException e)
        {
            faults.Add($"invalid UTF-8 at {e.Index}");
        }
        List<byte[]> lines;
        try
        {
            lines = PhysicalLines(ics);
        }
        catch (InvalidDataException e)
        {
            faults.Add(e.Message);
            return faults;
        }
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            if (line.Length > 75) faults.Add($"line {n + 1}: {line.Length} octets");
            if (line.Length > 0 && (line[0] & 0xC0) == 0x80) faults.Add($"line {n + 1} starts with a UTF-8 continuation byte");
            var backslashes = 0;
            while (backslashes < line.Length && line[line.Length - 1 - backslashes] == (byte)'\\') backslashes++;
            if (backslashes % 2 == 1) faults.Add($"line {n + 1} ends inside an escape");
            var folded = n + 1 < lines.Count && lines[n + 1].Length > 0 && lines[n + 1][0] == (byte)' ';
            // The next unit (at most 4 octets) did not fit: a fold before 72 octets is premature.
            if (folded && line.Length < 72) faults.Add($"line {n + 1} folded early at {line.Length} octets");
            if (line.Length > 0 && line[0] == (byte)' ' && n == 0) faults.Add("the first line is a continuation");
        }
        return faults;
    }

    /// <summary>The content lines, unfolded (RFC 5545 3.1: CRLF followed by one space or tab is removed) and decoded.</summary>
    public static List<string> ContentLines(byte[] ics)
    {
        var result = new List<string>();
        var current = new List<byte>();
        foreach (var line in PhysicalLines(ics))
        {
            if (line.Length > 0 && (line[0] == (byte)' ' || line[0] == (byte)'\t'))
            {
                current.AddRange(line.AsSpan(1).ToArray());
                continue;
            }
            if (result.Count > 0 || current.Count > 0) result.Add(Strict.GetString(current.ToArray()));
            current = [.. line];
        }
        result.Add(Strict.GetString(current.ToArray()));
        return result;
    }

    /// <summary>The raw values of every content line named <paramref name="name"/> (parameters skipped), in order.</summary>
    public static List<string> Values(byte[] ics, string name) =>
        ContentLines(ics)
            .Where(l => l.StartsWith(name + ":", StringComparison.Ordinal) || l.StartsWith(name + ";", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..])
            .ToList();

    /// <summary>RFC 5545 3.3.11 TEXT unescaping; throws on an escape that does not exist or an unescaped ; or ,.</summary>
    public static string Unescape(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is ';' or ',') throw new InvalidDataException($"unescaped '{c}' at {i} in {value}");
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (++i >= value.Length) throw new InvalidDataException($"a trailing backslash in {value}");
            builder.Append(value[i] switch
            {
                'n' or 'N' => '\n',
                '\\' => '\\',
                ';' => ';',
                ',' => ',',
                var other => throw new InvalidDataException($"unknown escape \\{other} in {value}"),
            });
        }
        return builder.ToString();
    }

    /// <summary>A multi-valued TEXT (CATEGORIES) split on unescaped commas, each unescaped.</summary>
    public static List<string> UnescapeList(string value)
    {
        var items = new List<string>();
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\') i++;
            else if (value[i] == ',')
            {
                items.Add(Unescape(value[start..i]));
                start = i + 1;
            }
        }
        items.Add(Unescape(value[start..]));
        return items;
    }

    /// <summary>
    /// What a TEXT value should read back as: line breaks (CRLF, LF, CR) as LF, other control characters but HTAB
    /// dropped, lone surrogates as U+FFFD.
    /// </summary>
    public static string ExpectedText(string input)
    {
        var builder = new StringBuilder(input.Length);
        var span = input.AsSpan();
        while (!span.IsEmpty)
        {
            Rune.DecodeFromUtf16(span, out var rune, out var consumed); // a lone surrogate decodes as U+FFFD
            span = span[consumed..];
            if (rune.Value == '\r')
            {
                if (!span.IsEmpty && span[0] == '\n') span = span[1..];
                builder.Append('\n');
            }
            else if (rune.Value == '\n' || rune.Value == '\t' || !Rune.IsControl(rune))
            {
                builder.Append(rune.ToString());
            }
        }
        return builder.ToString();
    }
}
