using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Jobs;
using Reception.Web.Jobs;

namespace Reception.Web.Tests.Jobs;

/// <summary>SQLite backup (VACUUM INTO) and the restore command's work, round trip; retention by the app's clock.</summary>
public sealed class BackupTests
{
    [Fact]
    public async Task Backup_ThenRestore_BringsBackTheDatabaseAsItWas()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("reception-backup-").FullName;
        var clock = TestTime.AtChinaTime(2026, 11, 23, 2, 30);
        try
        {
            string backup;
            await using (var app = ReceptionFactory.Build().InDataDirectory(dataDirectory, keep: true).WithClock(clock).Create())
            {
                backup = await app.WithBackupsAsync(b => b.CreateAsync(CancellationToken.None));
                Assert.Equal(Path.Combine(dataDirectory, "backups", "reception-20261123-0230.db"), backup);
                // A change after the backup, which the restore must take away again.
                await app.WithDbAsync(async db =>
                {
                    db.JobRuns.Add(JobRun.Start("Marker", "Marker:after-backup", DateTime.UtcNow, true, "test", DateTime.UtcNow));
                    return await db.SaveChangesAsync();
                });
                // A second backup in the same minute gets a name of its own.
                Assert.EndsWith("reception-20261123-0230-2.db", await app.WithBackupsAsync(b => b.CreateAsync(CancellationToken.None)));
            }

            var restored = RestoreCommand.Restore(backup, dataDirectory, new DateTime(2026, 11, 23, 3, 0, 0));
            Assert.True(File.Exists(restored.Previous), "the database replaced is kept aside");

            await using (var app = ReceptionFactory.Build().InDataDirectory(dataDirectory, keep: true).WithClock(clock).Create())
            {
                Assert.False(await app.WithDbAsync(db => db.JobRuns.AnyAsync(r => r.JobName == "Marker")));
                Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "clerk")));
                var clerk = await app.LoginAsync("clerk");
                Assert.Equal(System.Net.HttpStatusCode.OK, (await clerk.GetAsync("/Cases")).StatusCode);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Restore_RefusesAFileThatIsNoReceptionDatabase()
    {
        var dir = Directory.CreateTempSubdirectory("reception-restore-").FullName;
        try
        {
            var text = Path.Combine(dir, "notes.db");
            await File.WriteAllTextAsync(text, "not a database at all, just text that is long enough to have a header");
            Assert.Throws<InvalidOperationException>(() => RestoreCommand.Restore(text, Path.Combine(dir, "data"), DateTime.Now));

            var other = Path.Combine(dir, "other.db");
            await using (var connection = new SqliteConnection($"Data Source={other};Pooling=false"))
            {
                await connection.OpenAsync();
                await using var create = connection.CreateCommand();
                create.CommandText = "CREATE TABLE Things (Id INTEGER PRIMARY KEY);";
                await create.ExecuteNonQueryAsync();
            }
            var refused = Assert.Throws<InvalidOperationException>(() => RestoreCommand.Restore(other, Path.Combine(dir, "data"), DateTime.Now));
            Assert.Contains("not a Reception database", refused.Message);
            Assert.False(File.Exists(Path.Combine(dir, "data", "reception.db")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Retention_DeletesBackupsOlderThanKeepDays_ByTheAppsClock()
    {
        var clock = TestTime.AtChinaTime(2026, 11, 23, 2, 30);
        await using var app = ReceptionFactory.Build().WithClock(clock).Seeding(Seed.Empty).Settings(JobTestApps.Only("Backup")).Create();
        var dir = app.BackupDirectory();
        Directory.CreateDirectory(dir);
        foreach (var name in new[] { "reception-20261101-0230.db", "reception-20261108-0230-2.db", "reception-20261110-0230.dump", "reception-20261122-0230.db", "notes.txt" })
            await File.WriteAllTextAsync(Path.Combine(dir, name), "x");

        // Default KeepDays 14: before 2026-11-09 02:30 goes.
        Assert.Equal(2, await app.WithBackupsAsync(b => Task.FromResult(b.DeleteExpired())));
        Assert.Equal(["notes.txt", "reception-20261110-0230.dump", "reception-20261122-0230.db"], Names(dir));

        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await app.WithBackupsAsync(b => Task.FromResult(b.DeleteExpired())));
        Assert.Equal(["notes.txt", "reception-20261122-0230.db"], Names(dir));
    }

    private static string[] Names(string dir) => Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}

internal static class BackupAppExtensions
{
    public static async Task<T> WithBackupsAsync<T>(this ReceptionFactory app, Func<Backups, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<Backups>());
    }
}
