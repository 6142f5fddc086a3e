using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reception.Web.Data;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Data;

/// <summary>
/// The migrations are written by hand (no model snapshot), so this is what keeps them honest: an
/// empty database migrated with Migrate() must have exactly the schema that the model creates with
/// EnsureCreated(), on both providers.
/// </summary>
public sealed class MigrationSchemaTests
{
    [Fact]
    public async Task Migrate_OnSqlite_CreatesTheModelsSchema()
    {
        var directory = Directory.CreateTempSubdirectory("reception-schema-").FullName;
        try
        {
            var migrated = await ReadSqliteAsync(Path.Combine(directory, "migrated"), db => db.Database.Migrate());
            var model = await ReadSqliteAsync(Path.Combine(directory, "model"), db => db.Database.EnsureCreated());
            AssertSameSchema(DatabaseProvider.Sqlite, migrated, model);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_OnPostgres_CreatesTheModelsSchema()
    {
        using var migratedDb = PostgresServer.CreateDatabase("migrated");
        using var modelDb = PostgresServer.CreateDatabase("model");
        var migrated = await ReadAsync(DatabaseProvider.Postgres, migratedDb.ConnectionString, db => db.Database.Migrate(), DatabaseSchema.ReadPostgresAsync);
        var model = await ReadAsync(DatabaseProvider.Postgres, modelDb.ConnectionString, db => db.Database.EnsureCreated(), DatabaseSchema.ReadPostgresAsync);
        AssertSameSchema(DatabaseProvider.Postgres, migrated, model);
    }

    private static Task<IReadOnlyList<SchemaItem>> ReadSqliteAsync(string dataDirectory, Action<AppDbContext> create)
    {
        Directory.CreateDirectory(dataDirectory);
        return ReadAsync(DatabaseProvider.Sqlite, DatabaseSetup.SqliteConnectionString(dataDirectory), create, DatabaseSchema.ReadSqliteAsync);
    }

    private static async Task<IReadOnlyList<SchemaItem>> ReadAsync(
        DatabaseProvider provider, string connectionString, Action<AppDbContext> create,
        Func<System.Data.Common.DbConnection, Task<IReadOnlyList<SchemaItem>>> read)
    {
        // The app's own provider configuration, so the test sees what production gets.
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, provider, connectionString);
        await using var db = new AppDbContext(options.Options);
        create(db);
        await db.Database.OpenConnectionAsync();
        try
        {
            return await read(db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void AssertSameSchema(DatabaseProvider provider, IReadOnlyList<SchemaItem> migrated, IReadOnlyList<SchemaItem> model)
    {
        // Guard against comparing two empty schemas (e.g. a reader that silently finds nothing).
        Assert.True(model.Count(i => i.Key.StartsWith("table ", StringComparison.Ordinal)) >= 11,
            $"EnsureCreated() on {provider} produced too few tables:\n{string.Join("\n", model)}");
        Assert.Contains(model, i => i.Key.StartsWith("foreign key ", StringComparison.Ordinal));
        Assert.Contains(model, i => i.Key.StartsWith("index ", StringComparison.Ordinal));

        if (DatabaseSchema.Diff(migrated, model) is { } diff)
            Assert.Fail($"On {provider}, the migrated schema differs from the model's (fix the migration in src/Reception.Web/Data/Migrations):\n{diff}");
    }
}
