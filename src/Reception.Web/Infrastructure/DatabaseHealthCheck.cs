using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Reception.Web.Infrastructure;

/// <summary>
/// The database answers and takes writes: a write statement that changes nothing (so it needs the write lock or a
/// writable transaction) is run and rolled back. A read-only file, a full or read-only PostgreSQL, a server that is
/// gone: unhealthy.
/// </summary>
internal sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken)) return HealthCheckResult.Unhealthy("database unreachable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"IdempotencyKeys\" SET \"Location\" = \"Location\" WHERE 1 = 0", cancellationToken);
            await tx.RollbackAsync(cancellationToken);
            return HealthCheckResult.Healthy("database reachable and writable");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database not writable", ex);
        }
    }
}

/// <summary>
/// The disk of the data directory (SQLite files, mail folder, backups) has at least
/// <see cref="HealthOptions.MinFreeDiskMegabytes"/> free; below that the app reports unhealthy before writes start to fail.
/// </summary>
internal sealed class DiskSpaceHealthCheck(DataDirectory data, IOptionsMonitor<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var threshold = options.CurrentValue.MinFreeDiskMegabytes * 1024L * 1024L;
        try
        {
            var free = new DriveInfo(Path.GetFullPath(data.Path)).AvailableFreeSpace;
            var text = string.Create(CultureInfo.InvariantCulture, $"{free / (1024 * 1024)} MB free, at least {options.CurrentValue.MinFreeDiskMegabytes} MB required");
            return Task.FromResult(free >= threshold ? HealthCheckResult.Healthy(text) : HealthCheckResult.Unhealthy("disk nearly full: " + text));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("disk space unknown", ex));
        }
    }
}

/// <summary>The "Reception:Health" section.</summary>
public sealed class HealthOptions
{
    public const string Section = "Reception:Health";

    /// <summary>Free space the data directory's disk must have for /health to answer healthy (env Reception__Health__MinFreeDiskMegabytes).</summary>
    public long MinFreeDiskMegabytes { get; set; } = 1024;
}
