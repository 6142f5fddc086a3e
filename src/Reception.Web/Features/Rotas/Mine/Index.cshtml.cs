using Reception.Core.Rotas.Model;
using Reception.Core.Time;

namespace Reception.Web.Features.Rotas.Mine;

/// <summary>
/// 我的值班: a leader's coming duties (published) and visits, each duty with its swap actions — ask to swap or to be
/// covered, or open the request already under way. Built for a phone first: one card per day.
/// </summary>
[Authorize(Roles = Roles.Leader)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    /// <summary>How far ahead the page looks.</summary>
    public const int DaysAhead = 92;

    public DateOnly Today { get; private set; }
    public IReadOnlyList<Duty> Duties { get; private set; } = [];
    public IReadOnlyList<PlannedVisit> Visits { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (me.LeaderId is not { } leaderId) return Forbid();
        Today = ChinaTime.Today(clock);
        var until = Today.AddDays(DaysAhead);
        var slots = await DutySlots.Of(db)
            .Where(s => s.LeaderId == leaderId && s.Date >= Today && s.Date <= until && s.IsPublished && !s.IsCancelled)
            .OrderBy(s => s.Date).ThenBy(s => s.Start)
            .Select(s => new { s.Id, s.Date, s.SessionName, s.Start, s.End, s.RuleName, s.DutyRuleId }).ToListAsync();
        var ids = slots.Select(s => s.Id).ToList();
        var open = await db.SwapRequests.AsNoTracking()
            .Where(r => (r.Status == SwapStatus.Requested || r.Status == SwapStatus.Accepted)
                        && (ids.Contains(r.AssignmentId) || (r.CounterpartAssignmentId != null && ids.Contains(r.CounterpartAssignmentId.Value))))
            .Select(r => new { r.Id, r.AssignmentId, r.CounterpartAssignmentId, r.Status }).ToListAsync();
        Duties = slots.Select(s =>
        {
            var request = open.FirstOrDefault(r => r.AssignmentId == s.Id || r.CounterpartAssignmentId == s.Id);
            return new Duty(s.Id, s.Date, s.SessionName, s.Start, s.End, s.RuleName, s.DutyRuleId, request?.Id, request?.Status);
        }).ToList();
        Visits = await (from v in db.Visits.AsNoTracking()
                        join o in db.OrgUnits on v.DestinationId equals o.Id
                        where v.LeaderId == leaderId && v.Date >= Today && v.Date <= until && v.Status == VisitStatus.Planned
                        orderby v.Date, v.Id
                        select new PlannedVisit(v.Id, v.Date, o.Name)).ToListAsync();
        return Page();
    }

    public sealed record Duty(int Id, DateOnly Date, string Session, TimeOnly Start, TimeOnly End, string Rule, int RuleId, int? RequestId, SwapStatus? RequestStatus);

    public sealed record PlannedVisit(int Id, DateOnly Date, string Destination);
}
