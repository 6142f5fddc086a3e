using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Reception.Web.Mail;

/// <summary>
/// Sends over SMTP with MailKit. A session is one dispatch batch and holds one connection: opened (TLS as
/// Reception:Mail:Security says, then a login when a user name is set) for the batch's first message, used for each
/// message in turn, closed with QUIT when the batch is done.
/// <list type="bullet">
/// <item>A connection the server has closed since its last message (an idle timeout, or "421" from a server that takes
/// only so many messages per connection, as several hosted enterprise mail services do) is opened again and the
/// message goes once more on the new one — that failure was the connection's, not the message's.</item>
/// <item>A connection that cannot be opened (refused, timed out, certificate not trusted, login refused) fails the
/// rest of the batch with the same error at once instead of waiting out a timeout per message; the next run tries again.</item>
/// <item>A 5xx reply to a message (MAIL FROM, RCPT TO, DATA) is permanent: <see cref="MailRejectedException"/>. Anything
/// else — 4xx, a lost connection, a timeout — is transient and retried with backoff by the dispatcher.</item>
/// <item>The server's certificate must be one the system trusts for the host name, or exactly the one whose SHA-256
/// fingerprint is configured (<see cref="MailOptions.TrustedCertificateSha256"/>).</item>
/// </list>
/// </summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options, TimeProvider clock, ILogger<SmtpMailSender> log) : IMailSender
{
    public IMailSession OpenSession() => new Session(options.Value, clock, log);

    internal static SecureSocketOptions SocketOptions(MailSecurity security) => security switch
    {
        MailSecurity.None => SecureSocketOptions.None,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        MailSecurity.Auto => SecureSocketOptions.Auto,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, null),
    };

    /// <summary>The SHA-256 fingerprint of a certificate's DER encoding, 64 upper-case hex digits.</summary>
    public static string Fingerprint(X509Certificate certificate) => Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));

    private sealed class Session : IMailSession
    {
        private readonly MailOptions _options;
        private readonly TimeProvider _clock;
        private readonly ILogger _log;
        private readonly string? _trusted;
        private readonly SmtpClient _client;
        private (string Fingerprint, SslPolicyErrors Errors)? _refusedCertificate;
        private Exception? _connectFailure;

        public Session(MailOptions options, TimeProvider clock, ILogger log)
        {
            _options = options;
            _clock = clock;
            _log = log;
            _trusted = options.TrustedFingerprint();
            _client = new SmtpClient
            {
                Timeout = Math.Max(1, options.TimeoutSeconds) * 1000,
                ServerCertificateValidationCallback = Validate,
            };
        }

        public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
        {
            using var message = MimeMail.Build(mail, _options, _clock);
            var reused = await ConnectAsync(ct);
            try
            {
                await TransmitAsync(message, ct);
            }
            catch (Exception e) when (reused && IsConnectionLost(e) && !ct.IsCancellationRequested)
            {
                if (_log.IsEnabled(LogLevel.Information)) _log.SmtpReconnecting(MailErrors.Describe(e));
                await CloseAsync(quit: false);
                await ConnectAsync(ct);
                await TransmitAsync(message, ct);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await CloseAsync(quit: true);
            _client.Dispose();
        }

        /// <summary>Opens the connection unless it is open; true when it was open already (and may have gone stale).</summary>
        private async Task<bool> ConnectAsync(CancellationToken ct)
        {
            if (_client.IsConnected) return true;
            if (_connectFailure is { } failed) throw failed;
            var o = _options;
            try
            {
                var host = o.Host ?? throw new InvalidOperationException("The SMTP sender needs Reception:Mail:Host.");
                await _client.ConnectAsync(host, o.Port, SocketOptions(o.EffectiveSecurity), ct);
                if (!string.IsNullOrEmpty(o.UserName))
                {
                    if (!_client.IsSecure)
                        _log.UnencryptedLogin(o.Host, o.Port);
                    await _client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                await CloseAsync(quit: false);
                _connectFailure = e is SslHandshakeException && _refusedCertificate is { } refused
                    ? new UntrustedCertificateException(refused.Fingerprint, refused.Errors, e)
                    : e;
                if (_connectFailure is UntrustedCertificateException untrusted)
                    _log.UntrustedCertificate(untrusted.Message);
                throw _connectFailure;
            }
            if (_log.IsEnabled(LogLevel.Debug))
                _log.Connected(o.Host, o.Port, o.EffectiveSecurity, _client.IsSecure ? _client.SslProtocol.ToString() : "none");
            return false;
        }

        private async Task TransmitAsync(MimeMessage message, CancellationToken ct)
        {
            try
            {
                await _client.SendAsync(message, ct);
            }
            catch (SmtpCommandException e) when ((int)e.StatusCode is >= 500 and < 600)
            {
                // The server will never take this message (no such mailbox, refused content): retrying only delays the
                // dead letter. MailKit has reset the transaction (RSET), so the connection serves the next message.
                throw new MailRejectedException(MailErrors.Describe(e), e);
            }
        }

        private async Task CloseAsync(bool quit)
        {
            if (!_client.IsConnected) return;
            try
            {
                // Not the caller's token: a batch cancelled mid-send still closes its socket.
                await _client.DisconnectAsync(quit, CancellationToken.None);
            }
            catch (Exception e)
            {
                if (_log.IsEnabled(LogLevel.Debug)) _log.CloseFailed(MailErrors.Describe(e));
            }
        }

        private bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (errors == SslPolicyErrors.None) return true;
            if (certificate is null) return false;
            var fingerprint = Fingerprint(certificate);
            // The administrator trusted this very certificate, so neither its issuer nor the name in it matters, nor its
            // dates: a self-signed certificate's dates are asserted by the key the fingerprint pins (and judging them
            // would put the machine's clock, not the app's, into the decision). A renewed certificate is a new fingerprint.
            if (_trusted is not null && string.Equals(fingerprint, _trusted, StringComparison.Ordinal)) return true;
            _refusedCertificate = (fingerprint, errors);
            return false;
        }

        /// <summary>Whether a failure on a connection that was already open says the server had closed it rather than anything about the message.</summary>
        private static bool IsConnectionLost(Exception e) => e switch
        {
            SmtpCommandException command => command.StatusCode == SmtpStatusCode.ServiceNotAvailable, // 421: closing the connection
            SmtpProtocolException or ServiceNotConnectedException => true,
            IOException io => !IsTimeout(io),
            _ => false,
        };

        // A server too slow to answer is not helped by a second try at once; the backoff handles it.
        private static bool IsTimeout(Exception e) =>
            e is TimeoutException or SocketException { SocketErrorCode: SocketError.TimedOut } || e.InnerException is { } inner && IsTimeout(inner);
    }
}

/// <summary>
/// The mail server's certificate is neither trusted by the system for its host name nor the one configured in
/// Reception:Mail:TrustedCertificateSha256. The message names the certificate's fingerprint, so that an administrator
/// who has checked it on the server can configure exactly that one.
/// </summary>
public sealed class UntrustedCertificateException(string fingerprint, SslPolicyErrors errors, Exception inner)
    : Exception($"The mail server's certificate is not trusted ({errors}). Its SHA-256 fingerprint is {fingerprint}; if it is your own server's certificate, setting Reception:Mail:TrustedCertificateSha256 to that value trusts exactly this certificate.", inner)
{
    public string Fingerprint { get; } = fingerprint;
    public SslPolicyErrors Errors { get; } = errors;
}
