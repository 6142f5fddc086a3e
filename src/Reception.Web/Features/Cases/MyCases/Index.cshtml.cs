using Reception.Core.Cases;

namespace Reception.Web.Features.Cases.MyCases;

/// <summary>
/// A leader's cases — those they own (包案) or received on duty or a visit — in sections (overdue, due within 7 days, other
/// cases in hand, recently finished), and the leader's figures over the cases they own, with the metrics page's definitions.
/// </summary>
[Authorize(Roles = Roles.Leader)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, CaseService cases, CaseMetrics metrics, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int DueSoonDays = 7;
    public const int RecentlyFinishedCount = 20;

    public IReadOnlyList<CaseListRow> Overdue { get; private set; } = [];
    public IReadOnlyList<CaseListRow> DueSoon { get; private set; } = [];
    public IReadOnlyList<CaseListRow> OtherInHand { get; private set; } = [];
    public IReadOnlyList<CaseListRow> RecentlyFinished { get; private set; } = [];
    public CaseFigures Figures { get; private set; } = CaseFigures.None;
    public int? LeaderId => me.LeaderId;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Figures = await metrics.FiguresAsync(Mine().Where(c => c.OwnerLeaderId == LeaderId), ct);
        return Page();
    }

    /// <summary>The sections as one CSV (no petitioner data: leaders see it masked).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var sections = new (string Name, IReadOnlyList<CaseListRow> Rows)[]
        {
            (l["Overdue"], Overdue), (l["Due within {0} days", DueSoonDays], DueSoon), (l["Other cases in hand"], OtherInHand), (l["Recently finished"], RecentlyFinished),
        };
        var section = sections.SelectMany(s => s.Rows.Select(r => (r.Id, s.Name))).ToDictionary(p => p.Id, p => p.Name);
        return CaseCsv.File($"my-cases-{DateText.Of(cases.Today)}.csv",
            CaseCsv.Lines(l, sections.SelectMany(s => s.Rows), petitionerNames: null, section: r => section[r.Id], freeText: me.Scope.FreeText));
    }

    /// <summary>
    /// All the leader's cases as the 台账 (.xlsx), newest first, with ID numbers, phones and addresses masked as the case
    /// page shows them to a leader.
    /// </summary>
    public IActionResult OnGetXlsx() =>
        Ledger.LedgerExport.For(db, Mine().OrderByDescending(c => c.ReceivedOn).ThenByDescending(c => c.Id), me.Scope, cases.Rules, l,
            Ledger.LedgerFormat.Xlsx, $"my-ledger-{DateText.Of(cases.Today)}", "/Cases/MyCases/Index?handler=Xlsx");

    /// <summary>Owned or received: exactly what <see cref="ScopeFilters"/> lets a leader see.</summary>
    private IQueryable<PetitionCase> Mine() => db.Cases.AsNoTracking().VisibleTo(db, me.Scope);

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = cases.Today;
        var soon = today.AddDays(DueSoonDays);
        // A leader holds tens of cases at a time, not thousands: the cases not yet finished in one query, split here.
        var inHand = await CaseListQuery.Project(Mine().Where(CaseStates.NotIn(CaseStates.Final)),
            db, CaseSort.DueSoonest).ToListAsync(ct);
        Overdue = inHand.Where(c => c.IsOpen && c.DueOn < today).ToList();
        DueSoon = inHand.Where(c => c.IsOpen && c.DueOn >= today && c.DueOn <= soon).ToList();
        OtherInHand = inHand.Except(Overdue).Except(DueSoon).OrderByDescending(c => c.IsOpen).ThenBy(c => c.DueOn is null).ThenBy(c => c.DueOn)
            .ThenByDescending(c => c.ReceivedOn).ToList();
        var finished = Mine().Where(CaseStates.In(CaseStates.Final))
            .OrderByDescending(c => c.ClosedAtUtc ?? c.TerminatedAtUtc).ThenByDescending(c => c.Id).Take(RecentlyFinishedCount);
        RecentlyFinished = (await CaseListQuery.Project(finished, db).ToListAsync(ct))
            .OrderByDescending(c => c.ClosedAtUtc).ThenByDescending(c => c.Id).ToList();
    }
}
