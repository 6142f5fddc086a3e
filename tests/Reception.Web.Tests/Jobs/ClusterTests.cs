using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Jobs;
using Reception.Core.Mail;
using Reception.Web.Infrastructure;
using Reception.Web.Jobs;
using Reception.Web.Mail;
using Reception.Web.Tests.Mail;

namespace Reception.Web.Tests.Jobs;

/// <summary>
/// Two app instances on one PostgreSQL database form one Hangfire cluster (its schema in that database): a job every
/// 2 seconds for ~20 seconds runs each occurrence exactly once across both (one ledger row per 2-second slot, none
/// missing, none twice), both servers take part, and mail queued in the shared outbox reaches a real SMTP server once
/// each, whichever instance sends it.
/// </summary>
public sealed class ClusterTests
{
    [Fact]
    public async Task TwoInstances_OneSchedule_EachOccurrenceRunsOnce_EachMailIsSentOnce()
    {
        using var database = PostgresServer.CreateDatabase("jobs");
        await using var smtp = await SmtpTestServer.StartAsync();
        var settings = JobTestApps.Only(TickJob.Name, new() { ["Reception:Jobs:MailDispatch:Enabled"] = "true", ["Reception:Jobs:MailDispatch:Cron"] = "* * * * * *" });
        ReceptionFactory App(string name) => new(DatabaseProvider.Postgres)
        {
            SharedPostgresDatabase = database,
            RunScheduler = true,
            SeedDemoData = false,
            Settings = settings,
            ConfigureTestServices = services =>
            {
                services.AddSingleton(JobDefinition.Of<TickJob>(TickJob.Name, "*/2 * * * * *", "A test job every two seconds.", urgent: true));
                services.AddScoped<TickJob>();
                services.Configure<MailOptions>(o =>
                {
                    o.Host = "127.0.0.1";
                    o.Port = smtp.Port;
                    o.FromAddress = "reception@demo.reception.invalid";
                    o.InstanceName = name;
                });
            },
        };

        DateTimeOffset from, to;
        List<JobRun> runs;
        List<string> keys;
        await using (var first = App("one").Started())
        await using (var second = App("two").Started())
        {
            keys = await QueueMailAsync(first, 30);
            from = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(20));
            to = DateTimeOffset.UtcNow;
            runs = await first.RunsAsync(TickJob.Name);
            var servers = first.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers();
            Assert.Equal(2, servers.Count);
            Assert.Equal(keys.Count, await first.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent)));
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

        Assert.Equal(keys.Order(StringComparer.Ordinal), smtp.Deliveries().Select(d => d.Key!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(smtp.Transmissions(), t => t.Duplicate);
    }

    private static async Task<List<string>> QueueMailAsync(ReceptionFactory app, int count)
    {
        var now = DateTime.UtcNow;
        var keys = Enumerable.Range(1, count).Select(i => $"cluster:{i:00}/user-{i:00}").ToList();
        await app.WithDbAsync(async db =>
        {
            foreach (var key in keys)
                db.OutboxMessages.Add(new OutboxMessage(key, "test", null, $"{key.Split('/')[1]}@demo.reception.invalid", "zh-CN",
                    "值班提醒", "<p>明天您值班。</p>", "明天您值班。", "/Duty", now));
            return await db.SaveChangesAsync();
        });
        return keys;
    }
}

/// <summary>A job that does nothing but be counted.</summary>
public sealed class TickJob : IReceptionJob
{
    public const string Name = "Tick";

    public Task<string?> RunAsync(JobOccurrence occurrence, CancellationToken ct) => Task.FromResult<string?>("tick");
}
