using Reception.Core.Rotas.Model;

namespace Reception.Web.Features.Rotas;

/// <summary>Every published version of a month, newest first, with what changed since the one before.</summary>
[Authorize(Roles = Roles.OfficeStaff + "," + Roles.Leader)]
public sealed class VersionsModel(AppDbContext db, CurrentUser me) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "rule")] public int RuleId { get; set; }
    [BindProperty(SupportsGet = true, Name = "month")] public string? MonthText { get; set; }

    public DutyRule Rule { get; private set; } = null!;
    public IReadOnlyList<(RotaVersion Version, IReadOnlyList<DutyChange> Changes)> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (DateText.ParseMonth(MonthText) is not { } month) return NotFound();
        var rule = await db.FindRuleAsync(me.Scope, RuleId);
        if (rule is null) return NotFound();
        Rule = rule;
        var list = await db.RotaVersions.AsNoTracking()
            .Where(v => db.RotaMonths.Any(m => m.Id == v.RotaMonthId && m.DutyRuleId == RuleId && m.Month == month))
            .OrderBy(v => v.Number).ToListAsync();
        Versions = list.Select((v, i) => (v, v.ChangesSince(i == 0 ? null : list[i - 1]))).Reverse().ToList();
        return Page();
    }
}
