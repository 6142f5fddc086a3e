using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using Reception.Core.Time;

namespace Reception.Web.Jobs;

/// <summary>
/// Database backups in {data dir}/backups (or Reception:Backup:Directory), named reception-yyyyMMdd-HHmm (China time).
/// SQLite: <c>VACUUM INTO</c> writes a consistent copy while the app keeps running (reception-….db). PostgreSQL:
/// <c>pg_dump --format=custom</c> with the connection's parameters, if pg_dump is on PATH (reception-….dump).
/// Copies older than Reception:Backup:KeepDays (default 14) days are deleted after each backup.
/// Restore (SQLite, app stopped): <c>dotnet run --project src/Reception.Web -- restore &lt;backup file&gt;</c>;
/// PostgreSQL: <c>pg_restore --clean --if-exists --dbname=… &lt;file&gt;</c>.
/// </summary>
public sealed partial class Backups(AppDbContext db, DataDirectory dataDirectory, IConfiguration configuration, TimeProvider clock, ILogger<Backups> log)
{
    public const string Prefix = "reception-";

    public string Directory => ResolveDirectory(configuration, dataDirectory.Path);

    public int KeepDays => Math.Max(1, configuration.GetValue("Reception:Backup:KeepDays", 14));

    public static string ResolveDirectory(IConfiguration configuration, string dataDirectory) =>
        configuration["Reception:Backup:Directory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, dataDirectory)
            : Path.Combine(dataDirectory, "backups");

    /// <summary>Writes a backup and returns its path.</summary>
    public async Task<string> CreateAsync(CancellationToken ct)
    {
        PrivateFiles.Directory(Directory);
        var sqlite = db.Database.IsSqlite();
        var file = FreeName(sqlite ? ".db" : ".dump");
        var partial = file + ".partial";
        try
        {
            // Created empty and 0600 first: VACUUM INTO and pg_dump write into it and keep its permissions.
            PrivateFiles.Touch(partial);
            if (sqlite) await VacuumIntoAsync(db.Database.GetConnectionString()!, partial, ct);
            else await PgDumpAsync(db.Database.GetConnectionString()!, partial, ct);
            PrivateFiles.Restrict(partial);
            File.Move(partial, file);
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
        log.BackupWritten(file);
        return file;
    }

    /// <summary>Deletes the backups whose time (in their name) is more than KeepDays before now; returns how many.</summary>
    public int DeleteExpired()
    {
        if (!System.IO.Directory.Exists(Directory)) return 0;
        var cutoff = ChinaTime.Now(clock).AddDays(-KeepDays);
        var deleted = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, Prefix + "*"))
        {
            if (TimeOf(Path.GetFileName(path)) is { } taken && taken < cutoff)
            {
                File.Delete(path);
                deleted++;
            }
        }
        return deleted;
    }

    /// <summary>The China time a backup was taken, from its name; null for a file that is no backup of ours.</summary>
    public static DateTime? TimeOf(string fileName)
    {
        var match = BackupName().Match(fileName);
        return match.Success && DateTime.TryParseExact(match.Groups["time"].Value, "yyyyMMdd-HHmm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : null;
    }

    private string FreeName(string extension)
    {
        var stem = Prefix + ChinaTime.Now(clock).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        var path = Path.Combine(Directory, stem + extension);
        for (var n = 2; File.Exists(path) || File.Exists(path + ".partial"); n++)
            path = Path.Combine(Directory, $"{stem}-{n}{extension}");
        return path;
    }

    private static async Task VacuumIntoAsync(string connectionString, string target, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using (var busy = connection.CreateCommand())
        {
            busy.CommandText = "PRAGMA busy_timeout = 10000;";
            await busy.ExecuteNonQueryAsync(ct);
        }
        await using var vacuum = connection.CreateCommand();
        vacuum.CommandText = "VACUUM INTO $target";
        vacuum.Parameters.AddWithValue("$target", target);
        vacuum.CommandTimeout = 0;
        await vacuum.ExecuteNonQueryAsync(ct);
    }

    private static async Task PgDumpAsync(string connectionString, string target, CancellationToken ct)
    {
        var pgDump = FindOnPath("pg_dump")
                     ?? throw new InvalidOperationException("pg_dump is not on PATH, so the PostgreSQL database cannot be backed up. Install the PostgreSQL client tools (the same major version as the server) or back the database up outside the app.");
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(pgDump)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--format=custom", "--no-password", $"--file={target}", $"--host={c.Host}", $"--port={c.Port}", $"--dbname={c.Database}" })
            start.ArgumentList.Add(arg);
        if (!string.IsNullOrEmpty(c.Username)) start.ArgumentList.Add($"--username={c.Username}");
        if (!string.IsNullOrEmpty(c.Password)) start.Environment["PGPASSWORD"] = c.Password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pg_dump did not start.");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pg_dump failed (exit code {process.ExitCode}): {(await stderr).Trim()}");
    }

    internal static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"^reception-(?<time>\d{8}-\d{4})(-\d+)?\.(db|dump)$")]
    private static partial Regex BackupName();
}
