using Reception.Core.Rotas.Model;

namespace Reception.Web.Features.Rotas.Swaps;

/// <summary>
/// Swap and cover requests: a leader's own and those waiting for their answer; for clerks, those waiting
/// for approval and everything in their scope. Filter by status; paged, newest first.
/// </summary>
[Authorize(Roles = SwapRoles)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, RotaPlanner planner, Notifier notifier, TimeProvider clock) : PageModel
{
    public const string SwapRoles = Roles.Admin + "," + Roles.Clerk + "," + Roles.Leader;

    public const string Mine = "mine";
    public const string ForMe = "forme";
    public const string Approval = "approval";
    public const string All = "all";

    private readonly SwapService swaps = new(db, planner, notifier, clock);

    [BindProperty(SupportsGet = true, Name = "show")] public string? Show { get; set; }
    [BindProperty(SupportsGet = true, Name = "status")] public SwapStatus? StatusFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Paged<SwapRow> Rows { get; private set; } = null!;
    public bool IsClerk => me.Scope.ManagesRotas;
    public IReadOnlyList<string> Views => IsClerk ? [Approval, All] : [All, Mine, ForMe];

    public async Task OnGetAsync()
    {
        if (Show is null || !Views.Contains(Show)) Show = Views[0];
        var query = db.SwapRequests.VisibleTo(db, me.Scope);
        var leaderId = me.LeaderId ?? -1;
        query = Show switch
        {
            Mine => query.Where(r => r.RequesterLeaderId == leaderId),
            ForMe => query.Where(r => r.CounterpartLeaderId == leaderId && r.Status == SwapStatus.Requested),
            Approval => query.Where(r => r.Status == SwapStatus.Accepted),
            _ => query,
        };
        if (StatusFilter is { } status) query = query.Where(r => r.Status == status);
        Rows = await SwapRow.Project(query.OrderByDescending(r => r.Id), swaps.Slots(), db).ToPagedAsync(PageNumber);
    }
}

/// <summary>One request as the lists show it.</summary>
public sealed record SwapRow
{
    public int Id { get; init; }
    public SwapKind Kind { get; init; }
    public SwapStatus Status { get; init; }
    public string Requester { get; init; } = "";
    public string Counterpart { get; init; } = "";
    public DateOnly Date { get; init; }
    public string Session { get; init; } = "";
    public DateOnly? TheirDate { get; init; }
    public string? TheirSession { get; init; }
    public string RuleName { get; init; } = "";
    public DateTime? LastChangeUtc { get; init; }

    public static IQueryable<SwapRow> Project(IQueryable<SwapRequest> requests, IQueryable<DutySlot> slots, AppDbContext db) =>
        from r in requests
        join mine in slots on r.AssignmentId equals mine.Id
        join rq in db.Leaders on r.RequesterLeaderId equals rq.Id
        join cp in db.Leaders on r.CounterpartLeaderId equals cp.Id
        join t in slots on r.CounterpartAssignmentId equals (int?)t.Id into ts
        from theirs in ts.DefaultIfEmpty()
        select new SwapRow
        {
            Id = r.Id,
            Kind = r.Kind,
            Status = r.Status,
            Requester = rq.Name,
            Counterpart = cp.Name,
            Date = mine.Date,
            Session = mine.SessionName,
            RuleName = mine.RuleName,
            TheirDate = theirs == null ? null : theirs.Date,
            TheirSession = theirs == null ? null : theirs.SessionName,
            LastChangeUtc = r.Events.Max(e => (DateTime?)e.AtUtc),
        };
}
