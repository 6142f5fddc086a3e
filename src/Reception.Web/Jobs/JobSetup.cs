using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Server;
using Hangfire.States;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Reception.Web.Jobs;

public static class JobSetup
{
    /// <summary>The Hangfire storage file beside the app's SQLite database.</summary>
    public const string SqliteFileName = "hangfire.db";

    /// <summary>The schema of the app's PostgreSQL database that holds Hangfire's tables.</summary>
    public const string PostgresSchema = "hangfire";

    /// <summary>
    /// Hangfire, wired to this app's own instances of everything it needs — storage, activator, filters, clients — and
    /// never to Hangfire's static defaults (JobStorage.Current, JobActivator.Current, GlobalJobFilters), so that two
    /// app instances in one process (as in the cluster tests) never share them. Storage: SQLite in a file of its own in
    /// the data directory; PostgreSQL in its own schema of the app's database, where every instance forms one cluster.
    /// The recurring-job scheduler reads the app's <see cref="TimeProvider"/>. With Reception:Jobs:Scheduler=false the
    /// instance enqueues jobs and shows the dashboard but processes nothing (another instance does).
    /// </summary>
    public static void AddReceptionJobs(this IServiceCollection services, IConfiguration configuration, DatabaseProvider provider, string connectionString, string dataDirectory)
    {
        services.AddSingleton<JobCatalog>();
        services.TryAddSingleton<StartupJobs>();
        services.AddTransient<JobRunner>();
        services.AddTransient<MailKick>();
        services.AddScoped<JobsAdmin>();
        services.AddScoped<Backups>();
        services.AddSingleton<OutboxKick>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, OutboxKickSaveInterceptor>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, OutboxKickTransactionInterceptor>();

        services.AddSingleton<JobStorage>(sp =>
        {
            HangfireLogBridge.Use(sp.GetRequiredService<ILoggerFactory>()); // before anything of Hangfire's takes a logger
            return provider == DatabaseProvider.Sqlite
            ? new SqliteJobStorage(Path.Combine(dataDirectory, SqliteFileName), new SQLiteStorageOptions
            {
                // A queued job (the mail dispatch after a commit) is picked up within a second, not the default 15.
                QueuePollInterval = TimeSpan.FromSeconds(1),
            })
            : PostgresStorage(connectionString, sp.GetRequiredService<IConfiguration>().GetSection(JobCatalog.Section));
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IJobFilterProvider>(sp =>
        {
            HangfireLogBridge.Use(sp.GetRequiredService<ILoggerFactory>());
            return Filters(sp.GetRequiredService<JobCatalog>());
        });
        services.AddSingleton<ITimeZoneResolver, DefaultTimeZoneResolver>();
        services.AddSingleton<IBackgroundJobFactory>(sp => new BackgroundJobFactory(sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton<IBackgroundJobStateChanger>(sp => new BackgroundJobStateChanger(sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton<IBackgroundJobPerformer>(sp => new BackgroundJobPerformer(sp.GetRequiredService<IJobFilterProvider>(), sp.GetRequiredService<JobActivator>()));
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>(),
            sp.GetRequiredService<IBackgroundJobFactory>(), sp.GetRequiredService<IBackgroundJobStateChanger>()));
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>(),
            sp.GetRequiredService<ITimeZoneResolver>(), Now(sp)));
        // The serializer settings are process-wide in Hangfire (the same for every instance, so sharing them is harmless).
        services.AddHangfire((sp, c) =>
        {
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            // AddHangfire has just set its own provider, bound to this app's logger factory for good: use the bridge instead.
            HangfireLogBridge.Use(sp.GetRequiredService<ILoggerFactory>());
        });

        // Hangfire reports its start-up and each server heartbeat at Information; its warnings and errors still show.
        services.AddLogging(b => b.AddFilter("Hangfire", LogLevel.Warning));

        // Before the server: the recurring jobs are brought in line with the catalog, then the start-up requests queued.
        services.AddHostedService<RecurringJobsSync>();
        if (!configuration.GetSection(JobCatalog.Section).GetValue("Scheduler", true)) return;

        // The default server's schedulers read the system clock; this one's recurring scheduler reads the app's.
        services.AddSingleton<IBackgroundProcess>(sp => new RecurringJobScheduler(
            new ScheduledJobFactory(sp.GetRequiredService<IBackgroundJobFactory>()),
            sp.GetRequiredService<JobCatalog>().PollingInterval,
            sp.GetRequiredService<ITimeZoneResolver>(),
            Now(sp)));
        services.AddSingleton<IBackgroundProcess>(sp => new DelayedJobScheduler(
            sp.GetRequiredService<JobCatalog>().PollingInterval, sp.GetRequiredService<IBackgroundJobStateChanger>()));
        services.AddHangfireServer((sp, o) =>
        {
            var catalog = sp.GetRequiredService<JobCatalog>();
            o.IsLightweightServer = true; // workers only; the two schedulers above are added as processes of their own
            o.WorkerCount = catalog.WorkerCount;
            o.SchedulePollingInterval = catalog.PollingInterval;
            o.ServerName = sp.GetRequiredService<Mail.DispatcherInstance>().Name;
            o.ShutdownTimeout = TimeSpan.FromSeconds(30);
        });
    }

    /// <summary>Registers a job (its definition and its class, resolved per run from a scope of its own).</summary>
    public static IServiceCollection AddReceptionJob(this IServiceCollection services, JobDefinition definition)
    {
        services.AddSingleton(definition);
        services.TryAddScoped(definition.JobType);
        return services;
    }

    /// <summary>
    /// Hangfire on PostgreSQL. Losing an instance (kill -9, a dead machine) leaves two things behind that its peers wait out:
    /// the job it was running (fetched, invisible to the others for InvisibilityTimeout — sliding, so an instance that lives
    /// keeps its long jobs, e.g. the backup, however long they take) and any distributed lock it held (Hangfire's recurring
    /// and delayed schedulers take one for a moment every poll), which expires after DistributedLockTimeout. Both default to
    /// a few minutes rather than Hangfire's 30 and 10 so a crashed instance's job and the schedule go on soon after.
    /// </summary>
    private static PostgresJobStorage PostgresStorage(string connectionString, IConfigurationSection jobs)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = PostgresSchema,
            PrepareSchemaIfNecessary = true,
            // LISTEN/NOTIFY: a job enqueued by any instance is picked up at once, not at the next poll.
            EnableLongPolling = true,
            QueuePollInterval = TimeSpan.FromSeconds(5),
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = jobs.GetValue("InvisibilityTimeout", TimeSpan.FromMinutes(5)),
            DistributedLockTimeout = jobs.GetValue("DistributedLockTimeout", TimeSpan.FromMinutes(1)),
        };
        return new PostgresJobStorage(new NpgsqlConnectionFactory(connectionString, options, null), options);
    }

    private static Func<DateTime> Now(IServiceProvider sp)
    {
        var clock = sp.GetRequiredService<TimeProvider>();
        return () => clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>Hangfire's default filters, with this deployment's retry policy instead of the default ten attempts.</summary>
    private static JobFilterProviderCollection Filters(JobCatalog catalog)
    {
        var filters = new JobFilterCollection();
        filters.Add(new CaptureCultureAttribute());
        filters.Add(new AutomaticRetryAttribute
        {
            Attempts = catalog.RetryAttempts,
            DelaysInSeconds = [.. catalog.RetryDelaysSeconds],
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
        });
        filters.Add(new StatisticsHistoryAttribute());
        filters.Add(new ContinuationsSupportAttribute());
        return new JobFilterProviderCollection(filters, new JobFilterAttributeFilterProvider());
    }
}
