using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Rotas;
using Reception.Web.Features.Visits;

namespace Reception.Web.Features.Rotas.Unavailability;

/// <summary>Leave, travel and meetings of the leaders in scope (a Leader: their own), newest first, by leader and month.</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Clerk + "," + Roles.Leader + "," + Roles.Supervisor)]
public sealed class IndexModel(AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "leader")] public int? LeaderId { get; set; }
    [BindProperty(SupportsGet = true, Name = "month")] public string? Month { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Paged<Row> Rows { get; private set; } = null!;
    public IReadOnlyList<SelectListItem> Leaders { get; private set; } = [];
    public bool MonthIsInvalid { get; private set; }
    public bool CanEdit => !me.IsInRole(Roles.Supervisor);
    public bool ChoosesLeader => !me.Scope.IsOwnRecordsOnly;

    public async Task OnGetAsync()
    {
        if (ChoosesLeader) Leaders = await db.LeaderChoicesAsync(me.Scope, LeaderId);
        var query = db.Unavailabilities.AsNoTracking().VisibleTo(db, me.Scope);
        if (LeaderId is { } leader) query = query.Where(u => u.LeaderId == leader);
        if (DateText.ParseMonth(Month, lenient: true) is { } first)
        {
            var last = first.AddMonths(1).AddDays(-1);
            query = query.Where(u => u.From <= last && u.To >= first);
        }
        else if (!string.IsNullOrWhiteSpace(Month))
        {
            MonthIsInvalid = true;
        }
        Rows = await (from u in query
                      join l in db.Leaders on u.LeaderId equals l.Id
                      orderby u.From descending, l.RotationOrder, u.Id
                      select new Row(u.Id, l.Name, l.Title, u.From, u.To, u.Reason, u.Note))
            .ToPagedAsync(PageNumber);
    }

    public sealed record Row(int Id, string Leader, string Title, DateOnly From, DateOnly To, UnavailabilityReason Reason, string? Note)
    {
        public int Days => To.DayNumber - From.DayNumber + 1;
    }
}
