using System.Net;
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
}
