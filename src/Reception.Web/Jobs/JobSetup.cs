using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;
using Reception.Web.Infrastructure;

namespace Reception.Web.Jobs;

public static class JobSetup
{
    /// <summary>
    /// Quartz with its persistent store in the application's database (SQLite: the app's own file; PostgreSQL: the same
    /// database, clustered, so several app instances share one schedule and each occurrence fires on one of them).
    /// Quartz creates its QRTZ_ tables itself when it starts (ProvisionSchema) and keeps its execution history there.
    /// Its clock is the TimeProvider in the container (Quartz resolves it from there), i.e. the app's clock.
    /// </summary>
    public static void AddReceptionJobs(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        foreach (var definition in JobRegistry.All)
        {
            services.AddSingleton(definition);
            services.TryAddScoped(definition.JobType);
        }
        services.AddSingleton<JobCatalog>();
        services.AddSingleton<StartupJobs>();
        services.AddTransient<JobRunner>();
        services.AddScoped<JobsAdmin>();
        services.AddScoped<Backups>();

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "Reception");
            q.UsePersistentStore(store =>
            {
                if (provider == DatabaseProvider.Sqlite)
                {
                    store.UseSqlite(connectionString);
                }
                else
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering();
                }
                store.ProvisionSchema();
                store.UseExecutionHistory();
                store.UseSystemTextJsonSerializer();
            });
        });
        services.AddHostedService<JobSchedulerService>();
        // Quartz reports its start-up in a dozen Information lines; its warnings and errors still show.
        services.AddLogging(b => b.AddFilter("Quartz", LogLevel.Warning));
    }
}
