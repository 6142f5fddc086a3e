namespace Reception.Core.Mail;

public enum OutboxStatus
{
    /// <summary>Waiting for its next attempt (<see cref="OutboxMessage.NextAttemptAtUtc"/>).</summary>
    Pending = 0,

    /// <summary>Claimed by a dispatcher until <see cref="OutboxMessage.ClaimedUntilUtc"/>; due again when that lease runs out.</summary>
    Sending = 1,

    /// <summary>The mail server accepted it.</summary>
    Sent = 2,

    /// <summary>Given up after too many failures (or a permanent refusal); an administrator may resend it.</summary>
    DeadLetter = 3,
}

/// <summary>Where an outbox message goes: an email, or a unit's group robot (<see cref="Notifications.RobotKind"/>).</summary>
public enum OutboxChannel
{
    Email = 0,

    /// <summary>A 企业微信 group robot: <see cref="OutboxMessage.RecipientAddress"/> is its webhook address, the text body markdown.</summary>
    WeCom = 1,

    /// <summary>A 钉钉 group robot: the same, signed with the unit's secret when it is sent.</summary>
    DingTalk = 2,
}

/// <summary>
/// One email (or group-robot message, <see cref="Channel"/>), rendered and queued in the same transaction as the change that caused it, then sent by the
/// dispatcher. The idempotency key is unique: a second write of the same occurrence is no second email, and the
/// key travels with the message (Message-ID, X-Reception-Key) so a receiver can tell a retransmission.
/// </summary>
public sealed class OutboxMessage
{
    public const int KeyMaxLength = 200;
    public const int KindMaxLength = 50;
    public const int AddressMaxLength = 256;
    public const int CultureMaxLength = 10;
    public const int SubjectMaxLength = 300;
    public const int LinkMaxLength = 500;
    public const int LastErrorMaxLength = 1000;
    public const int ClaimedByMaxLength = 100;

    private OutboxMessage()
    {
        IdempotencyKey = Kind = RecipientAddress = Culture = Subject = HtmlBody = TextBody = "";
    }

    public OutboxMessage(string idempotencyKey, string kind, string? recipientUserId, string recipientAddress, string culture,
        string subject, string htmlBody, string textBody, string? link, DateTime nowUtc, DateTime? notBeforeUtc = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipientAddress);
        if (idempotencyKey.Length > KeyMaxLength) throw new ArgumentException($"An idempotency key has at most {KeyMaxLength} characters.", nameof(idempotencyKey));
        IdempotencyKey = idempotencyKey;
        Kind = Cut(kind, KindMaxLength);
        RecipientUserId = recipientUserId;
        RecipientAddress = recipientAddress;
        Culture = culture;
        // A subject is one header line: no line breaks, whatever the caller's text held.
        Subject = Cut(subject.ReplaceLineEndings(" "), SubjectMaxLength);
        HtmlBody = htmlBody;
        TextBody = textBody;
        Link = link is null ? null : Cut(link, LinkMaxLength);
        Status = OutboxStatus.Pending;
        // A non-urgent message written out of hours waits for the next working morning (Notifications.WorkingHours).
        NextAttemptAtUtc = notBeforeUtc is { } notBefore && notBefore > nowUtc ? notBefore : nowUtc;
        CreatedAtUtc = nowUtc;
    }

    /// <summary>
    /// A message to an org unit's group robot: the webhook address is the recipient, <paramref name="markdown"/> the
    /// text (also the "HTML" body, unused). The robot's secret is read from the unit when it is sent, never stored here.
    /// </summary>
    public static OutboxMessage ForRobot(string idempotencyKey, OutboxChannel channel, int orgUnitId, string webhook, string kind,
        string title, string markdown, DateTime nowUtc, DateTime? notBeforeUtc = null)
    {
        if (channel == OutboxChannel.Email) throw new ArgumentException("A robot message goes to a robot.", nameof(channel));
        return new OutboxMessage(idempotencyKey, kind, null, webhook, "zh-CN", title, markdown, markdown, null, nowUtc, notBeforeUtc)
        {
            Channel = channel,
            OrgUnitId = orgUnitId,
        };
    }

    public int Id { get; private set; }

    /// <summary>Email (the default) or a group robot.</summary>
    public OutboxChannel Channel { get; private set; }

    /// <summary>For a robot message: the org unit whose robot it is (its secret signs the request).</summary>
    public int? OrgUnitId { get; private set; }

    public string IdempotencyKey { get; private set; }
    public string Kind { get; private set; }
    public string? RecipientUserId { get; private set; }
    public string RecipientAddress { get; private set; }
    public string Culture { get; private set; }
    public string Subject { get; private set; }
    public string HtmlBody { get; private set; }
    public string TextBody { get; private set; }
    public string? Link { get; private set; }
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAtUtc { get; private set; }

    /// <summary>What went wrong last time: the error's kind and the server's reply, with addresses removed.</summary>
    public string? LastError { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public DateTime? ClaimedUntilUtc { get; private set; }

    /// <summary>The dispatcher instance (and its claim) holding the lease.</summary>
    public string? ClaimedBy { get; private set; }

    /// <summary>An administrator's resend: a dead letter goes back to the queue with fresh attempts. Nothing else is resent.</summary>
    public bool Resend(DateTime nowUtc)
    {
        if (Status != OutboxStatus.DeadLetter) return false;
        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAtUtc = nowUtc;
        ClaimedUntilUtc = null;
        ClaimedBy = null;
        return true;
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}

/// <summary>When a failed message is tried again: exponential backoff from a base delay up to a cap, then dead letter.</summary>
public sealed record MailRetryPolicy(TimeSpan BaseDelay, TimeSpan MaxDelay, int MaxAttempts)
{
    /// <summary>The delay after the <paramref name="attempts"/>-th failed attempt (1 → base, 2 → 2×base, …, capped).</summary>
    public TimeSpan DelayAfter(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var exponent = Math.Min(attempts - 1, 30);
        var ticks = BaseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>True when a message that has now failed <paramref name="attempts"/> times is given up.</summary>
    public bool GivesUpAfter(int attempts) => attempts >= MaxAttempts;
}
