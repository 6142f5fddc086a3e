using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reception.Core.Audit;

/// <summary>
/// The audit log's hash chain: each record's hash is SHA-256 over its canonical form, which ends with the previous
/// record's hash. Changing any field of a record, deleting one or inserting one breaks the chain at that record (and the
/// ids, 1, 2, 3 … without gaps, say where). Verification walks the records in id order and names the first broken link.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the very first record.</summary>
    public static readonly string Genesis = new('0', AuditRecord.HashLength);

    /// <summary>Instants are kept to the microsecond, so the stored value (PostgreSQL: microseconds) hashes as it was written.</summary>
    public static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    /// <summary>
    /// One field per line, in a fixed order, each escaped so that no field's text can imitate a line break (a record
    /// with a user name "a\nb" hashes differently from one whose next field starts with "b").
    /// </summary>
    public static string Canonical(AuditRecord r) => string.Join('\n',
        r.Id.ToString(CultureInfo.InvariantCulture),
        r.AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        Escape(r.UserId), Escape(r.UserName), Escape(r.Role), Escape(r.Unit), Escape(r.Client),
        Escape(r.Action), Escape(r.Target), Escape(r.Detail),
        ((int)r.Outcome).ToString(CultureInfo.InvariantCulture),
        r.PreviousHash);

    public static string HashOf(AuditRecord r) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(r))));

    private static string Escape(string? value) =>
        value is null ? "\\0" : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}

/// <summary>Walks a chain (records in id order) and remembers the first broken link.</summary>
public sealed class AuditChainVerifier
{
    private AuditRecord? _previous;

    /// <param name="anchorHash">
    /// What the first record must name as its previous hash: <see cref="AuditChain.Genesis"/> when the chain starts at
    /// record 1; after the retention job archived older records, the hash of the last archived one (which the job wrote into
    /// the log), or null when the log does not say (then the start is reported broken).
    /// </param>
    public AuditChainVerifier(Func<long, string?> anchorHash)
    {
        _anchorHash = anchorHash;
    }

    private readonly Func<long, string?> _anchorHash;

    public long Checked { get; private set; }
    public long? FirstBrokenId { get; private set; }
    public AuditBreak? Reason { get; private set; }
    public bool IsIntact => FirstBrokenId is null;

    /// <summary>Checks the next record; returns false once a break has been found (the caller may stop reading).</summary>
    public bool Add(AuditRecord r)
    {
        if (FirstBrokenId is not null) return false;
        Checked++;
        AuditBreak? reason = null;
        if (_previous is null)
        {
            var anchor = r.Id == 1 ? AuditChain.Genesis : _anchorHash(r.Id);
            if (anchor is null || anchor != r.PreviousHash) reason = AuditBreak.StartUnaccounted;
        }
        else if (r.Id != _previous.Id + 1) reason = AuditBreak.Gap;
        else if (r.PreviousHash != _previous.Hash) reason = AuditBreak.PreviousHashMismatch;
        if (reason is null && AuditChain.HashOf(r) != r.Hash) reason = AuditBreak.RecordChanged;
        if (reason is { } broken)
        {
            FirstBrokenId = r.Id;
            Reason = broken;
            return false;
        }
        _previous = r;
        return true;
    }
}

public enum AuditBreak
{
    /// <summary>The record's content does not hash to its stored hash: it was changed after it was written.</summary>
    RecordChanged,

    /// <summary>The record does not name the hash of the record before it (that one was changed, or replaced).</summary>
    PreviousHashMismatch,

    /// <summary>Records are missing before this one (ids are consecutive).</summary>
    Gap,

    /// <summary>The first remaining record neither starts the chain nor follows a recorded archiving.</summary>
    StartUnaccounted,
}
