using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Infrastructure;

/// <summary>
/// One demo app per database provider, started once for every test class in <see cref="DemoAppsCollection"/>.
/// Only for tests that change nothing: a test that writes (or locks an account) starts its own
/// <see cref="ReceptionFactory"/> so that no test depends on another's leftovers.
/// </summary>
public sealed class DemoApps : IAsyncLifetime
{
    public ReceptionFactory Sqlite { get; } = new(DatabaseProvider.Sqlite);
    public ReceptionFactory Postgres { get; } = new(DatabaseProvider.Postgres);

    public ReceptionFactory For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;

    public Task InitializeAsync() =>
        // Touching Services builds and starts the host (migration and seeding included); both at once.
        Task.WhenAll(Task.Run(() => Sqlite.Services), Task.Run(() => Postgres.Services));

    public async Task DisposeAsync()
    {
        await Sqlite.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DemoAppsCollection : ICollectionFixture<DemoApps>
{
    public const string Name = "Demo apps (read-only)";
}
