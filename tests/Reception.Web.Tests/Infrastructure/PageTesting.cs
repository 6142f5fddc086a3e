using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Data;
using Reception.Web.Features.Demo;

namespace Reception.Web.Tests.Infrastructure;

/// <summary>
/// A demo app of its own for one test class whose tests write. The tests of a class run one after
/// another and each creates its own records (unique names), so they share the app without depending
/// on each other.
/// </summary>
public sealed class OwnDemoApp() : AppFixture(app => app);

/// <summary>A file chosen in a form's file input.</summary>
public sealed record UploadFile(string FieldName, string FileName, byte[] Content, string ContentType = "text/csv");

/// <summary>Form submission and page reading the way a person with a browser (without JavaScript) would do it.</summary>
public static class PageTesting
{
    /// <summary>
    /// Fills in and submits a form of <paramref name="page"/>: starts from the values the page shows
    /// (hidden fields, antiforgery token, selected options, checked boxes), replaces those named in
    /// <paramref name="values"/>, and posts to the form's action — or to the <c>formaction</c> of the
    /// button matched by <paramref name="button"/> (e.g. a page handler such as "Deactivate").
    /// A multipart form is posted as multipart, with <paramref name="file"/> if given.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this AppClient client, IDocument page,
        IReadOnlyDictionary<string, string>? values = null, string? button = null, UploadFile? file = null,
        string form = "main form[method=post]")
    {
        var element = page.QuerySelector(form) as IHtmlFormElement
                      ?? throw new InvalidOperationException($"{page.Url} has no form matching \"{form}\".");
        var fields = CurrentValues(element);
        foreach (var (name, value) in values ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        var action = element.GetAttribute("action") is { Length: > 0 } a ? a : page.Url;
        if (button is not null)
        {
            var submitter = element.QuerySelector(button) ?? throw new InvalidOperationException($"The form has no button matching \"{button}\".");
            if (submitter.GetAttribute("formaction") is { Length: > 0 } formAction) action = formAction;
            if (submitter.GetAttribute("name") is { Length: > 0 } name) fields.Add(new(name, submitter.GetAttribute("value") ?? ""));
        }
        var url = new Uri(new Uri(page.Url), action).PathAndQuery;

        HttpContent body;
        if (string.Equals(element.GetAttribute("enctype"), "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in fields) multipart.Add(new StringContent(value), name);
            if (file is not null)
            {
                var content = new ByteArrayContent(file.Content);
                content.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
                multipart.Add(content, file.FieldName, file.FileName);
            }
            body = multipart;
        }
        else
        {
            if (file is not null) throw new InvalidOperationException("A file can only be sent with a multipart form.");
            body = new FormUrlEncodedContent(fields);
        }
        using (body) return await client.Http.PostAsync(url, body);
    }

    /// <summary>Opens <paramref name="url"/> and submits its form (see <see cref="SubmitAsync"/>).</summary>
    public static async Task<HttpResponseMessage> OpenAndSubmitAsync(this AppClient client, string url,
        IReadOnlyDictionary<string, string>? values = null, string? button = null, UploadFile? file = null)
    {
        var page = await client.GetPageAsync(url);
        return await client.SubmitAsync(page, values, button, file);
    }

    /// <summary>Asserts a 302 to <paramref name="pathAndQuery"/> (showing the page's messages when it is not).</summary>
    public static async Task AssertRedirectToAsync(this HttpResponseMessage response, string pathAndQuery)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await AppClient.ParseAsync(response);
            var errors = string.Join("; ", page.FieldErrors().Select(e => $"{e.Key}: {e.Value}"));
            Assert.Fail($"Expected a redirect to {pathAndQuery} but got {(int)response.StatusCode}. Summary: {page.Summary()} Fields: {errors} " +
                        $"Import errors: {page.QuerySelector(".errors-list")?.TextContent.Trim()}");
        }
        Assert.Equal(pathAndQuery, response.Headers.Location!.OriginalString);
    }

    /// <summary>Asserts that the form came back (200) and parses it.</summary>
    public static async Task<IDocument> AssertFormReturnedAsync(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"Expected the form back (200) but got {(int)response.StatusCode} {response.Headers.Location}");
        return await AppClient.ParseAsync(response);
    }

    /// <summary>The validation message shown next to a field ("" when none).</summary>
    public static string ErrorFor(this IDocument page, string field)
    {
        var span = page.QuerySelector($"span[data-valmsg-for=\"{field}\"]")
                   ?? throw new InvalidOperationException($"The page has no validation message element for {field}.");
        return span.ClassList.Contains("field-validation-error") ? span.TextContent.Trim() : "";
    }

    /// <summary>Every field that shows a validation message, with the message.</summary>
    public static IReadOnlyDictionary<string, string> FieldErrors(this IDocument page) =>
        page.QuerySelectorAll("span.field-validation-error[data-valmsg-for]")
            .ToDictionary(s => s.GetAttribute("data-valmsg-for")!, s => s.TextContent.Trim());

    /// <summary>The form-level messages (validation summary), or "".</summary>
    public static string Summary(this IDocument page) =>
        page.QuerySelector("main .validation-summary-errors")?.TextContent.Trim() ?? "";

    /// <summary>The one-line status message shown after an action, or "".</summary>
    public static string StatusMessage(this IDocument page) =>
        page.QuerySelector("main .status")?.TextContent.Trim() ?? "";

    /// <summary>The value a form control shows (input, textarea, or the selected option of a select).</summary>
    public static string? ValueOf(this IDocument page, string name)
    {
        var control = page.QuerySelector($"main [name=\"{name}\"]");
        return control switch
        {
            null => null,
            IHtmlSelectElement select => SelectedValue(select),
            IHtmlTextAreaElement area => area.Value,
            IHtmlInputElement input when input.Type is "radio" =>
                page.QuerySelectorAll($"main input[name=\"{name}\"]").OfType<IHtmlInputElement>().FirstOrDefault(r => r.IsChecked)?.Value,
            IHtmlInputElement input => input.Value,
            _ => control.GetAttribute("value"),
        };
    }

    /// <summary>Tries to sign in with a fresh client: the login page's message when refused, null when signed in.</summary>
    public static async Task<string?> SignInRefusalAsync(this ReceptionFactory app, string userName, string password)
    {
        using var client = app.CreateAppClient();
        using var response = await client.LoginAsync(userName, password);
        if (response.StatusCode == HttpStatusCode.Redirect) return null;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await AppClient.ParseAsync(response)).Summary();
    }

    /// <summary>Creates an account directly (arrangement for tests about accounts), in the demo city unless told otherwise.</summary>
    public static async Task<AppUser> CreateUserAsync(this ReceptionFactory app, string userName, string role, string password = DemoData.Password, int? orgUnitId = null, int? leaderId = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = orgUnitId ?? db.OrgUnits.Single(o => o.Code == DemoData.CityCode).Id;
        var user = new AppUser { UserName = userName, DisplayName = userName, OrgUnitId = org, LeaderId = leaderId };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    /// <summary>A name no other test uses, short enough for every field (e.g. "测试3f9a1c").</summary>
    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];

    private static List<KeyValuePair<string, string>> CurrentValues(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var control in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            if (control.HasAttribute("disabled")) continue;
            var name = control.GetAttribute("name")!;
            switch (control)
            {
                case IHtmlInputElement input:
                    switch (input.Type)
                    {
                        case "file" or "submit" or "button" or "reset" or "image":
                            continue;
                        case "checkbox" or "radio" when !input.IsChecked:
                            continue;
                        case "checkbox" or "radio":
                            fields.Add(new(name, input.GetAttribute("value") ?? "on"));
                            break;
                        default:
                            fields.Add(new(name, input.Value));
                            break;
                    }
                    break;
                case IHtmlSelectElement select:
                    fields.Add(new(name, SelectedValue(select) ?? ""));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
            }
        }
        return fields;
    }

    /// <summary>As a browser: the option marked selected, else the first option.</summary>
    private static string? SelectedValue(IHtmlSelectElement select)
    {
        var options = select.QuerySelectorAll("option").OfType<IHtmlOptionElement>().ToList();
        var chosen = options.FirstOrDefault(o => o.HasAttribute("selected")) ?? options.FirstOrDefault();
        return chosen?.Value;
    }
}
