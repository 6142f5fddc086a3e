using Reception.Core.Cases;
using Reception.Web.Data.PersonalData;

namespace Reception.Web.Features.Cases;

/// <summary>One matter of a person on the petitioner page.</summary>
public sealed record PetitionerMatter(int CaseId, CaseNumber Number, DateOnly ReceivedOn, string? CategoryName, string Summary, CaseState State,
    CaseFlags Flags, string Name)
{
    public bool IsOpen => PetitionCase.IsOpenState(State);
}

/// <summary>
/// "Has this person been here before?" (issue 17 item 2): everyone on the cases this user may see who has the same ID number
/// as the petitioner row <c>{id}</c> — compared by the blind index, never the clear number — with their matters oldest first,
/// the 重复访 and 越级 flags, and how many are still open. The address carries the petitioner row's id, never the ID number.
/// A petitioner recorded without an ID number has only their own matter. A row on a case the user may not see is 404.
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Leader + "," + Roles.Supervisor + "," + Roles.UnitHandler)]
public sealed class PetitionerModel(AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public PetitionerView Person { get; private set; } = null!;
    public bool HasIdentityNumber { get; private set; }
    public IReadOnlyList<PetitionerMatter> Matters { get; private set; } = [];

    /// <summary>The other names the same ID number was recorded under (a typo, a changed name).</summary>
    public IReadOnlyList<string> OtherNames { get; private set; } = [];

    public string Free(string? text) => Person is { Masked: false } ? text ?? "" : PrivacyMask.FreeText(text);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var visible = db.Cases.AsNoTracking().VisibleTo(db, me.Scope);
        var row = await db.CasePetitioners.AsNoTracking()
            .Where(p => p.Id == Id && visible.Any(c => c.Id == EF.Property<int>(p, "PetitionCaseId")))
            .Select(p => new { Petitioner = p, CaseId = EF.Property<int>(p, "PetitionCaseId"), Index = EF.Property<string?>(p, CasePetitionerProtection.IdentityNumberIndex) })
            .SingleOrDefaultAsync(ct);
        if (row is null) return NotFound();

        // Unmasked only for the owning scope's clerks and supervisors of the case this row belongs to (issue 16 item 4).
        var owningCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == row.CaseId, ct);
        var seesPersonalData = CaseOperations.SeesPersonalData(CaseAccess.ActorOf(me.Scope, me.UserId), owningCase, await db.UnitPathsAsync(owningCase, ct));
        Person = PetitionerView.Of(row.Petitioner, seesPersonalData);
        HasIdentityNumber = row.Index is not null;
        var index = row.Index;
        var same = index is null
            ? db.CasePetitioners.Where(p => p.Id == Id)
            : db.CasePetitioners.Where(p => EF.Property<string?>(p, CasePetitionerProtection.IdentityNumberIndex) == index);
        var rows = await (
            from p in same
            join c in visible on EF.Property<int>(p, "PetitionCaseId") equals c.Id
            join k in db.CaseCategories on c.CategoryCode equals k.Code into ks
            from k in ks.DefaultIfEmpty()
            orderby c.ReceivedOn, c.Id
            select new { c.Id, c.Number, c.ReceivedOn, Category = k == null ? null : k.Name, c.Summary, c.State, c.Flags, p.Name }).ToListAsync(ct);
        Matters = rows.GroupBy(r => r.Id)
            .Select(g => g.First())
            .Select(r => new PetitionerMatter(r.Id, r.Number, r.ReceivedOn, r.Category, r.Summary, r.State, r.Flags, r.Name))
            .ToList();
        OtherNames = rows.Select(r => r.Name).Where(n => n != Person.Name).Distinct().ToList();
        if (seesPersonalData && Person.IdentityNumber is not null)
            Reception.Web.Audit.AuditMarks.PersonalDataShown(HttpContext, "petitioner:" + Id.ToString(CultureInfo.InvariantCulture),
                "cases=" + string.Join(",", Matters.Select(m => m.CaseId)));
        return Page();
    }
}
