using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Reception.Web.Infrastructure;

public enum DatabaseProvider { Sqlite, Postgres }

public static class DatabaseSetup
{
    public static DatabaseProvider ParseProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Reception:Database:Provider must be 'Sqlite' or 'Postgres', not '{value}'."),
    };

    public static string ResolveDataDirectory(ReceptionOptions options, string contentRoot)
    {
        var dir = string.IsNullOrWhiteSpace(options.DataDirectory) ? "data" : options.DataDirectory;
        return Path.GetFullPath(Path.IsPathRooted(dir) ? dir : Path.Combine(contentRoot, dir));
    }

    public const string SqliteFileName = "reception.db";

    public static string SqliteConnectionString(string dataDirectory) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, SqliteFileName),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

    /// <summary>
    /// Creates the SQLite files 0600 before SQLite opens them (SQLite gives its -wal and -shm files the database file's
    /// permissions), and makes existing ones 0600.
    /// </summary>
    public static void PrepareSqliteFiles(string dataDirectory, params string[] fileNames)
    {
        foreach (var name in fileNames)
        {
            var file = Path.Combine(dataDirectory, name);
            PrivateFiles.Touch(file);
            PrivateFiles.Restrict(file + "-wal");
            PrivateFiles.Restrict(file + "-shm");
        }
    }

    /// <summary>Configures EF Core for the chosen provider. Both share one set of hand-written migrations.</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString);
                options.AddInterceptors(new SqlitePragmaInterceptor());
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(connectionString);
                break;
        }
        // The personal data converters hold the key: one model per key set (tests run instances with different keys).
        options.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, Reception.Web.Data.PersonalData.PersonalDataModelCacheKeyFactory>();
        // There is no model snapshot (migrations are hand-written); MigrationSchemaTests guards the schema instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// Every SQLite connection waits for a lock instead of failing at once (busy_timeout), and uses
    /// WAL so readers never block the writer.
    /// </summary>
    private sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
    {
        private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
