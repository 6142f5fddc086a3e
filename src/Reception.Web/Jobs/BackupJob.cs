namespace Reception.Web.Jobs;

/// <summary>The nightly backup: a consistent copy of the database, then the retention sweep (see <see cref="Backups"/>).</summary>
public sealed class BackupJob(Backups backups) : IReceptionJob
{
    public async Task<string?> RunAsync(JobOccurrence occurrence, CancellationToken ct)
    {
        var file = await backups.CreateAsync(ct);
        var deleted = backups.DeleteExpired();
        return MessageJson.Write(new Message("{0} ({1} KiB); {2} old backups deleted.", Path.GetFileName(file), new FileInfo(file).Length / 1024, deleted));
    }
}
