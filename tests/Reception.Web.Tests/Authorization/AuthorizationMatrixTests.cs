using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reception.Web.Authorization;
using Reception.Web.Tests.Infrastructure;

namespace Reception.Web.Tests.Authorization;

/// <summary>
/// Every page and every handler, for anonymous visitors and for each role: anonymous → login,
/// wrong role → 403, right role → served. The page list is read from the app itself, so a new
/// page that is not classified here fails the test instead of slipping through unchecked.
/// </summary>
[Collection(DemoAppsCollection.Name)]
public sealed class AuthorizationMatrixTests(DemoApps apps)
{
    private static readonly string[] Everyone = [.. Roles.All];
    private static readonly string[] OfficeStaff = [Roles.Admin, Roles.Clerk, Roles.Supervisor];
    private static readonly string[] AdminOrClerk = [Roles.Admin, Roles.Clerk];
    private static readonly string[] AdminOnly = [Roles.Admin];

    /// <summary>Pages anyone may open without signing in.</summary>
    private static readonly HashSet<string> PublicPages = ["/Account/Login", "/Culture", "/Error"];

    /// <summary>Which roles may use each signed-in page (DESIGN.md "People and access").</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["/Index"] = Everyone,
        ["/Account/ChangePassword"] = Everyone,
        ["/Account/Logout"] = Everyone,
        ["/Org/Index"] = OfficeStaff,
        ["/Org/Create"] = AdminOnly,
        ["/Org/Edit"] = AdminOnly,
        ["/Org/Import"] = AdminOnly,
        ["/Leaders/Index"] = OfficeStaff,
        ["/Leaders/Create"] = AdminOrClerk,
        ["/Leaders/Edit"] = AdminOrClerk,
        ["/Leaders/Import"] = AdminOrClerk,
        ["/Admin/Users/Index"] = AdminOnly,
        ["/Admin/Users/Create"] = AdminOnly,
        ["/Admin/Users/Edit"] = AdminOnly,
        ["/Admin/Calendar/Index"] = AdminOnly,
        ["/Admin/Calendar/Day"] = AdminOnly,
        ["/Admin/Calendar/Import"] = AdminOnly,
    };

    private static readonly Dictionary<string, string> DemoUserFor = new()
    {
        [Roles.Admin] = "admin",
        [Roles.Clerk] = "clerk",
        [Roles.Supervisor] = "supervisor",
        [Roles.Leader] = "leader01",
        [Roles.UnitHandler] = "unit",
    };

    [Fact]
    public void EveryPageOfTheApp_IsClassified()
    {
        var pages = PageHandlers().Select(p => p.Page).ToHashSet();

        var unclassified = pages.Where(p => !Allowed.ContainsKey(p) && !PublicPages.Contains(p)).ToList();
        var stale = Allowed.Keys.Concat(PublicPages).Where(p => !pages.Contains(p)).ToList();

        Assert.True(unclassified.Count == 0, "Pages missing from the authorization matrix: " + string.Join(", ", unclassified));
        Assert.True(stale.Count == 0, "Matrix entries for pages that no longer exist: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Anonymous_EveryPageAndHandler_RedirectsToLogin()
    {
        var app = apps.Sqlite;
        var urls = await UrlsAsync(app);
        using var client = app.CreateAppClient();
        var failures = new List<string>();

        foreach (var (page, handler, verb) in PageHandlers().Where(h => !PublicPages.Contains(h.Page)))
        {
            var url = WithHandler(urls[page], handler);
            using var response = verb == "GET"
                ? await client.GetAsync(url)
                : await client.Http.PostAsync(url, new FormUrlEncodedContent([]));
            var location = response.Headers.Location?.ToString() ?? "";
            if (response.StatusCode != HttpStatusCode.Redirect || !location.Contains("/Account/Login", StringComparison.Ordinal))
                failures.Add($"{verb} {url}: {(int)response.StatusCode} {location}");
        }

        Assert.True(failures.Count == 0, "Not sent to the login page:\n" + string.Join("\n", failures));
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Clerk)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.UnitHandler)]
    public async Task EachRole_EveryPageAndHandler_ServedOnlyWhenAllowed(string role)
    {
        var app = apps.Sqlite;
        var urls = await UrlsAsync(app);
        using var client = await app.LoginAsync(DemoUserFor[role]);
        var failures = new List<string>();

        foreach (var (page, allowed) in Allowed)
        {
            var mayUse = allowed.Contains(role);
            using var get = await client.GetAsync(urls[page]);
            var getOk = mayUse
                ? get.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect && !IsLoginRedirect(get)
                : get.StatusCode == HttpStatusCode.Forbidden;
            if (!getOk) failures.Add($"GET {urls[page]}: {(int)get.StatusCode} {get.Headers.Location}");

            if (mayUse) continue; // what allowed posts do is covered by each page's own tests
            foreach (var (_, handler, _) in PageHandlers().Where(h => h.Page == page && h.Verb == "POST"))
            {
                var url = WithHandler(urls[page], handler);
                using var post = await client.Http.PostAsync(url, new FormUrlEncodedContent([]));
                if (post.StatusCode != HttpStatusCode.Forbidden) failures.Add($"POST {url}: {(int)post.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, $"As {role}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task ForbiddenPage_IsExplainedInTheUsersLanguage()
    {
        using var client = await apps.Sqlite.LoginAsync("leader01");

        using var response = await client.GetAsync("/Admin/Users/Index");
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权访问", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAddress_Answers404InTheUsersLanguage()
    {
        using var client = await apps.Sqlite.LoginAsync("clerk");
        client.UseCulture("en");

        using var response = await client.GetAsync("/No/Such/Page");
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    private static bool IsLoginRedirect(HttpResponseMessage r) =>
        r.Headers.Location?.ToString().Contains("/Account/Login", StringComparison.Ordinal) == true;

    private static string WithHandler(string url, string? handler) =>
        handler is null ? url : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;

    /// <summary>A concrete address for every page (ids of demo records where a page needs one).</summary>
    private static async Task<Dictionary<string, string>> UrlsAsync(ReceptionFactory app)
    {
        var (cityId, leaderId, clerkId) = await app.WithDbAsync(async db => (
            await db.OrgUnits.Where(o => o.Code == "demo").Select(o => o.Id).SingleAsync(),
            await db.Leaders.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync(),
            await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync()));
        var urls = Allowed.Keys.Concat(PublicPages).ToDictionary(p => p, p => p == "/Index" ? "/" : p);
        urls["/Org/Create"] = $"/Org/Create?parentId={cityId}";
        urls["/Org/Edit"] = $"/Org/Edit/{cityId}";
        urls["/Leaders/Edit"] = $"/Leaders/Edit/{leaderId}";
        urls["/Admin/Users/Edit"] = $"/Admin/Users/Edit/{clerkId}";
        urls["/Admin/Calendar/Day"] = "/Admin/Calendar/Day?date=2026-10-01";
        return urls;
    }

    /// <summary>Every page model's handlers (OnGet, OnPostDeactivate, …), found by reflection over the web assembly.</summary>
    private static IEnumerable<(string Page, string? Handler, string Verb)> PageHandlers()
    {
        const string root = "Reception.Web.Pages";
        foreach (var type in typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract))
        {
            var page = type.FullName![root.Length..].Replace('.', '/');
            page = page[..^"Model".Length];
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^5] : method.Name;
                foreach (var verb in new[] { "Get", "Post" })
                {
                    if (!name.StartsWith("On" + verb, StringComparison.Ordinal)) continue;
                    var handler = name[(2 + verb.Length)..];
                    yield return (page, handler.Length == 0 ? null : handler, verb.ToUpperInvariant());
                }
            }
        }
    }
}
