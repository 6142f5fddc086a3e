using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Jobs;
using Reception.Web.Features;

namespace Reception.Web.Tests.Jobs;

internal static class JobTestApps
{
    public const string Password = "First#2026-setup";

    /// <summary>Settings that switch off every registered job except <paramref name="keep"/>, and give an empty database its administrator.</summary>
    public static Dictionary<string, string?> Only(string keep, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["Reception:Admin:Password"] = Password };
        foreach (var job in JobRegistry.All.Where(j => j.Name != keep)) settings[$"Reception:Jobs:{job.Name}:Enabled"] = "false";
        foreach (var (k, v) in more ?? []) settings[k] = v;
        return settings;
    }

    public static Task<List<JobRun>> RunsAsync(this ReceptionFactory app, string jobName) =>
        app.WithDbAsync(db => db.JobRuns.AsNoTracking().Where(r => r.JobName == jobName).OrderBy(r => r.Id).ToListAsync());

    /// <summary>Polls the ledger until <paramref name="done"/> holds (or the time is up) and returns the job's runs.</summary>
    public static async Task<List<JobRun>> WaitForRunsAsync(this ReceptionFactory app, string jobName, Func<List<JobRun>, bool> done, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            var runs = await app.RunsAsync(jobName);
            if (done(runs) || DateTime.UtcNow > until) return runs;
            await Task.Delay(250);
        }
    }

    /// <summary>The recurring job as Hangfire stores it (its next execution, its last job), or null.</summary>
    public static Hangfire.Storage.RecurringJobDto? Recurring(this ReceptionFactory app, string name)
    {
        using var connection = app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        return Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection, [name]).SingleOrDefault();
    }

    /// <summary>The Hangfire job's current state name ("Succeeded", "Failed", "Scheduled", …).</summary>
    public static string? JobState(this ReceptionFactory app, string backgroundJobId) =>
        app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().JobDetails(backgroundJobId)?.History.FirstOrDefault()?.StateName;

    public static string BackupDirectory(this ReceptionFactory app) => Path.Combine(app.DataDirectory, "backups");
}
