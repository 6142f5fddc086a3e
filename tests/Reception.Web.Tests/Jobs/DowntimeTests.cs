using Reception.Core.Jobs;

namespace Reception.Web.Tests.Jobs;

/// <summary>
/// The app is off across a scheduled time (the real backup job, 02:00 Asia/Shanghai, Hangfire on its SQLite file in the
/// data directory, the app's clock a <see cref="FakeTimeProvider"/>): the next instance on the same data directory runs
/// the missed occurrence once, a further restart does not run it again; an occurrence missed longer ago than the misfire
/// window is recorded as skipped; of several missed occurrences only the latest runs.
/// </summary>
public sealed class DowntimeTests
{
    [Fact]
    public async Task MissedOccurrence_RunsOnceAfterRestart_AndNeverAgain()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("reception-downtime-").FullName;
        try
        {
            await StartBeforeBackupAndStopAsync(dataDirectory, []);

            // Down across 02:00; back at 02:10 (ten minutes: well inside the six-hour window).
            await using (var second = await App(dataDirectory, TestTime.AtChinaTime(2026, 11, 23, 2, 10), []).StartAsync())
            {
                var runs = await second.WaitForRunsAsync("Backup", r => r.Any(x => x.Outcome != JobRunOutcome.Running), TimeSpan.FromSeconds(20));
                var run = Assert.Single(runs);
                Assert.Equal("Backup:2026-11-23T02:00", run.OccurrenceKey);
                Assert.Equal(JobRunOutcome.Succeeded, run.Outcome);
                Assert.False(run.Manual);
                Assert.Equal(1, run.Attempts);
                Assert.NotNull(run.BackgroundJobId);
                Assert.True(File.Exists(Path.Combine(dataDirectory, "backups", "reception-20261123-0210.db")),
                    string.Join(", ", Directory.GetFiles(Path.Combine(dataDirectory, "backups"))));
                await Task.Delay(TimeSpan.FromSeconds(3)); // three more polls of the recurring scheduler
                Assert.Single(await second.RunsAsync("Backup"));
                Assert.Equal("Succeeded", second.JobState(run.BackgroundJobId!));
            }

            // A further restart (same night) finds the occurrence done.
            await using (var third = await App(dataDirectory, TestTime.AtChinaTime(2026, 11, 23, 2, 20), []).StartAsync())
            {
                await Task.Delay(TimeSpan.FromSeconds(4));
                var run = Assert.Single(await third.RunsAsync("Backup"));
                Assert.Equal("Backup:2026-11-23T02:00", run.OccurrenceKey);
                Assert.Single(Directory.GetFiles(Path.Combine(dataDirectory, "backups")));
                // The schedule moved on to the next night.
                Assert.Equal(China(2026, 11, 24, 2, 0), third.Recurring("Backup")!.NextExecution);
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

            // Back at 03:30: 02:00 was missed by 1.5 hours, more than the one-hour window.
            await using var later = await App(dataDirectory, TestTime.AtChinaTime(2026, 11, 23, 3, 30), window).StartAsync();
            var runs = await later.WaitForRunsAsync("Backup", r => r.Count > 0, TimeSpan.FromSeconds(20));
            var run = Assert.Single(runs);
            Assert.Equal("Backup:2026-11-23T02:00", run.OccurrenceKey);
            Assert.Equal(JobRunOutcome.Skipped, run.Outcome);
            Assert.Contains("misfire window", run.Error);
            Assert.False(Directory.Exists(Path.Combine(dataDirectory, "backups")) && Directory.GetFiles(Path.Combine(dataDirectory, "backups")).Length > 0);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task SeveralMissedOccurrences_OnlyTheLatestRuns_TheOthersAreSkipped()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("reception-downtime-").FullName;
        var hourly = new Dictionary<string, string?> { ["Reception:Jobs:Backup:Cron"] = "0 * * * *" };
        try
        {
            await StartBeforeBackupAndStopAsync(dataDirectory, hourly);

            // Back at 04:10: 02:00, 03:00 and 04:00 were missed. One backup (for 04:00), the two older ones skipped.
            await using var later = await App(dataDirectory, TestTime.AtChinaTime(2026, 11, 23, 4, 10), hourly).StartAsync();
            var runs = await later.WaitForRunsAsync("Backup", r => r.Count(x => x.Outcome != JobRunOutcome.Running) == 3, TimeSpan.FromSeconds(30));
            Assert.Equal(["Backup:2026-11-23T02:00", "Backup:2026-11-23T03:00", "Backup:2026-11-23T04:00"], runs.Select(r => r.OccurrenceKey).Order(StringComparer.Ordinal));
            Assert.Equal(JobRunOutcome.Succeeded, runs.Single(r => r.OccurrenceKey.EndsWith("04:00", StringComparison.Ordinal)).Outcome);
            Assert.All(runs.Where(r => !r.OccurrenceKey.EndsWith("04:00", StringComparison.Ordinal)), r =>
            {
                Assert.Equal(JobRunOutcome.Skipped, r.Outcome);
                Assert.Contains("Backup:2026-11-23T04:00", r.Error);
            });
            Assert.Single(Directory.GetFiles(Path.Combine(dataDirectory, "backups")));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>The first instance: up at 01:59, its schedule stored (next backup 02:00), stopped before 02:00.</summary>
    private static async Task StartBeforeBackupAndStopAsync(string dataDirectory, Dictionary<string, string?> settings)
    {
        await using var first = await App(dataDirectory, TestTime.AtChinaTime(2026, 11, 23, 1, 59), settings).StartAsync();
        Assert.Equal(China(2026, 11, 23, 2, 0), first.Recurring("Backup")!.NextExecution);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the recurring scheduler polls: nothing is due yet
        Assert.Empty(await first.RunsAsync("Backup"));
    }

    private static DateTime? China(int year, int month, int day, int hour, int minute) => TestTime.China(year, month, day, hour, minute).UtcDateTime;

    private static ReceptionBuilder App(string dataDirectory, FakeTimeProvider clock, Dictionary<string, string?> settings) => ReceptionFactory.Build()
        .InDataDirectory(dataDirectory, keep: true)
        .RunningScheduler()
        .Seeding(Seed.Empty)
        .WithClock(clock)
        .Settings(JobTestApps.Only("Backup", settings));
}
