using System.Buffers;
using System.Runtime.CompilerServices;

namespace Reception.Core.Feeds;

/// <summary>
/// Folds the content lines that Ical.Net serialized again, writing them as UTF-8 into an <see cref="IBufferWriter{T}"/>.
/// <para>Ical.Net 5.2.4 folds at 75 octets but counts each UTF-16 unit on its own: a character outside the BMP (𠮷, an
/// emoji) is a surrogate pair, and a fold can fall between its halves, which no UTF-8 encoder can write; and it may fold
/// between a backslash and the character it escapes, which RFC 5545 allows but some parsers misread. This pass removes the
/// library's folds (CRLF followed by a space: no content line starts with a space) and folds each line again at 75 octets
/// (RFC 5545 3.1: a continuation line starts with one space, so it carries at most 74 octets of content), never inside a
/// UTF-8 sequence and never inside an escape (a backslash and the character after it are one unit). Line ends stay CRLF.
/// It neither escapes nor reorders anything: the content is the library's.</para>
/// </summary>
public static class ContentLines
{
    public const int MaxLineOctets = 75;
    private const int ChunkSize = 16 * 1024;

    /// <summary>Writes <paramref name="serialized"/> (CRLF lines, folded or not) as UTF-8, folded as described above.</summary>
    public static void Refold(ReadOnlySpan<char> serialized, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        // At most 3 octets per UTF-16 unit, and a fold (3 octets) per 74: ask for no more, a short text in a big buffer wastes it.
        var w = new Writer(output, serialized.Length * 3 + serialized.Length / 24 + 16);
        var i = 0;
        while (i < serialized.Length)
        {
            var c = serialized[i];
            if (c == '\r' && i + 1 < serialized.Length && serialized[i + 1] == '\n')
            {
                i += 2;
                if (i < serialized.Length && serialized[i] == ' ') i++; // the library's fold: unfold
                else w.EndLine();
                continue;
            }

            if (c < 0x80 && c != '\\')
            {
                // A run of ASCII up to the next line break, backslash or other character, copied in one go.
                var rest = serialized[i..];
                var stop = rest.IndexOfAny('\r', '\\');
                if (stop < 0) stop = rest.Length;
                var length = rest[..stop].IndexOfAnyExceptInRange('\0', '\x7F');
                if (length < 0) length = stop;
                if (length == 0) length = 1; // a lone CR: written as it is (the library never writes one)
                w.Ascii(serialized.Slice(i, length));
                i += length;
                continue;
            }

            if (c == '\\')
            {
                // An escape: the backslash and the next character (after any fold of the library's) stay on one line.
                i++;
                SkipFold(serialized, ref i);
                if (i < serialized.Length && serialized[i] != '\r')
                {
                    var next = Scalar(serialized, ref i, out var nextOctets);
                    w.Unit(1 + nextOctets);
                    w.Byte((byte)'\\');
                    w.Scalar(next, nextOctets);
                }
                else
                {
                    w.Unit(1);
                    w.Byte((byte)'\\');
                }
                continue;
            }

            var scalar = Scalar(serialized, ref i, out var octets);
            w.Unit(octets);
            w.Scalar(scalar, octets);
        }
        w.Flush();
    }

    private static void SkipFold(ReadOnlySpan<char> text, ref int i)
    {
        while (i + 2 < text.Length && text[i] == '\r' && text[i + 1] == '\n' && text[i + 2] == ' ') i += 3;
    }

    /// <summary>The Unicode scalar at <paramref name="i"/> (a lone surrogate reads as U+FFFD) and its UTF-8 length.</summary>
    private static int Scalar(ReadOnlySpan<char> text, ref int i, out int octets)
    {
        var c = text[i++];
        int scalar = c;
        if (char.IsHighSurrogate(c))
        {
            // The library may have folded between the halves: the low half can come after a fold.
            var j = i;
            SkipFold(text, ref j);
            if (j < text.Length && char.IsLowSurrogate(text[j]))
            {
                scalar = char.ConvertToUtf32(c, text[j]);
                i = j + 1;
            }
            else scalar = 0xFFFD;
        }
        else if (char.IsLowSurrogate(c))
        {
            scalar = 0xFFFD;
        }
        octets = scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : scalar < 0x10000 ? 3 : 4;
        return scalar;
    }

    private ref struct Writer(IBufferWriter<byte> output, int sizeHint)
    {
        private readonly IBufferWriter<byte> _output = output;
        private Span<byte> _buffer = output.GetSpan(Math.Min(ChunkSize, sizeHint));
        private int _position;
        private int _column; // octets on the current physical line, the leading space of a continuation included

        public void EndLine()
        {
            Ensure(2);
            _buffer[_position++] = (byte)'\r';
            _buffer[_position++] = (byte)'\n';
            _column = 0;
        }

        /// <summary>ASCII with no escapes in it: folded anywhere.</summary>
        public void Ascii(ReadOnlySpan<char> ascii)
        {
            while (!ascii.IsEmpty)
            {
                if (_column >= MaxLineOctets) Fold();
                var take = Math.Min(ascii.Length, MaxLineOctets - _column);
                Ensure(take);
                System.Text.Ascii.FromUtf16(ascii[..take], _buffer[_position..], out var written);
                _position += written;
                _column += written;
                ascii = ascii[take..];
            }
        }

        /// <summary>Makes room for an unbreakable unit of <paramref name="octets"/> on the current line, folding first if needed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Unit(int octets)
        {
            if (_column + octets > MaxLineOctets) Fold();
            Ensure(octets);
            _column += octets;
        }

        public void Byte(byte value) => _buffer[_position++] = value;

        public void Scalar(int scalar, int octets)
        {
            switch (octets)
            {
                case 1:
                    _buffer[_position++] = (byte)scalar;
                    break;
                case 2:
                    _buffer[_position++] = (byte)(0xC0 | (scalar >> 6));
                    _buffer[_position++] = (byte)(0x80 | (scalar & 0x3F));
                    break;
                case 3:
                    _buffer[_position++] = (byte)(0xE0 | (scalar >> 12));
                    _buffer[_position++] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
                    _buffer[_position++] = (byte)(0x80 | (scalar & 0x3F));
                    break;
                default:
                    _buffer[_position++] = (byte)(0xF0 | (scalar >> 18));
                    _buffer[_position++] = (byte)(0x80 | ((scalar >> 12) & 0x3F));
                    _buffer[_position++] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
                    _buffer[_position++] = (byte)(0x80 | (scalar & 0x3F));
                    break;
            }
        }

        public void Flush()
        {
            _output.Advance(_position);
            _position = 0;
            _buffer = default;
        }

        private void Fold()
        {
            Ensure(3);
            _buffer[_position++] = (byte)'\r';
            _buffer[_position++] = (byte)'\n';
            _buffer[_position++] = (byte)' ';
            _column = 1;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Ensure(int count)
        {
            if (_buffer.Length - _position < count) Grow(count);
        }

        private void Grow(int count)
        {
            _output.Advance(_position);
            _position = 0;
            _buffer = _output.GetSpan(Math.Max(count, ChunkSize));
        }
    }
}
