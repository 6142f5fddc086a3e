using Microsoft.AspNetCore.Http.Extensions;

namespace Reception.Web.UI;

/// <summary>Feeds _Pager: keeps every current query parameter and changes only "p".</summary>
public sealed record PagerModel(int PageNumber, int PageCount, int Total, HttpRequest Request)
{
    public static PagerModel For<T>(Paged<T> page, HttpRequest request) => new(page.PageNumber, page.PageCount, page.Total, request);

    public string UrlFor(int page)
    {
        var query = Request.Query.Where(q => q.Key != "p").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)));
        var builder = new QueryBuilder(query!) { { "p", page.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        return Request.Path + builder.ToQueryString().Value;
    }
}
