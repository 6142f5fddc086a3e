using Reception.Core.Mail;

namespace Reception.Web.Mail;

/// <summary>
/// The mail system as the dispatcher sees it. A claimed batch is sent through one <see cref="IMailSession"/>, so the
/// SMTP sender opens one connection for the batch rather than one per message.
/// </summary>
public interface IMailSender
{
    /// <summary>A session for one batch. Nothing is opened yet: the first message connects (a batch whose leases all ran out never does).</summary>
    IMailSession OpenSession();
}

/// <summary>One batch's way to the mail system; disposing it closes the connection.</summary>
public interface IMailSession : IAsyncDisposable
{
    /// <summary>
    /// Hands one message over. Returns once the message was accepted (the SMTP server's final 250, or the file in
    /// place) and throws otherwise; <see cref="MailRejectedException"/> says the refusal is permanent.
    /// </summary>
    Task SendAsync(OutgoingMail mail, CancellationToken ct);
}

/// <summary>What a sender needs of an outbox row.</summary>
public sealed record OutgoingMail(string Key, string To, string Subject, string TextBody, string HtmlBody)
{
    public static OutgoingMail From(OutboxMessage m) => new(m.IdempotencyKey, m.RecipientAddress, m.Subject, m.TextBody, m.HtmlBody);
}

/// <summary>A refusal that retrying will not change (e.g. 550 no such mailbox): the message goes to the dead letters at once.</summary>
public sealed class MailRejectedException(string message, Exception? inner = null) : Exception(message, inner);
