using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Reception.Core.Calendar;
using Reception.Web.Data.Seed;
using Reception.Web.Features.Demo;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Infrastructure;

/// <summary>Test clocks: <see cref="FakeTimeProvider"/>s standing at a moment in China time until a test moves them forward.</summary>
public static class TestTime
{
    /// <summary>A clock standing at the given moment in China Standard Time (UTC+8).</summary>
    public static FakeTimeProvider AtChinaTime(int year, int month, int day, int hour = 9) =>
        new(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(8)));
}

/// <summary>
/// The real app served by Kestrel on a free loopback port (so a real browser can reach it), in Development with the demo
/// city, over a SQLite file in its own temporary data directory, with the shipped holiday arrangement cut after 2026 (the
/// browser tests are written against 2024–2026, so 2027 stays unknown to them when a release ships the next year's notice).
/// Without a clock it runs on the system clock (the assembly's shared server in <see cref="BrowserFixture"/>); a server
/// of a test class passes a test clock, so the demo seed publishes known months and the pages are deterministic, and
/// points the shared Chromium at itself with <see cref="NewContextAsync"/>.
/// </summary>
public class AppServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const int LastKnownHolidayYear = 2026;

    private readonly FakeTimeProvider? _clock;

    /// <summary>The server on the system clock.</summary>
    public AppServer() : this(null)
    {
    }

    /// <summary>The server on a test clock (none: the system clock).</summary>
    protected AppServer(FakeTimeProvider? clock)
    {
        _clock = clock;
        UseKestrel(0);
    }

    /// <summary>The server's test clock.</summary>
    public FakeTimeProvider Clock => _clock ?? throw new InvalidOperationException("This server runs on the system clock.");

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("reception-browser-").FullName;

    /// <summary>The address Kestrel listens on (after <see cref="InitializeAsync"/>).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts Kestrel (migrations and the demo seed included) and learns its address.</summary>
    public Task InitializeAsync() => Task.Run(() =>
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reports no address.");
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
    });

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>A browser context (Chinese, Beijing time) on this server: a desktop unless told otherwise.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserFixture browser, int width = 1280, int height = 800, bool phone = false)
    {
        var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString().TrimEnd('/'),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new() { Width = width, Height = height },
            DeviceScaleFactor = phone ? 2 : 1,
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(BrowserFixture.StepTimeoutMs);
        return context;
    }

    /// <summary>Signs in through the login form, as <see cref="PersonSteps.SignInAsync"/> does on the shared server.</summary>
    public async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync(userName);
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync(DemoData.Password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("/"));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.UseSetting("Reception:DataDirectory", DataDirectory);
        builder.UseSetting("Reception:Database:Provider", "Sqlite");
        builder.UseSetting("Reception:SeedDemoData", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services =>
        {
            if (_clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(_clock);
            }
            services.RemoveAll<ShippedArrangement>();
            services.AddSingleton(new ShippedArrangement(() => ShippedHolidays.Load().Through(LastKnownHolidayYear)));
        });
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
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

/// <summary>The server at 2026-12-10 09:00 Beijing time: this month 2026-12, next month 2027-01 (a year whose holidays are not loaded).</summary>
public sealed class DecemberAppServer() : AppServer(TestTime.AtChinaTime(2026, 12, 10));

/// <summary>The server at 2026-09-15 09:00 Beijing time: this month 2026-09, next month 2026-10 (National Day).</summary>
public sealed class SeptemberAppServer() : AppServer(TestTime.AtChinaTime(2026, 9, 15));
