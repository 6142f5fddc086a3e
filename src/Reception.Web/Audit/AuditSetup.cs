namespace Reception.Web.Audit;

public static class AuditSetup
{
    public static void AddReceptionAudit(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AuditWriter>();
        services.AddScoped<AuditLog>();
    }
}
