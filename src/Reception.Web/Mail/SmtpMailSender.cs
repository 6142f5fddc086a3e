using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Reception.Web.Mail;

/// <summary>Sends over SMTP with System.Net.Mail (MailKit is not available here): host, port, STARTTLS and credentials from Reception:Mail.</summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var o = options.Value;
        using var message = MimeMail.Build(mail, o);
        using var client = new SmtpClient(o.Host, o.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = o.StartTls,
            Timeout = Math.Max(1, o.TimeoutSeconds) * 1000,
            UseDefaultCredentials = false,
            Credentials = string.IsNullOrEmpty(o.UserName) ? null : new NetworkCredential(o.UserName, o.Password),
        };
        try
        {
            await client.SendMailAsync(message, ct);
        }
        catch (SmtpFailedRecipientException e) when ((int)e.StatusCode is >= 500 and < 600)
        {
            // The server will never take this recipient: retrying only delays the dead letter.
            throw new MailRejectedException(MailErrors.Describe(e), e);
        }
    }
}
