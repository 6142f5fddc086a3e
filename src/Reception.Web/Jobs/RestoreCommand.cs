using Microsoft.Data.Sqlite;

namespace Reception.Web.Jobs;

/// <summary>
/// <c>dotnet run --project src/Reception.Web -- restore &lt;backup file&gt; [--data-dir DIR]</c>: puts a SQLite backup
/// in place of the database. Stop the app first. The backup is checked first (SQLite integrity check, and the tables
/// of a Reception database); the current database is kept beside it as reception.db.before-restore-yyyyMMdd-HHmmss.
/// The app migrates the restored database forward when it next starts. PostgreSQL: use pg_restore.
/// </summary>
public static class RestoreCommand
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "restore";

    /// <summary>Runs the command; <paramref name="clock"/> names the kept database (China time, like the backups).</summary>
    public static async Task<int> RunCommandAsync(string[] args, TimeProvider clock)
    {
        string? file = null;
        string? dataDir = null;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--data-dir" && i + 1 < args.Length) dataDir = args[++i];
            else if (file is null && !args[i].StartsWith("--", StringComparison.Ordinal)) file = args[i];
            else
            {
                await Console.Error.WriteLineAsync($"Unknown option '{args[i]}'. Usage: restore <backup file> [--data-dir DIR]");
                return 2;
            }
        }
        if (file is null)
        {
            await Console.Error.WriteLineAsync("Usage: restore <backup file> [--data-dir DIR]   (stop the app first)");
            return 2;
        }

        var builder = WebApplication.CreateBuilder([]);
        if (dataDir is not null) builder.Configuration[ReceptionOptions.Section + ":DataDirectory"] = Path.GetFullPath(dataDir);
        var options = builder.Configuration.GetSection(ReceptionOptions.Section).Get<ReceptionOptions>() ?? new ReceptionOptions();
        if (DatabaseSetup.ParseProvider(options.Database.Provider) != DatabaseProvider.Sqlite)
        {
            await Console.Error.WriteLineAsync("The database is PostgreSQL: restore a pg_dump backup with `pg_restore --clean --if-exists --dbname=<database> <file>`.");
            return 2;
        }
        try
        {
            var target = Restore(Path.GetFullPath(file), DatabaseSetup.ResolveDataDirectory(options, builder.Environment.ContentRootPath), Reception.Core.Time.ChinaTime.Now(clock));
            Console.WriteLine($"Restored {file} to {target.Database}; the previous database is kept as {target.Previous ?? "(there was none)"}.");
            return 0;
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    public sealed record Restored(string Database, string? Previous);

    /// <summary>Checks <paramref name="backup"/> and copies it over {dataDirectory}/reception.db (the app must be stopped).</summary>
    public static Restored Restore(string backup, string dataDirectory, DateTime now)
    {
        if (!File.Exists(backup)) throw new InvalidOperationException($"{backup} does not exist.");
        Check(backup);
        PrivateFiles.Directory(dataDirectory);
        var database = Path.Combine(dataDirectory, DatabaseSetup.SqliteFileName);
        var incoming = database + ".restoring";
        File.Copy(backup, incoming, overwrite: true);

        string? previous = null;
        if (File.Exists(database))
        {
            // Fold the old database's write-ahead log into it, so the copy kept aside is complete on its own.
            using (var old = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
            {
                old.Open();
                using var checkpoint = old.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                checkpoint.ExecuteNonQuery();
            }
            previous = $"{database}.before-restore-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";
            File.Move(database, previous);
        }
        foreach (var leftover in new[] { database + "-wal", database + "-shm" })
        {
            if (File.Exists(leftover)) File.Delete(leftover);
        }
        File.Move(incoming, database);
        PrivateFiles.Restrict(database);
        return new Restored(database, previous);
    }

    /// <summary>Refuses a file that is no intact Reception database.</summary>
    private static void Check(string backup)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using (var integrity = connection.CreateCommand())
            {
                integrity.CommandText = "PRAGMA integrity_check;";
                if (integrity.ExecuteScalar() as string != "ok") throw new InvalidOperationException($"{backup} fails SQLite's integrity check.");
            }
            using var tables = connection.CreateCommand();
            tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'OrgUnits', 'AspNetUsers')";
            if (Convert.ToInt32(tables.ExecuteScalar(), CultureInfo.InvariantCulture) != 3)
                throw new InvalidOperationException($"{backup} is a SQLite database but not a Reception database (its tables are missing).");
        }
        catch (SqliteException e)
        {
            throw new InvalidOperationException($"{backup} is not a readable SQLite database: {e.Message}");
        }
    }
}
