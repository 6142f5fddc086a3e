using Npgsql;

namespace Reception.Web.Tests.Infrastructure;

/// <summary>
/// The throwaway PostgreSQL server that tests/run.sh starts. Tests that need PostgreSQL fail
/// (never skip) without it, so a green run always means both providers were exercised.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "RECEPTION_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, so the PostgreSQL tests cannot run. Run the tests with tests/run.sh, " +
                "which starts a throwaway PostgreSQL server and sets it (or set it yourself to a server where the role may CREATE DATABASE, " +
                "e.g. \"Host=127.0.0.1;Port=5432;Username=reception;Password=…;Database=reception\").");

    /// <summary>Creates an empty database on the test server; disposing the result drops it.</summary>
    public static TestDatabase CreateDatabase(string purpose)
    {
        var name = $"rt_{purpose}_{Guid.NewGuid():N}".ToLowerInvariant();
        if (name.Length > 63) name = name[..63];
        using (var admin = OpenAdminConnection())
        using (var create = admin.CreateCommand())
        {
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            create.ExecuteNonQuery();
        }
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name };
        return new TestDatabase(name, builder.ConnectionString);
    }

    internal static NpgsqlConnection OpenAdminConnection()
    {
        // Unpooled: these connections must not linger and block DROP DATABASE.
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }
}

public sealed class TestDatabase(string name, string connectionString) : IDisposable
{
    private bool _dropped;

    public string Name { get; } = name;
    public string ConnectionString { get; } = connectionString;

    /// <summary>
    /// Drops the database. Clean-up never fails a test: a backend the test role may not terminate (an autovacuum worker
    /// that has just started on the new database, say) is retried for a few seconds, and a database that still cannot be
    /// dropped is reported and left to the throwaway server, which tests/run.sh deletes as a whole.
    /// </summary>
    public void Dispose()
    {
        if (_dropped) return;
        _dropped = true;
        using (var pooled = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(pooled);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var admin = PostgresServer.OpenAdminConnection();
                using var drop = admin.CreateCommand();
                drop.CommandText = $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)";
                drop.ExecuteNonQuery();
                return;
            }
            catch (NpgsqlException) when (attempt < 10)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (NpgsqlException e)
            {
                Console.Error.WriteLine($"Test database {Name} was not dropped ({e.Message}); the test server is thrown away after the run.");
                return;
            }
        }
    }
}
