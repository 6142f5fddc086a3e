using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Web.Authorization;
using Reception.Web.Data;

namespace Reception.Web.Pages.Visits;

/// <summary>Plans a visit (下访). Conflicts with duties, leave or another visit are shown and must be confirmed, not refused.</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Clerk + "," + Roles.Leader)]
public sealed class CreateModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l)
    : VisitFormModel(db, me, l)
{
    public async Task<IActionResult> OnGetAsync(int? leader, DateOnly? date)
    {
        if (Me.IsOwnOnly() && Me.LeaderId is null) return Forbid();
        Input.LeaderId = Me.IsOwnOnly() ? Me.LeaderId : leader;
        Input.Date = date;
        await LoadChoicesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await CheckAsync(visitId: null) is { } answer) return answer;

        var visit = new Visit(Input.LeaderId!.Value, Input.Date!.Value, Input.DestinationId!.Value, Input.Purpose!, Input.AccompanyingUnits,
            clock.GetUtcNow().UtcDateTime);
        Db.Visits.Add(visit);
        await Db.SaveChangesAsync();
        var date = VisitInput.Format(visit.Date);
        if (Conflicts.Count > 0)
            Status.Set(TempData, L["Planned the visit on {0}, although the leader has something else that day.", date], Status.Warning);
        else
            Status.Set(TempData, L["Planned the visit on {0}.", date]);
        return RedirectToPage("Index", new { month = VisitCompliance.FormatMonth(new DateOnly(visit.Date.Year, visit.Date.Month, 1)) });
    }
}
