using System.Text;
using System.Text.Json;
using Reception.Core.Audit;
using Reception.Web.Audit;

namespace Reception.Web.Features.Audit;

/// <summary>
/// Retention (网络安全法 Art. 21: at least 180 days): moves the records older than Reception:Audit:RetentionDays to a
/// JSON-lines file in the data directory's archive folder — every field with both hashes, so the file verifies on its own
/// — flushes it to disk, and only then removes them from the database, oldest first and only a leading run of the chain.
/// The archiving is itself recorded with the last archived hash, which is where the verification of the rest starts.
/// </summary>
public sealed class AuditArchiveJob(AppDbContext db, AuditLog audit, IOptions<AuditOptions> options, DataDirectory data, TimeProvider clock) : IReceptionJob
{
    public const string Name = "AuditArchive";
    private const int Batch = 5000;

    public async Task<string?> RunAsync(JobOccurrence occurrence, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(options.Value.RetentionDays);
        // The chain is removed from its start only: up to the last record before the first one still to keep.
        var firstKept = await db.AuditRecords.AsNoTracking().Where(r => r.AtUtc >= cutoff).OrderBy(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        var query = db.AuditRecords.AsNoTracking().Where(r => r.AtUtc < cutoff);
        if (firstKept is { } kept) query = query.Where(r => r.Id < kept);
        var lastId = await query.MaxAsync(r => (long?)r.Id, ct);
        if (lastId is null) return "Nothing older than the retention period.";
        var firstId = await db.AuditRecords.MinAsync(r => r.Id, ct);

        var folder = Path.IsPathRooted(options.Value.ArchiveDirectory) ? options.Value.ArchiveDirectory : Path.Combine(data.Path, options.Value.ArchiveDirectory);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"audit-{firstId:D10}-{lastId:D10}.jsonl"));
        long count = 0;
        string lastHash = "";
        await using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            long after = firstId - 1;
            while (true)
            {
                var batch = await db.AuditRecords.AsNoTracking().Where(r => r.Id > after && r.Id <= lastId).OrderBy(r => r.Id).Take(Batch).ToListAsync(ct);
                if (batch.Count == 0) break;
                foreach (var r in batch)
                {
                    await writer.WriteLineAsync(JsonSerializer.Serialize(new
                    {
                        r.Id, AtUtc = r.AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), r.UserId, r.UserName, r.Role, r.Unit,
                        r.Client, r.Action, r.Target, r.Detail, Outcome = (int)r.Outcome, r.PreviousHash, r.Hash,
                    }));
                    count++;
                    lastHash = r.Hash;
                }
                after = batch[^1].Id;
            }
            await writer.FlushAsync(ct);
            stream.Flush(flushToDisk: true);
        }

        // The anchor first: a crash between the two leaves the records both in the file and in the database, never in neither.
        await audit.RecordAsync(AuditActor.System, AuditActions.AuditArchive, AuditOutcome.Success, AuditVerification.ArchiveTarget(lastId.Value),
            AuditVerification.ArchiveDetail(Path.GetFileName(file), count, lastHash), ct);
        var removed = await db.AuditRecords.Where(r => r.Id <= lastId).ExecuteDeleteAsync(ct);
        return $"{count} records up to No. {lastId} archived to {Path.GetFileName(file)}; {removed} removed from the database.";
    }
}
