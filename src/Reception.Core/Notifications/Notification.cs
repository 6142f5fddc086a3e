namespace Reception.Core.Notifications;

/// <summary>
/// An in-app message to one user (swap requested, rota published, …). Email copies arrive with the
/// jobs issue; the list and the unread count in the header read this table.
/// </summary>
public sealed class Notification
{
    public const int KindMaxLength = 50;
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 1000;
    public const int LinkMaxLength = 300;

    private Notification() { UserId = Kind = Title = Body = ""; }

    public Notification(string userId, string kind, string title, string body, string? link, DateTime nowUtc)
    {
        UserId = userId;
        Kind = kind;
        Title = Cut(title, TitleMaxLength);
        Body = Cut(body, BodyMaxLength);
        Link = link;
        CreatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }
    public string UserId { get; private set; }
    public string Kind { get; private set; }
    public string Title { get; private set; }
    public string Body { get; private set; }
    public string? Link { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
