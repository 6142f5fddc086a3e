namespace Reception.Web.Mail;

/// <summary>The "Reception:Mail" configuration section (environment variables "Reception__Mail__Host" and so on).</summary>
public sealed class MailOptions
{
    public const string Section = "Reception:Mail";

    /// <summary>The SMTP server. When empty, messages are written as .eml files to <see cref="PickupDirectory"/> instead.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>How the connection is protected (see <see cref="MailSecurity"/>); unset means <see cref="StartTls"/> decides.</summary>
    public MailSecurity? Security { get; set; }

    /// <summary>
    /// The setting before <see cref="Security"/> existed, kept so that a deployment with Reception__Mail__StartTls=true
    /// goes on as it did: true is Security=StartTls, false is Security=None. Ignored once Security is set.
    /// </summary>
    public bool StartTls { get; set; }

    public MailSecurity EffectiveSecurity => Security ?? (StartTls ? MailSecurity.StartTls : MailSecurity.None);

    /// <summary>
    /// The SHA-256 fingerprint of the DER encoding of one server certificate to trust besides those the system trusts:
    /// an internal server's self-signed certificate. Hex digits, with or without colons or spaces (as
    /// <c>openssl x509 -noout -fingerprint -sha256</c> prints it).
    /// </summary>
    public string? TrustedCertificateSha256 { get; set; }

    /// <summary>Log in with this user name (and <see cref="Password"/>) after connecting; no login when empty.</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }

    public string FromAddress { get; set; } = "reception@localhost";
    public string FromName { get; set; } = "领导接访系统";

    /// <summary>Where the development sender writes .eml files; default {data directory}/mail.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>How long one SMTP exchange may take before it counts as failed.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How many messages one claim takes (a small batch keeps leases short and shares work between instances).</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>A claimed message is left alone by other instances for this long; after a crash it is due again when the lease runs out.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Failed attempts before a message becomes a dead letter.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay after the first failure; it doubles after each further failure up to <see cref="RetryMaxDelaySeconds"/>.</summary>
    public int RetryBaseDelaySeconds { get; set; } = 60;

    public int RetryMaxDelaySeconds { get; set; } = 6 * 3600;

    /// <summary>Names this app instance in the leases it takes (default: machine name and process id).</summary>
    public string? InstanceName { get; set; }

    /// <summary><see cref="TrustedCertificateSha256"/> as 64 upper-case hex digits, null when unset; throws when it is not a SHA-256 fingerprint.</summary>
    public string? TrustedFingerprint() =>
        string.IsNullOrWhiteSpace(TrustedCertificateSha256) ? null
        : NormalizeFingerprint(TrustedCertificateSha256) ?? throw new InvalidOperationException(
            $"{Section}:TrustedCertificateSha256 is not a SHA-256 fingerprint (64 hex digits, colons allowed).");

    /// <summary>64 upper-case hex digits, or null when <paramref name="text"/> is not a SHA-256 fingerprint.</summary>
    public static string? NormalizeFingerprint(string text)
    {
        var hex = new string(text.Where(c => c is not (':' or '-') && !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? hex : null;
    }

    public Reception.Core.Mail.MailRetryPolicy RetryPolicy() =>
        new(TimeSpan.FromSeconds(RetryBaseDelaySeconds), TimeSpan.FromSeconds(RetryMaxDelaySeconds), Math.Max(1, MaxAttempts));
}

/// <summary>How the SMTP connection is protected (Reception:Mail:Security).</summary>
public enum MailSecurity
{
    /// <summary>Plain SMTP, never encrypted (a relay on the same machine or a trusted network).</summary>
    None,

    /// <summary>Connect in plain text, then upgrade with STARTTLS; fails if the server does not offer it (port 587 or 25).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, port 465: what many Chinese enterprise mail services offer).</summary>
    SslOnConnect,

    /// <summary>
    /// MailKit decides: implicit TLS on port 465, otherwise STARTTLS when the server offers it and plain text when it
    /// does not — so a server (or anyone between) that hides STARTTLS gets the mail unencrypted. Prefer an explicit choice.
    /// </summary>
    Auto,
}
