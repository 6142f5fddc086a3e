using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Reception.Web.Infrastructure;
using Reception.Web.Mail;
using Reception.Web.Tests.Mail;

namespace Reception.Web.Tests.Infrastructure;

/// <summary>What a test app starts with: the demo city (users, org tree, rotas, cases) or an empty, migrated database.</summary>
public enum Seed
{
    DemoCity,
    Empty,
}

/// <summary>
/// The one way the tests make an app: <c>ReceptionFactory.Build()</c>, then what differs from the defaults — a clock
/// (<see cref="At(int, int, int, int, int)"/>), a database provider, what to seed, the holiday years the app knows, mail,
/// settings, services — then <see cref="Create"/> (started on first use) or <see cref="StartAsync"/>.
/// Defaults: SQLite, the system clock, the demo city, the shipped holidays through <see cref="ReceptionFactory.LastKnownHolidayYear"/>,
/// mail to the pickup folder, no scheduler.
/// </summary>
public sealed class ReceptionBuilder
{
    /// <summary>Where the app's links point in mail (MailOptions and the outbox tests expect it).</summary>
    public const string BaseUrl = "http://reception.test:8080";

    private DatabaseProvider _provider = DatabaseProvider.Sqlite;
    private TestDatabase? _sharedDatabase;
    private Action<NpgsqlConnectionStringBuilder>? _adjustPostgres;
    private FakeTimeProvider? _clock;
    private Seed _seed = Seed.DemoCity;
    private int? _holidaysThrough = ReceptionFactory.LastKnownHolidayYear;
    /// <summary>
    /// The daily digest is the product's default for non-urgent email (issue 15, item 11); the tests written before it
    /// expect each email on its own, so apps start with it off unless <see cref="WithDailyDigest"/> (the digest tests).
    /// </summary>
    private readonly Dictionary<string, string?> _settings = new() { ["Reception:Notifications:DigestByDefault"] = "false" };
    private readonly List<Action<IServiceCollection>> _services = [];
    private string? _dataDirectory;
    private bool _keepDataDirectory;
    private bool _runScheduler;
    private bool _mail;
    private SmtpTestServer? _smtp;
    private SmtpServerSetup? _ownSmtp;
    private Action<MailOptions>? _adjustMail;
    private bool _drainSeedMail;

    /// <summary>SQLite (a file in the app's data directory) or PostgreSQL (a fresh database on the test server, dropped on dispose).</summary>
    public ReceptionBuilder On(DatabaseProvider provider)
    {
        _provider = provider;
        return this;
    }

    /// <summary>An existing PostgreSQL database that several app instances share (not dropped on dispose).</summary>
    public ReceptionBuilder OnDatabase(TestDatabase database)
    {
        _provider = DatabaseProvider.Postgres;
        _sharedDatabase = database;
        return this;
    }

    /// <summary>Adjusts the PostgreSQL connection string the app gets (e.g. to route it through a proxy).</summary>
    public ReceptionBuilder AdjustPostgres(Action<NpgsqlConnectionStringBuilder> adjust)
    {
        _adjustPostgres = adjust;
        return this;
    }

    /// <summary>A test clock standing at this moment in China Standard Time (9:00 unless told).</summary>
    public ReceptionBuilder At(int year, int month, int day, int hour = 9, int minute = 0) =>
        WithClock(TestTime.AtChinaTime(year, month, day, hour, minute));

    /// <summary>A test clock standing at this moment.</summary>
    public ReceptionBuilder At(DateTimeOffset moment) => WithClock(new FakeTimeProvider(moment));

    /// <summary>This test clock (shared with another app instance, or set up by the test).</summary>
    public ReceptionBuilder WithClock(FakeTimeProvider clock)
    {
        _clock = clock;
        return this;
    }

    public ReceptionBuilder Seeding(Seed seed)
    {
        _seed = seed;
        return this;
    }

    /// <summary>The last year of the shipped holiday arrangement the app knows; null for every shipped year.</summary>
    public ReceptionBuilder HolidaysThrough(int? lastYear)
    {
        _holidaysThrough = lastYear;
        return this;
    }

    /// <summary>A configuration setting (e.g. Reception:Jobs:Backup:Cron), applied after the factory's own.</summary>
    public ReceptionBuilder Setting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Non-urgent email goes in the daily digest unless a user chose otherwise: the product's default.</summary>
    public ReceptionBuilder WithDailyDigest() => Setting("Reception:Notifications:DigestByDefault", "true");

    public ReceptionBuilder Settings(IReadOnlyDictionary<string, string?> settings)
    {
        foreach (var (key, value) in settings) _settings[key] = value;
        return this;
    }

