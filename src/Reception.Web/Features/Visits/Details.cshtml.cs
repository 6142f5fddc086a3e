using Reception.Core.Rotas.Model;

namespace Reception.Web.Features.Visits;

/// <summary>One visit with its outcome, and what else the leader has that day.</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Clerk + "," + Roles.Leader + "," + Roles.Supervisor)]
public sealed class DetailsModel(AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public Shown Visit { get; private set; } = null!;
    public IReadOnlyList<VisitConflict> Conflicts { get; private set; } = [];
    /// <summary>The cases taken on the visit (or the case of a 约访) that the user can see; <see cref="HiddenCases"/> counts the others.</summary>
    public IReadOnlyList<LinkedCase> Cases { get; private set; } = [];
    public int HiddenCases { get; private set; }

    /// <summary>Administrators see visits but no cases.</summary>
    public bool SeesCases => !me.IsInRole(Roles.Admin);

    /// <summary>The cases registered on the visit (下访发现), those the user may see.</summary>
    public IReadOnlyList<Reception.Web.Features.Cases.RegisteredCase> Registered { get; private set; } = [];
    public bool CanEdit => !me.IsInRole(Roles.Supervisor);

    /// <summary>A clerk registers the petitions received on the visit from here (the case records it as its source).</summary>
    public bool CanRegisterCase => me.IsInRole(Roles.Clerk);

    public async Task<IActionResult> OnGetAsync()
    {
        var visit = await (from v in db.Visits.AsNoTracking().VisibleTo(db, me.Scope)
                           join x in db.Leaders on v.LeaderId equals x.Id
                           join o in VisitDestinations.Of(db) on v.DestinationId equals o.Id
                           where v.Id == Id
                           select new Shown(v.Id, x.Name, x.Title, v.Date,
                               o.Label,
                               v.Purpose, v.AccompanyingUnits, v.Status, v.Outcome, v.LeaderId, v.UpdatedAtUtc, v.Kind)).SingleOrDefaultAsync();
        if (visit is null) return NotFound();
        Visit = visit;
        var linked = db.VisitCases.Where(l => l.VisitId == visit.Id).Select(l => l.PetitionCaseId);
        var cases = await db.Cases.AsNoTracking().VisibleTo(db, me.Scope).Where(c => linked.Contains(c.Id))
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.Number }).ToListAsync();
        Cases = cases.Select(c => new LinkedCase(c.Id, c.Number.ToString())).ToList();
        HiddenCases = await linked.CountAsync() - Cases.Count;
        Registered = await Reception.Web.Features.Cases.RegisteredCases.FromVisitAsync(db, me.Scope, visit.Id);
        if (visit.Status != VisitStatus.Cancelled) Conflicts = await VisitConflicts.FindAsync(db, visit.LeaderId, visit.Date, visit.Id);
        return Page();
    }

    public sealed record Shown(int Id, string Leader, string Title, DateOnly Date, string Destination, string Purpose, string? AccompanyingUnits,
        VisitStatus Status, string? Outcome, int LeaderId, DateTime UpdatedAtUtc, VisitKind Kind);

    public sealed record LinkedCase(int Id, string Number);
}
