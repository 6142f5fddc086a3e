using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Infrastructure;

/// <summary>
/// One demo app per database provider, started once for every test class in <see cref="DemoAppsCollection"/>.
/// Only for tests that change nothing: a test that writes (or locks an account) starts its own
/// <see cref="ReceptionFactory"/> so that no test depends on another's leftovers.
/// </summary>
public sealed class DemoApps : IAsyncLifetime
{
    private readonly Lazy<ReceptionFactory> _postgres = new(() => Started(ReceptionFactory.Build().On(DatabaseProvider.Postgres).Create()));

    public ReceptionFactory Sqlite { get; } = ReceptionFactory.Build().Create();

    /// <summary>Started on first use, so the SQLite tests still run (and the PostgreSQL ones fail clearly) without a server.</summary>
    public ReceptionFactory Postgres => _postgres.Value;

    public ReceptionFactory For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;

    public Task InitializeAsync()
    {
        // Start both hosts at once (migration and seeding included) when both can start.
        var postgres = Environment.GetEnvironmentVariable(PostgresServer.EnvironmentVariable) is { Length: > 0 }
            ? Task.Run(() => _postgres.Value)
            : Task.CompletedTask;
        return Task.WhenAll(Task.Run(() => Started(Sqlite)), postgres);
    }

    public async Task DisposeAsync()
    {
        await Sqlite.DisposeAsync();
        if (_postgres.IsValueCreated) await _postgres.Value.DisposeAsync();
    }

    private static ReceptionFactory Started(ReceptionFactory factory)
    {
        _ = factory.Services; // builds and starts the host
        return factory;
    }
}

[CollectionDefinition(Name)]
public sealed class DemoAppsCollection : ICollectionFixture<DemoApps>
{
    public const string Name = "Demo apps (read-only)";
}
