using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reception.Core.Audit;
using Reception.Web.Data;

namespace Reception.Web.Tests.Audit;

/// <summary>The demo app with a test clock, client addresses the test chooses, and a password hasher that counts its work.</summary>
public sealed class ClockedSecurityApp : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = TestTime.AtChinaTime(2026, 11, 23, 10);
    public CountingPasswordHasher Hasher { get; } = new();
    public ReceptionFactory App { get; }

    public ClockedSecurityApp() => App = SecurityTesting.Factory(Clock, Hasher);

    public Task InitializeAsync()
    {
        _ = App.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public static class SecurityTesting
{
    /// <summary>A request header the test server turns into the client's address (a test server has none of its own).</summary>
    public const string ClientHeader = "X-Test-Client";

    public static ReceptionFactory Factory(FakeTimeProvider clock, CountingPasswordHasher? hasher = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        Builder(clock, hasher, settings).Create();

    /// <summary>The builder of <see cref="Factory"/>, for a test that adds more.</summary>
    public static ReceptionBuilder Builder(FakeTimeProvider clock, CountingPasswordHasher? hasher = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        ReceptionFactory.Build().WithClock(clock).Settings(settings ?? new Dictionary<string, string?>()).Services(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddressFilter>();
            if (hasher is not null)
            {
                services.RemoveAll<IPasswordHasher<AppUser>>();
                services.AddSingleton<IPasswordHasher<AppUser>>(hasher);
            }
        });

    /// <summary>This client's requests come from <paramref name="address"/>.</summary>
    public static AppClient From(this AppClient client, string address)
    {
        client.Http.DefaultRequestHeaders.Remove(ClientHeader);
        client.Http.DefaultRequestHeaders.Add(ClientHeader, address);
        return client;
    }

    /// <summary>Signs in from an address; the login page's answer (null: signed in).</summary>
    public static async Task<string?> SignInFromAsync(this ReceptionFactory app, string address, string userName, string password)
    {
        using var client = app.CreateAppClient().From(address);
        using var response = await client.LoginAsync(userName, password);
        if (response.StatusCode == System.Net.HttpStatusCode.Redirect) return null;
        return (await AppClient.ParseAsync(response)).QuerySelector(".validation-summary-errors")?.TextContent.Trim();
    }

    public static Task<List<AuditRecord>> AuditRecordsAsync(this ReceptionFactory app) =>
        app.WithDbAsync(db => db.AuditRecords.AsNoTracking().OrderBy(r => r.Id).ToListAsync());

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientHeader, out var value))
                    context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(value.ToString());
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Identity's hasher, counting how often a password is checked against a hash (the expensive part of a sign-in).</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
