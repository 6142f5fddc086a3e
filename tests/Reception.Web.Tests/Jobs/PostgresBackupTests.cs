using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Reception.Core.Jobs;

namespace Reception.Web.Tests.Jobs;

/// <summary>
/// PostgreSQL backups (README "Running a province" → "Backups with pg_dump"): the backup job's <c>pg_dump --format=custom</c>,
/// restored with the real <c>pg_restore</c> into a fresh database, which the app then reads and serves as it was.
/// </summary>
public sealed class PostgresBackupTests
{
    [Fact]
    public async Task PgDump_ThenPgRestore_IntoAFreshDatabase_TheAppReadsItAsItWas()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("reception-pgbackup-").FullName;
        var clock = TestTime.AtChinaTime(2026, 11, 23, 2, 30);
        using var original = PostgresServer.CreateDatabase("backup");
        using var restored = PostgresServer.CreateDatabase("restored");
        try
        {
            string backup;
            int cases;
            string firstPetitioner;
            await using (var app = ReceptionFactory.Build().OnDatabase(original).InDataDirectory(dataDirectory, keep: true).WithClock(clock).Create())
            {
                cases = await app.WithDbAsync(db => db.Cases.CountAsync());
                Assert.True(cases > 0, "the demo city has cases");
                // Encrypted at rest: the restored copy must decrypt with the same key (kept in the data folder).
                firstPetitioner = await app.WithDbAsync(db => db.CasePetitioners.OrderBy(p => p.Id).Select(p => p.IdentityNumber!).FirstAsync());
                backup = await app.WithBackupsAsync(b => b.CreateAsync(CancellationToken.None));
                Assert.Equal(Path.Combine(dataDirectory, "backups", "reception-20261123-0230.dump"), backup);
                // A change after the backup, which the restored copy must not have.
                await app.WithDbAsync(async db =>
                {
                    db.JobRuns.Add(JobRun.Start("Marker", "Marker:after-backup", DateTime.UtcNow, true, "test", DateTime.UtcNow));
                    return await db.SaveChangesAsync();
                });
            }

            await PgRestoreAsync(backup, restored.ConnectionString);

            await using (var app = ReceptionFactory.Build().OnDatabase(restored).InDataDirectory(dataDirectory, keep: true).WithClock(clock).Create())
            {
                Assert.False(await app.WithDbAsync(db => db.JobRuns.AnyAsync(r => r.JobName == "Marker")));
                Assert.Equal(cases, await app.WithDbAsync(db => db.Cases.CountAsync()));
                Assert.Equal(firstPetitioner, await app.WithDbAsync(db => db.CasePetitioners.OrderBy(p => p.Id).Select(p => p.IdentityNumber!).FirstAsync()));
                // The search index (outside the EF model) came back too, and the identity sequences go on after the restored rows.
                Assert.True(await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>("""SELECT count(*)::int AS "Value" FROM "CaseSearch" """).SingleAsync()) >= cases);
                var clerk = await app.LoginAsync("clerk");
                Assert.Equal(System.Net.HttpStatusCode.OK, (await clerk.GetAsync("/Cases")).StatusCode);
                Assert.Equal(System.Net.HttpStatusCode.OK, (await clerk.GetAsync("/Cases?q=" + Uri.EscapeDataString("工资"))).StatusCode);
                await app.WithDbAsync(async db =>
                {
                    db.JobRuns.Add(JobRun.Start("Marker", "Marker:after-restore", DateTime.UtcNow, true, "test", DateTime.UtcNow));
                    return await db.SaveChangesAsync();
                });
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>The documented restore: <c>pg_restore --no-owner --dbname=… file</c> (the client tools come with tests/run.sh's postgresql package).</summary>
    private static async Task PgRestoreAsync(string file, string connectionString)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo("pg_restore") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--no-owner", "--no-password", "--exit-on-error", $"--host={c.Host}", $"--port={c.Port}", $"--username={c.Username}", $"--dbname={c.Database}", file })
            start.ArgumentList.Add(arg);
        start.Environment["PGPASSWORD"] = c.Password;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_restore failed ({process.ExitCode}): {await stderr}");
    }
}
