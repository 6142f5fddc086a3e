namespace Reception.Web.Alerts;

public static class AlertsSetup
{
    /// <summary>The business jobs' work (scoped services; the scheduler's job classes in Jobs/Business call them).</summary>
    public static void AddReceptionAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AlertOptions>(configuration.GetSection(AlertOptions.Section));
        services.AddScoped<ComplianceReader>();
        services.AddScoped<DutyReminders>();
        services.AddScoped<VisitReminders>();
        services.AddScoped<DeadlineScan>();
        services.AddScoped<WeeklyBulletin>();
        services.AddScoped<MonthlyCompliance>();
    }
}
