using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Feeds;

namespace Reception.Web.Tests.Features.Calendar.Feeds;

/// <summary>Getting feed links the way a person does (the tokens page) and reading feeds without a full parser.</summary>
public static partial class FeedTesting
{
    public const string Page = "/Feeds";

    /// <summary>Signs in as <paramref name="userName"/>, creates a link on the tokens page and returns its path (/calendar/u/….ics).</summary>
    public static async Task<string> CreateLinkAsync(this ReceptionFactory app, string userName)
    {
        using var client = await app.LoginAsync(userName);
        return await client.CreateLinkAsync();
    }

    public static async Task<string> CreateLinkAsync(this AppClient client)
    {
        var page = await client.GetPageAsync(Page);
        using var created = await client.SubmitAsync(page, button: "button[formaction*='handler=Create']");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return await client.ShownLinkAsync() ?? throw new InvalidOperationException("The page showed no new link after Create.");
    }

    public static async Task<string> RotateLinkAsync(this AppClient client)
    {
        var page = await client.GetPageAsync(Page);
        using var rotated = await client.SubmitAsync(page, button: "button[formaction*='handler=Rotate']");
        Assert.Equal(HttpStatusCode.Redirect, rotated.StatusCode);
        return await client.ShownLinkAsync() ?? throw new InvalidOperationException("The page showed no new link after Rotate.");
    }

    public static async Task RevokeLinkAsync(this AppClient client)
    {
        var page = await client.GetPageAsync(Page);
        using var revoked = await client.SubmitAsync(page, button: "button[formaction*='handler=Revoke']");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
    }

    /// <summary>The path of the new link the tokens page shows now (null when it shows none), checked against its webcal twin.</summary>
    public static async Task<string?> ShownLinkAsync(this AppClient client)
    {
        var page = await client.GetPageAsync(Page);
        if (page.QuerySelector("#mine-web") is not IHtmlInputElement web) return null;
        var webcal = (IHtmlInputElement)page.QuerySelector("#mine-webcal")!;
        var uri = new Uri(web.Value);
        Assert.Equal("webcal://" + uri.Authority + uri.AbsolutePath, webcal.Value);
        return uri.AbsolutePath;
    }

    /// <summary>The token in a feed path.</summary>
    public static string TokenOf(string path) => TokenInPath().Match(path).Groups[1].Value;

    public static async Task<byte[]> FeedAsync(this ReceptionFactory app, string path)
    {
        using var client = app.CreateAppClient();
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static async Task<HttpStatusCode> StatusAsync(this ReceptionFactory app, string path)
    {
        using var client = app.CreateAppClient();
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    public static Task<FeedToken?> StoredTokenAsync(this ReceptionFactory app, string userName) =>
        app.WithDbAsync(db => (from t in db.FeedTokens.AsNoTracking()
                               join u in db.Users on t.UserId equals u.Id
                               where u.UserName == userName
                               orderby t.Id descending
                               select t).FirstOrDefaultAsync());

    /// <summary>The VEVENTs of a feed as property maps (unfolded; name without parameters → raw value; TEXT unescaped).</summary>
    public static IReadOnlyList<IcsEvent> Events(byte[] ics)
    {
        var text = Encoding.UTF8.GetString(ics).Replace("\r\n ", "", StringComparison.Ordinal);
        var events = new List<IcsEvent>();
        Dictionary<string, string>? current = null;
        var depth = 0;
        foreach (var line in text.Split("\r\n"))
        {
            if (line == "BEGIN:VEVENT") { current = []; depth = 0; continue; }
            if (current is null) continue;
            if (line.StartsWith("BEGIN:", StringComparison.Ordinal)) { depth++; continue; }
            if (line.StartsWith("END:", StringComparison.Ordinal))
            {
                if (line == "END:VEVENT" && depth == 0) { events.Add(new IcsEvent(current)); current = null; }
                else depth--;
                continue;
            }
            if (depth > 0) continue; // inside a VALARM
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var head = line[..colon];
            var name = head.Split(';')[0];
            current[name] = line[(colon + 1)..];
            if (head.Contains(';', StringComparison.Ordinal)) current[name + ";"] = head[(name.Length + 1)..];
        }
        return events;
    }

    [GeneratedRegex(@"^/calendar/[uo]/([A-Za-z0-9_-]+)\.ics$")]
    private static partial Regex TokenInPath();
}

public sealed record IcsEvent(IReadOnlyDictionary<string, string> Properties)
{
    public string Uid => Properties["UID"];
    public string Status => Properties.GetValueOrDefault("STATUS", "");
    public int Sequence => int.Parse(Properties.GetValueOrDefault("SEQUENCE", "0"), System.Globalization.CultureInfo.InvariantCulture);
    public string Summary => Properties.GetValueOrDefault("SUMMARY", "").Replace("\\,", ",").Replace("\\;", ";").Replace("\\\\", "\\");
    public string Start => Properties["DTSTART"];
    public string LastModified => Properties.GetValueOrDefault("LAST-MODIFIED", "");
}
