namespace Reception.Web.Data;

/// <summary>
/// One submission of a creating form, by its idempotency key (the hidden field the form carries): claimed when the
/// first post with the key arrives, completed with the address its result redirected to. A second post with the same
/// key is sent there instead of creating a second record. Kept for <see cref="IdempotencyKey.Lifetime"/>.
/// </summary>
public sealed class IdempotencyKey
{
    public const int KeyMaxLength = 64;
    public const int LocationMaxLength = 2000;
    public const int UserIdMaxLength = 450;

    /// <summary>How long a key answers a repeated post (a double click, a reload, a resent form after a dropped connection).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public string Key { get; set; } = "";

    /// <summary>Who posted it (another user's key is refused).</summary>
    public string UserId { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Where the first post's result redirected to; null while it is being processed.</summary>
    public string? Location { get; set; }
}
