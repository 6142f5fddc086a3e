using System.Net.Mail;
using Microsoft.Extensions.Options;
using Reception.Web.Infrastructure;

namespace Reception.Web.Mail;

/// <summary>
/// The development default (no SMTP host configured): each message becomes one .eml file in {data directory}/mail.
/// The file is written in a private temporary folder and then renamed into place, so a reader never sees half a
/// message; its name comes from the idempotency key, so sending the same message again replaces the file.
/// </summary>
public sealed class PickupFolderMailSender(IOptions<MailOptions> options, DataDirectory dataDirectory) : IMailSender
{
    public string Folder => options.Value.PickupDirectory is { Length: > 0 } configured
        ? Path.GetFullPath(configured, dataDirectory.Path)
        : Path.Combine(dataDirectory.Path, "mail");

    public static string FileName(string key) => MimeMail.Hash(key) + ".eml";

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var folder = Folder;
        var temp = Path.Combine(folder, ".tmp", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            using (var message = MimeMail.Build(mail, options.Value))
            using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = temp })
            {
                await client.SendMailAsync(message, ct);
            }
            var written = Directory.GetFiles(temp).Single();
            File.Move(written, Path.Combine(folder, FileName(mail.Key)), overwrite: true);
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
