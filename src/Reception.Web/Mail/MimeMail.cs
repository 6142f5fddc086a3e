using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Text;
using MimeKit.Utils;
using Reception.Core.Time;

namespace Reception.Web.Mail;

/// <summary>
/// Builds the MIME message both senders write: multipart/alternative (plain text, then HTML), UTF-8 subject and
/// bodies, and the idempotency key twice — as X-Reception-Key and inside a stable Message-ID — so every
/// retransmission of one outbox row is recognisably the same message.
/// </summary>
public static class MimeMail
{
    public const string KeyHeader = "X-Reception-Key";

    /// <summary>
    /// The message for one send, dated by the app's clock in China Standard Time. Date and Message-ID are handed to
    /// the constructor because MimeMessage's default one stamps the system clock's time and a random Message-ID.
    /// </summary>
    public static MimeMessage Build(OutgoingMail mail, MailOptions options, TimeProvider clock)
    {
        var date = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), ChinaTime.Zone);
        var message = new MimeMessage(
            new Header(HeaderId.Date, DateUtils.FormatDate(date)),
            new Header("Message-ID", MessageId(mail.Key)));
        try
        {
            // A sender address MimeKit cannot read is the configuration's fault, so its ParseException stays an
            // ordinary (retried) failure: the messages go once the setting is mended.
            message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
            message.To.Add(Recipient(mail.To));
            message.Subject = mail.Subject;
            message.Headers.Add(KeyHeaderOf(mail.Key));
            message.Body = new MultipartAlternative { Part(TextFormat.Plain, mail.TextBody), Part(TextFormat.Html, mail.HtmlBody) };
            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private static MailboxAddress Recipient(string address)
    {
        try
        {
            return new MailboxAddress(null, address);
        }
        catch (ParseException e)
        {
            // Stored before the address rules caught it, say: no server will ever take it.
            throw new MailRejectedException($"The recipient's address cannot be written into a message: {e.Message}", e);
        }
    }

    /// <summary>"&lt;hash@reception&gt;": the same for every send of one key, and no personal data in it.</summary>
    public static string MessageId(string key) => $"<{Hash(key)}@reception>";

    /// <summary>A file-name-safe digest of a key (hex, 32 characters).</summary>
    public static string Hash(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];

    /// <summary>How an .eml file is written: CRLF line ends whatever the platform, as on the wire.</summary>
    public static FormatOptions FileFormat { get; } = CreateFileFormat();

    private static FormatOptions CreateFileFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    // The key as it is, on one line, as before MimeKit. MimeKit would fold a long one (most are, with the user id) into
    // encoded-words: the same text once decoded, but no longer the bytes a receiving filter compares. A key is at most
    // 200 characters, well inside SMTP's 998 per line.
    private static Header KeyHeaderOf(string key)
    {
        var header = new Header(KeyHeader, key);
        if (key.All(c => c is > ' ' and <= '~')) header.SetRawValue(Encoding.ASCII.GetBytes($" {key}\n"));
        return header;
    }

    // Base64 keeps Chinese text 7-bit clean for any relay, with or without 8BITMIME (and is what the mail carried before MimeKit).
    private static TextPart Part(TextFormat format, string content)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.Base64 };
        part.SetText(Encoding.UTF8, content);
        return part;
    }
}