    /// <summary>Further service registrations, applied after the app's own (several calls add up).</summary>
    public ReceptionBuilder Services(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>This data directory instead of a fresh one; kept on dispose when <paramref name="keep"/> (a later instance reuses it).</summary>
    public ReceptionBuilder InDataDirectory(string directory, bool keep = false)
    {
        _dataDirectory = directory;
        _keepDataDirectory = keep;
        return this;
    }

    /// <summary>Process jobs in this instance (a Hangfire server).</summary>
    public ReceptionBuilder RunningScheduler(bool run = true)
    {
        _runScheduler = run;
        return this;
    }

    /// <summary>No hosted job services (the recurring-job sync, the startup jobs): the tests run the jobs' work themselves.</summary>
    public ReceptionBuilder WithoutJobServices() => Services(services =>
    {
        foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Namespace == "Reception.Web.Jobs").ToList())
            services.Remove(hosted);
    });

    /// <summary>Mail to <paramref name="smtp"/> (to the pickup folder when null), with the tests' sender, timeout and retry settings.</summary>
    public ReceptionBuilder MailTo(SmtpTestServer? smtp, Action<MailOptions>? adjust = null)
    {
        _mail = true;
        _smtp = smtp;
        _ownSmtp = null;
        _adjustMail = adjust;
        return this;
    }

    /// <summary>Mail to an SMTP server (aiosmtpd) of the app's own, started with it and stopped when it is disposed (<see cref="ReceptionFactory.Smtp"/>).</summary>
    public ReceptionBuilder MailToOwnSmtp(SmtpServerSetup? setup = null, Action<MailOptions>? adjust = null)
    {
        _mail = true;
        _smtp = null;
        _ownSmtp = setup ?? new SmtpServerSetup();
        _adjustMail = adjust;
        return this;
    }

    /// <summary>On start, send what the seed queued (its rota publications), so the outbox holds only the test's messages unsent.</summary>
    public ReceptionBuilder DrainingSeedMail()
    {
        _drainSeedMail = true;
        return this;
    }

    /// <summary>The app, not yet started: the host starts (migrations, seed) on the first request or <c>Services</c> access.</summary>
    public ReceptionFactory Create()
    {
        if (_ownSmtp is not null) throw new InvalidOperationException("An app with an SMTP server of its own is made with StartAsync.");
        if (_drainSeedMail) throw new InvalidOperationException("Draining the seed's mail needs a started app: use StartAsync.");
        return Make(_smtp, ownsSmtp: false);
    }

    /// <summary>The app, started (migrated and seeded), with its own SMTP server running and the seed's mail sent if asked.</summary>
    public async Task<ReceptionFactory> StartAsync()
    {
        var smtp = _ownSmtp is { } setup ? await SmtpTestServer.StartAsync(setup) : _smtp;
        var app = Make(smtp, ownsSmtp: _ownSmtp is not null);
        try
        {
            _ = app.Services; // builds and starts the host: migrations and the seed
            if (_drainSeedMail) await app.DrainAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private ReceptionFactory Make(SmtpTestServer? smtp, bool ownsSmtp)
    {
        var services = _services.ToList();
        if (_mail)
        {
            var adjust = _adjustMail;
            services.Insert(0, s =>
            {
                s.Configure<ReceptionOptions>(o => o.PublicBaseUrl = BaseUrl);
                s.Configure<MailOptions>(o =>
                {
                    o.Host = smtp is null ? null : "127.0.0.1";
                    o.Port = smtp?.Port ?? 25;
                    o.FromAddress = "reception@demo.reception.invalid";
                    o.FromName = "领导接访系统";
                    o.TimeoutSeconds = 10;
                    o.RetryBaseDelaySeconds = 60;
                    o.RetryMaxDelaySeconds = 3600;
                    o.MaxAttempts = 4;
                    adjust?.Invoke(o);
                });
            });
        }
        return new ReceptionFactory(_provider)
        {
            SharedPostgresDatabase = _sharedDatabase,
            AdjustPostgresConnection = _adjustPostgres,
            Clock = _clock!, // null: the system clock
            SeedDemoData = _seed == Seed.DemoCity,
            HolidaysThrough = _holidaysThrough,
            Settings = new Dictionary<string, string?>(_settings),
            DataDirectory = _dataDirectory!, // null: a fresh one
            KeepDataDirectory = _keepDataDirectory,
            RunScheduler = _runScheduler,
            ConfigureTestServices = s => services.ForEach(configure => configure(s)),
            Smtp = smtp!, // null: none
            OwnsSmtp = ownsSmtp,
        };
    }
}
