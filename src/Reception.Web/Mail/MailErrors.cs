using System.Text.RegularExpressions;
using MailKit.Net.Smtp;

namespace Reception.Web.Mail;

/// <summary>What is kept of a failure (the outbox's LastError, the log): the kind of error and the server's reply, never an address.</summary>
public static partial class MailErrors
{
    public static string Describe(Exception e)
    {
        var text = e switch
        {
            SmtpCommandException smtp => $"{e.GetType().Name} {smtp.StatusCode} ({(int)smtp.StatusCode}, {smtp.ErrorCode}): {e.Message}",
            _ => $"{e.GetType().Name}: {e.Message}",
        };
        // These two say all there is; MailKit's handshake error under the second is a page of generic advice.
        if (e.InnerException is { } inner && e is not (MailRejectedException or UntrustedCertificateException))
            text += $" <- {inner.GetType().Name}: {inner.Message}";
        text = Address().Replace(text, "<address>").ReplaceLineEndings(" ");
        return text.Length <= Reception.Core.Mail.OutboxMessage.LastErrorMaxLength
            ? text
            : text[..(Reception.Core.Mail.OutboxMessage.LastErrorMaxLength - 1)] + "…";
    }

    [GeneratedRegex(@"[^\s<>""']+@[^\s<>""']+")]
    private static partial Regex Address();
}
