using System.Diagnostics.CodeAnalysis;
using System.Text;
using Reception.Core.Common;

namespace Reception.Core.Imports;

/// <summary>The outcome of decoding an uploaded CSV file: either the text or one message.</summary>
public sealed class CsvTextResult
{
    private CsvTextResult(string? text, string? encodingName, LocalizableMessage? error)
    {
        Text = text;
        EncodingName = encodingName;
        Error = error;
    }

    /// <summary>The decoded text (without BOM), when <see cref="Succeeded"/>.</summary>
    public string? Text { get; }

    /// <summary>"UTF-8" or "GB18030", when <see cref="Succeeded"/>.</summary>
    public string? EncodingName { get; }

    public LocalizableMessage? Error { get; }

    [MemberNotNullWhen(true, nameof(Text), nameof(EncodingName))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    internal static CsvTextResult Ok(string text, string encodingName) => new(text, encodingName, null);
    internal static CsvTextResult Fail(LocalizableMessage error) => new(null, null, error);
}

/// <summary>
/// Turns an uploaded file's bytes into text: UTF-8 (with or without BOM), otherwise GB18030
/// (what Chinese Excel uses for "CSV"; GB18030 is a superset of GBK and GB2312).
/// Rejects oversize files and binary content.
/// </summary>
public static class CsvText
{
    public const int DefaultMaxBytes = 2 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    /// <summary>Decodes <paramref name="bytes"/>; fails when longer than <paramref name="maxBytes"/>, binary, or in neither encoding.</summary>
    public static CsvTextResult Decode(ReadOnlySpan<byte> bytes, int maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        if (bytes.Length > maxBytes) return TooLarge(maxBytes);
        if (bytes.Contains((byte)0)) return CsvTextResult.Fail(new LocalizableMessage(ImportMessageKeys.NotText));

        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        bool hasBom = bytes.StartsWith(bom);
        if (TryDecode(StrictUtf8, hasBom ? bytes[bom.Length..] : bytes, out var text)) return CsvTextResult.Ok(text, "UTF-8");
        // A file that announces UTF-8 but is not is corrupt; only BOM-less files may be GB18030.
        if (!hasBom && TryDecode(Gb18030.Value, bytes, out text)) return CsvTextResult.Ok(text, "GB18030");
        return CsvTextResult.Fail(new LocalizableMessage(ImportMessageKeys.UnknownEncoding));
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> + 1 bytes from <paramref name="stream"/> and decodes them.</summary>
    public static async Task<CsvTextResult> ReadAsync(Stream stream, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var buffer = new byte[Math.Min(maxBytes, 64 * 1024) + 1];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > maxBytes) return TooLarge(maxBytes);
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)maxBytes + 1));
            }
            int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            length += read;
        }
        return Decode(buffer.AsSpan(0, length), maxBytes);
    }

    private static CsvTextResult TooLarge(int maxBytes) =>
        CsvTextResult.Fail(new LocalizableMessage(ImportMessageKeys.FileTooLarge, (int)(((long)maxBytes + 1023) / 1024)));

    private static bool TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out string? text)
    {
        try
        {
            text = encoding.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = null;
            return false;
        }
    }
}
