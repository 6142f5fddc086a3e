using Hangfire.PostgreSql;
using Hangfire.Storage;
using Hangfire.Storage.SQLite;

namespace Reception.Web.Jobs;

/// <summary>
/// Hangfire's storages, told not to offer the database's clock. Both storages implement the optional feature
/// <c>Connection.GetUtcDateTime</c>, and Hangfire's recurring-job scheduler then reads "now" from the database server
/// instead of the clock it is given; without the feature it uses the app's <see cref="TimeProvider"/>, as every other
/// part of the app does (and as the tests need, which move the app's clock).
/// </summary>
internal static class AppClockStorage
{
    public static bool Hides(string featureId) => string.Equals(featureId, JobStorageFeatures.Connection.GetUtcDateTime, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Hangfire.Storage.SQLite in a file of its own beside the app's database.</summary>
internal sealed class SqliteJobStorage(string databasePath, SQLiteStorageOptions options) : SQLiteStorage(databasePath, options)
{
    public override bool HasFeature(string featureId) => !AppClockStorage.Hides(featureId) && base.HasFeature(featureId);
}

/// <summary>Hangfire.PostgreSql in its own schema of the app's database: every app instance on it is one Hangfire cluster.</summary>
internal sealed class PostgresJobStorage(IConnectionFactory connections, PostgreSqlStorageOptions options) : PostgreSqlStorage(connections, options)
{
    public override bool HasFeature(string featureId) => !AppClockStorage.Hides(featureId) && base.HasFeature(featureId);
}
