using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Audit;
using Reception.Web.Audit;

namespace Reception.Web.Tests.Audit;

/// <summary>
/// Two app instances on one database append at the same time: the chain must not fork — every record follows exactly one
/// other, ids run 1, 2, 3 … without gaps, and the verification finds the chain intact. Each instance has its own writer
/// (its own in-process semaphore), so only the database lock keeps them apart.
/// </summary>
public sealed class AuditWriterConcurrencyTests
{
    private const int PerInstance = 40;

    [Fact]
    public async Task TwoInstancesOnPostgres_AppendConcurrently_OneUnbrokenChain()
    {
        using var database = PostgresServer.CreateDatabase("audit");
        await using var first = ReceptionFactory.Build().OnDatabase(database).Seeding(Seed.Empty).Settings(Admin).Create();
        _ = first.Services;
        await using var second = ReceptionFactory.Build().OnDatabase(database).Seeding(Seed.Empty).Settings(Admin).Create();
        await AppendFromBothAsync(first, second);
    }

    [Fact]
    public async Task TwoInstancesOnOneSqliteFile_AppendConcurrently_OneUnbrokenChain()
    {
        await using var first = ReceptionFactory.Build().Seeding(Seed.Empty).Settings(Admin).Create();
        _ = first.Services;
        await using var second = ReceptionFactory.Build().Seeding(Seed.Empty).Settings(Admin).InDataDirectory(first.DataDirectory, keep: true).Create();
        await AppendFromBothAsync(first, second);
    }

    private static readonly Dictionary<string, string?> Admin = new() { ["Reception:Admin:Password"] = "First#2026-setup" };

    private static async Task AppendFromBothAsync(ReceptionFactory first, ReceptionFactory second)
    {
        var writers = new[] { first.Services.GetRequiredService<AuditWriter>(), second.Services.GetRequiredService<AuditWriter>() };
        Assert.NotSame(writers[0], writers[1]);
        var before = (await first.WithDbAsync(db => db.AuditRecords.CountAsync()));

        await Task.WhenAll(writers.SelectMany((w, instance) => Enumerable.Range(0, PerInstance).Select(i => Task.Run(() =>
            w.AppendAsync(new AuditActor(null, $"instance{instance}", null, null, null), new AuditEntry(AuditActions.SettingsChange, AuditOutcome.Success, $"n:{i}"))))));

        var records = await first.WithDbAsync(db => db.AuditRecords.AsNoTracking().OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(before + 2 * PerInstance, records.Count);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Id));
        Assert.Equal(records.Count, records.Select(r => r.PreviousHash).Distinct().Count()); // no two records follow the same one
        var result = await first.WithDbAsync(db => AuditVerification.VerifyAsync(db));
        Assert.True(result.IsIntact, $"broken at {result.FirstBrokenId}: {result.Reason}");
    }
}
