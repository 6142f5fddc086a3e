namespace Reception.Web.Mail;

/// <summary>The "Reception:Mail" configuration section (environment variables "Reception__Mail__Host" and so on).</summary>
public sealed class MailOptions
{
    public const string Section = "Reception:Mail";

    /// <summary>The SMTP server. When empty, messages are written as .eml files to <see cref="PickupDirectory"/> instead.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>Upgrade the connection with STARTTLS (System.Net.Mail's EnableSsl is explicit TLS on the same port).</summary>
    public bool StartTls { get; set; }

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

    public Reception.Core.Mail.MailRetryPolicy RetryPolicy() =>
        new(TimeSpan.FromSeconds(RetryBaseDelaySeconds), TimeSpan.FromSeconds(RetryMaxDelaySeconds), Math.Max(1, MaxAttempts));
}
