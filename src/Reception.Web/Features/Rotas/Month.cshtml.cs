using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reception.Core.Calendar;
using Reception.Core.Rotas.Model;
using Reception.Web.Authorization;
using Reception.Web.Features.Calendar;
using Reception.Web.Data;
using Reception.Web.Features.Rotas;
using Reception.Web.Features.Rotas.Swaps;

namespace Reception.Web.Features.Rotas;

/// <summary>One rule's rota for one month: the grid and the list, its status and version, and the clerk's actions.</summary>
[Authorize(Roles = Roles.OfficeStaff + "," + Roles.Leader)]
public sealed class MonthModel(AppDbContext db, CurrentUser me, RotaPlanner planner, HolidayCalendarService calendars, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "rule")] public int RuleId { get; set; }
    [BindProperty(SupportsGet = true, Name = "month")] public string? MonthText { get; set; }
    [BindProperty] public int RotaVersion { get; set; }

    public DutyRule Rule { get; private set; } = null!;
    public DateOnly Month { get; private set; }
    public RotaMonth? Rota { get; private set; }
    public DutyGrid Grid { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<int> UnknownYears { get; private set; } = [];
    public bool CanEdit => me.IsInRole(Roles.Admin) || me.IsInRole(Roles.Clerk);

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
        var version = await planner.PublishAsync(rota, me.DisplayName);
        if (!await db.TrySaveAsync(rota, seenVersion, ModelState, l))
        {
            await LoadAsync();
            return Page();
        }
        Status.Set(TempData, l["Published version {0}. The public page and the leaders' notifications are updated.", version.Number]);
        return RedirectToPage(new { rule = RuleId, month = MonthText });
    }

    private async Task<bool> LoadAsync()
    {
        if (RotaScope.ParseMonth(MonthText) is not { } month) return false;
        var rule = await db.FindRuleAsync(me, RuleId);
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
        return true;
    }

    public string SessionName(int index) => Rule.Sessions.FirstOrDefault(s => s.Index == index)?.Name ?? "?";

    public sealed record Row(int Id, DateOnly Date, int SessionIndex, int LeaderId, string Leader, string Title, DutySource Source, bool IsCancelled, bool Recorded);
}
