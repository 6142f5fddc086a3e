using Microsoft.AspNetCore.Localization;

namespace Reception.Web.Localization;

public static class Cultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly IReadOnlyList<string> Supported = [Chinese, English];

    public static string Normalize(string? culture) =>
        Supported.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase)) ?? Chinese;

    /// <summary>
    /// Simplified Chinese unless the person chose otherwise (cookie, or ?culture= for a link).
    /// The browser's Accept-Language is deliberately ignored: offices use shared machines with
    /// English-language browsers, and the product's language is Chinese.
    /// </summary>
    public static RequestLocalizationOptions RequestOptions()
    {
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Chinese),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
        };
        options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        return options;
    }

    public static void WriteCookie(HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Normalize(culture))),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
}
