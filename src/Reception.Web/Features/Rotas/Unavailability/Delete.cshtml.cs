using Reception.Core.Rotas;

namespace Reception.Web.Features.Rotas.Unavailability;

/// <summary>Asks, then deletes an entry (nothing refers to one, so it really goes; the next rota generation no longer skips those days).</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Clerk + "," + Roles.Leader)]
public sealed class DeleteModel(AppDbContext db, CurrentUser me, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public Entry Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await FindAsync() is not { } entry) return NotFound();
        Shown = entry;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await FindAsync() is not { } entry) return NotFound();
        db.Unavailabilities.Remove(await db.Unavailabilities.SingleAsync(u => u.Id == entry.Id));
        await db.SaveChangesAsync();
        Status.Set(TempData, l["Deleted the {3} of {0} from {1} to {2}.", entry.Leader,
            DateText.Of(entry.From), DateText.Of(entry.To), l.Label(entry.Reason)]);
        return RedirectToPage("Index");
    }

    private Task<Entry?> FindAsync() =>
        (from u in db.Unavailabilities.AsNoTracking().VisibleTo(db, me.Scope)
         join x in db.Leaders on u.LeaderId equals x.Id
         where u.Id == Id
         select new Entry(u.Id, x.Name, u.From, u.To, u.Reason, u.Note)).SingleOrDefaultAsync();

    public sealed record Entry(int Id, string Leader, DateOnly From, DateOnly To, UnavailabilityReason Reason, string? Note);
}
