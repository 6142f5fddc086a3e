using Reception.Core.Mail;

namespace Reception.Web.Mail;

/// <summary>
/// Hands one message to the mail system. Returns once the message was accepted (the SMTP server's final 250, or the
/// file in place) and throws otherwise; <see cref="MailRejectedException"/> says the refusal is permanent.
/// </summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>What a sender needs of an outbox row.</summary>
public sealed record OutgoingMail(string Key, string To, string Subject, string TextBody, string HtmlBody)
{
    public static OutgoingMail From(OutboxMessage m) => new(m.IdempotencyKey, m.RecipientAddress, m.Subject, m.TextBody, m.HtmlBody);
}

/// <summary>A refusal that retrying will not change (e.g. 550 no such mailbox): the message goes to the dead letters at once.</summary>
public sealed class MailRejectedException(string message, Exception? inner = null) : Exception(message, inner);
