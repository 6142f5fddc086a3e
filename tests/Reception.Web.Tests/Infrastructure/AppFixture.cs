using Reception.Web.Tests.Mail;

namespace Reception.Web.Tests.Infrastructure;

/// <summary>
/// An app made with <see cref="ReceptionFactory.Build"/> and started once for the tests of a class (<c>IClassFixture</c>)
/// or a collection. A fixture says only how its app differs from the defaults, e.g.
/// <c>public sealed class NoticeApp() : AppFixture(app => app.At(2026, 11, 20));</c>; one that arranges records for all its
/// tests overrides <see cref="ArrangeAsync"/>. A test whose story needs a clock of its own (the clock only moves
/// forward) starts its own with <see cref="StartAsync(Func{ReceptionBuilder, ReceptionBuilder})"/> or <see cref="StartAsync{TFixture}"/>.
/// </summary>
public class AppFixture(Func<ReceptionBuilder, ReceptionBuilder> build) : IAsyncLifetime, IAsyncDisposable
{
    private ReceptionFactory? _app;

    public ReceptionFactory App => _app ?? throw new InvalidOperationException("The app starts in InitializeAsync.");

    /// <summary>The app's test clock.</summary>
    public FakeTimeProvider Clock => App.Clock;

    /// <summary>The SMTP server the app's mail goes to.</summary>
    public SmtpTestServer Smtp => App.Smtp;

    /// <summary>A started fixture of a test's own.</summary>
    public static async Task<TFixture> StartAsync<TFixture>() where TFixture : AppFixture, new()
    {
        var fixture = new TFixture();
        await fixture.InitializeAsync();
        return fixture;
    }

    /// <summary>A started app of a test's own, as a fixture (for the helpers that take one).</summary>
    public static async Task<AppFixture> StartAsync(Func<ReceptionBuilder, ReceptionBuilder> build)
    {
        var fixture = new AppFixture(build);
        await fixture.InitializeAsync();
        return fixture;
    }

    public async Task InitializeAsync()
    {
        _app = await build(ReceptionFactory.Build()).StartAsync();
        await ArrangeAsync();
    }

    /// <summary>Records every test of the fixture works with, arranged once after the app has started.</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
