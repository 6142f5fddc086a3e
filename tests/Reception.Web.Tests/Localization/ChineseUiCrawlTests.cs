using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Reception.Web.Tests.Localization;

/// <summary>
/// The Chinese UI has no English left in it (issue 15, item 15): each role's pages, reached by following the app's own
/// links from the home page, are read in zh-CN and every word of plain English letters in the page's text is reported
/// unless it is on the allow-list (names of formats and protocols, the product names an office types in). Data the
/// demo holds in Latin letters (codes, case numbers, addresses, e-mail) is not text and is skipped: only tokens made
/// of letters alone count; the options of a select (unit codes), the language switch ("English") and the Hangfire
/// dashboard (/Admin/Jobs, its own translations) are not checked.
/// </summary>
public sealed partial class ChineseUiCrawlTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    /// <summary>Words that are the same in a Chinese office: formats, protocols, product names.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "CSV", "PDF", "QR", "ICS", "iCal", "iCalendar", "URL", "HTTP", "HTTPS", "SMTP", "TLS", "KiB", "MiB", "Webhook", "Excel", "WPS",
        "Outlook", "Hangfire", "Dashboard", "SQLite", "PostgreSQL", "Email", "SEC", "ID", "Cron", "UTC", "Asia", "Shanghai", "China",
        "Standard", "Time", "CST", "webcal", "Mac", "Google", "Apple", "iPhone", "iOS", "Android", "Windows", "Foxmail",
        "Microsoft", "Authenticator", "FreeOTP", // authenticator apps, named as their stores name them
        "MB", "KB", "Word", "JPG", "PNG", "TIFF", "WebP", // file sizes and the file types a case may hold
    };

    [Theory]
    [InlineData("admin")]
    [InlineData("clerk")]
    [InlineData("supervisor")]
    [InlineData("leader01")]
    [InlineData("unit")]
    public async Task EveryPageARoleReaches_IsChinese(string user)
    {
        using var client = await demo.App.LoginAsync(user);
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var queue = new Queue<string>(["/"]);
        var findings = new List<string>();
        var pages = 0;
        while (queue.Count > 0 && pages < 60)
        {
            var url = queue.Dequeue();
            using var response = await client.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
            var page = await AppClient.ParseAsync(response);
            pages++;
            Assert.True(page.DocumentElement.GetAttribute("lang") is "zh-CN" or "zh", $"{url} is not in Chinese.");
            foreach (var word in EnglishWords(page)) findings.Add($"{url}: {word}");
            foreach (var link in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (!link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal)) continue;
                var path = link.Split('#')[0];
                if (Skip(path) || !seen.Add(path)) continue;
                queue.Enqueue(path);
            }
        }
        Assert.True(pages >= 5, $"Only {pages} pages were reached.");
        Assert.True(findings.Count == 0, "English in the Chinese UI:\n" + string.Join("\n", findings.Distinct().Take(80)));
    }

    private static bool Skip(string path) =>
        path.StartsWith("/hangfire", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/Admin/Jobs", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/calendar/", StringComparison.OrdinalIgnoreCase)
        || path.Contains("handler=", StringComparison.OrdinalIgnoreCase) || path.Contains("Logout", StringComparison.OrdinalIgnoreCase)
        || path.Contains("culture=", StringComparison.OrdinalIgnoreCase) || path.Contains("/Export", StringComparison.OrdinalIgnoreCase)
        || path.Contains("format=", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) || path.Contains("/Print", StringComparison.OrdinalIgnoreCase)
        || path.Contains("/Download", StringComparison.OrdinalIgnoreCase) || path.Contains("p=", StringComparison.Ordinal);

    private static IEnumerable<string> EnglishWords(IDocument page)
    {
        var main = page.QuerySelector("body")!.Clone(deep: true) as IElement;
        foreach (var data in main!.QuerySelectorAll("code, pre, kbd, samp, script, style, option, [translate=no], [data-raw], form[action='/Culture']").ToList()) data.Remove();
        var text = main.TextContent + " " + string.Join(" ", main.QuerySelectorAll("[title], [aria-label], [placeholder]")
            .SelectMany(e => new[] { e.GetAttribute("title"), e.GetAttribute("aria-label"), e.GetAttribute("placeholder") }).Where(t => t is not null));
        foreach (var token in text.Split((char[])[' ', '\n', '\r', '\t', '\u00a0', '·', '（', '）', '，', '。', '：', '；', '、', '“', '”', '《', '》', '｜'], StringSplitOptions.RemoveEmptyEntries))
        {
            var word = Word().Match(token);
            if (!word.Success) continue;
            var w = word.Groups["w"].Value;
            if (w.Length >= 2 && !Allowed.Contains(w)) yield return token;
        }
    }

    /// <summary>A token of letters alone (maybe with surrounding punctuation): an English word, not a code or number.</summary>
    [GeneratedRegex(@"^[\(\[""']?(?<w>[A-Za-z][a-z]*[A-Za-z]?(?:'[a-z]+)?)[\.,:;!?\)\]""']*$")]
    private static partial Regex Word();
}
