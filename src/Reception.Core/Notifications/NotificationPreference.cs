using Reception.Core.Common;

namespace Reception.Core.Notifications;

/// <summary>
/// One user's choice for one kind of notification: whether it appears in the app and whether it is emailed — one by one
/// (immediately, or in working hours for a non-urgent kind) or gathered in the daily digest (<see cref="Digest"/>, the
/// default for non-urgent kinds). Without a row the default applies; a row exists only while the user chose otherwise. Kinds that are not
/// <see cref="NotificationKind.Optional"/> (overdue, escalation) cannot be turned off: see <see cref="NotificationChoice"/>.
/// </summary>
public sealed class NotificationPreference
{
    private NotificationPreference() { UserId = Kind = ""; }

    public NotificationPreference(string userId, string kind, bool inApp, bool email, DateTime nowUtc, bool digest = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        UserId = userId;
        Kind = kind;
        Set(inApp, email, nowUtc, digest);
    }

    public string UserId { get; private set; }
    public string Kind { get; private set; }
    public bool InApp { get; private set; }
    public bool Email { get; private set; }

    /// <summary>With <see cref="Email"/>: the email goes in the next daily digest rather than on its own (non-urgent kinds only).</summary>
    public bool Digest { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public NotificationChoice Choice => new(InApp, Email, Digest);

    public void Set(bool inApp, bool email, DateTime nowUtc, bool digest = false)
    {
        InApp = inApp;
        Email = email;
        Digest = digest;
        UpdatedAtUtc = nowUtc;
    }
}

/// <summary>
/// Where a kind of notification reaches a user: in the app, by email, both or neither; an email of a non-urgent kind
/// either on its own or in the daily digest (<see cref="Digest"/>). <see cref="EmailMode"/> names the three email choices.
/// </summary>
public readonly record struct NotificationChoice(bool InApp, bool Email, bool Digest = false)
{
    /// <summary>Both ways, each email on its own: what every kind did before the digest, and what urgent kinds always do.</summary>
    public static NotificationChoice Default { get; } = new(true, true);

    /// <summary>Both ways, the email in the daily digest: the default of non-urgent kinds.</summary>
    public static NotificationChoice DefaultDigest { get; } = new(true, true, true);

    public bool IsDefault => InApp && Email && !Digest;

    /// <summary>Off, one by one, or in the digest.</summary>
    public NotificationEmailMode EmailMode => !Email ? NotificationEmailMode.Off : Digest ? NotificationEmailMode.Digest : NotificationEmailMode.Immediate;

    /// <summary>Whether a kind may go in the digest: only a non-urgent one (reminders, overdue, escalation never wait a day).</summary>
    public static bool CanDigest(NotificationKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.Urgency == NotificationUrgency.WorkingHours;
    }

    /// <summary>A kind's choice when the user has stored none: a non-urgent kind goes in the digest when <paramref name="digestByDefault"/>.</summary>
    public static NotificationChoice DefaultFor(NotificationKind kind, bool digestByDefault = true) =>
        digestByDefault && CanDigest(kind) ? DefaultDigest : Default;

    /// <summary>
    /// What actually applies: a mandatory kind always reaches the user both ways at once, whatever is stored; an urgent
    /// kind is never digested; otherwise the stored choice or the kind's default.
    /// </summary>
    public static NotificationChoice Effective(NotificationKind kind, NotificationChoice? stored, bool digestByDefault = true)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!kind.Optional) return Default;
        var choice = stored ?? DefaultFor(kind, digestByDefault);
        return choice with { Digest = choice.Email && choice.Digest && CanDigest(kind) };
    }

    /// <summary>Null when the user may choose this; else why not (a mandatory kind turned off).</summary>
    public static LocalizableMessage? Validate(NotificationKind kind, NotificationChoice wanted, string kindLabel)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.Optional || (wanted.InApp && wanted.Email) ? null : new LocalizableMessage(NotificationMessages.Mandatory, kindLabel);
    }
}

/// <summary>How a kind's email reaches a user.</summary>
public enum NotificationEmailMode
{
    Off = 0,
    Immediate = 1,
    Digest = 2,
}

/// <summary>Message keys (English text) of the notification rules.</summary>
public static class NotificationMessages
{
    /// <summary>{0} = the kind's label.</summary>
    public const string Mandatory = "\"{0}\" cannot be turned off: overdue cases and escalations always reach the people responsible.";
}
