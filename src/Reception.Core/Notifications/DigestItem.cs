namespace Reception.Core.Notifications;

/// <summary>
/// A notification waiting for its recipient's daily digest email (the user chose the digest for its kind, the default
/// for non-urgent kinds). The digest job gathers a user's waiting items into one email on the next working morning and
/// marks them with that email's key (<see cref="DigestKey"/>) in the same transaction, so each item is mailed once.
/// The texts are resource keys and arguments (JSON, as on <see cref="Notification"/>), rendered in the reader's
/// language when the digest is written. <see cref="Key"/> is unique: the same occurrence waits once.
/// </summary>
public sealed class DigestItem
{
    public const int KeyMaxLength = 200;
    public const int DigestKeyMaxLength = 200;

    private DigestItem() { Key = UserId = Kind = TitleMessage = BodyMessage = ""; }

    public DigestItem(string key, string userId, string kind, string titleMessage, string bodyMessage, string? link, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Length > KeyMaxLength) throw new ArgumentException($"A digest item key has at most {KeyMaxLength} characters.", nameof(key));
        Key = key;
        UserId = userId;
        Kind = kind;
        TitleMessage = titleMessage;
        BodyMessage = bodyMessage;
        Link = link;
        CreatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public string Key { get; private set; }
    public string UserId { get; private set; }
    public string Kind { get; private set; }
    public string TitleMessage { get; private set; }
    public string BodyMessage { get; private set; }
    public string? Link { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The key of the digest email that carried it (or <see cref="Dropped"/>); null while it waits.</summary>
    public string? DigestKey { get; private set; }

    public DateTime? DigestedAtUtc { get; private set; }

    /// <summary>The digest key of an item whose recipient has no email address or account any more.</summary>
    public const string Dropped = "-";

    public void MarkDigested(string digestKey, DateTime nowUtc)
    {
        DigestKey = digestKey;
        DigestedAtUtc = nowUtc;
    }
}
