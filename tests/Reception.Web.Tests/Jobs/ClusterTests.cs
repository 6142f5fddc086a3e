using Reception.Core.Jobs;
using Reception.Web.Infrastructure;
using Reception.Web.Tests.Infrastructure;
using Xunit;

namespace Reception.Web.Tests.Jobs;

/// <summary>
/// Two app instances on one PostgreSQL database, the scheduler clustered, a job every 2 seconds for ~20 seconds:
/// every occurrence in that span runs exactly once across both instances (one ledger row per 2-second slot, none
/// missing, none twice), and both instances take part in one schedule.
/// </summary>
public sealed class ClusterTests
{
    [Fact]
    public async Task TwoInstances_OneSchedule_EachOccurrenceRunsOnce()
    {
        using var database = PostgresServer.CreateDatabase("jobs");
        var settings = JobTestApps.Only("MailDispatch", new() { ["Reception:Jobs:MailDispatch:Cron"] = "0/2 * * * * ?" });
        ReceptionFactory App() => new(DatabaseProvider.Postgres) { SharedPostgresDatabase = database, RunScheduler = true, SeedDemoData = false, Settings = settings };

        DateTimeOffset from, to;
        List<JobRun> runs;
        await using (var first = App().Started())
        await using (var second = App().Started())
        {
            var one = await (await first.SchedulerAsync()).GetSchedulerInstanceId();
            var two = await (await second.SchedulerAsync()).GetSchedulerInstanceId();
            Assert.NotEqual(one, two);

            from = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(20));
            to = DateTimeOffset.UtcNow;
            runs = await first.RunsAsync("MailDispatch");
        }

        Assert.Equal(runs.Count, runs.Select(r => r.OccurrenceKey).Distinct().Count());
        Assert.All(runs, r => Assert.Equal(JobRunOutcome.Succeeded, r.Outcome));
        Assert.All(runs, r => Assert.Equal(0, r.ScheduledAtUtc.Second % 2));
        // Every 2-second slot inside the observed span has its run (the edges may or may not have finished).
        var inside = runs.Where(r => r.ScheduledAtUtc >= from.UtcDateTime.AddSeconds(2) && r.ScheduledAtUtc <= to.UtcDateTime.AddSeconds(-3)).ToList();
        var expected = (int)((to - from).TotalSeconds - 5) / 2;
        Assert.InRange(inside.Count, expected - 1, expected + 1);
        var slots = inside.Select(r => r.ScheduledAtUtc).Order().ToList();
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(2), pair.Second - pair.First));
        Assert.InRange(runs.Count, 8, 12);
    }
}
