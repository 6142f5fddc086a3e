using System.Net.Mail;
using System.Net.Mime;
using System.Security.Cryptography;
using System.Text;

namespace Reception.Web.Mail;

/// <summary>
/// Builds the MIME message both senders write: multipart/alternative (plain text, then HTML), UTF-8 subject and
/// bodies, and the idempotency key twice — as X-Reception-Key and inside a stable Message-ID — so every
/// retransmission of one outbox row is recognisably the same message.
/// </summary>
public static class MimeMail
{
    public const string KeyHeader = "X-Reception-Key";

    public static MailMessage Build(OutgoingMail mail, MailOptions options)
    {
        var message = new MailMessage
        {
            From = new MailAddress(options.FromAddress, options.FromName, Encoding.UTF8),
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        message.To.Add(new MailAddress(mail.To));
        message.Headers.Add("Message-ID", MessageId(mail.Key));
        message.Headers.Add(KeyHeader, mail.Key);
        message.AlternateViews.Add(View(mail.TextBody, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(View(mail.HtmlBody, MediaTypeNames.Text.Html));
        return message;
    }

    /// <summary>"&lt;hash@reception&gt;": the same for every send of one key, and no personal data in it.</summary>
    public static string MessageId(string key) => $"<{Hash(key)}@reception>";

    /// <summary>A file-name-safe digest of a key (hex, 32 characters).</summary>
    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];

    private static AlternateView View(string content, string mediaType)
    {
        var view = AlternateView.CreateAlternateViewFromString(content, Encoding.UTF8, mediaType);
        view.TransferEncoding = TransferEncoding.Base64;
        return view;
    }
}
