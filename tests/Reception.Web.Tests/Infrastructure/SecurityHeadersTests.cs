using Reception.Web.Infrastructure;
using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Reception.Web.Authorization;
using Reception.Web.Tests.Authorization;

namespace Reception.Web.Tests.Infrastructure;

/// <summary>
/// Issue 16, item 14: every response carries the Content-Security-Policy (no inline script or style, no framing),
/// nosniff and a referrer policy; every page a signed-in user opens and every export is no-store; no page has inline
/// script, on… handlers or inline style (the policy would block them). The page list is the authorization matrix's.
/// </summary>
[Collection(DemoAppsCollection.Name)]
public sealed class SecurityHeadersTests(DemoApps apps)
{
    /// <summary>The pages whose links carry a secret (the feed token).</summary>
    private static readonly HashSet<string> SecretLinkPages = ["/Calendar/Feeds/Index"];

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Clerk)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.UnitHandler)]
    [InlineData(Roles.SecurityAdmin)]
    [InlineData(Roles.Auditor)]
    public async Task EveryPageARoleOpens_CarriesTheHeaders_AndHasNoInlineScriptOrStyle(string role)
    {
        var app = apps.Sqlite;
        var urls = await AuthorizationMatrixTests.UrlsAsync(app);
        using var client = await app.LoginAsync(AuthorizationMatrixTests.DemoUserFor[role]);
        var failures = new List<string>();

        foreach (var (page, allowed) in AuthorizationMatrixTests.Allowed.Where(p => p.Value.Contains(role)))
        {
            using var response = await client.GetAsync(urls[page]);
            failures.AddRange(HeaderProblems(response, SecretLinkPages.Contains(page) ? "no-referrer" : "strict-origin-when-cross-origin")
                .Select(p => $"GET {urls[page]}: {p}"));
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"GET {urls[page]} as {role}: Cache-Control {response.Headers.CacheControl}");
            if (response.StatusCode == HttpStatusCode.OK)
                failures.AddRange(InlineProblems(await AppClient.ParseAsync(response)).Select(p => $"GET {urls[page]}: {p}"));
        }

        Assert.True(failures.Count == 0, $"As {role}:\n" + string.Join("\n", failures));
    }

    [Theory]
    [InlineData("clerk", "/Cases")]
    [InlineData("clerk", "/Metrics")]
    [InlineData("supervisor", "/Notices")]
    [InlineData("leader01", "/MyCases")]
    [InlineData("unit", "/Queue")]
    [InlineData("clerk", "/Reports/PlannedActual")]
    [InlineData("clerk", "/Reports/Fairness")]
    public async Task EveryExport_IsNoStore(string user, string pageUrl)
    {
        using var client = await apps.Sqlite.LoginAsync(user);
        var path = await ExportPathAsync(client, pageUrl);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{path}: Cache-Control {response.Headers.CacheControl}");
        Assert.Empty(HeaderProblems(response, "strict-origin-when-cross-origin"));
    }

    [Fact]
    public async Task PublicPagesErrorsFeedsAndFiles_CarryThePolicyToo()
    {
        using var client = apps.Sqlite.CreateAppClient();

        foreach (var url in new[] { "/Account/Login", "/rota/demo", "/No/Such/Page", "/Error/500" })
        {
            using var response = await client.GetAsync(url);
            Assert.Empty(HeaderProblems(response, "strict-origin-when-cross-origin"));
            // The public rota page is the same for every visitor and revalidated each time (its ETag, PublicRotaCache).
            var cache = response.Headers.CacheControl;
            Assert.True(url == "/rota/demo" ? cache is { Public: true, NoCache: true } : cache?.NoStore == true, $"{url}: Cache-Control {cache}");
            Assert.Empty(InlineProblems(await AppClient.ParseAsync(response)));
        }

        // The public feed keeps its own caching; a token feed's address is a secret: no Referer from it.
        using var feed = await client.GetAsync("/calendar/demo.ics");
        Assert.Empty(HeaderProblems(feed, "strict-origin-when-cross-origin"));
        Assert.True(feed.Headers.CacheControl?.Public == true, $"public feed: {feed.Headers.CacheControl}");
        using var tokenFeed = await client.GetAsync("/calendar/u/not-a-token.ics");
        Assert.Empty(HeaderProblems(tokenFeed, "no-referrer"));

        // Static files: the policy and nosniff, and no no-store (they are cached, versioned by asp-append-version).
        foreach (var file in new[] { "/css/site.css", "/js/site.js" })
        {
            using var response = await client.GetAsync(file);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(HeaderProblems(response, "strict-origin-when-cross-origin"));
            Assert.False(response.Headers.CacheControl?.NoStore == true, file);
        }
    }

    [Fact]
    public async Task JobsDashboard_HasItsOwnPolicy_AllowingOnlyItsInlineScript()
    {
        using var client = await apps.Sqlite.LoginAsync("admin");

        using var response = await client.GetAsync("/Admin/Jobs/recurring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.DashboardPolicy, csp);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore == true);
    }

    [Fact]
    public async Task AHostNotAllowed_IsRefused_AndAForwardedHostNotAllowed_NeverReachesALink()
    {
        using var client = apps.Sqlite.CreateAppClient();

        using var direct = await client.GetAsync("http://attacker.example/rota/demo");
        Assert.Equal(HttpStatusCode.BadRequest, direct.StatusCode);
        Assert.DoesNotContain("attacker.example", await direct.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", direct.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal); // the 400 carries the headers too
        Assert.Equal("nosniff", direct.Headers.GetValues("X-Content-Type-Options").Single());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/rota/demo");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "attacker.example");
        using var proxied = await client.Http.SendAsync(request);
        var html = await proxied.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.DoesNotContain("attacker.example", html, StringComparison.Ordinal);
        Assert.Contains("webcal://localhost/calendar/demo.ics", html, StringComparison.Ordinal);

        using var feedRequest = new HttpRequestMessage(HttpMethod.Get, "/calendar/demo.ics");
        feedRequest.Headers.Add("X-Forwarded-Host", "attacker.example");
        using var feed = await client.Http.SendAsync(feedRequest);
        Assert.DoesNotContain("attacker.example", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hsts_InProductionOverHttps_DirectOrBehindTheProxy_NotOverPlainHttp()
    {
        await using var app = ReceptionFactory.Build().Seeding(Seed.Empty)
            .Setting("environment", "Production")
            .Setting("Reception:Admin:Password", "Prod#Hsts-2026-xyz")
            .Create();
        using var https = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://reception.test/"), AllowAutoRedirect = false });
        using var http = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://reception.test/"), AllowAutoRedirect = false });

        using var secure = await https.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);

        using var plain = await http.GetAsync("/Account/Login");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var proxied = await http.SendAsync(request);
        Assert.True(proxied.Headers.Contains("Strict-Transport-Security"), "HTTPS at the proxy counts");
    }

    [Fact]
    public async Task Hsts_NotInDevelopment()
    {
        using var https = apps.Sqlite.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://reception.test/"), AllowAutoRedirect = false });

        using var response = await https.GetAsync("/Account/Login");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>The page's own "Download CSV" link.</summary>
    private static async Task<string> ExportPathAsync(AppClient client, string pageUrl)
    {
        var page = await client.GetPageAsync(pageUrl);
        return page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).FirstOrDefault(h => h.Contains("handler=Csv", StringComparison.Ordinal))
               ?? throw new InvalidOperationException($"{pageUrl} has no CSV link.");
    }

    /// <summary>What is wrong with a response's security headers (empty when all is well).</summary>
    internal static IEnumerable<string> HeaderProblems(HttpResponseMessage response, string referrerPolicy)
    {
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var c) ? string.Join(";", c) : null;
        if (csp != SecurityHeaders.Policy) yield return $"Content-Security-Policy {csp ?? "(none)"}";
        if (csp is not null && csp.Contains("unsafe-inline", StringComparison.Ordinal)) yield return "policy allows inline";
        if (!response.Headers.TryGetValues("X-Content-Type-Options", out var n) || n.Single() != "nosniff") yield return "no X-Content-Type-Options: nosniff";
        if (!response.Headers.TryGetValues("Referrer-Policy", out var r) || r.Single() != referrerPolicy)
            yield return $"Referrer-Policy {(r is null ? "(none)" : string.Join(",", r))}, expected {referrerPolicy}";
    }

    /// <summary>Inline script, event-handler attributes, javascript: links and inline style, which the policy blocks.</summary>
    internal static IEnumerable<string> InlineProblems(IDocument page)
    {
        foreach (var script in page.QuerySelectorAll("script").Where(s => !s.HasAttribute("src")))
            yield return "inline <script>: " + script.TextContent.Trim()[..Math.Min(60, script.TextContent.Trim().Length)];
        foreach (var style in page.QuerySelectorAll("style")) yield return "<style> element";
        foreach (var element in page.All)
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                    yield return $"<{element.LocalName} {attribute.Name}=…>";
                if (attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase))
                    yield return $"<{element.LocalName} style=\"{attribute.Value}\">";
                if (attribute.Name is "href" or "src" or "action" && attribute.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                    yield return $"<{element.LocalName} {attribute.Name}=javascript:…>";
            }
        }
    }
}
