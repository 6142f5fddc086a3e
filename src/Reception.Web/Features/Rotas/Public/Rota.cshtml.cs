using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Organisation;
using Reception.Core.Rotas.Model;
using Reception.Core.Time;
using Reception.Web.Features.Calendar;
using Reception.Web.Data;
using Reception.Web.Features.Rotas;

namespace Reception.Web.Features.Rotas.Public;

/// <summary>
/// The public duty rota of an org unit (/rota/demo): the published versions of this and next month,
/// readable without an account, with no contact details, printable as one A4 landscape page a month.
/// </summary>
[AllowAnonymous]
public sealed class RotaModel(AppDbContext db, HolidayCalendarService calendars, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string OrgCode { get; set; } = "";

    public OrgUnit Unit { get; private set; } = null!;
    public IReadOnlyList<PublishedMonth> Months { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var code = OrgUnit.NormalizeCode(OrgCode);
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code && o.IsActive);
        if (unit is null) return NotFound();
        Unit = unit;

        var today = ChinaTime.Today(clock);
        var first = new DateOnly(today.Year, today.Month, 1);
        var months = new[] { first, first.AddMonths(1) };
        // The latest published version of each rule's month, one query.
        var versions = await (from m in db.RotaMonths.AsNoTracking()
                              join r in db.DutyRules on m.DutyRuleId equals r.Id
                              join v in db.RotaVersions on m.Id equals v.RotaMonthId
                              where r.OrgUnitId == unit.Id && r.IsActive && months.Contains(m.Month) && v.Number == m.PublishedNumber
                              orderby m.Month, r.Name
                              select new { m.Month, RuleName = r.Name, Venue = r.Venue!.Name, Address = r.Venue.Address, Version = v })
            .ToListAsync();
        var calendar = await calendars.GetAsync();
        Months = versions.Select(x =>
        {
            var duties = x.Version.Duties;
            var sessions = duties.GroupBy(d => d.SessionIndex).OrderBy(g => g.Key).Select(g => g.First()).ToList();
            var names = Enumerable.Range(0, sessions.Count == 0 ? 1 : sessions.Max(s => s.SessionIndex) + 1)
                .Select(i => sessions.FirstOrDefault(s => s.SessionIndex == i) is { } s ? $"{s.SessionName} {s.Start:HH\\:mm}–{s.End:HH\\:mm}" : "").ToList();
            var grid = new DutyGrid(x.Month, names, calendar);
            foreach (var d in duties) grid.Cells[(d.Date, d.SessionIndex)] = new DutyCell(d.LeaderName, d.LeaderTitle);
            var hours = string.Join("；", sessions.Select(s => $"{s.SessionName} {s.Start:HH\\:mm}–{s.End:HH\\:mm}"));
            return new PublishedMonth(x.Month, x.RuleName, x.Venue, x.Address, hours, x.Version.Number, ChinaTime.ToLocal(x.Version.PublishedAtUtc), grid);
        }).ToList();
        return Page();
    }

    public sealed record PublishedMonth(DateOnly Month, string Rule, string Venue, string Address, string Hours, int Version, DateTime LastUpdated, DutyGrid Grid);
}
