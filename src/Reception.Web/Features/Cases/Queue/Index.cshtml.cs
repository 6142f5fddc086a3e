using Reception.Core.Cases;

namespace Reception.Web.Features.Cases.Queue;

/// <summary>
/// A unit handler's work list: the unit's cases not yet finished (<see cref="ScopeFilters"/> restricts them to the unit),
/// in sections — transferred to the unit (accept or object), assigned to it and not started, in progress (soonest due
/// first), and replied (awaiting evaluation or closure).
/// </summary>
[Authorize(Roles = Roles.UnitHandler)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, CaseService cases, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<CaseListRow> ToAccept { get; private set; } = [];
    public IReadOnlyList<CaseListRow> ToStart { get; private set; } = [];
    public IReadOnlyList<CaseListRow> InProgress { get; private set; } = [];
    public IReadOnlyList<CaseListRow> Replied { get; private set; } = [];
    public int UnitId => me.Scope.HandlerUnitId;
    public string UnitName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        UnitName = await db.OrgUnits.Where(o => o.Id == UnitId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        return Page();
    }

    /// <summary>The sections as one CSV (no petitioner data: unit handlers see it masked).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var sections = new (string Name, IReadOnlyList<CaseListRow> Rows)[]
        {
            (l["To accept or object"], ToAccept), (l["To start"], ToStart), (l["In progress"], InProgress), (l["Replied"], Replied),
        };
        var section = sections.SelectMany(s => s.Rows.Select(r => (r.Id, s.Name))).ToDictionary(p => p.Id, p => p.Name);
        return CaseCsv.File($"queue-{DateText.Of(cases.Today)}.csv",
            CaseCsv.Lines(l, sections.SelectMany(s => s.Rows), petitionerNames: null, section: r => section[r.Id], freeText: me.Scope.FreeText));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var unit = UnitId;
        var rows = await CaseListQuery.Project(
            db.Cases.AsNoTracking().VisibleTo(db, me.Scope).Where(CaseStates.NotIn(CaseStates.Final)),
            db, CaseSort.DueSoonest).ToListAsync(ct);
        ToAccept = rows.Where(c => c.State == CaseState.Transferred && c.TransferredToUnitId == unit).ToList();
        ToStart = rows.Where(c => c.State == CaseState.Assigned && c.HandlingUnitId == unit).ToList();
        Replied = rows.Where(c => c.State is CaseState.Replied or CaseState.Evaluated).OrderByDescending(c => c.ReceivedOn).ThenByDescending(c => c.Id).ToList();
        InProgress = rows.Except(ToAccept).Except(ToStart).Except(Replied).ToList();
    }
}
