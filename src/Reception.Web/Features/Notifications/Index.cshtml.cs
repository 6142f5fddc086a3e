namespace Reception.Web.Features.Notifications;

/// <summary>
/// The signed-in user's notifications, newest first, unread ones highlighted. Opening one marks it read
/// and follows its link; "mark all read" clears the bell. Each shows its kind and time (China time); the
/// preferences page decides which kinds appear here. Every signed-in role has this page.
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Paged<Row> Rows { get; private set; } = null!;
    public int Unread { get; private set; }

    public async Task OnGetAsync()
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == me.UserId);
        Unread = await mine.CountAsync(n => n.ReadAtUtc == null);
        Rows = await mine.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Select(n => new Row(n.Id, n.Kind, n.Title, n.Body, n.Link, n.CreatedAtUtc, n.ReadAtUtc == null) { TitleMessage = n.TitleMessage, BodyMessage = n.BodyMessage })
            .ToPagedAsync(PageNumber);
    }

    /// <summary>Marks one notification read and opens what it is about (its link, else the list).</summary>
    public async Task<IActionResult> OnPostOpenAsync(int id)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == me.UserId);
        if (notification is null) return NotFound();
        notification.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        // Links are written by the app itself ("/Swaps/Detail/7"); anything else goes back to the list.
        return notification.Link is { } link && Url.IsLocalUrl(link) ? LocalRedirect(link) : RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var count = await db.Notifications.Where(n => n.UserId == me.UserId && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now));
        Status.Set(TempData, l["Marked {0} notifications as read.", count]);
        return RedirectToPage("Index");
    }

    /// <summary>The texts in the reader's language (the stored keys and arguments), or as first rendered for an older row.</summary>
    public string TitleText(Row row) => MessageJson.Render(row.TitleMessage, row.Title, l);

    public string BodyText(Row row) => MessageJson.Render(row.BodyMessage, row.Body, l);

    public sealed record Row(int Id, string Kind, string Title, string Body, string? Link, DateTime CreatedAtUtc, bool IsUnread)
    {
        public string? TitleMessage { get; init; }
        public string? BodyMessage { get; init; }
    }
}
