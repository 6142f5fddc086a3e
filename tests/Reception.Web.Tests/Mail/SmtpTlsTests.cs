using System.Net.Security;
using MailKit;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit.Utils;
using Reception.Core.Mail;
using Reception.Web.Mail;

namespace Reception.Web.Tests.Mail;

/// <summary>
/// Two SMTP servers with one self-signed certificate made by openssl: one requires STARTTLS, one speaks TLS from the
/// first byte (as on port 465); both require a login. A second certificate is never served: its fingerprint is a wrong one.
/// </summary>
public sealed class TlsSmtpServers : IAsyncLifetime
{
    public const string User = "reception-sender";
    public const string Password = "Duty#2026-mail";

    private string _directory = null!;

    public TestCertificate Certificate { get; private set; } = null!;
    public TestCertificate OtherCertificate { get; private set; } = null!;
    public SmtpTestServer StartTls { get; private set; } = null!;
    public SmtpTestServer ImplicitTls { get; private set; } = null!;

    public SmtpTestServer For(MailSecurity security) => security == MailSecurity.SslOnConnect ? ImplicitTls : StartTls;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("reception-tls-").FullName;
        Certificate = await TestCertificate.CreateAsync(_directory, "server");
        OtherCertificate = await TestCertificate.CreateAsync(_directory, "other");
        StartTls = await SmtpTestServer.StartAsync(new SmtpServerSetup(StartTls: Certificate, User: User, Password: Password));
        ImplicitTls = await SmtpTestServer.StartAsync(new SmtpServerSetup(ImplicitTls: Certificate, User: User, Password: Password));
    }

    public async Task DisposeAsync()
    {
        await StartTls.DisposeAsync();
        await ImplicitTls.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>
/// The SMTP sender over STARTTLS and implicit TLS against a real server: the certificate is checked (a self-signed one
/// only when its fingerprint is configured), the login happens when a user name is set, Chinese arrives intact, and the
/// message is dated by the app's clock. Failures of TLS and login are transient (retried), never dead letters.
/// </summary>
public sealed class SmtpTlsTests(TlsSmtpServers servers) : IClassFixture<TlsSmtpServers>
{
    private const string Subject = "值班提醒：12月1日（周二）坐班接访";
    private const string Text = "您 12 月 1 日在信访接待中心坐班接访，请提前十分钟到岗。";
    private const string Html = "<p>您 12 月 1 日在信访接待中心<b>坐班接访</b>，请提前十分钟到岗。</p>";

    private readonly FakeTimeProvider _clock = MailTesting.Clock();

    [Theory]
    [InlineData(MailSecurity.StartTls)]
    [InlineData(MailSecurity.SslOnConnect)]
    public async Task PinnedSelfSignedCertificate_IsAccepted_MessagesArriveEncryptedAndLoggedIn_OverOneConnection_ChineseIntact(MailSecurity security)
    {
        var server = servers.For(security);
        var keys = new[] { PageTesting.Unique("tls:"), PageTesting.Unique("tls:") };
        var connections = server.Connections();

        // As openssl prints it, colons and all.
        await SendAsync(Options(server, security, servers.Certificate.OpensslFingerprint), Mail(keys[0]), Mail(keys[1]));

        var transmissions = server.Transmissions().Where(t => keys.Contains(t.Key)).ToList();
        Assert.Equal(2, transmissions.Count);
        Assert.All(transmissions, t => Assert.StartsWith("TLSv1.", t.Tls));
        Assert.All(transmissions, t => Assert.Equal(TlsSmtpServers.User, t.Login));
        Assert.Single(transmissions.Select(t => t.Connection).Distinct());
        Assert.Equal(1, server.Connections() - connections);

        var mail = Assert.Single(server.Deliveries(), d => d.Key == keys[0]);
        Assert.Empty(mail.Defects);
        Assert.Equal(Subject, mail.Subject);
        Assert.Matches(@"(?im)^Subject: =\?utf-8\?[bq]\?", mail.RawHeaders); // encoded, not raw 8-bit
        Assert.Contains("领导接访系统", mail.From, StringComparison.Ordinal);
        Assert.Equal(MimeMail.MessageId(keys[0]), mail.MessageId);
        Assert.Equal("multipart/alternative", mail.ContentType);
        Assert.Equal(["text/plain", "text/html"], mail.Parts.Select(p => p.ContentType));
        Assert.All(mail.Parts, p => Assert.Equal("utf-8", p.Charset));
        Assert.Equal(Text, mail.Part("text/plain").Content.TrimEnd());
        Assert.Equal(Html, mail.Part("text/html").Content.TrimEnd());
        // Dated by the app's clock (a test clock far from the machine's), in China Standard Time.
        Assert.True(DateUtils.TryParse(mail.Date, out var date), mail.Date);
        Assert.Equal((_clock.GetUtcNow(), TimeSpan.FromHours(8)), (date, date.Offset));
    }

    [Theory]
    [InlineData(MailSecurity.StartTls, false)]
    [InlineData(MailSecurity.SslOnConnect, false)]
    [InlineData(MailSecurity.StartTls, true)]
    [InlineData(MailSecurity.SslOnConnect, true)]
    public async Task SelfSignedCertificate_NotPinned_OrAnotherPinned_IsRefused_AndNothingIsSent(MailSecurity security, bool pinAnother)
    {
        var server = servers.For(security);
        var key = PageTesting.Unique("untrusted:");
        var pin = pinAnother ? servers.OtherCertificate.OpensslFingerprint : null;

        var refused = await Assert.ThrowsAsync<UntrustedCertificateException>(() => SendAsync(Options(server, security, pin), Mail(key)));

        Assert.Equal(servers.Certificate.Fingerprint, refused.Fingerprint);
        Assert.True(refused.Errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors), refused.Errors.ToString());
        Assert.Contains(servers.Certificate.Fingerprint, MailErrors.Describe(refused), StringComparison.Ordinal); // what /Admin/Outbox shows
        Assert.DoesNotContain(server.Transmissions(), t => t.Key == key);
    }

    [Fact]
    public async Task Auto_UpgradesWithStartTls_WhenTheServerOffersIt()
    {
        var key = PageTesting.Unique("auto:");

        await SendAsync(Options(servers.StartTls, MailSecurity.Auto, servers.Certificate.Fingerprint.ToLowerInvariant()), Mail(key));

        Assert.StartsWith("TLSv1.", Assert.Single(servers.StartTls.Transmissions(), t => t.Key == key).Tls);
    }

    [Fact]
    public async Task WrongPassword_IsRefusedAtLogin_AsATransientFailure_NothingSent()
    {
        var key = PageTesting.Unique("wrong-password:");

        // Not a MailRejectedException: the message is not at fault, so the dispatcher retries it once the password is fixed.
        await Assert.ThrowsAsync<AuthenticationException>(() =>
            SendAsync(Options(servers.ImplicitTls, MailSecurity.SslOnConnect, servers.Certificate.Fingerprint, password: "wrong"), Mail(key)));

        Assert.DoesNotContain(servers.ImplicitTls.Transmissions(), t => t.Key == key);
    }

    [Fact]
    public async Task NoUserName_AtAServerThatRequiresALogin_IsATransientFailure_NothingSent()
    {
        var key = PageTesting.Unique("no-login:");

        await Assert.ThrowsAsync<ServiceNotAuthenticatedException>(() =>
            SendAsync(Options(servers.StartTls, MailSecurity.StartTls, servers.Certificate.Fingerprint, user: null), Mail(key)));

        Assert.DoesNotContain(servers.StartTls.Transmissions(), t => t.Key == key);
    }

    [Fact]
    public async Task Configuration_TheOldStartTlsTrue_StillMeansStartTls_UntilSecurityIsSet()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Reception:Mail:Host"] = "127.0.0.1",
            ["Reception:Mail:Port"] = servers.StartTls.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Reception:Mail:StartTls"] = "true",
            ["Reception:Mail:TrustedCertificateSha256"] = servers.Certificate.OpensslFingerprint,
            ["Reception:Mail:UserName"] = TlsSmtpServers.User,
            ["Reception:Mail:Password"] = TlsSmtpServers.Password,
            ["Reception:Mail:FromAddress"] = "reception@demo.reception.invalid",
        };
        var key = PageTesting.Unique("alias:");
        await using (var provider = MailServices(settings))
        {
            Assert.Equal(MailSecurity.StartTls, provider.GetRequiredService<IOptions<MailOptions>>().Value.EffectiveSecurity);
            await using var session = provider.GetRequiredService<IMailSender>().OpenSession();
            await session.SendAsync(Mail(key), default);
        }
        Assert.StartsWith("TLSv1.", Assert.Single(servers.StartTls.Transmissions(), t => t.Key == key).Tls);

        settings["Reception:Mail:Security"] = "SslOnConnect";
        await using (var provider = MailServices(settings))
            Assert.Equal(MailSecurity.SslOnConnect, provider.GetRequiredService<IOptions<MailOptions>>().Value.EffectiveSecurity);
        settings["Reception:Mail:Security"] = "None";
        await using (var provider = MailServices(settings))
            Assert.Equal(MailSecurity.None, provider.GetRequiredService<IOptions<MailOptions>>().Value.EffectiveSecurity);
    }

    [Theory]
    [InlineData("C6:A2:91:EC")] // cut short
    [InlineData("sha256 Fingerprint=C6:A2:91:EC:35:84:84:BC:72:30:E0:0B:01:9A:C5:A4:1C:82:18:A3:F5:C7:B5:63:89:89:09:1D:C1:10:29:C7")] // the whole line pasted
    public async Task AMistypedFingerprint_FailsTheOptionsValidation(string fingerprint)
    {
        await using var provider = MailServices(new Dictionary<string, string?>
        {
            ["Reception:Mail:Host"] = "127.0.0.1",
            ["Reception:Mail:TrustedCertificateSha256"] = fingerprint,
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MailOptions>>().Value);
        Assert.Contains("TrustedCertificateSha256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMistypedFingerprint_StopsTheAppAtStart()
    {
        await using var app = ReceptionFactory.Build()
            .WithClock(_clock)
            .Seeding(Seed.Empty)
            .Settings(new Dictionary<string, string?>
            {
                ["Reception:Admin:Password"] = "First#2026-setup",
                ["Reception:Mail:TrustedCertificateSha256"] = "C6:A2:91:EC",
            })
            .Create();

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("TrustedCertificateSha256", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatcher_OverImplicitTls_WithLoginAndPinnedCertificate_DeliversOnce_AndMarksSent()
    {
        var server = servers.ImplicitTls;
        await using var app = ReceptionFactory.Build().WithClock(_clock).MailTo(server, o =>
        {
            o.Security = MailSecurity.SslOnConnect;
            o.TrustedCertificateSha256 = servers.Certificate.OpensslFingerprint;
            o.UserName = TlsSmtpServers.User;
            o.Password = TlsSmtpServers.Password;
        }).Create();
        await app.DrainAsync(); // the seed's messages take the same way
        var occurrence = PageTesting.Unique("rota-published:tls:");
        await app.NotifyAsync("leader03", occurrence);
        var key = MailOutbox.KeyFor(occurrence, await app.UserIdAsync("leader03"));

        var result = await app.DispatchAsync();

        Assert.Equal((1, 1), (result.Claimed, result.Sent));
        Assert.Equal(OutboxStatus.Sent, (await app.OutboxMessageAsync(key)).Status);
        var transmission = Assert.Single(server.Transmissions(), t => t.Key == key);
        Assert.Equal(TlsSmtpServers.User, transmission.Login);
        Assert.StartsWith("TLSv1.", transmission.Tls);
        Assert.Equal("2026-12 值班表已发布", Assert.Single(server.Deliveries(), d => d.Key == key).Subject);
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status != OutboxStatus.Sent)));
    }

    private static OutgoingMail Mail(string key) => new(key, "leader01@demo.reception.invalid", Subject, Text, Html);

    private static MailOptions Options(SmtpTestServer server, MailSecurity security, string? pin,
        string? user = TlsSmtpServers.User, string password = TlsSmtpServers.Password) => new()
        {
            Host = "127.0.0.1",
            Port = server.Port,
            Security = security,
            TrustedCertificateSha256 = pin,
            UserName = user,
            Password = password,
            FromAddress = "reception@demo.reception.invalid",
            FromName = "领导接访系统",
            TimeoutSeconds = 10,
        };

    private async Task SendAsync(MailOptions options, params OutgoingMail[] mails)
    {
        var sender = new SmtpMailSender(Microsoft.Extensions.Options.Options.Create(options), _clock, NullLogger<SmtpMailSender>.Instance);
        await using var session = sender.OpenSession();
        foreach (var mail in mails) await session.SendAsync(mail, default);
    }

    /// <summary>The app's mail registrations over these settings, bound and validated as the app does.</summary>
    private ServiceProvider MailServices(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_clock);
        services.AddReceptionMail(configuration);
        return services.BuildServiceProvider();
    }
}
