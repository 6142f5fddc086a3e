using Reception.Core.Jobs;
using Reception.Web.Jobs;
using Reception.Web.Tests.Infrastructure;
using Xunit;

namespace Reception.Web.Tests.Jobs;

/// <summary>
/// The app is off across a scheduled time (the real backup job, 02:30 Asia/Shanghai, on the persistent SQLite store):
/// the next instance on the same data directory runs the missed occurrence once, a further restart does not run it
/// again, and an occurrence missed longer ago than the misfire window is recorded as skipped instead.
/// </summary>
public sealed class DowntimeTests
{
    [Fact]
    public async Task MissedOccurrence_RunsOnceAfterRestart_AndNeverAgain()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("reception-downtime-").FullName;
        try
        {
            await StartBeforeBackupAndStopAsync(dataDirectory, new());

            // Down across 02:30; back at 02:40 (ten minutes: a misfire, well inside the six-hour window).
            await using (var second = App(dataDirectory, TestTime.AtChinaTime(2026, 11, 23, 2, 40), new()).Started())
            {
                var runs = await second.WaitForRunsAsync("Backup", r => r.Any(x => x.Outcome != JobRunOutcome.Running), TimeSpan.FromSeconds(15));
                var run = Assert.Single(runs);
                Assert.Equal("Backup:2026-11-23T02:30", run.OccurrenceKey);
                Assert.Equal(JobRunOutcome.Succeeded, run.Outcome);
                Assert.False(run.Manual);
                Assert.True(File.Exists(Path.Combine(dataDirectory, "backups", "reception-20261123-0240.db")),
                    string.Join(", ", Directory.GetFiles(Path.Combine(dataDirectory, "backups"))));
                await Task.Delay(TimeSpan.FromSeconds(2));
                Assert.Single(await second.RunsAsync("Backup"));
            }

            // A further restart (same night) finds the occurrence done.
            await using (var third = App(dataDirectory, TestTime.AtChinaTime(2026, 11, 23, 2, 50), new()).Started())
            {
                await Task.Delay(TimeSpan.FromSeconds(4));
                var run = Assert.Single(await third.RunsAsync("Backup"));
                Assert.Equal("Backup:2026-11-23T02:30", run.OccurrenceKey);
                Assert.Single(Directory.GetFiles(Path.Combine(dataDirectory, "backups")));
                // The schedule moved on to the next night.
                var trigger = await (await third.SchedulerAsync()).GetTrigger(new Quartz.TriggerKey("Backup", JobCatalog.Group));
                Assert.Equal(new DateTimeOffset(2026, 11, 24, 2, 30, 0, TimeSpan.FromHours(8)), trigger!.NextFireTimeUtc);
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task OccurrenceMissedLongerAgoThanTheWindow_IsSkipped()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("reception-downtime-").FullName;
        var window = new Dictionary<string, string?> { ["Reception:Jobs:MisfireWindow"] = "01:00:00" };
        try
        {
            await StartBeforeBackupAndStopAsync(dataDirectory, window);

            // Back at 04:00: 02:30 was missed by 1.5 hours, more than the one-hour window.
            await using var later = App(dataDirectory, TestTime.AtChinaTime(2026, 11, 23, 4, 0), window).Started();
            var runs = await later.WaitForRunsAsync("Backup", r => r.Count > 0, TimeSpan.FromSeconds(15));
            var run = Assert.Single(runs);
            Assert.Equal("Backup:2026-11-23T02:30", run.OccurrenceKey);
            Assert.Equal(JobRunOutcome.Skipped, run.Outcome);
            Assert.Contains("misfire window", run.Error);
            Assert.False(Directory.Exists(Path.Combine(dataDirectory, "backups")) && Directory.GetFiles(Path.Combine(dataDirectory, "backups")).Length > 0);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>The first instance: up at 02:29, its schedule stored (next backup 02:30), stopped before 02:30.</summary>
    private static async Task StartBeforeBackupAndStopAsync(string dataDirectory, Dictionary<string, string?> settings)
    {
        await using var first = App(dataDirectory, TestTime.AtChinaTime(2026, 11, 23, 2, 29, 0), settings).Started();
        var trigger = await (await first.SchedulerAsync()).GetTrigger(new Quartz.TriggerKey("Backup", JobCatalog.Group));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 2, 30, 0, TimeSpan.FromHours(8)), trigger!.NextFireTimeUtc);
        Assert.Empty(await first.RunsAsync("Backup"));
    }

    private static ReceptionFactory App(string dataDirectory, TimeProvider clock, Dictionary<string, string?> settings) => new()
    {
        DataDirectory = dataDirectory,
        KeepDataDirectory = true,
        RunScheduler = true,
        SeedDemoData = false,
        Clock = clock,
        Settings = JobTestApps.Only("Backup", settings),
    };
}
