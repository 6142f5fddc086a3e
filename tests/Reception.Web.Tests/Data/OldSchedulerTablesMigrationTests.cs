using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Data;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Data;

/// <summary>
/// An installation from before the move to Hangfire has the previous scheduler's QRTZ_ tables (with their foreign keys)
/// in the app's database: migrating it removes them, on both providers, and keeps the app's own tables.
/// </summary>
public sealed class OldSchedulerTablesMigrationTests
{
    private const string LastMigrationBefore = "20261123060000_FeedContent";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrate_AnInstallationWithQrtzTables_DropsThem(DatabaseProvider provider)
    {
        var directory = Directory.CreateTempSubdirectory("reception-qrtz-").FullName;
        using var postgres = provider == DatabaseProvider.Postgres ? PostgresServer.CreateDatabase("qrtz") : null;
        try
        {
            var connectionString = postgres?.ConnectionString ?? DatabaseSetup.SqliteConnectionString(directory);
            var options = new DbContextOptionsBuilder<AppDbContext>();
            DatabaseSetup.Configure(options, provider, connectionString);
            await using var db = new AppDbContext(options.Options);
            await db.GetService<IMigrator>().MigrateAsync(LastMigrationBefore);
            // As the previous scheduler created them: unquoted names, a trigger table referring to its job.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TABLE QRTZ_JOB_DETAILS (SCHED_NAME VARCHAR(120) NOT NULL, JOB_NAME VARCHAR(200) NOT NULL, JOB_GROUP VARCHAR(200) NOT NULL,
                    PRIMARY KEY (SCHED_NAME, JOB_NAME, JOB_GROUP));
                CREATE TABLE QRTZ_TRIGGERS (SCHED_NAME VARCHAR(120) NOT NULL, TRIGGER_NAME VARCHAR(200) NOT NULL, TRIGGER_GROUP VARCHAR(200) NOT NULL,
                    JOB_NAME VARCHAR(200) NOT NULL, JOB_GROUP VARCHAR(200) NOT NULL, PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
                    FOREIGN KEY (SCHED_NAME, JOB_NAME, JOB_GROUP) REFERENCES QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP));
                CREATE TABLE QRTZ_LOCKS (SCHED_NAME VARCHAR(120) NOT NULL, LOCK_NAME VARCHAR(40) NOT NULL, PRIMARY KEY (SCHED_NAME, LOCK_NAME));
                INSERT INTO QRTZ_JOB_DETAILS VALUES ('Reception', 'Backup', 'reception');
                INSERT INTO QRTZ_TRIGGERS VALUES ('Reception', 'Backup', 'reception', 'Backup', 'reception');
                """);
            Assert.Equal(3, await CountQrtzTablesAsync(db, provider));

            await db.Database.MigrateAsync();

            Assert.Equal(0, await CountQrtzTablesAsync(db, provider));
            Assert.True(await db.JobRuns.CountAsync() >= 0); // the ledger, with its new columns, is there
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<int> CountQrtzTablesAsync(AppDbContext db, DatabaseProvider provider) =>
        await db.Database.SqlQueryRaw<int>(provider == DatabaseProvider.Sqlite
            ? "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND upper(name) LIKE 'QRTZ\\_%' ESCAPE '\\'"
            : "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND upper(table_name) LIKE 'QRTZ\\_%'")
            .SingleAsync();
}
