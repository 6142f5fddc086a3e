using Microsoft.Extensions.Options;
using Reception.Web.Infrastructure;

namespace Reception.Web.Mail;

public static class MailSetup
{
    /// <summary>The outbox, the sender (SMTP when Reception:Mail:Host is set, else the pickup folder), and the dispatcher (run by the MailDispatch job).</summary>
    public static void AddReceptionMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddScoped<MailOutbox>();
        services.AddScoped<MailDispatcher>();
        services.AddSingleton<DispatcherInstance>();
        // Chosen when first used, so options set later (tests, environment) decide.
        services.AddSingleton<IMailSender>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<MailOptions>>().Value.Host)
            ? new PickupFolderMailSender(sp.GetRequiredService<IOptions<MailOptions>>(), sp.GetRequiredService<DataDirectory>())
            : new SmtpMailSender(sp.GetRequiredService<IOptions<MailOptions>>()));
    }
}
