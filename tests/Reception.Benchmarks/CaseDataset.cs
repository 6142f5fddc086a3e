using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Reception.Tools;
using Reception.Web.Features;
using Reception.Web.Infrastructure;

namespace Reception.Benchmarks;

/// <summary>
/// The province dataset of <see cref="ScaleSeed"/> for the casework benchmarks: a SQLite database in
/// <c>artifacts/benchmarks/cases-{N}/</c> (git-ignored), created by the seed code on first use (a few minutes for a million
/// cases) and reused afterwards. N is 1,000,000 unless <c>RECEPTION_BENCH_CASES</c> says otherwise.
/// </summary>
public static class CaseDataset
{
    public static int Cases =>
        int.TryParse(Environment.GetEnvironmentVariable("RECEPTION_BENCH_CASES"), out var n) && n > 0 ? n : ScaleSeedOptions.DefaultCases;

    /// <summary>
    /// <c>RECEPTION_BENCH_POSTGRES</c>: a PostgreSQL connection string to benchmark on instead of SQLite (the dataset is seeded
    /// there when it has fewer than N cases; the folder then holds only the personal data key).
    /// </summary>
    public static string? Postgres => Environment.GetEnvironmentVariable("RECEPTION_BENCH_POSTGRES") is { Length: > 0 } cs ? cs : null;

    /// <summary>The dataset's folder; <c>RECEPTION_BENCH_DATA</c> points at another one (e.g. a copy with an index to try).</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("RECEPTION_BENCH_DATA") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(RepositoryRoot(), "artifacts", "benchmarks", $"cases-{Cases}");

    /// <summary>Seeds the dataset unless it is there already (all N cases).</summary>
    public static async Task EnsureAsync()
    {
        var file = Path.Combine(Directory, "reception.db");
        if (Postgres is not null)
        {
            await using var pgHost = BuildHost(Directory);
            await using var pgScope = pgHost.Services.CreateAsyncScope();
            var pg = pgScope.ServiceProvider.GetRequiredService<Reception.Web.Data.AppDbContext>();
            await pg.Database.MigrateAsync();
            if (await pg.Cases.CountAsync() >= Cases) return;
        }
        else if (File.Exists(file) && CountCases(file) >= Cases)
        {
            await MigrateAsync();
            return;
        }

        Console.WriteLine($"Creating the benchmark dataset ({Cases:N0} cases) in {Directory} …");
        await using var host = BuildHost(Directory);
        await using var scope = host.Services.CreateAsyncScope();
        var result = await ActivatorUtilities.CreateInstance<ScaleSeed>(scope.ServiceProvider)
            .RunAsync(new ScaleSeedOptions(Cases, Force: true), Console.Out);
        if (result is null) throw new InvalidOperationException("The benchmark dataset could not be seeded.");
    }

    /// <summary>Brings a dataset seeded by an earlier version up to the current schema (then re-analyses it).</summary>
    private static async Task MigrateAsync()
    {
        await using var host = BuildHost(Directory);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Reception.Web.Data.AppDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count == 0) return;
        Console.WriteLine($"Migrating the benchmark dataset: {string.Join(", ", pending)} …");
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.MigrateAsync();
        // A dataset seeded before personal data was encrypted: its rows are encrypted and indexed now, as at an app start.
        await Reception.Web.Data.PersonalData.PersonalDataStartup.ProtectAsync(db);
        // A dataset seeded before the search index: its cases are indexed now, as at an app start.
        await Reception.Web.Data.Search.CaseSearchIndex.BackfillAsync(db);
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
    }

    /// <summary>The app's services over the SQLite database in <paramref name="dataDirectory"/> (not started: no HTTP, no start-up seeding).</summary>
    public static WebApplication BuildHost(string dataDirectory, TimeProvider? clock = null, Action<WebApplicationBuilder>? configure = null,
        string? postgres = null)
    {
        postgres ??= Postgres;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = "Production",
            ContentRootPath = Path.Combine(RepositoryRoot(), "src", "Reception.Web"),
        });
        builder.Configuration["Reception:DataDirectory"] = dataDirectory;
        builder.Configuration["Reception:Database:Provider"] = postgres is null ? "Sqlite" : "Postgres";
        if (postgres is not null) builder.Configuration["ConnectionStrings:Reception"] = postgres;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (clock is not null) builder.Services.TryAddSingleton(clock);
        // Fictional data: a personal data key is generated beside the database (Production would refuse to start without one).
        System.IO.Directory.CreateDirectory(dataDirectory);
        Reception.Web.Data.PersonalData.PersonalDataKeys.UseGeneratedKeyUnlessConfigured(builder.Configuration, dataDirectory);
        builder.AddReception();
        builder.AddFeatures();
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>A consistent copy of the dataset's database (for benchmarks that write).</summary>
    public static string CopyTo(string name)
    {
        var target = Path.Combine(RepositoryRoot(), "artifacts", "benchmarks", name);
        System.IO.Directory.CreateDirectory(target);
        var copy = Path.Combine(target, "reception.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(copy + suffix)) File.Delete(copy + suffix);
        }

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(Directory, "reception.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"VACUUM INTO '{copy.Replace("'", "''", StringComparison.Ordinal)}'";
            command.CommandTimeout = 0;
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        return target;
    }

    /// <summary>
    /// PostgreSQL: a fresh copy of the dataset's database (<c>CREATE DATABASE … TEMPLATE</c>, for benchmarks that write); returns
    /// its connection string. PostgreSQL copies only a database nobody is connected to: if someone is, the copy made last time
    /// is reused (and said so).
    /// </summary>
    public static async Task<string> CopyPostgresAsync(string suffix)
    {
        var source = new Npgsql.NpgsqlConnectionStringBuilder(Postgres);
        var copy = new Npgsql.NpgsqlConnectionStringBuilder(Postgres) { Database = source.Database + "_" + suffix };
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var admin = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(Postgres) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        async Task<bool> ExistsAsync()
        {
            await using var exists = new Npgsql.NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
            exists.Parameters.AddWithValue("name", copy.Database!);
            return await exists.ExecuteScalarAsync() is not null;
        }

        try
        {
            await using (var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{copy.Database}\"", admin)) await drop.ExecuteNonQueryAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{copy.Database}\" TEMPLATE \"{source.Database}\"", admin) { CommandTimeout = 0 };
            await create.ExecuteNonQueryAsync();
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.ObjectInUse)
        {
            if (!await ExistsAsync()) throw;
            Console.WriteLine($"{source.Database} is in use, so it cannot be copied: reusing the copy {copy.Database} made before ({e.MessageText}).");
        }

        return copy.ConnectionString;
    }

    private static long CountCases(string file)
    {
        try
        {
            using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM \"Cases\"";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reception.sln"))) return dir.FullName;
        }

        return System.IO.Directory.GetCurrentDirectory();
    }
}
