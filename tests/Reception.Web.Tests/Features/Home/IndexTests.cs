using Microsoft.Extensions.DependencyInjection;

namespace Reception.Web.Tests.Features.Home;

public sealed class IndexTests
{
    [Fact]
    public async Task Home_ShowsTodayInChinaTimeFromTheInjectedClock()
    {
        // 17:30 UTC on 30 September is already 1 October in Beijing.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 30, 17, 30, 0, TimeSpan.Zero));
        await using var app = ReceptionFactory.Build().WithClock(clock).Create();
        Assert.Same(clock, app.Services.GetRequiredService<TimeProvider>());
        using var client = await app.LoginAsync("clerk");

        var home = await client.GetPageAsync("/");

        Assert.Contains("2026-10-01", home.QuerySelector("#today")!.TextContent);
    }
}
