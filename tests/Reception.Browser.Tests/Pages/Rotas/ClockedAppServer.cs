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
using Reception.Browser.Tests.Infrastructure;
using Reception.Web.Data.Seed;
using Reception.Web.Features.Demo;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Pages.Rotas;

/// <summary>Test clocks: <see cref="FakeTimeProvider"/>s standing at a moment in China time until a test moves them forward.</summary>
public static class TestTime
{
    /// <summary>A clock standing at the given moment in China Standard Time (UTC+8).</summary>
    public static FakeTimeProvider AtChinaTime(int year, int month, int day, int hour = 9) =>
        new(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(8)));
}

/// <summary>
/// The real app on Kestrel like <see cref="AppServer"/> (Development, demo city, its own SQLite file),
/// but with a fixed clock, so the demo seed publishes known months and the rota pages are deterministic.
/// The shared Chromium of <see cref="BrowserFixture"/> is pointed at it with <see cref="NewContextAsync"/>.
/// </summary>
public abstract class ClockedAppServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly TimeProvider _clock;

    protected ClockedAppServer(TimeProvider clock)
    {
        _clock = clock;
        UseKestrel(0);
    }

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("reception-browser-rota-").FullName;
    public Uri BaseAddress { get; private set; } = null!;

    public Task InitializeAsync() => Task.Run(() =>
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reports no address.");
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
    });

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>A desktop browser context (Chinese, Beijing time) on this server.</summary>
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
        context.SetDefaultTimeout(15_000);
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
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(_clock);
            TestHolidays.Use(services);
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
public sealed class DecemberAppServer() : ClockedAppServer(TestTime.AtChinaTime(2026, 12, 10));

/// <summary>The server at 2026-09-15 09:00 Beijing time: this month 2026-09, next month 2026-10 (National Day).</summary>
public sealed class SeptemberAppServer() : ClockedAppServer(TestTime.AtChinaTime(2026, 9, 15));
