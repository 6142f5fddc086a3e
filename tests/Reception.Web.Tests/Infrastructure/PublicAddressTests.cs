using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Infrastructure;
using Reception.Web.Mail;

namespace Reception.Web.Tests.Infrastructure;

public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("https://xf.example.gov.cn/", true, "https://xf.example.gov.cn")]
    [InlineData(null, true, "http://localhost:5081")]
    [InlineData("", false, PublicAddress.Fallback)]
    public void Choose_ConfiguredFirst_ThenTheListeningAddressInDevelopment(string? configured, bool development, string expected) =>
        Assert.Equal(expected, PublicAddress.Choose(configured, development, ["http://[::]:5081", "https://[::]:5443"]));

    [Fact]
    public async Task Development_WithoutPublicBaseUrl_MailLinksUseTheAddressKestrelListensOn()
    {
        await using var app = new ReceptionFactory { SeedDemoData = false, Settings = new Dictionary<string, string?> { ["Reception:Admin:Password"] = "First#2026-setup" } };
        app.UseKestrel(0);
        app.StartServer();
        var listening = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var port = new Uri(listening).Port;

        await using var scope = app.Services.CreateAsyncScope();
        var link = scope.ServiceProvider.GetRequiredService<MailOutbox>().AbsoluteLink("/Cases/Details/5");

        Assert.NotEqual(5080, port);
        Assert.StartsWith("http://", link, StringComparison.Ordinal);
        Assert.EndsWith($":{port}/Cases/Details/5", link, StringComparison.Ordinal);
    }
}
