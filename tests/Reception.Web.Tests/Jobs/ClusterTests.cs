using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Jobs;
using Reception.Core.Mail;
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
        ReceptionBuilder App(string name) => ReceptionFactory.Build()
            .OnDatabase(database)
            .RunningScheduler()
            .Seeding(Seed.Empty)
            .Settings(settings)
            .Services(services =>
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
            });

        DateTimeOffset from, to;
        List<JobRun> runs;
        List<string> keys;
        await using (var first = await App("one").StartAsync())
        await using (var second = await App("two").StartAsync())
        {
            keys = await QueueMailAsync(first, 30);
            from = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(20));
            to = DateTimeOffset.UtcNow;
            // On a busy machine the queue may lag: wait (a bounded time) until every slot of the span has run and the mail is out.
            var slotsInSpan = Slots(from.UtcDateTime.AddSeconds(2), to.UtcDateTime.AddSeconds(-3));
            var until = DateTime.UtcNow.AddSeconds(60);
            do
            {
                runs = await first.RunsAsync(TickJob.Name);
                var sent = await first.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent));
                var done = runs.Where(r => r.Outcome == JobRunOutcome.Succeeded).Select(r => r.ScheduledAtUtc).ToHashSet();
                if (slotsInSpan.All(done.Contains) && sent == keys.Count) break;
                await Task.Delay(500);
            }
            while (DateTime.UtcNow < until);
            var servers = first.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers();
            Assert.Equal(2, servers.Count);
            Assert.Equal(keys.Count, await first.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent)));
        }

        // Each occurrence once (one ledger row per key), each 2-second slot of the observed span run, all succeeded.
        Assert.Equal(runs.Count, runs.Select(r => r.OccurrenceKey).Distinct().Count());
        Assert.All(runs, r => Assert.Equal(0, r.ScheduledAtUtc.Second % 2));
        Assert.All(runs.Where(r => r.Outcome != JobRunOutcome.Running), r => Assert.Equal(JobRunOutcome.Succeeded, r.Outcome));
        var succeeded = runs.Where(r => r.Outcome == JobRunOutcome.Succeeded).Select(r => r.ScheduledAtUtc).ToHashSet();
        Assert.All(Slots(from.UtcDateTime.AddSeconds(2), to.UtcDateTime.AddSeconds(-3)), slot => Assert.Contains(slot, succeeded));

        Assert.Equal(keys.Order(StringComparer.Ordinal), smtp.Deliveries().Select(d => d.Key!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(smtp.Transmissions(), t => t.Duplicate);
    }

    /// <summary>The even seconds from <paramref name="start"/> to <paramref name="end"/>: the job's cron times in between.</summary>
    private static List<DateTime> Slots(DateTime start, DateTime end)
    {
        var slot = new DateTime(start.Ticks - start.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        if (slot < start) slot = slot.AddSeconds(1);
        if (slot.Second % 2 == 1) slot = slot.AddSeconds(1);
        var slots = new List<DateTime>();
        for (; slot <= end; slot = slot.AddSeconds(2)) slots.Add(slot);
        return slots;
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
