using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Reception.Web.Tests.Infrastructure;

/// <summary>
/// An HTTP client that behaves like a browser without JavaScript: it keeps cookies, posts forms with
/// the antiforgery token read from the page, and does not follow redirects, so tests can assert them.
/// </summary>
public sealed class AppClient : IDisposable
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    public AppClient(WebApplicationFactory<Program> factory)
    {
        Http = factory.CreateDefaultClient(new CookieContainerHandler(Cookies));
    }

    public HttpClient Http { get; }
    public CookieContainer Cookies { get; } = new();

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    /// <summary>GETs a page, asserts 200, and parses it.</summary>
    public async Task<IDocument> GetPageAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}, not 200.");
        return await ParseAsync(response);
    }

    /// <summary>
    /// Opens <paramref name="url"/>, takes the antiforgery token from its forms, and posts
    /// <paramref name="fields"/> to <paramref name="action"/> (default: the same address), as a
    /// person filling in the form would.
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var page = await GetPageAsync(url);
        var token = FindToken(page) ?? throw new InvalidOperationException($"{url} has no form with an antiforgery token.");
        var body = fields.Append(new(AntiforgeryField, token)).ToList();
        return await Http.PostAsync(action ?? url, new FormUrlEncodedContent(body));
    }

    public Task<HttpResponseMessage> LoginAsync(string userName, string password) =>
        PostFormAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });

    /// <summary>Chooses the interface language the way the language switch does (the culture cookie).</summary>
    public void UseCulture(string culture) =>
        Cookies.Add(Http.BaseAddress!, new Cookie(".AspNetCore.Culture", Uri.EscapeDataString($"c={culture}|uic={culture}")));

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(r => r.Content(html).Address(response.RequestMessage?.RequestUri ?? new Uri("http://localhost/")));
    }

    /// <summary>The page's own form first (inside main), then any other (the layout's language and sign-out forms).</summary>
    private static string? FindToken(IDocument page) =>
        (page.QuerySelector($"main form input[name={AntiforgeryField}]") ?? page.QuerySelector($"form input[name={AntiforgeryField}]"))
            is IHtmlInputElement input ? input.Value : null;

    public void Dispose() => Http.Dispose();
}
