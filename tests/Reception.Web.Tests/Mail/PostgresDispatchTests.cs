using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Localization;
using Reception.Core.Mail;
using Reception.Core.Notifications;
using Reception.Web.Data;
using Reception.Web.Features.Notifications;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Mail;

/// <summary>Two app instances (two hosts, two connection pools) on one PostgreSQL database share the outbox.</summary>
public sealed class PostgresDispatchTests
{
    [Fact]
    public async Task TwoInstancesDispatchingAtOnce_DeliverEveryMessageExactlyOnce()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        smtp.Control(dataDelaySeconds: 0.02); // slow enough that the two really overlap
        var clock = MailTesting.Clock();
        await using var first = ReceptionFactory.Build().On(DatabaseProvider.Postgres).WithClock(clock)
            .MailTo(smtp, o => { o.BatchSize = 3; o.InstanceName = "first"; }).Create();
        _ = first.Services;
        await using var second = ReceptionFactory.Build().On(DatabaseProvider.Postgres).WithClock(clock)
            .MailTo(smtp, o => { o.BatchSize = 3; o.InstanceName = "second"; })
            .AdjustPostgres(b => b.Database = first.PostgresDatabase!.Name).Create();
        _ = second.Services;

        // Four occurrences to every leader (48 messages), on top of what the demo seed queued.
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            var leaders = await db.Leaders.Select(l => l.Id).ToListAsync();
            for (var i = 1; i <= 4; i++)
            {
                await notifier.ToLeadersAsync(leaders, new OutgoingNotification(NotificationKinds.RotaChanged, new Message("Duty rota {0} published", $"2027-0{i}"),
                    new Message("Your duties in {0} changed. Open the rota to see them.", $"2027-0{i}"), "/Rotas/Index")
                {
                    OccurrenceKey = PageTesting.Unique($"cluster:{i}:"),
                });
            }
            await db.SaveChangesAsync();
        }
        var expected = await first.WithDbAsync(db => db.OutboxMessages.Select(m => m.IdempotencyKey).ToListAsync());
        Assert.True(expected.Count >= 48);

        var results = await Task.WhenAll(Task.Run(first.DispatchAsync), Task.Run(second.DispatchAsync));

        Assert.Equal(expected.Count, results.Sum(r => r.Sent));
        // Which instance sends how many depends on timing and is not asserted; exactly-once delivery is, below.
        Assert.Equal(0, results.Sum(r => r.Failed + r.LostLease));
        var delivered = smtp.Deliveries().Select(d => d.Key!).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), delivered.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(smtp.Transmissions(), t => t.Duplicate); // not even a retransmission
        var rows = await second.WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.All(rows, r => Assert.Contains(r.ClaimedBy!.Split('/')[0], new[] { "first", "second" }));
        // Every claim took one batch at most (ClaimedBy is the batch's token). As "IN (subquery … LIMIT … SKIP LOCKED)"
        // PostgreSQL re-ran the subquery per updated row and a single claim took every due message.
        Assert.All(rows.GroupBy(r => r.ClaimedBy), g => Assert.True(g.Count() <= 3, $"claim {g.Key} took {g.Count()} messages"));
        Assert.True(rows.Select(r => r.ClaimedBy).Distinct().Count() >= rows.Count / 3);
    }
}
