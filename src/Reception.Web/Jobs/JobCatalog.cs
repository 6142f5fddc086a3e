using Quartz;
using Reception.Core.Time;

namespace Reception.Web.Jobs;

/// <summary>A registered job with this deployment's schedule (Reception:Jobs:{Name}:Cron, :Enabled).</summary>
public sealed record ScheduledJob(JobDefinition Definition, string Cron, bool Enabled)
{
    public string Name => Definition.Name;
    public JobKey JobKey => new(Name, JobCatalog.Group);
    public TriggerKey TriggerKey => new(Name, JobCatalog.Group);
}

/// <summary>
/// The jobs of <see cref="JobRegistry"/> (and any other <see cref="JobDefinition"/> registered in DI, e.g. by a test)
/// with the deployment's configuration applied. Configuration (section Reception:Jobs):
/// <list type="bullet">
/// <item>Scheduler (bool, default true): run the scheduler in this instance.</item>
/// <item>MisfireWindow (TimeSpan, default 06:00:00): a missed occurrence runs once on restart if it is at most this old, else it is recorded as skipped.</item>
/// <item>KeepRunsDays (int, default 30): how long the JobRuns ledger keeps a run.</item>
/// <item>{Name}:Cron (Quartz cron, Asia/Shanghai) and {Name}:Enabled (bool, default true) per job.</item>
/// </list>
/// </summary>
public sealed class JobCatalog
{
    public const string Section = "Reception:Jobs";
    public const string Group = "reception";

    /// <summary>Schedules are read in China Standard Time.</summary>
    public static TimeZoneInfo Zone => ChinaTime.Zone;

    public JobCatalog(IConfiguration configuration, IEnumerable<JobDefinition> definitions)
    {
        var section = configuration.GetSection(Section);
        SchedulerEnabled = section.GetValue("Scheduler", true);
        MisfireWindow = section.GetValue("MisfireWindow", TimeSpan.FromHours(6));
        KeepRunsDays = Math.Max(1, section.GetValue("KeepRunsDays", 30));
        var jobs = new List<ScheduledJob>();
        foreach (var definition in definitions)
        {
            if (jobs.Any(j => string.Equals(j.Name, definition.Name, StringComparison.OrdinalIgnoreCase)))
                throw new InvalidOperationException($"Two jobs are named '{definition.Name}'.");
            var own = section.GetSection(definition.Name);
            var cron = own["Cron"] is { Length: > 0 } configured ? configured.Trim() : definition.DefaultCron;
            if (!CronExpression.TryParse(cron, out _))
                throw new InvalidOperationException($"{Section}:{definition.Name}:Cron is not a valid Quartz cron expression: '{cron}'.");
            jobs.Add(new ScheduledJob(definition, cron, own.GetValue("Enabled", true)));
        }
        Jobs = jobs;
    }

    public bool SchedulerEnabled { get; }
    public TimeSpan MisfireWindow { get; }
    public int KeepRunsDays { get; }
    public IReadOnlyList<ScheduledJob> Jobs { get; }

    public ScheduledJob? Find(string name) => Jobs.FirstOrDefault(j => j.Name == name);
}
