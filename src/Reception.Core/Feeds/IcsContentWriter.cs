using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Reception.Core.Feeds;

/// <summary>
/// Writes RFC 5545 content lines straight into an <see cref="IBufferWriter{T}"/> as UTF-8, folding at 75 octets
/// (RFC 5545 3.1): a continuation line starts with one space, so it carries at most 74 octets of content. A fold
/// never splits a UTF-8 sequence (a surrogate pair becomes one 4-byte unit) nor a TEXT escape (a backslash and the
/// character after it are one unit). Lines end with CRLF. Call <see cref="Flush"/> once at the end.
/// </summary>
internal ref struct IcsContentWriter
{
    public const int MaxLineOctets = 75;
    private const int ChunkSize = 16 * 1024;

    // Characters copied as they are: printable ASCII and HTAB. TEXT additionally escapes \ ; , (RFC 5545 3.3.11).
    private static readonly SearchValues<char> PlainText = SearchValues.Create(PlainAscii(escaped: true));
    private static readonly SearchValues<char> PlainRaw = SearchValues.Create(PlainAscii(escaped: false));

    private readonly IBufferWriter<byte> output;
    private Span<byte> buffer;
    private int position;
    private int column; // octets on the current physical line, the leading space of a continuation included

    public IcsContentWriter(IBufferWriter<byte> output)
    {
        this.output = output;
        buffer = output.GetSpan(ChunkSize);
    }

    /// <summary>Hands every written byte to the output.</summary>
    public void Flush()
    {
        output.Advance(position);
        position = 0;
        buffer = default;
    }

    /// <summary>A whole line of ASCII (a BEGIN/END or a fixed property) and its CRLF.</summary>
    public void Line(ReadOnlySpan<byte> ascii)
    {
        Ascii(ascii);
        EndLine();
    }

    public void EndLine()
    {
        Ensure(2);
        buffer[position] = (byte)'\r';
        buffer[position + 1] = (byte)'\n';
        position += 2;
        column = 0;
    }

    /// <summary>ASCII bytes with no escape semantics (names, parameters, numbers, dates): folded anywhere.</summary>
    public void Ascii(scoped ReadOnlySpan<byte> ascii)
    {
        while (!ascii.IsEmpty)
        {
            if (column >= MaxLineOctets) Fold();
            var take = Math.Min(ascii.Length, MaxLineOctets - column);
            Ensure(take);
            ascii[..take].CopyTo(buffer[position..]);
            position += take;
            column += take;
            ascii = ascii[take..];
        }
    }

    /// <summary>
    /// A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, CRLF/LF/CR written as <c>\n</c>, other
    /// control characters (C0 but HTAB, DEL, C1) dropped, lone surrogates written as U+FFFD.
    /// </summary>
    public void Text(ReadOnlySpan<char> text) => Characters(text, escape: true);

    /// <summary>A value that is not TEXT (a URI): written as UTF-8 without escapes; control characters dropped.</summary>
    public void Raw(ReadOnlySpan<char> text) => Characters(text, escape: false);

    private void Characters(ReadOnlySpan<char> text, bool escape)
    {
        var plain = escape ? PlainText : PlainRaw;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 0x80 && plain.Contains(c))
            {
                // A run of plain ASCII: copied in chunks (vectorized search and narrowing).
                var run = text[i..].IndexOfAnyExcept(plain);
                if (run < 0) run = text.Length - i;
                AsciiChars(text.Slice(i, run));
                i += run;
                continue;
            }

            i++;
            if (c < 0x80)
            {
                switch (c)
                {
                    case '\\' or ';' or ',':
                        Unit(2);
                        buffer[position++] = (byte)'\\';
                        buffer[position++] = (byte)c;
                        break;
                    case '\r' or '\n':
                        if (c == '\r' && i < text.Length && text[i] == '\n') i++;
                        if (escape)
                        {
                            Unit(2);
                            buffer[position++] = (byte)'\\';
                            buffer[position++] = (byte)'n';
                        }
                        break;
                    default:
                        break; // another C0 control or DEL: dropped
                }
            }
            else if (c < 0x800)
            {
                if (c < 0xA0) continue; // C1 control: dropped
                Unit(2);
                buffer[position++] = (byte)(0xC0 | (c >> 6));
                buffer[position++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (char.IsHighSurrogate(c) && i < text.Length && char.IsLowSurrogate(text[i]))
            {
                var scalar = char.ConvertToUtf32(c, text[i++]);
                Unit(4);
                buffer[position++] = (byte)(0xF0 | (scalar >> 18));
                buffer[position++] = (byte)(0x80 | ((scalar >> 12) & 0x3F));
                buffer[position++] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
                buffer[position++] = (byte)(0x80 | (scalar & 0x3F));
            }
            else
            {
                if (char.IsSurrogate(c)) c = '\uFFFD'; // a lone surrogate has no UTF-8 form
                Unit(3);
                buffer[position++] = (byte)(0xE0 | (c >> 12));
                buffer[position++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                buffer[position++] = (byte)(0x80 | (c & 0x3F));
            }
        }
    }

    // Printable ASCII (already known to need no escape) narrowed to bytes, folded anywhere.
    private void AsciiChars(ReadOnlySpan<char> chars)
    {
        while (!chars.IsEmpty)
        {
            if (column >= MaxLineOctets) Fold();
            var take = Math.Min(chars.Length, MaxLineOctets - column);
            Ensure(take);
            System.Text.Ascii.FromUtf16(chars[..take], buffer[position..], out var written);
            position += written;
            column += written;
            chars = chars[take..];
        }
    }

    /// <summary>Makes room for an unbreakable unit of <paramref name="octets"/> on the current line, folding first if needed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Unit(int octets)
    {
        if (column + octets > MaxLineOctets) Fold();
        Ensure(octets);
        column += octets;
    }

    private void Fold()
    {
        Ensure(3);
        buffer[position] = (byte)'\r';
        buffer[position + 1] = (byte)'\n';
        buffer[position + 2] = (byte)' ';
        position += 3;
        column = 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int count)
    {
        if (buffer.Length - position < count) Grow(count);
    }

    private void Grow(int count)
    {
        output.Advance(position);
        position = 0;
        buffer = output.GetSpan(Math.Max(count, ChunkSize));
    }

    private static string PlainAscii(bool escaped)
    {
        var builder = new StringBuilder("\t");
        for (var c = ' '; c < '\x7F'; c++)
        {
            if (escaped && c is '\\' or ';' or ',') continue;
            builder.Append(c);
        }
        return builder.ToString();
    }
}
