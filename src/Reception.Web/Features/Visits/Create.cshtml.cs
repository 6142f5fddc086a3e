using Reception.Core.Rotas.Model;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Rotas;

namespace Reception.Web.Features.Visits;

/// <summary>Plans a visit (下访, or a 约访 about one case) with the cases taken on it. Conflicts with duties, leave or another visit are shown and must be confirmed, not refused.</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Clerk + "," + Roles.Leader)]
public sealed class CreateModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l, CaseService cases, RotaRepairs repairs)
    : VisitFormModel(db, me, l, cases)
{
    public async Task<IActionResult> OnGetAsync(int? leader, DateOnly? date)
    {
        if (Me.Scope.IsOwnRecordsOnly && Me.LeaderId is null) return Forbid();
        Input.LeaderId = Me.Scope.IsOwnRecordsOnly ? Me.LeaderId : leader;
        Input.Date = date;
        await LoadChoicesAsync();
        return Page();
    }

    [Idempotent] // a double-submitted form creates one record
    public async Task<IActionResult> OnPostAsync()
    {
        if (await CheckAsync(visitId: null) is { } answer) return answer;

        var visit = new Visit(Input.LeaderId!.Value, Input.Date!.Value, Input.DestinationId!.Value, Input.Purpose!, Input.AccompanyingUnits,
            clock.GetUtcNow().UtcDateTime);
        visit.SetKind(Input.Kind, clock.GetUtcNow().UtcDateTime);
        // The links need the visit's id: the visit and its cases are saved together or not at all.
        await using (var transaction = await Db.Database.BeginTransactionAsync())
        {
            Db.Visits.Add(visit);
            await Db.SaveChangesAsync();
            var saved = await LinkCasesAsync(visit);
            if (saved)
            {
                try
                {
                    await Db.SaveChangesAsync();
                }
                catch (DbUpdateConcurrencyException)
                {
                    ModelState.AddModelError("", L[Concurrency.StaleEdit]);
                    saved = false;
                }
            }
            if (!saved)
            {
                await transaction.RollbackAsync();
                Db.ChangeTracker.Clear();
                return Page();
            }
            await transaction.CommitAsync();
        }
        // A visit on a published duty day: the rota's clerks are told and offered the fair substitute on the month page.
        var duties = await repairs.NotifyAwayAsync(visit.LeaderId, visit.Date, visit.Date, Me.UserId);
        await Db.SaveChangesAsync();
        var date = DateText.Of(visit.Date);
        if (Conflicts.Count > 0)
            Status.Set(TempData, L["Planned the visit on {0}, although the leader has something else that day.", date] + AwayWarning(duties), Status.Warning);
        else
            Status.Set(TempData, L["Planned the visit on {0}.", date]);
        return RedirectToPage("Index", new { month = DateText.Month(new DateOnly(visit.Date.Year, visit.Date.Month, 1)) });
    }
}
