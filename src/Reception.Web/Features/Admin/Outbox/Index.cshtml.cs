using Reception.Core.Mail;

namespace Reception.Web.Features.Admin.Outbox;

/// <summary>
/// The mail outbox for administrators: counts by status, then every message newest first (filtered by status, paged)
/// with its kind, recipient, subject, attempts, next attempt and last error. A dead letter can be resent (it goes back to
/// the queue with fresh attempts). Bodies are not shown: the subject and the recipient say what a message is.
/// </summary>
[Authorize(Policy = GlobalSettings.Policy)]
[Reception.Web.Audit.Audited(Reception.Web.Audit.AuditActions.SettingsChange)]
public sealed class IndexModel(AppDbContext db, MailDispatcher dispatcher, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "status")] public string? State { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyDictionary<OutboxStatus, int> Counts { get; private set; } = new Dictionary<OutboxStatus, int>();
    public Paged<Row> Rows { get; private set; } = null!;
    public OutboxStatus? Filter => Enum.TryParse<OutboxStatus>(State, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Counts = (await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => x.Key, x => x.Count);
        var messages = db.OutboxMessages.AsNoTracking();
        if (Filter is { } filter) messages = messages.Where(m => m.Status == filter);
        var rows = from m in messages
                   join u in db.Users on m.RecipientUserId equals u.Id into us
                   from u in us.DefaultIfEmpty()
                   orderby m.CreatedAtUtc descending, m.Id descending
                   select new Row(m.Id, m.Kind, u != null ? u.UserName : null, u != null ? u.DisplayName : null, m.RecipientAddress, m.Subject,
                       m.Status, m.Attempts, m.NextAttemptAtUtc, m.LastError, m.CreatedAtUtc, m.SentAtUtc);
        Rows = await rows.ToPagedAsync(PageNumber, ct: ct);
    }

    public async Task<IActionResult> OnPostResendAsync(int id, CancellationToken ct)
    {
        if (await dispatcher.ResendAsync(id, ct))
            Status.Set(TempData, l["Message {0} is queued again and will be sent within a minute.", id]);
        else
            Status.Set(TempData, l["Message {0} was not resent: only a dead letter can be resent.", id], Status.Error);
        return RedirectToPage(new { status = State, p = PageNumber > 1 ? PageNumber : (int?)null });
    }

    public sealed record Row(int Id, string Kind, string? UserName, string? DisplayName, string Address, string Subject, OutboxStatus Status,
        int Attempts, DateTime NextAttemptAtUtc, string? LastError, DateTime CreatedAtUtc, DateTime? SentAtUtc)
    {
        public bool Waiting => Status is OutboxStatus.Pending or OutboxStatus.Sending;
    }
}
