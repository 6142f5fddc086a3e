using Microsoft.EntityFrameworkCore;
using Reception.Core.Mail;
using Reception.Web.Mail;

namespace Reception.Web.Tests.Mail;

/// <summary>A demo app with no SMTP host configured: the development default, .eml files in {data directory}/mail.</summary>
public sealed class PickupMailApp() : AppFixture(app => app.WithClock(MailTesting.Clock()).MailTo(smtp: null))
{
    public string Folder => Path.Combine(App.DataDirectory, "mail");
}

public sealed class PickupFolderTests(PickupMailApp fixture) : IClassFixture<PickupMailApp>
{
    private ReceptionFactory App => fixture.App;

    [Fact]
    public async Task Dispatch_WritesOneParsableEmlFilePerMessage_NamedByItsKey()
    {
        await App.DispatchAsync(); // the seed's messages
        var occurrence = PageTesting.Unique("weekly-bulletin:2026-W48:");
        await App.NotifyAsync("leader07", occurrence);
        var key = MailOutbox.KeyFor(occurrence, await App.UserIdAsync("leader07"));
        var before = Directory.GetFiles(fixture.Folder, "*.eml").Length;

        var result = await App.DispatchAsync();

        Assert.Equal((1, 1), (result.Claimed, result.Sent));
        var files = Directory.GetFiles(fixture.Folder, "*.eml");
        Assert.Equal(before + 1, files.Length);
        var sentCount = await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent));
        Assert.Equal(sentCount, files.Length); // one file per sent message, the seed's included
        var file = Path.Combine(fixture.Folder, PickupFolderMailSender.FileName(key));
        Assert.True(File.Exists(file));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(fixture.Folder, ".tmp"))); // no half-written leftovers

        var mail = await SmtpTestServer.ParseAsync(file);
        Assert.Empty(mail.Defects);
        Assert.DoesNotMatch("(?<!\r)\n", await File.ReadAllTextAsync(file)); // CRLF throughout, as on the wire
        // Dated by the app's clock, not the machine's.
        Assert.True(MimeKit.Utils.DateUtils.TryParse(mail.Date, out var date), mail.Date);
        Assert.Equal(fixture.Clock.GetUtcNow(), date);
        Assert.Equal(key, mail.Key);
        Assert.Equal(MimeMail.MessageId(key), mail.MessageId);
        Assert.Contains("leader07@demo.reception.invalid", mail.To, StringComparison.Ordinal);
        Assert.Equal("2026-12 值班表已发布", mail.Subject);
        Assert.Matches(@"(?im)^Subject: [ -~]*=\?utf-8\?[bq]\?", mail.RawHeaders); // ASCII on the wire, the Chinese as UTF-8 encoded-words
        Assert.Matches($@"(?m)^X-Reception-Key: {System.Text.RegularExpressions.Regex.Escape(key)}\r?$", mail.RawHeaders); // the key itself, unfolded
        Assert.Equal("multipart/alternative", mail.ContentType);
        Assert.Contains("您在 2026-12 的值班安排有变化，请打开值班表查看。", mail.Part("text/plain").Content, StringComparison.Ordinal);
        Assert.Contains($"href=\"{MailTesting.BaseUrl}/Rotas/Index\"", mail.Part("text/html").Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resend_ReplacesTheFile_RatherThanAddingOne()
    {
        var occurrence = PageTesting.Unique("monthly-compliance:2026-11:");
        await App.NotifyAsync("leader08", occurrence);
        var key = MailOutbox.KeyFor(occurrence, await App.UserIdAsync("leader08"));
        await App.DispatchAsync();
        var file = Path.Combine(fixture.Folder, PickupFolderMailSender.FileName(key));
        var first = await File.ReadAllBytesAsync(file);
        var count = Directory.GetFiles(fixture.Folder, "*.eml").Length;

        // As if the message had become a dead letter (or its first send had not been recorded): send it again.
        var id = (await App.OutboxMessageAsync(key)).Id;
        await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.DeadLetter)));
        Assert.True(await App.ResendAsync(id));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await App.DispatchAsync()).Sent);

        Assert.Equal(count, Directory.GetFiles(fixture.Folder, "*.eml").Length);
        var second = await File.ReadAllBytesAsync(file);
        Assert.NotEqual(first, second); // really written again (its Date header moved on with the app's clock)…
        Assert.Equal(key, (await SmtpTestServer.ParseAsync(file)).Key); // …as the same message
    }
}
