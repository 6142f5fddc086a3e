using System.Buffers.Text;
using System.Security.Cryptography;

namespace Reception.Core.Feeds;

/// <summary>Whose events a token feed carries.</summary>
public enum FeedKind
{
    /// <summary>A leader's own duties, visits and case deadlines (/calendar/u/{token}.ics).</summary>
    Personal = 1,

    /// <summary>All duties and visits in the owner's org scope (/calendar/o/{token}.ics).</summary>
    Office = 2,
}

/// <summary>
/// The secret in a calendar subscription link. Calendar clients cannot sign in, so the link itself is the
/// credential: 32 random bytes, base64url (43 characters). Only its SHA-256 is stored, so a copy of the
/// database does not open anyone's feed; the token text exists once, in the response that created it.
/// Rotating replaces the secret (the old link stops working); revoking ends the link for good.
/// </summary>
public sealed class FeedToken
{
    public const int TokenLength = 43;
    public const int HashLength = 64;

    /// <summary>The last-used time is written at most this often, so serving a feed is not a write per request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromHours(1);

    private FeedToken() { UserId = TokenHash = ""; }

    private FeedToken(string userId, FeedKind kind, string tokenHash, DateTime nowUtc)
    {
        UserId = userId;
        Kind = kind;
        TokenHash = tokenHash;
        CreatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public string UserId { get; private set; }
    public FeedKind Kind { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the token's text; never the token.</summary>
    public string TokenHash { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? RotatedAtUtc { get; private set; }
    public DateTime? RevokedAtUtc { get; private set; }
    public DateTime? LastUsedAtUtc { get; private set; }

    /// <summary>Length of <see cref="ContentHash"/>: the feed's ETag, 16 bytes in hex.</summary>
    public const int ContentHashLength = 32;

    /// <summary>
    /// The ETag of the feed this link last served, and since when it has had that content: its Last-Modified. A feed can
    /// change by losing an event (a case closed, a duty handed to someone else), which leaves no newer LAST-MODIFIED
    /// behind, so the time is taken when the served content is first seen to differ.
    /// </summary>
    public string? ContentHash { get; private set; }

    public DateTime? ContentChangedAtUtc { get; private set; }

    public bool IsActive => RevokedAtUtc is null;

    /// <summary>A new token for <paramref name="userId"/>; the text is returned once and never stored.</summary>
    public static (FeedToken Token, string Text) Create(string userId, FeedKind kind, DateTime nowUtc)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind));
        var text = NewText();
        return (new FeedToken(userId, kind, Hash(text), nowUtc), text);
    }

    /// <summary>Replaces the secret: the old link answers 404 from now on. Returns the new text.</summary>
    public string Rotate(DateTime nowUtc)
    {
        if (!IsActive) throw new InvalidOperationException("A revoked feed link cannot be rotated.");
        var text = NewText();
        TokenHash = Hash(text);
        RotatedAtUtc = nowUtc;
        LastUsedAtUtc = null;
        return text;
    }

    public void Revoke(DateTime nowUtc) => RevokedAtUtc ??= nowUtc;

    /// <summary>Whether a use at <paramref name="nowUtc"/> should be recorded (the last one is an hour old or more).</summary>
    public static bool ShouldRecordUse(DateTime? lastUsedUtc, DateTime nowUtc) =>
        lastUsedUtc is not { } last || nowUtc - last >= LastUsedResolution;

    /// <summary>The stored hash of a token's text, or null when the text cannot be a token (wrong length or alphabet).</summary>
    public static string? TryHash(string? text)
    {
        if (text is null || text.Length != TokenLength) return null;
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return null;
        }
        return Hash(text);
    }

    private static string Hash(string text)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash);
    }

    private static string NewText()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }
}
