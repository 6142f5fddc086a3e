using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;

namespace Reception.Web.Features.Cases.Papers;

/// <summary>What the printed papers of one case show: the case (loaded in the user's scope), the names they print and today in China.</summary>
/// <param name="Office">The name of the registering unit: the office that issues the paper.</param>
public sealed record CasePaper(PetitionCase Case, string Office, IReadOnlyDictionary<int, string> Units, string? OwnerLeader, string Category,
    IReadOnlyList<CaseClockLine> Clocks, DeadlineAnswer? AppealWindow, DateOnly Today)
{
    public string Unit(int? id) => id is { } i ? Units.GetValueOrDefault(i, "") : "";

    /// <summary>The handling unit, or while routed, the unit it was transferred to.</summary>
    public string HandlingUnit => Unit(Case.HandlingUnitId ?? Case.TransferredToUnitId);

    public IEnumerable<string> CoHandlingUnits => Case.CoHandlingUnitIds.Select(id => Unit(id));

    /// <summary>The due date of the clock with <paramref name="code"/> (a <see cref="DeadlineRules"/> code), if it ran.</summary>
    public DateOnly? Due(string code) => Clocks.FirstOrDefault(c => c.Rule.Code == code)?.Answer.DueDate;
}

/// <summary>
/// Loads a case for a printed paper exactly as the case page does: in the user's scope (null = 404), with the office's
/// name, the units and the owning leader, the clocks and the date in China (through <see cref="TimeProvider"/>).
/// </summary>
public sealed class CasePapers(AppDbContext db, CurrentUser me, CaseService cases)
{
    public async Task<CasePaper?> LoadAsync(int id, CancellationToken ct = default)
    {
        var c = await db.LoadCaseAsync(me.Scope, id, tracking: false, ct);
        if (c is null) return null;
        var unitIds = new[] { c.OrgUnitId, c.HandlingUnitId, c.TransferredToUnitId, c.StabilityControlUnitId }.OfType<int>()
            .Concat(c.CoHandlingUnitIds).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(o => unitIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var leader = c.OwnerLeaderId is { } leaderId
            ? await db.Leaders.AsNoTracking().Where(x => x.Id == leaderId).Select(x => x.Name + "（" + x.Title + "）").SingleOrDefaultAsync(ct)
            : null;
        var category = await db.CaseCategories.AsNoTracking().Where(x => x.Code == c.CategoryCode).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? c.CategoryCode;
        var calendar = await cases.CalendarAsync(ct);
        var today = cases.Today;
        return new CasePaper(c, units[c.OrgUnitId], units, leader, category, CaseClocks.All(c, cases.Rules.Deadlines, calendar, today),
            CaseClocks.AppealWindow(c, cases.Rules.Deadlines, calendar, today), today);
    }
}
