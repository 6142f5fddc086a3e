using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Infrastructure;

[Collection(DemoAppsCollection.Name)]
public sealed class HealthCheckTests(DemoApps apps)
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Health_DatabaseReachable_Answers200Healthy(DatabaseProvider provider)
    {
        using var client = apps.For(provider).CreateAppClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_DatabaseGoneAfterStart_Answers503()
    {
        // The app reaches PostgreSQL through a relay that the test then closes: afterwards the
        // connection string points at a closed port, as when the database server goes down.
        // Pooling stays on, as in production, so idle pooled connections must not hide the outage.
        var server = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString);
        await using var relay = new TcpForwarder(server.Host!, server.Port);
        await using var app = ReceptionFactory.Build()
            .On(DatabaseProvider.Postgres)
            .AdjustPostgres(c =>
            {
                c.Host = "127.0.0.1";
                c.Port = relay.Port;
                c.Timeout = 3;
            })
            .Create();
        using var client = app.CreateAppClient();
        using (var before = await client.GetAsync("/health"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await relay.StopAsync();
        using var after = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal("Unhealthy", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_SqliteFileTurnedReadOnly_Answers503()
    {
        await using var app = ReceptionFactory.Build().Seeding(Seed.Empty).Setting("Reception:Admin:Password", "Health#Check-2026").Create();
        using var client = app.CreateAppClient();
        using (var before = await client.GetAsync("/health"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        // The file now says it may only be read (its header's write version above 2, as a newer SQLite's file would):
        // every connection can still read it but none can write — what a read-only mount or file shows the app.
        // (chmod would not do: the tests may run as root.)
        var file = Path.Combine(app.DataDirectory, "reception.db");
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={file}"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Position = 18;
            stream.WriteByte(3);
        }

        using var after = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal("Unhealthy", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_PostgresDatabaseTurnedReadOnly_Answers503()
    {
        await using var app = ReceptionFactory.Build().On(DatabaseProvider.Postgres).Seeding(Seed.Empty).Setting("Reception:Admin:Password", "Health#Check-2026").Create();
        using var client = app.CreateAppClient();
        using (var before = await client.GetAsync("/health"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var database = new NpgsqlConnectionStringBuilder(app.PostgresDatabase!.ConnectionString).Database!;
        await using (var admin = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await admin.OpenAsync();
            await using var command = admin.CreateCommand();
            command.CommandText = $"ALTER DATABASE \"{database}\" SET default_transaction_read_only = on";
            await command.ExecuteNonQueryAsync();
        }
        NpgsqlConnection.ClearAllPools();

        using var after = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal("Unhealthy", await after.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("1", HttpStatusCode.OK)]
    [InlineData("1000000000000", HttpStatusCode.ServiceUnavailable)] // an exabyte: no test machine's disk has that free
    public async Task Health_DiskOfTheDataDirectory_BelowTheThreshold_Answers503(string minFreeMegabytes, HttpStatusCode expected)
    {
        await using var app = ReceptionFactory.Build().Seeding(Seed.Empty).Setting("Reception:Admin:Password", "Health#Check-2026")
            .Setting("Reception:Health:MinFreeDiskMegabytes", minFreeMegabytes)
            .Create();
        using var client = app.CreateAppClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(expected, response.StatusCode);
    }
}
