using Reception.Core.Audit;

namespace Reception.Web.Audit;

public sealed record AuditVerificationResult(long Checked, long? FirstBrokenId, AuditBreak? Reason, long? FirstId, long? LastId)
{
    public bool IsIntact => FirstBrokenId is null;
}

/// <summary>Walks the whole chain in the database, in id order and in batches, and names the first broken link.</summary>
public static class AuditVerification
{
    private const int Batch = 5000;

    /// <summary>The Target and Detail the retention job writes when it has archived every record up to an id.</summary>
    public static string ArchiveTarget(long lastArchivedId) => "audit:" + lastArchivedId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string ArchiveDetail(string file, long count, string lastArchivedHash) => $"file={file}; records={count}; last-hash={lastArchivedHash}";

    public static async Task<AuditVerificationResult> VerifyAsync(AppDbContext db, CancellationToken ct = default)
    {
        var first = await db.AuditRecords.AsNoTracking().OrderBy(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        string? anchor = null;
        if (first is > 1)
        {
            // Records before the first were archived: the archiving itself was recorded, with the last archived hash.
            var target = ArchiveTarget(first.Value - 1);
            var detail = await db.AuditRecords.AsNoTracking()
                .Where(r => r.Action == AuditActions.AuditArchive && r.Target == target)
                .Select(r => r.Detail).FirstOrDefaultAsync(ct);
            var marker = "last-hash=";
            var at = detail?.IndexOf(marker, StringComparison.Ordinal) ?? -1;
            if (at >= 0) anchor = detail![(at + marker.Length)..].Split(';')[0].Trim();
        }
        var verifier = new AuditChainVerifier(_ => anchor);
        long after = 0;
        long? lastId = null;
        while (true)
        {
            var batch = await db.AuditRecords.AsNoTracking().Where(r => r.Id > after).OrderBy(r => r.Id).Take(Batch).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var record in batch)
            {
                if (!verifier.Add(record)) return new(verifier.Checked, verifier.FirstBrokenId, verifier.Reason, first, record.Id);
                lastId = record.Id;
            }
            after = batch[^1].Id;
        }
        return new(verifier.Checked, null, null, first, lastId);
    }
}
