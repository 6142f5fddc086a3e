namespace Reception.Web.UI;

/// <summary>One page of a list: the rows plus what the pager needs. Page numbers start at 1.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool HasPrevious => PageNumber > 1;
    public bool HasNext => PageNumber < PageCount;
}

public static class Paging
{
    public const int DefaultPageSize = 50;

    /// <summary>Counts and fetches one page; the query must already be ordered.</summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, int pageNumber, int pageSize = DefaultPageSize, CancellationToken ct = default)
    {
        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(pageNumber, 1, pageCount);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<T>(items, page, pageSize, total);
    }
}
