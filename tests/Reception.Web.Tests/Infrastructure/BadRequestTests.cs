using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Tests.Authorization;

namespace Reception.Web.Tests.Infrastructure;

/// <summary>
/// Issue 16, item 15: a request the app cannot understand answers 400 with the error page in Chinese, never 500 — every
/// typed query value of every page given a malformed value, a form without or with a forged antiforgery token, a body
/// that is not a form.
/// </summary>
[Collection(DemoAppsCollection.Name)]
public sealed class BadRequestTests(DemoApps apps)
{
    private const string Malformed = "x~1";

    [Fact]
    public async Task EveryTypedQueryValueOfEveryPage_Malformed_Answers400()
    {
        var app = apps.Sqlite;
        var urls = await AuthorizationMatrixTests.UrlsAsync(app);
        var templates = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>().GroupBy(d => d.ViewEnginePath)
            .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(d => d.AttributeRouteInfo?.Template ?? "")));
        var clients = new Dictionary<string, AppClient>();
        var failures = new List<string>();
        var checkedValues = 0;
        try
        {
            foreach (var (page, type) in PageTypes())
            {
                if (!AuthorizationMatrixTests.Allowed.TryGetValue(page, out var roles)) continue;
                var user = AuthorizationMatrixTests.DemoUserFor[roles[0]];
                if (!clients.TryGetValue(user, out var client)) clients[user] = client = await app.LoginAsync(user);
                // "page" is Razor Pages' own route value (the page's name), which binds before the query: never the visitor's value.
                foreach (var name in TypedQueryNames(type).Where(n => !templates[page].Contains("{" + n, StringComparison.OrdinalIgnoreCase) && n != "page"))
                {
                    var url = WithValue(urls[page], name, Malformed);
                    using var response = await client.GetAsync(url);
                    checkedValues++;
                    if (response.StatusCode != HttpStatusCode.BadRequest) failures.Add($"GET {url} as {user}: {(int)response.StatusCode}");
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values) client.Dispose();
        }

        Assert.True(checkedValues > 20, $"only {checkedValues} values checked");
        Assert.True(failures.Count == 0, "Not 400:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task MalformedQueryValue_ShowsTheBadRequestPageInChinese()
    {
        using var client = await apps.Sqlite.LoginAsync("clerk");

        using var response = await client.GetAsync("/Visits/Create?date=2026-02-30");
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请求无效", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("CfDJ8forged-token")]
    public async Task FormWithoutOrWithAForgedAntiforgeryToken_Answers400InChinese_AndSavesNothing(string? token)
    {
        using var client = await apps.Sqlite.LoginAsync("clerk");
        var name = PageTesting.Unique("伪造");
        var fields = new List<KeyValuePair<string, string>> { new("Input.Name", name), new("Input.Title", "副镇长") };
        if (token is not null) fields.Add(new(AppClient.AntiforgeryField, token));

        using var response = await client.Http.PostAsync("/Leaders/Create", new FormUrlEncodedContent(fields));
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请求无效", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("表单已过期", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await apps.Sqlite.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Leaders, l => l.Name == name)));
    }

    [Fact]
    public async Task ABodyThatIsNotAForm_Answers400_Not500()
    {
        using var client = await apps.Sqlite.LoginAsync("clerk");
        var token = (await client.GetPageAsync("/Leaders/Create")).QuerySelector($"main form input[name={AppClient.AntiforgeryField}]")!.GetAttribute("value")!;

        // A multipart body whose boundary never comes, with the token in a header field the app does not read.
        using var broken = new ByteArrayContent(Encoding.ASCII.GetBytes("--nothing-here\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb"));
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=expected-boundary");
        using var multipart = await client.Http.PostAsync("/Leaders/Create", broken);
        Assert.Equal(HttpStatusCode.BadRequest, multipart.StatusCode);

        // A form with more values than the server reads.
        var many = Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>("k" + i, "v"))
            .Append(new(AppClient.AntiforgeryField, token));
        using var tooMany = await client.Http.PostAsync("/Leaders/Create", new FormUrlEncodedContent(many));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    /// <summary>The address with <paramref name="name"/> set to <paramref name="value"/> (replacing its value: the first one binds).</summary>
    private static string WithValue(string url, string name, string value)
    {
        var parts = url.Split('?', 2);
        var query = (parts.Length == 2 ? parts[1].Split('&') : [])
            .Where(p => !p.Split('=')[0].Equals(name, StringComparison.OrdinalIgnoreCase))
            .Append(name + "=" + Uri.EscapeDataString(value));
        return parts[0] + "?" + string.Join("&", query);
    }

    /// <summary>Every page model by its page name (as in the authorization matrix).</summary>
    private static IEnumerable<(string Page, Type Type)> PageTypes()
    {
        const string root = "Reception.Web.Features";
        return typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract)
            .Select(t => (t.FullName![root.Length..].Replace('.', '/')[..^"Model".Length], t));
    }

    /// <summary>Query names a GET binds to a type other than text (properties with SupportsGet, GET handler parameters).</summary>
    private static IEnumerable<string> TypedQueryNames(Type type)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<BindPropertyAttribute>() is not { SupportsGet: true } bind || !IsTypedScalar(property.PropertyType)) continue;
            names.Add(bind.Name ?? property.Name);
        }
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => m.Name.StartsWith("OnGet", StringComparison.Ordinal) && !m.Name.StartsWith("OnGetCsv", StringComparison.Ordinal)))
        {
            foreach (var parameter in method.GetParameters().Where(p => IsTypedScalar(p.ParameterType)))
                names.Add(parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name!);
        }
        return names;
    }

    private static bool IsTypedScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t != typeof(string) && (t.IsPrimitive || t.IsEnum || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(DateTime) || t == typeof(decimal) || t == typeof(Guid));
    }
}
