using Reception.Core.Cases;

namespace Reception.Web.Features.Cases.Papers;

/// <summary>
/// The 交办单 that goes with an assigned case to the owning leader and the units: the case (no petitioner's personal data —
/// the paper is not addressed to them), the owning leader, the units, the 包案 checklist, the due dates and the 交办意见
/// (the leaders' instructions, and room to write). Everyone who sees the case may print it once it is assigned.
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Leader + "," + Roles.Supervisor + "," + Roles.UnitHandler)]
public sealed class AssignmentModel(CasePapers papers, AppDbContext db, CurrentUser me) : CasePaperPage(papers)
{
    public IReadOnlyList<(string Text, bool Done)> Checklist { get; private set; } = [];
    public IReadOnlyList<string> Instructions { get; private set; } = [];

    /// <summary>Free text as this user may read it (ID and phone numbers masked unless they see personal data).</summary>
    public string Free(string? text) => me.Scope.FreeText(text);

    protected override bool Exists(PetitionCase c) => c.OwnerLeaderId is not null && c.AssignedAtUtc is not null;

    public override async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var items = await db.ChecklistItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync(HttpContext.RequestAborted);
        Checklist = items.Select(i => (i.Text, Case.Checklist.Any(e => e.ItemId == i.Id && e.IsDone))).ToList();
        Instructions = Case.Events.Select(e => e.Change).OfType<Reception.Core.Cases.History.InstructionAdded>().Select(i => i.Text).ToList();
        return Page();
    }
}
