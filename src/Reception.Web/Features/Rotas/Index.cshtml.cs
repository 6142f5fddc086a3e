using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Core.Time;

namespace Reception.Web.Features.Rotas;

/// <summary>The duty rules and venues in the user's scope, with this and next month's rota status.</summary>
[Authorize(Roles = Roles.OfficeStaff)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock) : PageModel
{
    public IReadOnlyList<RuleRow> Rules { get; private set; } = [];
    public IReadOnlyList<VenueRow> Venues { get; private set; } = [];
    public DateOnly ThisMonth { get; private set; }
    public bool CanEdit => me.IsInRole(Roles.Admin) || me.IsInRole(Roles.Clerk);

    public async Task OnGetAsync()
    {
        var today = ChinaTime.Today(clock);
        ThisMonth = new DateOnly(today.Year, today.Month, 1);
        var next = ThisMonth.AddMonths(1);
        var path = me.OrgPath;
        var units = db.OrgUnits.VisibleTo(me.Scope);

        Rules = await (from r in db.DutyRules.AsNoTracking()
                       join o in units on r.OrgUnitId equals o.Id
                       orderby o.Path, r.Name
                       select new RuleRow(r.Id, r.Name, o.Name, r.Venue!.Name, r.Pattern, r.IsActive, r.Members.Count,
                           db.RotaMonths.Where(m => m.DutyRuleId == r.Id && m.Month == ThisMonth).Select(m => (RotaStatus?)m.Status).FirstOrDefault(),
                           db.RotaMonths.Where(m => m.DutyRuleId == r.Id && m.Month == ThisMonth).Select(m => m.PublishedNumber).FirstOrDefault(),
                           db.RotaMonths.Where(m => m.DutyRuleId == r.Id && m.Month == next).Select(m => (RotaStatus?)m.Status).FirstOrDefault(),
                           db.RotaMonths.Where(m => m.DutyRuleId == r.Id && m.Month == next).Select(m => m.PublishedNumber).FirstOrDefault()))
            .ToListAsync();
        Venues = await (from v in db.Venues.AsNoTracking()
                        join o in units on v.OrgUnitId equals o.Id
                        orderby o.Path, v.Name
                        select new VenueRow(v.Id, v.Name, v.Address, o.Name, v.IsActive)).ToListAsync();
    }

    public sealed record RuleRow(int Id, string Name, string OrgUnit, string Venue, RotaPattern Pattern, bool IsActive, int Members,
        RotaStatus? ThisStatus, int ThisVersion, RotaStatus? NextStatus, int NextVersion);

    public sealed record VenueRow(int Id, string Name, string Address, string OrgUnit, bool IsActive);
}
