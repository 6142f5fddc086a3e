using Reception.Core.Calendar;
using Reception.Core.Time;
using Reception.Web.Features.Calendar;

namespace Reception.Web.Features.Home;

/// <summary>The home page: today's working-day status, the agenda (what needs doing, with links), what the role can do, and the user's own record.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser me, HolidayCalendarService calendars, HomeAgenda agenda, TimeProvider clock) : PageModel
{
    public IReadOnlyList<NavItem> Links { get; private set; } = [];
    public IReadOnlyList<AgendaItem> Agenda { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public DayInfo TodayInfo { get; private set; }
    public DateOnly? NextWorkingDay { get; private set; }
    public string OrgName { get; private set; } = "";
    public LeaderSummary? Leader { get; private set; }
    public string? DepartmentName { get; private set; }

    public async Task OnGetAsync()
    {
        Links = Navigation.For(me).ToList();
        Today = ChinaTime.Today(clock);
        var calendar = await calendars.GetAsync();
        TodayInfo = calendar.Describe(Today);
        var next = calendar.NextWorkingDay(Today);
        NextWorkingDay = next.IsCertain ? next.Value : null;

        Agenda = await agenda.ForTodayAsync(Today, HttpContext.RequestAborted);
        OrgName = await db.OrgUnits.Where(o => o.Id == me.OrgUnitId).Select(o => o.Name).SingleAsync();
        if (me.LeaderId is { } leaderId)
        {
            Leader = await db.Leaders.AsNoTracking().Where(l => l.Id == leaderId)
                .Select(l => new LeaderSummary(l.Name, l.Title, l.LeadingBody.ToString(), l.OrgUnit!.Name, l.RotationOrder))
                .SingleOrDefaultAsync();
        }
        if (me.DepartmentId is { } departmentId)
            DepartmentName = await db.OrgUnits.Where(o => o.Id == departmentId).Select(o => o.Name).SingleOrDefaultAsync();
    }

    public sealed record LeaderSummary(string Name, string Title, string Body, string OrgUnit, int RotationOrder);
}
