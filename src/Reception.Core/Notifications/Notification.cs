namespace Reception.Core.Notifications;

/// <summary>
/// An in-app message to one user (swap requested, rota published, …); its email copy, if any, is an outbox message.
/// The list and the unread count in the header read this table. A notification written for a named occurrence
/// (<see cref="OccurrenceKey"/>, e.g. "duty-reminder:2026-11-23:duty-15") is unique per user: writing the same
/// occurrence again adds none (a unique index backs this). The texts are stored as resource keys and arguments
/// (<see cref="TitleMessage"/>, <see cref="BodyMessage"/>: JSON the app writes and reads) and rendered in the reader's
/// language when shown; <see cref="Title"/> and <see cref="Body"/> keep the text as first rendered for the recipient,
/// shown for rows written before keys were stored.
/// </summary>
public sealed class Notification
{
    public const int KindMaxLength = 50;
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 1000;
    public const int LinkMaxLength = 300;
    public const int OccurrenceKeyMaxLength = 200;
    public const int MessageMaxLength = 4000;

    private Notification() { UserId = Kind = Title = Body = ""; }

    public Notification(string userId, string kind, string title, string body, string? link, DateTime nowUtc, string? occurrenceKey = null,
        string? titleMessage = null, string? bodyMessage = null)
    {
        if (occurrenceKey is { Length: > OccurrenceKeyMaxLength })
            throw new ArgumentException($"An occurrence key has at most {OccurrenceKeyMaxLength} characters.", nameof(occurrenceKey));
        UserId = userId;
        Kind = kind;
        Title = Cut(title, TitleMaxLength);
        Body = Cut(body, BodyMaxLength);
        Link = link;
        CreatedAtUtc = nowUtc;
        OccurrenceKey = string.IsNullOrWhiteSpace(occurrenceKey) ? null : occurrenceKey;
        TitleMessage = titleMessage;
        BodyMessage = bodyMessage;
    }

    /// <summary>The title as a key and arguments (JSON), or null for a row written before keys were stored.</summary>
    public string? TitleMessage { get; private set; }

    /// <summary>The body as a key and arguments (JSON), or null.</summary>
    public string? BodyMessage { get; private set; }

    public int Id { get; private set; }
    public string UserId { get; private set; }
    public string Kind { get; private set; }
    public string Title { get; private set; }
    public string Body { get; private set; }
    public string? Link { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }

    /// <summary>The occurrence this notification reports (without the recipient), or null for a one-off message.</summary>
    public string? OccurrenceKey { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
