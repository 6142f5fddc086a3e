using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Web.Features.Calendar;

namespace Reception.Web.Features.Rotas;

/// <summary>
/// Generate → preview with every warning → save as draft. The generator is deterministic, so the
/// save runs it again on the same inputs instead of trusting anything posted back.
/// </summary>
[Authorize(Roles = Roles.AdminOrClerk)]
public sealed class GenerateModel(AppDbContext db, CurrentUser me, RotaPlanner planner, HolidayCalendarService calendars, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "rule")] public int RuleId { get; set; }
    [BindProperty(SupportsGet = true, Name = "month")] public string? MonthText { get; set; }

    public DutyRule Rule { get; private set; } = null!;
    public DateOnly Month { get; private set; }
    public RotaGenerationResult Result { get; private set; } = null!;
    public DutyGrid Grid { get; private set; } = null!;
    public IReadOnlyDictionary<int, string> LeaderNames { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyList<string> RuleProblems { get; private set; } = [];
    public bool IsPublished { get; private set; }

    /// <summary>Sessions closed on purpose in this month; saving keeps them closed.</summary>
    public int ClosedCount { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (RuleProblems.Count > 0) return Page();
        await planner.SaveAsync(Rule, Month, Result);
        await db.SaveChangesAsync();
        Status.Set(TempData, IsPublished
            ? l["Saved. The new duties are in the working copy; publish to make them public."]
            : l["Saved as a draft. Check it, change single days if needed, then publish."]);
        return RedirectToPage("Month", new { rule = RuleId, month = MonthText });
    }

    private async Task<bool> LoadAsync()
    {
        if (DateText.ParseMonth(MonthText) is not { } month) return false;
        var rule = await db.FindRuleAsync(me.Scope, RuleId, tracking: true);
        if (rule is null) return false;
        Rule = rule;
        Month = month;
        var engineRule = await planner.RuleAsync(rule);
        RuleProblems = engineRule.Validate().Select(m => l.Text(m)).ToList();
        if (RuleProblems.Count > 0) return true;

        Result = await planner.GenerateAsync(rule, month);
        IsPublished = await db.RotaMonths.AnyAsync(m => m.DutyRuleId == RuleId && m.Month == month && m.PublishedNumber > 0);
        var ids = Result.Assignments.Select(a => a.LeaderId).Concat(Result.OwedLedger.Select(o => o.LeaderId)).Concat(Result.Counts.Select(c => c.LeaderId)).Distinct().ToList();
        var leaders = await db.Leaders.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => new { x.Id, x.Name, x.Title }).ToListAsync();
        LeaderNames = leaders.ToDictionary(x => x.Id, x => x.Name);
        var calendar = await calendars.GetAsync();
        Grid = new DutyGrid(month, rule.Sessions.OrderBy(s => s.Index).Select(s => s.Name).ToList(), calendar);
        foreach (var a in Result.Assignments)
        {
            var leader = leaders.First(x => x.Id == a.LeaderId);
            Grid.Cells[(a.Date, a.SessionIndex)] = new DutyCell(leader.Name, leader.Title, Css: a.IsKept ? "kept" : null);
        }
        // Sessions the clerk closed stay closed when the preview is saved (the generator left them alone).
        var closed = await db.DutyAssignments.AsNoTracking()
            .Where(a => a.RotaMonth!.DutyRuleId == RuleId && a.RotaMonth.Month == month && a.IsCancelled && a.Source == DutySource.Manual)
            .Select(a => new { a.Date, a.SessionIndex }).ToListAsync();
        foreach (var c in closed.Where(c => !Grid.Cells.ContainsKey((c.Date, c.SessionIndex))))
            Grid.Cells[(c.Date, c.SessionIndex)] = DutyCell.ClosedSession();
        ClosedCount = closed.Count;
        return true;
    }

    public string Name(int? leaderId) => leaderId is { } id && LeaderNames.TryGetValue(id, out var n) ? n : "";
}
