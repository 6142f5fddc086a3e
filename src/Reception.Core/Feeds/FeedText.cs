using System.Buffers;
using System.Text;

namespace Reception.Core.Feeds;

/// <summary>
/// Text as a feed may carry it. RFC 5545 TEXT (3.3.11) has no place for control characters other than HTAB and line
/// breaks (which Ical.Net escapes as \n), and UTF-8 has none for a lone surrogate; Ical.Net copies both into the file,
/// where parsers either choke or quietly drop them. So they are dealt with before the text reaches the library.
/// </summary>
public static class FeedText
{
    // Every control character but HTAB and LF, and every surrogate (a pair is checked before it is kept).
    private static readonly SearchValues<char> Suspect = SearchValues.Create(SuspectCharacters());

    /// <summary>
    /// <paramref name="text"/> with its line breaks (CRLF, CR, LF) as LF, which the serializer writes as \n; C0 controls but
    /// HTAB and LF, DEL and C1 controls dropped; and each lone surrogate replaced by U+FFFD. Line breaks are settled first,
    /// so a control between CR and LF leaves two line breaks, not one. The same instance when nothing changes.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAny(Suspect);
        if (first < 0) return text;

        var builder = new StringBuilder(text.Length);
        builder.Append(text.AsSpan(0, first));
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else if (!char.IsControl(c) || c is '\t' or '\n')
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static string SuspectCharacters()
    {
        var builder = new StringBuilder();
        for (var c = '\0'; c < ' '; c++)
        {
            if (c is not ('\t' or '\n')) builder.Append(c);
        }
        for (var c = '\x7F'; c <= '\x9F'; c++) builder.Append(c);
        for (var c = '\uD800'; c <= '\uDFFF'; c++) builder.Append(c);
        return builder.ToString();
    }
}
