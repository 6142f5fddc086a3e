using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Web.Features.Calendar;

namespace Reception.Web.Features.Rotas;

/// <summary>One rule's rota for one month: the grid and the list, its status and version, and the clerk's actions.</summary>
[Authorize(Roles = Roles.OfficeStaff + "," + Roles.Leader)]
public sealed class MonthModel(AppDbContext db, CurrentUser me, RotaPlanner planner, RotaRepairs repairs, HolidayCalendarService calendars, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "rule")] public int RuleId { get; set; }
    [BindProperty(SupportsGet = true, Name = "month")] public string? MonthText { get; set; }
    [BindProperty] public int RotaVersion { get; set; }

    /// <summary>The clerk read the risk of publishing a month whose holiday arrangement is not known yet and goes ahead.</summary>
    [BindProperty] public bool ConfirmRisk { get; set; }

    public const string RiskText = "The official holiday arrangement for {0} is not published yet: the statutory days are provisional days off, and make-up working days (调休) may still be added. Duties published now may fall on a day that becomes a day off or miss a day that becomes a working day; you will be told and can repair them.";
    public const string RiskConfirm = "I understand; publish anyway";
    public const string RiskRequired = "Confirm that you publish although the holiday arrangement for {0} is not known yet.";

    public DutyRule Rule { get; private set; } = null!;
    public DateOnly Month { get; private set; }
    public RotaMonth? Rota { get; private set; }
    public DutyGrid Grid { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<int> UnknownYears { get; private set; } = [];
    public bool CanEdit => me.IsInRole(Roles.Admin) || me.IsInRole(Roles.Clerk);

    /// <summary>Published duties that no longer hold (a day off now, a working day without duty, a leader away).</summary>
    public IReadOnlyList<RotaIssue> Issues { get; private set; } = [];

    /// <summary>Who the owed-duty ledger would put on each problem slot (null: nobody available).</summary>
    public IReadOnlyDictionary<(DateOnly Date, int Session), int?> Proposal { get; private set; } = new Dictionary<(DateOnly, int), int?>();
    public IReadOnlyDictionary<int, string> ProposedNames { get; private set; } = new Dictionary<int, string>();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostPublishAsync()
    {
        if (!CanEdit) return Forbid();
        var seenVersion = RotaVersion; // LoadAsync shows the current one; the check needs what the clerk saw
        if (!await LoadAsync()) return NotFound();
        var rota = Rota is null ? null : await db.RotaMonths.SingleAsync(m => m.Id == Rota.Id);
        if (rota is null || Rows.Count == 0)
        {
            ModelState.AddModelError("", l["There is nothing to publish yet: generate the rota first."]);
            return Page();
        }
        if (rota.Status == RotaStatus.Published && !rota.HasUnpublishedChanges)
        {
            ModelState.AddModelError("", l["This version is already published; there are no changes since."]);
            return Page();
        }
        if (UnknownYears.Count > 0 && !ConfirmRisk)
        {
            ModelState.AddModelError(nameof(ConfirmRisk), l[RiskRequired, string.Join("、", UnknownYears)]);
            return Page();
        }
        var version = await planner.PublishAsync(rota, me.DisplayName);
        if (!await db.TrySaveAsync(rota, seenVersion, ModelState, l))
        {
            await LoadAsync();
            return Page();
        }
        Status.Set(TempData, l["Published version {0}. The public page and the leaders' notifications are updated.", version.Number]);
        return RedirectToPage(new { rule = RuleId, month = MonthText });
    }

    /// <summary>Regenerates just the listed problem days (the owed-duty ledger decides) and publishes just them.</summary>
    public async Task<IActionResult> OnPostRepairAsync()
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync()) return NotFound();
        if (Issues.Count == 0)
        {
            ModelState.AddModelError("", l["Nothing to repair: the published duties of this month hold."]);
            return Page();
        }
        var rule = (await db.FindRuleAsync(me.Scope, RuleId))!;
        var version = await repairs.RepairAsync(rule, Month, me.DisplayName);
        Status.Set(TempData, version is null
            ? l["Nothing to repair: the published duties of this month hold."]
            : l["Repaired {0} duties and published them as version {1}; other unpublished changes stay drafts.", Issues.Count, version.Number]);
        return RedirectToPage(new { rule = RuleId, month = MonthText });
    }

    private async Task<bool> LoadAsync()
    {
        if (DateText.ParseMonth(MonthText) is not { } month) return false;
        var rule = await db.FindRuleAsync(me.Scope, RuleId);
        if (rule is null) return false;
        Rule = rule;
        Month = month;
        var last = month.AddMonths(1).AddDays(-1);
        Rota = await db.RotaMonths.AsNoTracking().SingleOrDefaultAsync(m => m.DutyRuleId == RuleId && m.Month == month);
        RotaVersion = Rota?.Version ?? 0;
        var calendar = await calendars.GetAsync();
        UnknownYears = calendar.UnknownYearsBetween(month, last);

        var rotaId = Rota?.Id ?? -1;
        Rows = await (from a in db.DutyAssignments.AsNoTracking()
                      join ld in db.Leaders on a.LeaderId equals ld.Id
                      where a.RotaMonthId == rotaId
                      orderby a.Date, a.SessionIndex
                      select new Row(a.Id, a.Date, a.SessionIndex, a.LeaderId, ld.Name, ld.Title, a.Source, a.IsCancelled, a.RecordedAtUtc != null))
            .ToListAsync();

        var sessions = rule.Sessions.OrderBy(s => s.Index).Select(s => s.Name).ToList();
        var canEdit = CanEdit;
        string SlotHref(DateOnly d, int s) => Url.Page("Slot", new { rule = RuleId, month = MonthText, date = DateText.Of(d), session = s })!;
        Grid = new DutyGrid(month, sessions, calendar) { EmptyHref = canEdit ? SlotHref : null };
        foreach (var r in Rows.Where(r => !r.IsCancelled))
        {
            var css = (r.Source != DutySource.Generated ? "kept " : "") + (r.LeaderId == me.LeaderId ? "mine" : "");
            Grid.Cells[(r.Date, r.SessionIndex)] = new DutyCell(r.Leader, r.Title, canEdit ? SlotHref(r.Date, r.SessionIndex) : null, css.Trim());
        }
        foreach (var r in Rows.Where(r => r.IsClosed))
            Grid.Cells[(r.Date, r.SessionIndex)] = DutyCell.ClosedSession(canEdit ? SlotHref(r.Date, r.SessionIndex) : null);

        if (Rota?.PublishedNumber > 0)
        {
            Issues = await repairs.FindAsync(me.Scope, RuleId, month, calendar);
            foreach (var issue in Issues)
            {
                if (!Grid.Marks.TryGetValue(issue.Problem.Date, out var marks)) Grid.Marks[issue.Problem.Date] = marks = [];
                var text = Describe(issue);
                if (!marks.Contains(text)) marks.Add(text);
            }
            if (Issues.Count > 0 && canEdit)
            {
                Proposal = await repairs.ProposalAsync(rule, month, Issues);
                var ids = Proposal.Values.OfType<int>().Distinct().ToList();
                ProposedNames = await db.Leaders.AsNoTracking().Where(x => ids.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name);
            }
        }
        return true;
    }

    public string SessionName(int index) => Rule.Sessions.FirstOrDefault(s => s.Index == index)?.Name ?? "?";

    /// <summary>"节假日仍有值班：张三" and the like, for the list and the grid's mark.</summary>
    public string Describe(RotaIssue issue) => issue.Problem.Kind switch
    {
        RotaProblemKind.DutyOnDayOff => l["Duty on a day off: {0}", issue.LeaderName ?? ""],
        RotaProblemKind.LeaderAway => l["{0} is away ({1})", issue.LeaderName ?? "", l.Label(issue.Problem.Reason ?? UnavailabilityReason.Leave)],
        _ => l["Working day without duty"],
    };

    /// <summary>What the repair would do to one problem slot, by name.</summary>
    public string ProposalText(RotaIssue issue) =>
        Proposal.TryGetValue((issue.Problem.Date, issue.Problem.SessionIndex), out var id) && id is { } leader
            ? l["→ {0} (next in the owed-duty ledger)", ProposedNames.GetValueOrDefault(leader) ?? ""]
            : issue.Problem.Kind == RotaProblemKind.DutyOnDayOff ? l["→ no duty (day off)"] : l["→ nobody is available"];

    public sealed record Row(int Id, DateOnly Date, int SessionIndex, int LeaderId, string Leader, string Title, DutySource Source, bool IsCancelled, bool Recorded)
    {
        public bool IsClosed => IsCancelled && Source == DutySource.Manual;
    }
}
