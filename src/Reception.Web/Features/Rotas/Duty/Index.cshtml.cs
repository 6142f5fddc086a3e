using Reception.Core.Time;

namespace Reception.Web.Features.Rotas.Duty;

/// <summary>The duty record of a month: every past duty in scope, planned against actual, and whether it is recorded.</summary>
[Authorize(Roles = Roles.OfficeStaff)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "month")] public string? MonthText { get; set; }
    [BindProperty(SupportsGet = true, Name = "open")] public bool OnlyUnrecorded { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public DateOnly Month { get; private set; }
    public Paged<Row> Rows { get; private set; } = null!;
    public bool CanRecord => me.IsInRole(Roles.Admin) || me.IsInRole(Roles.Clerk);

    /// <summary>Administrators keep duty records but see no cases: the column is left out for them.</summary>
    public bool SeesCases => !me.IsInRole(Roles.Admin);

    public async Task OnGetAsync()
    {
        var today = ChinaTime.Today(clock);
        Month = DateText.ParseMonth(MonthText) ?? new DateOnly(today.Year, today.Month, 1);
        MonthText = DateText.Month(Month);
        var last = Month.AddMonths(1).AddDays(-1);
        if (last > today) last = today;

        var query = from s in DutySlots.Of(db).VisibleTo(me.Scope)
                    join a in db.DutyAssignments on s.Id equals a.Id
                    where s.Date >= Month && s.Date <= last && !s.IsCancelled && s.IsPublished
                    select new { s, a };
        if (OnlyUnrecorded) query = query.Where(x => x.a.RecordedAtUtc == null);
        // The cases registered at each duty, as far as the user may see them.
        var cases = db.Cases.VisibleTo(db, me.Scope);
        Rows = await (from x in query
                      join l in db.Leaders on x.a.ActualLeaderId equals (int?)l.Id into ls
                      from actual in ls.DefaultIfEmpty()
                      orderby x.s.Date descending, x.s.RuleName, x.s.SessionIndex, x.s.Id
                      select new Row(x.s.Id, x.s.Date, x.s.SessionName, x.s.RuleName, x.s.LeaderId, x.s.LeaderName,
                          x.a.ActualLeaderId, actual == null ? null : actual.Name, x.a.Batches, x.a.People, x.a.RecordedAtUtc != null,
                          cases.Count(c => c.SourceDutyAssignmentId == x.s.Id)))
            .ToPagedAsync(PageNumber);
    }

    public sealed record Row(int Id, DateOnly Date, string Session, string RuleName, int PlannedLeaderId, string Planned,
        int? ActualLeaderId, string? Actual, int? Batches, int? People, bool IsRecorded, int Cases)
    {
        public bool ByOther => ActualLeaderId is { } a && a != PlannedLeaderId;
    }
}
