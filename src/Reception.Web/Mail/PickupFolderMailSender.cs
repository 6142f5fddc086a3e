namespace Reception.Web.Mail;

/// <summary>
/// The development default (no SMTP host configured): each message becomes one .eml file in {data directory}/mail,
/// the same MimeMessage the SMTP sender sends. The file is written in a private temporary folder and then renamed
/// into place, so a reader never sees half a message; its name comes from the idempotency key, so sending the same
/// message again replaces the file.
/// </summary>
public sealed class PickupFolderMailSender(IOptions<MailOptions> options, DataDirectory dataDirectory, TimeProvider clock) : IMailSender, IMailSession
{
    public string Folder => options.Value.PickupDirectory is { Length: > 0 } configured
        ? Path.GetFullPath(configured, dataDirectory.Path)
        : Path.Combine(dataDirectory.Path, "mail");

    public static string FileName(string key) => MimeMail.Hash(key) + ".eml";

    /// <summary>Files need no connection: the sender is its own session.</summary>
    public IMailSession OpenSession() => this;

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var folder = Folder;
        var temp = Path.Combine(folder, ".tmp", Guid.NewGuid().ToString("N") + ".eml");
        // The folder and its messages are readable by the service account only (0700, 0600).
        PrivateFiles.Directory(folder);
        PrivateFiles.Directory(Path.GetDirectoryName(temp)!);
        try
        {
            using (var message = MimeMail.Build(mail, options.Value, clock))
            await using (var file = PrivateFiles.CreateNew(temp))
                await message.WriteToAsync(MimeMail.FileFormat, file, ct);
            File.Move(temp, Path.Combine(folder, FileName(mail.Key)), overwrite: true);
        }
        finally
        {
            File.Delete(temp); // nothing there once moved
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
