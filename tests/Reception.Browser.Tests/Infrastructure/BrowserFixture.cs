using Microsoft.Playwright;

namespace Reception.Browser.Tests.Infrastructure;

/// <summary>
/// One app server and one headless Debian Chromium for the whole test assembly. Each test opens
/// its own browser context (fresh cookies) with <see cref="NewContextAsync"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "RECEPTION_TEST_CHROMIUM";

    /// <summary>
    /// How long one step (a click, a navigation, a page's load) may take. 15 s was once too short on a 2-core machine
    /// under a load average of 40 (a swap page's load event, 3 of 3 green when rerun alone); the assertions stay the same.
    /// </summary>
    public const float StepTimeoutMs = 30_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public AppServer App { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        BaseAddress = App.BaseAddress;
        // Playwright's own browser download cannot work here: drive the distribution's Chromium.
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString().TrimEnd('/'),
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(StepTimeoutMs);
        return context;
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>Saves a full-page PNG to artifacts/screenshots/&lt;name&gt;.png for people to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reception.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"Reception.sln not found above {AppContext.BaseDirectory}.");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
