using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Reception.Core.Feeds;

/// <summary>Rendered events kept between renders (see <see cref="FeedRenderer.Render"/>); the web app keeps them in memory.</summary>
public interface IFeedEventCache
{
    bool TryGet(FeedEventKey key, out byte[] bytes);

    void Set(FeedEventKey key, byte[] bytes);
}

/// <summary>
/// Names the rendered bytes of one <see cref="FeedEvent"/>: 128 bits of SHA-256 over everything the renderer reads from
/// it, so two events with the same key render to the same bytes (an event's bytes depend on nothing else, see
/// <see cref="FeedRenderer"/>), and any change to the event gives another key.
/// </summary>
public readonly record struct FeedEventKey(UInt128 Value)
{
    // Bumped when the renderer writes an event differently, so a cache never mixes the two.
    private const byte Format = 1;

    public static FeedEventKey Of(FeedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var buffer = new ArrayBufferWriter<byte>(512);
        Byte(buffer, Format);
        Text(buffer, e.Uid);
        Time(buffer, e.Start);
        Time(buffer, e.End);
        Text(buffer, e.Summary);
        Int(buffer, (int)e.Status);
        Int(buffer, e.Sequence);
        Long(buffer, e.LastModifiedUtc.Ticks);
        Int(buffer, (int)e.LastModifiedUtc.Kind);
        Text(buffer, e.Location);
        Text(buffer, e.Description);
        Text(buffer, e.Url?.OriginalString);
        Int(buffer, e.Categories.Count);
        foreach (var category in e.Categories) Text(buffer, category);
        Int(buffer, e.Alarms.Count);
        foreach (var alarm in e.Alarms)
        {
            Long(buffer, alarm.Before.Ticks);
            Text(buffer, alarm.Description);
        }
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return new FeedEventKey(BinaryPrimitives.ReadUInt128LittleEndian(hash));
    }

    private static void Time(ArrayBufferWriter<byte> buffer, FeedTime time)
    {
        Int(buffer, time.Date.DayNumber);
        Long(buffer, time.Time?.Ticks ?? -1);
    }

    // Length-prefixed (null as -1), so no two sequences of fields write the same bytes.
    private static void Text(ArrayBufferWriter<byte> buffer, string? text)
    {
        Int(buffer, text?.Length ?? -1);
        if (text is not null) buffer.Write(MemoryMarshal.AsBytes(text.AsSpan()));
    }

    private static void Byte(ArrayBufferWriter<byte> buffer, byte value) => buffer.Write([value]);

    private static void Int(ArrayBufferWriter<byte> buffer, int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    private static void Long(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }
}
