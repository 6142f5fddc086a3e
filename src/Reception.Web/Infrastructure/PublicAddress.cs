using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Reception.Web.Infrastructure;

/// <summary>
/// The address people reach the app at, for links inside emails and chat messages: Reception:PublicBaseUrl when set;
/// otherwise, in Development, the first address the server listens on (a wildcard host read as localhost), so a
/// `dotnet run` on another port still mails working links; otherwise <see cref="Fallback"/>.
/// </summary>
public sealed class PublicAddress(IOptions<ReceptionOptions> options, IServer server, IHostEnvironment environment)
{
    public const string Fallback = "http://localhost:5080";

    /// <summary>The base address without a trailing slash.</summary>
    public string BaseUrl =>
        Choose(options.Value.PublicBaseUrl, environment.IsDevelopment(), server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);

    /// <summary>An absolute address for a link inside the app ("/Cases/Details/5"); null for anything else.</summary>
    public string? Absolute(string? link) =>
        string.IsNullOrEmpty(link) || !link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal) ? null : BaseUrl + link;

    /// <summary>The rule, without the host: configured, else (Development) the first listening address, else the fallback.</summary>
    public static string Choose(string? configured, bool development, IEnumerable<string> listening)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured.Trim().TrimEnd('/');
        if (development && listening.FirstOrDefault(a => Uri.TryCreate(Local(a), UriKind.Absolute, out _)) is { } address)
            return Local(address).TrimEnd('/');
        return Fallback;
    }

    /// <summary>Kestrel reports wildcard bindings as "http://[::]:5080", "http://0.0.0.0:5080", "http://+:5080" or "http://*:5080".</summary>
    private static string Local(string address) => address
        .Replace("://[::]", "://localhost", StringComparison.Ordinal)
        .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
        .Replace("://+", "://localhost", StringComparison.Ordinal)
        .Replace("://*", "://localhost", StringComparison.Ordinal);
}
