using Reception.Core.Calendar;
using Reception.Core.Organisation;
using Reception.Core.Rotas.Model;
using Reception.Core.Time;
using Reception.Web.Features.Calendar;

namespace Reception.Web.Features.Rotas.Public;

/// <summary>
/// The public duty rota of an org unit (/rota/demo): the latest published version of every month from the current one on,
/// readable without an account, with no contact details. On a phone a list of days with today and the next reception at
/// the top; printed, one A4 landscape page a month with the QR code of the public feed.
/// <para>An anonymous visitor's page is answered from what the database says has not changed (<see cref="PublicRotaCache"/>):
/// one statement reads the published months' version, then a matching If-None-Match answers 304 and a page this instance
/// rendered before under the same tag is sent as it was, without reading a month.</para>
/// </summary>
[AllowAnonymous]
[PublicRotaCache.Capture]
public sealed class RotaModel(AppDbContext db, HolidayCalendarService calendars, TimeProvider clock, PublicRotaCache cache) : PageModel
{
    [BindProperty(SupportsGet = true)] public string OrgCode { get; set; } = "";

    public OrgUnit Unit { get; private set; } = null!;
    public IReadOnlyList<PublishedMonth> Months { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public DayInfo TodayInfo { get; private set; }

    /// <summary>Today's published duties (all rules of the unit).</summary>
    public IReadOnlyList<PublicDuty> TodayDuties { get; private set; } = [];

    /// <summary>The first day after today with a published duty, and its duties.</summary>
    public (DateOnly Date, IReadOnlyList<PublicDuty> Duties)? NextReception { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = ChinaTime.Today(clock);
        var first = new DateOnly(Today.Year, Today.Month, 1);
        var calendar = await calendars.GetAsync(ct);
        if (User.Identity?.IsAuthenticated != true && !PublicRotaCache.CarriesStatusMessage(HttpContext))
        {
            var page = await cache.ReadAsync(db, Request, OrgCode, Today, calendar, ct);
            if (page is null) return NotFound();
            page.Apply(Response);
            if (page.NotModified(Request)) return StatusCode(StatusCodes.Status304NotModified);
            if (cache.TryGet(page.Tag, out var body)) return File(body, "text/html; charset=utf-8");
            PublicRotaCache.Capture(HttpContext, page.Tag);
        }

        var code = OrgUnit.NormalizeCode(OrgCode);
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(o => o.Code == code && o.IsActive, ct);
        if (unit is null) return NotFound();
        Unit = unit;

        // The latest published version of each rule's month from this month on, one query.
        var versions = await (from m in db.RotaMonths.AsNoTracking()
                              join r in db.DutyRules on m.DutyRuleId equals r.Id
                              join v in db.RotaVersions on m.Id equals v.RotaMonthId
                              where r.OrgUnitId == unit.Id && r.IsActive && m.Month >= first && m.PublishedNumber > 0 && v.Number == m.PublishedNumber
                              orderby m.Month, r.Name
                              select new { m.Month, RuleName = r.Name, Venue = r.Venue!.Name, Address = r.Venue.Address, Version = v })
            .ToListAsync(ct);
        TodayInfo = calendar.Describe(Today);
        Months = versions.Select(x =>
        {
            var entries = RotaVersion.Read(x.Version.SnapshotJson);
            var sessions = entries.GroupBy(d => d.SessionIndex).OrderBy(g => g.Key).Select(g => g.First()).ToList();
            var names = Enumerable.Range(0, sessions.Count == 0 ? 1 : sessions.Max(s => s.SessionIndex) + 1)
                .Select(i => sessions.FirstOrDefault(s => s.SessionIndex == i) is { } s ? $"{s.SessionName} {s.Start:HH\\:mm}–{s.End:HH\\:mm}" : "").ToList();
            var grid = new DutyGrid(x.Month, names, calendar);
            foreach (var d in entries)
                grid.Cells[(d.Date, d.SessionIndex)] = d.Closed ? DutyCell.ClosedSession() : new DutyCell(d.LeaderName, d.LeaderTitle);
            var hours = string.Join("；", sessions.Select(s => $"{s.SessionName} {s.Start:HH\\:mm}–{s.End:HH\\:mm}"));
            var days = Enumerable.Range(0, DateTime.DaysInMonth(x.Month.Year, x.Month.Month)).Select(i => x.Month.AddDays(i))
                .Select(date => new PublicDay(date, calendar.Describe(date),
                    entries.Where(d => d.Date == date).OrderBy(d => d.SessionIndex)
                        .Select(d => new PublicDuty(x.RuleName, d.SessionName, d.Start, d.End, d.LeaderName, d.LeaderTitle, d.Closed)).ToList()))
                .ToList();
            return new PublishedMonth(x.Month, x.RuleName, x.Venue, x.Address, hours, x.Version.Number, ChinaTime.ToLocal(x.Version.PublishedAtUtc), grid, days);
        }).ToList();

        var all = Months.SelectMany(m => m.Days).GroupBy(d => d.Date).OrderBy(g => g.Key)
            .Select(g => (Date: g.Key, Duties: (IReadOnlyList<PublicDuty>)g.SelectMany(d => d.Duties).Where(d => !d.Closed).ToList())).ToList();
        TodayDuties = all.FirstOrDefault(d => d.Date == Today).Duties ?? [];
        var next = all.FirstOrDefault(d => d.Date > Today && d.Duties.Count > 0);
        NextReception = next.Duties is null ? null : next;
        return Page();
    }

    public sealed record PublishedMonth(DateOnly Month, string Rule, string Venue, string Address, string Hours, int Version, DateTime LastUpdated,
        DutyGrid Grid, IReadOnlyList<PublicDay> Days);

    /// <summary>One day of the phone list: what kind of day, and its sessions.</summary>
    public sealed record PublicDay(DateOnly Date, DayInfo Info, IReadOnlyList<PublicDuty> Duties);

    /// <summary>One published session: a leader, or closed on purpose.</summary>
    public sealed record PublicDuty(string Rule, string Session, TimeOnly Start, TimeOnly End, string Leader, string Title, bool Closed);
}
