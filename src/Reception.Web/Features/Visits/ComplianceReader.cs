using Reception.Core.Rotas;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Visits;

namespace Reception.Web.Features.Visits;

/// <summary>
/// The visit compliance figures exactly as the compliance page (/Visits/Compliance) computes them for a Clerk of an org
/// scope: the page's own code runs, as that Clerk would see it. Cached per scope and month for one run.
/// </summary>
public sealed class ComplianceReader(AppDbContext db, TimeProvider clock, IConfiguration configuration, Reception.Web.Features.Calendar.HolidayCalendarService calendars)
{
    private readonly Dictionary<(string, DateOnly), ComplianceModel> cache = [];

    public async Task<ComplianceModel> ReadAsync(int orgUnitId, string orgPath, DateOnly month)
    {
        if (cache.TryGetValue((orgPath, month), out var known)) return known;
        var page = new ComplianceModel(db, ActingUser.For(Roles.Clerk, orgUnitId, orgPath), clock, configuration, calendars)
        {
            MonthText = VisitCompliance.FormatMonth(month),
        };
        await page.OnGetAsync();
        cache[(orgPath, month)] = page;
        return page;
    }
}
