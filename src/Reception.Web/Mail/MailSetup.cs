namespace Reception.Web.Mail;

public static class MailSetup
{
    /// <summary>The outbox, the sender (SMTP when Reception:Mail:Host is set, else the pickup folder), and the dispatcher (run by the MailDispatch job).</summary>
    public static void AddReceptionMail(this IServiceCollection services, IConfiguration configuration)
    {
        // A mistyped fingerprint stops the app at start rather than failing every TLS connection later.
        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection(MailOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.TrustedCertificateSha256) || MailOptions.NormalizeFingerprint(o.TrustedCertificateSha256) is not null,
                $"{MailOptions.Section}:TrustedCertificateSha256 is not a SHA-256 fingerprint (64 hex digits, colons allowed).")
            .ValidateOnStart();
        services.AddScoped<MailOutbox>();
        services.AddScoped<MailDispatcher>();
        services.AddSingleton<DispatcherInstance>();
        services.AddHttpClient(RobotSender.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<RobotSender>();
        // Chosen when first used, so options set later (tests, environment) decide.
        services.AddSingleton<IMailSender>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>();
            var clock = sp.GetRequiredService<TimeProvider>();
            return string.IsNullOrWhiteSpace(options.Value.Host)
                ? new PickupFolderMailSender(options, sp.GetRequiredService<DataDirectory>(), clock)
                : new SmtpMailSender(options, clock, sp.GetRequiredService<ILogger<SmtpMailSender>>());
        });
    }
}
