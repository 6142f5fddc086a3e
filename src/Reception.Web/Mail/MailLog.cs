namespace Reception.Web.Mail;

/// <summary>The mail outbox's and sender's log lines (source-generated: no formatting unless the level is on).</summary>
internal static partial class MailLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id} queued again by an administrator.")]
    public static partial void Requeued(this ILogger log, int id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id}: the lease ran out and another dispatcher took it; not sending.")]
    public static partial void LeaseLost(this ILogger log, int id);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox message {Id} ({Kind}) sent.")]
    public static partial void Sent(this ILogger log, int id, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Id} ({Kind}) is a dead letter after {Attempts} attempts: {Error}")]
    public static partial void DeadLetter(this ILogger log, int id, string kind, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Kind}) failed (attempt {Attempts}); next attempt at {Next:u}: {Error}")]
    public static partial void SendFailed(this ILogger log, int id, string kind, int attempts, DateTime next, string error);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Mail of kind {Kind}: the official holiday arrangement for {Years} is not loaded; assuming Monday to Friday, it is held until {SendAt:u}.")]
    public static partial void HeldForUnknownYears(this ILogger log, string kind, IReadOnlyList<int> years, DateTime sendAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "The SMTP connection was closed by the server ({Error}); sending on a new one.")]
    public static partial void SmtpReconnecting(this ILogger log, string error);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Logging in to the mail server {Host}:{Port} over an unencrypted connection: the password crosses the network readable. Set Reception:Mail:Security.")]
    public static partial void UnencryptedLogin(this ILogger log, string? host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Error}")]
    public static partial void UntrustedCertificate(this ILogger log, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connected to the mail server {Host}:{Port} ({Security}, TLS: {Tls}).")]
    public static partial void Connected(this ILogger log, string? host, int port, MailSecurity security, string tls);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing the SMTP connection failed: {Error}")]
    public static partial void CloseFailed(this ILogger log, string error);
}
