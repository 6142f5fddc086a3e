using Reception.Core.Rotas.Model;
using Reception.Web.Features.Visits;

namespace Reception.Web.Features.Shared;

/// <summary>
/// The visits a case was taken on (带案下访) or that were appointments about it (约访), for the case page.
/// Only visits the user may see are listed (a Leader sees their own; office staff their scope).
/// </summary>
public sealed class CaseVisitsViewComponent(AppDbContext db, CurrentUser me) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int caseId)
    {
        var rows = await (from link in db.VisitCases.AsNoTracking()
                          join v in db.Visits.AsNoTracking().VisibleTo(db, me.Scope) on link.VisitId equals v.Id
                          join x in db.Leaders on v.LeaderId equals x.Id
                          join o in VisitDestinations.Of(db) on v.DestinationId equals o.Id
                          where link.PetitionCaseId == caseId
                          orderby v.Date descending, v.Id descending
                          select new Row(v.Id, v.Date, x.Name, x.Title, v.Kind, v.Status,
                              o.Label))
            .ToListAsync();
        return View(rows);
    }

    public sealed record Row(int Id, DateOnly Date, string Leader, string Title, VisitKind Kind, VisitStatus Status, string Destination);
}
