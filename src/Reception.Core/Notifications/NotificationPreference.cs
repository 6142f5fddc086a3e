using Reception.Core.Common;

namespace Reception.Core.Notifications;

/// <summary>
/// One user's choice for one kind of notification: whether it appears in the app and whether it is emailed. Without a
/// row both are on; a row exists only while the user has turned something off. Kinds that are not
/// <see cref="NotificationKind.Optional"/> (overdue, escalation) cannot be turned off: see <see cref="NotificationChoice"/>.
/// </summary>
public sealed class NotificationPreference
{
    private NotificationPreference() { UserId = Kind = ""; }

    public NotificationPreference(string userId, string kind, bool inApp, bool email, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        UserId = userId;
        Kind = kind;
        Set(inApp, email, nowUtc);
    }

    public string UserId { get; private set; }
    public string Kind { get; private set; }
    public bool InApp { get; private set; }
    public bool Email { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    public NotificationChoice Choice => new(InApp, Email);

    public void Set(bool inApp, bool email, DateTime nowUtc)
    {
        InApp = inApp;
        Email = email;
        UpdatedAtUtc = nowUtc;
    }
}

/// <summary>Where a kind of notification reaches a user: in the app, by email, both or neither.</summary>
public readonly record struct NotificationChoice(bool InApp, bool Email)
{
    /// <summary>Every kind reaches everyone both ways until they choose otherwise.</summary>
    public static NotificationChoice Default { get; } = new(true, true);

    public bool IsDefault => InApp && Email;

    /// <summary>What actually applies: a mandatory kind always reaches the user both ways, whatever is stored.</summary>
    public static NotificationChoice Effective(NotificationKind kind, NotificationChoice? stored)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.Optional ? stored ?? Default : Default;
    }

    /// <summary>Null when the user may choose this; else why not (a mandatory kind turned off).</summary>
    public static LocalizableMessage? Validate(NotificationKind kind, NotificationChoice wanted, string kindLabel)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.Optional || wanted.IsDefault ? null : new LocalizableMessage(NotificationMessages.Mandatory, kindLabel);
    }
}

/// <summary>Message keys (English text) of the notification rules.</summary>
public static class NotificationMessages
{
    /// <summary>{0} = the kind's label.</summary>
    public const string Mandatory = "\"{0}\" cannot be turned off: overdue cases and escalations always reach the people responsible.";
}
