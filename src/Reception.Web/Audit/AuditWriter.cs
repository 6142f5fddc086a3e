using Reception.Core.Audit;

namespace Reception.Web.Audit;

/// <summary>What to record; who and from where are filled in by <see cref="AuditLog"/>.</summary>
public sealed record AuditEntry(string Action, AuditOutcome Outcome, string? Target = null, string? Detail = null);

/// <summary>Who did it and from where.</summary>
public sealed record AuditActor(string? UserId, string UserName, string? Role, string? Unit, string? Client)
{
    public static readonly AuditActor System = new(null, "system", null, null, null);
}

/// <summary>
/// Appends records to the chain, one at a time across every instance on the database: the append reads the last
/// record and writes the next inside a transaction that holds the chain's lock — a PostgreSQL advisory transaction lock,
/// or SQLite's single writer (EF begins SQLite transactions IMMEDIATE, so the read already holds the write lock). Two
/// writers can therefore never both extend the same record (a fork). A semaphore keeps this instance's own writers from
/// queueing on the database lock.
/// </summary>
public sealed class AuditWriter(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    /// <summary>The advisory lock's key: any number no other part of the app uses ("AUDT").</summary>
    public const long PostgresLockKey = 0x41554454;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<AuditRecord> AppendAsync(AuditActor actor, AuditEntry entry, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
            var last = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Id)
                .Select(r => new { r.Id, r.Hash }).FirstOrDefaultAsync(ct);
            var record = new AuditRecord((last?.Id ?? 0) + 1, clock.GetUtcNow().UtcDateTime, actor.UserId, actor.UserName, actor.Role,
                actor.Unit, actor.Client, entry.Action, entry.Target, entry.Detail, entry.Outcome, last?.Hash ?? AuditChain.Genesis);
            db.AuditRecords.Add(record);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return record;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
