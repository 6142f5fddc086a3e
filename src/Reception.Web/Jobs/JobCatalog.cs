using Cronos;
using Reception.Core.Time;

namespace Reception.Web.Jobs;

/// <summary>A registered job with this deployment's schedule (Reception:Jobs:{Name}:Cron, :Enabled).</summary>
public sealed record ScheduledJob(JobDefinition Definition, string Cron, bool Enabled)
{
    public string Name => Definition.Name;

    /// <summary>The cron as Cronos reads it (Hangfire's own reading: five fields, or six with seconds first).</summary>
    public CronExpression Expression { get; } = JobCatalog.ParseCron(Cron);

    /// <summary>The first cron time after <paramref name="utc"/> (exclusive), in China Standard Time's calendar.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset utc) =>
        Expression.GetNextOccurrence(utc.UtcDateTime, JobCatalog.Zone, inclusive: false) is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null;
}

/// <summary>
/// The jobs of <c>JobRegistry</c> (and any other <see cref="JobDefinition"/> registered in DI, e.g. by a test)
/// with the deployment's configuration applied. Configuration (section Reception:Jobs):
/// <list type="bullet">
/// <item>Scheduler (bool, default true): process jobs in this instance (a Hangfire server); false leaves it to others.</item>
/// <item>MisfireWindow (TimeSpan, default 06:00:00): a missed occurrence runs once on restart if it is at most this old, else it is recorded as skipped.</item>
/// <item>KeepRunsDays (int, default 30): how long the JobRuns ledger keeps a run.</item>
/// <item>PollingInterval (TimeSpan, default 00:00:15): how often the server looks for due recurring and retried jobs.</item>
/// <item>WorkerCount (int, default 5): jobs run at once in this instance.</item>
/// <item>RetryAttempts (int, default 3) and RetryDelaysSeconds (default 60, 600, 3600): a job that throws is retried so.</item>
/// <item>{Name}:Cron (Hangfire cron, Asia/Shanghai) and {Name}:Enabled (bool, default true) per job.</item>
/// </list>
/// </summary>
public sealed class JobCatalog
{
    public const string Section = "Reception:Jobs";

    /// <summary>Schedules are read in China Standard Time.</summary>
    public static TimeZoneInfo Zone => ChinaTime.Zone;

    public JobCatalog(IConfiguration configuration, IEnumerable<JobDefinition> definitions)
    {
        var section = configuration.GetSection(Section);
        SchedulerEnabled = section.GetValue("Scheduler", true);
        MisfireWindow = section.GetValue("MisfireWindow", TimeSpan.FromHours(6));
        KeepRunsDays = Math.Max(1, section.GetValue("KeepRunsDays", 30));
        PollingInterval = section.GetValue("PollingInterval", TimeSpan.FromSeconds(15));
        if (PollingInterval <= TimeSpan.Zero) throw new InvalidOperationException($"{Section}:PollingInterval must be positive.");
        WorkerCount = Math.Max(1, section.GetValue("WorkerCount", 5));
        RetryAttempts = Math.Max(0, section.GetValue("RetryAttempts", 3));
        RetryDelaysSeconds = section.GetSection("RetryDelaysSeconds").Get<int[]>() is { Length: > 0 } delays ? delays : [60, 600, 3600];
        var jobs = new List<ScheduledJob>();
        foreach (var definition in definitions)
        {
            if (jobs.Any(j => string.Equals(j.Name, definition.Name, StringComparison.OrdinalIgnoreCase)))
                throw new InvalidOperationException($"Two jobs are named '{definition.Name}'.");
            var own = section.GetSection(definition.Name);
            var cron = own["Cron"] is { Length: > 0 } configured ? configured.Trim() : definition.DefaultCron;
            if (!TryParseCron(cron, out _))
                throw new InvalidOperationException(
                    $"{Section}:{definition.Name}:Cron is not a valid cron expression: '{cron}'. Use Hangfire's format: five fields " +
                    "(minute hour day-of-month month day-of-week, e.g. \"0 17 * * *\"), or six with seconds first (\"*/15 * * * * *\").");
            jobs.Add(new ScheduledJob(definition, cron, own.GetValue("Enabled", true)));
        }
        Jobs = jobs;
    }

    public bool SchedulerEnabled { get; }
    public TimeSpan MisfireWindow { get; }
    public int KeepRunsDays { get; }
    public TimeSpan PollingInterval { get; }
    public int WorkerCount { get; }
    public int RetryAttempts { get; }
    public IReadOnlyList<int> RetryDelaysSeconds { get; }
    public IReadOnlyList<ScheduledJob> Jobs { get; }

    public ScheduledJob? Find(string name) => Jobs.FirstOrDefault(j => j.Name == name);

    internal static CronExpression ParseCron(string cron) =>
        TryParseCron(cron, out var expression) ? expression : throw new FormatException($"Not a valid cron expression: '{cron}'.");

    private static bool TryParseCron(string cron, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CronExpression? expression)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.TryParse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard, out expression);
    }
}
