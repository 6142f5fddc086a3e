using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Rotas.Model;
using Reception.Core.Time;

namespace Reception.Web.Features.Visits;

/// <summary>A month of visits as a calendar (Monday first) and a list. Leaders see their own; office staff their scope.</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Clerk + "," + Roles.Leader + "," + Roles.Supervisor)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "month")] public string? MonthText { get; set; }
    [BindProperty(SupportsGet = true, Name = "leader")] public int? LeaderId { get; set; }

    public DateOnly Month { get; private set; }
    public DateOnly LastDay => Month.AddMonths(1).AddDays(-1);
    public IReadOnlyList<Row> Visits { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Leaders { get; private set; } = [];
    public bool ChoosesLeader => !me.Scope.IsOwnRecordsOnly;
    public bool CanPlan => !me.IsInRole(Roles.Supervisor);
    public bool SeesReports => !me.Scope.IsOwnRecordsOnly;

    public async Task<IActionResult> OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(MonthText))
        {
            var today = ChinaTime.Today(clock);
            Month = new DateOnly(today.Year, today.Month, 1);
        }
        else if (DateText.ParseMonth(MonthText, lenient: true) is { } month)
        {
            Month = month;
        }
        else
        {
            return NotFound();
        }

        if (ChoosesLeader) Leaders = await db.LeaderChoicesAsync(me.Scope, LeaderId);
        var (first, last) = (Month, LastDay);
        var query = db.Visits.AsNoTracking().VisibleTo(db, me.Scope).Where(v => v.Date >= first && v.Date <= last);
        if (LeaderId is { } leader) query = query.Where(v => v.LeaderId == leader);
        Visits = await (from v in query
                        join x in db.Leaders on v.LeaderId equals x.Id
                        join o in VisitDestinations.Of(db) on v.DestinationId equals o.Id
                        orderby v.Date, x.RotationOrder, v.Id
                        select new Row(v.Id, v.Date, x.Name, x.Title,
                            o.Label,
                            o.Name, v.Purpose, v.Status, v.Kind)).ToListAsync();
        return Page();
    }

    /// <summary>The calendar's weeks, Monday first; null pads the days of the neighbouring months.</summary>
    public IEnumerable<DateOnly?[]> Weeks()
    {
        var offset = ((int)Month.DayOfWeek + 6) % 7;
        var days = LastDay.Day;
        for (var cell = 0; cell < offset + days; cell += 7)
        {
            yield return Enumerable.Range(cell, 7)
                .Select(i => i - offset + 1 is var d && d >= 1 && d <= days ? Month.AddDays(d - 1) : (DateOnly?)null)
                .ToArray();
        }
    }

    public sealed record Row(int Id, DateOnly Date, string Leader, string Title, string Destination, string Place, string Purpose, VisitStatus Status, VisitKind Kind);
}
