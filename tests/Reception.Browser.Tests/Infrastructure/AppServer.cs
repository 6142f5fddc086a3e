using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Reception.Core.Calendar;
using Reception.Web.Data.Seed;
using Reception.Web.Features.Calendar;

namespace Reception.Browser.Tests.Infrastructure;

/// <summary>
/// The browser tests are written against the shipped holiday arrangement of 2024–2026: the app gets it cut after 2026,
/// so 2027 stays unknown to them when a release ships the next year's notice.
/// </summary>
public static class TestHolidays
{
    public const int LastKnownYear = 2026;

    public static void Use(IServiceCollection services)
    {
        services.RemoveAll<ShippedArrangement>();
        services.AddSingleton(new ShippedArrangement(() => ShippedHolidays.Load().Through(LastKnownYear)));
    }
}

/// <summary>
/// The real app served by Kestrel on a free loopback port (so a real browser can reach it), in
/// Development with the demo city, over a SQLite file in its own temporary data directory.
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    public AppServer() => UseKestrel(0);

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("reception-browser-").FullName;

    /// <summary>Starts Kestrel and returns the address it listens on.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reports no address.");
        return new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("Reception:DataDirectory", DataDirectory);
        builder.UseSetting("Reception:Database:Provider", "Sqlite");
        builder.UseSetting("Reception:SeedDemoData", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(TestHolidays.Use);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Not worth failing the run over; the OS cleans the temp folder.
        }
    }
}
