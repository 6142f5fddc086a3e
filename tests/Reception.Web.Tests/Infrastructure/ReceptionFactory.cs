using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Reception.Core.Calendar;
using Reception.Web.Data;
using Reception.Web.Data.PersonalData;
using Reception.Web.Data.Seed;
using Reception.Web.Features.Demo;
using Reception.Web.Infrastructure;
using Reception.Web.Tests.Mail;

namespace Reception.Web.Tests.Infrastructure;

/// <summary>
/// The real app (Development, demo city seeded) over a real database of its own: a SQLite file in a
/// fresh temporary data directory, or a fresh database on the test PostgreSQL server that is dropped
/// on dispose. Made with <see cref="Build"/> (the builder sets the init-only properties); it starts on the first
/// request or <see cref="WebApplicationFactory{T}.Services"/> access.
/// </summary>
public sealed class ReceptionFactory(DatabaseProvider provider = DatabaseProvider.Sqlite) : WebApplicationFactory<Program>
{
    private TestDatabase? _postgres;

    private readonly FakeTimeProvider? _clock;
    private readonly SmtpTestServer? _smtp;

    /// <summary>The one way the tests make an app: say what differs from the defaults, then create or start it.</summary>
    public static ReceptionBuilder Build() => new();

    public DatabaseProvider Provider { get; } = provider;

    /// <summary>The app's data directory (SQLite file, data-protection keys, …), deleted on dispose unless <see cref="KeepDataDirectory"/>; a fresh one when not set.</summary>
    public string DataDirectory { get => field ??= Directory.CreateTempSubdirectory("reception-test-").FullName; init; }

    /// <summary>Leave the data directory on dispose (a later app instance reuses it, e.g. after a simulated downtime).</summary>
    public bool KeepDataDirectory { get; init; }

    /// <summary>Process jobs in this instance (Reception:Jobs:Scheduler: a Hangfire server). Off by default, so tests stay fast and deterministic.</summary>
    public bool RunScheduler { get; init; }

    /// <summary>Further configuration settings (e.g. Reception:Jobs:Backup:Cron), applied after the factory's own.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Use this existing PostgreSQL database (shared by several app instances) instead of a fresh one; not dropped on dispose.</summary>
    public TestDatabase? SharedPostgresDatabase { get; init; }

    /// <summary>The test clock that replaces the app's TimeProvider; without one (null) the app runs on the system clock.</summary>
    public FakeTimeProvider Clock
    {
        get => _clock ?? throw new InvalidOperationException("This app runs on the system clock: build it with At(…) or WithClock(…).");
        init => _clock = value;
    }

    /// <summary>The SMTP server the app's mail goes to; the app must have been built with one.</summary>
    public SmtpTestServer Smtp { get => _smtp ?? throw new InvalidOperationException("This app has no SMTP server: build it with MailTo(server) or MailToOwnSmtp()."); init => _smtp = value; }

    /// <summary>Stop <see cref="Smtp"/> when the app is disposed (it was started for this app).</summary>
    public bool OwnsSmtp { get; init; }

    public bool SeedDemoData { get; init; } = true;

    /// <summary>
    /// The last year of the shipped holiday arrangement the app gets (the later years are unknown to it); null for all
    /// the shipped years. The tests are written against 2024–2026, so shipping a later year's notice changes none of them.
    /// </summary>
    public int? HolidaysThrough { get; init; } = LastKnownHolidayYear;

    /// <summary>The personal data key of the test apps (base64 of 32 bytes; a test value, never a deployment's).</summary>
    public const string TestPersonalDataKey = "dGVzdC1vbmx5LXBlcnNvbmFsLWRhdGEta2V5LTMyYnk=";

    /// <summary>What a command run in-process against a test app's data folder needs, as a service's environment carries it.</summary>
    public static IReadOnlyDictionary<string, string?> CommandSettings { get; } =
        new Dictionary<string, string?> { [PersonalDataKeys.KeySetting] = TestPersonalDataKey };

    /// <summary>The default of <see cref="HolidaysThrough"/>: the last year the tests treat as known.</summary>
    public const int LastKnownHolidayYear = 2026;

    /// <summary>Adjusts the PostgreSQL connection string the app gets (e.g. to route it through a proxy).</summary>
    public Action<NpgsqlConnectionStringBuilder>? AdjustPostgresConnection { get; init; }

    /// <summary>Further service registrations, applied after the app's own.</summary>
    public Action<IServiceCollection>? ConfigureTestServices { get; init; }

    /// <summary>The database the app uses (PostgreSQL only).</summary>
    public TestDatabase? PostgresDatabase => _postgres;

    public AppClient CreateAppClient() => new(this);

    /// <summary>Signs in through the real login form and returns the client holding the cookie.</summary>
    public async Task<AppClient> LoginAsync(string userName, string password = DemoData.Password)
    {
        var client = CreateAppClient();
        var response = await client.LoginAsync(userName, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"Signing in as {userName} answered {(int)response.StatusCode}, not a redirect:\n{body[..Math.Min(body.Length, 2000)]}");
        }
        return client;
    }

    /// <summary>Runs <paramref name="work"/> with a fresh DbContext from the app's own container.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        // UseSetting reaches the app's configuration before Program.cs reads it (unlike ConfigureAppConfiguration).
        builder.UseSetting("Reception:DataDirectory", DataDirectory);
        builder.UseSetting("Reception:SeedDemoData", SeedDemoData ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Reception:Jobs:Scheduler", RunScheduler ? "true" : "false");
        // Tests wait for jobs: the server looks for due recurring and retried jobs every second, not every 15.
        builder.UseSetting("Reception:Jobs:PollingInterval", "00:00:01");
        builder.UseSetting("Reception:Jobs:RunAlertsAfterDemoSeed", "false");
        // The names the tests reach the app by (TestServer's localhost, the builder's BaseUrl, the proxy tests' public name).
        builder.UseSetting("AllowedHosts", "localhost;reception.test;*.example.gov.cn");
        // One personal data key for every test app, as the instances of a cluster share one (and EF builds one model per
        // key); the tests of the key itself override it (PersonalDataProtectionTests).
        builder.UseSetting(PersonalDataKeys.KeySetting, TestPersonalDataKey);
        if (Provider == DatabaseProvider.Postgres)
        {
            _postgres = SharedPostgresDatabase ?? PostgresServer.CreateDatabase("app");
            var connection = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString);
            AdjustPostgresConnection?.Invoke(connection);
            builder.UseSetting("Reception:Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Reception", connection.ConnectionString);
        }
        else
        {
            builder.UseSetting("Reception:Database:Provider", "Sqlite");
        }
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);

        builder.ConfigureServices(services =>
        {
            if (HolidaysThrough is { } lastYear)
            {
                services.RemoveAll<ShippedArrangement>();
                services.AddSingleton(new ShippedArrangement(() => ShippedHolidays.Load().Through(lastYear)));
            }
            if (_clock is { } clock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            }
            ConfigureTestServices?.Invoke(services);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (OwnsSmtp && _smtp is not null) await _smtp.DisposeAsync();
        if (SharedPostgresDatabase is null) _postgres?.Dispose();
        SqliteConnection.ClearAllPools();
        if (KeepDataDirectory) return;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not fail the test run; the OS cleans the temp folder.
        }
    }
}
