using Reception.Core.Rotas.Model;
using Reception.Web.Features.Calendar;

namespace Reception.Web.Features.Rotas;

/// <summary>Changes one slot by hand: another member of the rule, or no duty at all. The change survives regeneration.</summary>
[Authorize(Roles = Roles.AdminOrClerk)]
public sealed class SlotModel(AppDbContext db, CurrentUser me, RotaPlanner planner, HolidayCalendarService calendars, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "rule")] public int RuleId { get; set; }
    [BindProperty(SupportsGet = true, Name = "month")] public string? MonthText { get; set; }
    [BindProperty(SupportsGet = true, Name = "date")] public DateOnly Date { get; set; }
    [BindProperty(SupportsGet = true, Name = "session")] public int Session { get; set; }
    [BindProperty] public int? LeaderId { get; set; }

    public DutyRule Rule { get; private set; } = null!;
    public DateOnly Month { get; private set; }
    public int? CurrentLeaderId { get; private set; }
    public bool IsCancelled { get; private set; }
    public IReadOnlyList<Choice> Choices { get; private set; } = [];
    public string SessionName => Rule.Sessions.First(s => s.Index == Session).Name;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        LeaderId = CurrentLeaderId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync() => await SaveAsync(cancel: false);

    public async Task<IActionResult> OnPostCancelDutyAsync() => await SaveAsync(cancel: true);

    private async Task<IActionResult> SaveAsync(bool cancel)
    {
        if (!await LoadAsync()) return NotFound();
        if (!cancel)
        {
            var choice = Choices.FirstOrDefault(c => c.LeaderId == LeaderId);
            if (choice is null) ModelState.AddModelError(nameof(LeaderId), l["Choose a leader of this rule."]);
            else if (choice.Busy is not null) ModelState.AddModelError(nameof(LeaderId), l["{0} is not available that day: {1}", choice.Name, choice.Busy]);
        }
        var calendar = await calendars.GetAsync();
        if (!cancel && !calendar.IsWorkingDay(Date))
            ModelState.AddModelError(nameof(LeaderId), l["{0} is not a working day.", DateText.Of(Date)]);
        if (!ModelState.IsValid) return Page();

        var rota = await db.RotaMonths.SingleOrDefaultAsync(m => m.DutyRuleId == RuleId && m.Month == Month);
        if (rota is null)
        {
            rota = new RotaMonth(RuleId, Month);
            db.RotaMonths.Add(rota);
            await db.SaveChangesAsync();
        }
        await planner.SetSlotAsync(rota, Date, Session, cancel ? null : LeaderId);
        await db.SaveChangesAsync();
        Status.Set(TempData, cancel
            ? l["No duty on {0} {1} any more.", DateText.Of(Date), SessionName]
            : l["{0} {1}: {2} is on duty.", DateText.Of(Date), SessionName, Choices.First(c => c.LeaderId == LeaderId).Name]);
        return RedirectToPage("Month", new { rule = RuleId, month = MonthText });
    }

    private async Task<bool> LoadAsync()
    {
        if (DateText.ParseMonth(MonthText) is not { } month) return false;
        if (Date < month || Date > month.AddMonths(1).AddDays(-1)) return false;
        var rule = await db.FindRuleAsync(me.Scope, RuleId);
        if (rule is null || rule.Sessions.All(s => s.Index != Session)) return false;
        Rule = rule;
        Month = month;

        var current = await db.DutyAssignments.AsNoTracking()
            .Where(a => a.RotaMonth!.DutyRuleId == RuleId && a.Date == Date && a.SessionIndex == Session)
            .Select(a => new { a.LeaderId, a.IsCancelled }).SingleOrDefaultAsync();
        CurrentLeaderId = current is { IsCancelled: false } ? current.LeaderId : null;
        IsCancelled = current?.IsCancelled == true;

        var ids = rule.Members.Select(m => m.LeaderId).ToList();
        var away = await db.Unavailabilities.AsNoTracking().Where(u => ids.Contains(u.LeaderId) && u.From <= Date && u.To >= Date)
            .Select(u => new { u.LeaderId, u.Reason }).ToListAsync();
        var visiting = await db.Visits.AsNoTracking().Where(v => ids.Contains(v.LeaderId) && v.Date == Date && v.Status != VisitStatus.Cancelled)
            .Select(v => v.LeaderId).ToListAsync();
        Choices = (await db.Leaders.AsNoTracking().Where(x => ids.Contains(x.Id) && x.IsActive)
                .OrderBy(x => x.RotationOrder).ThenBy(x => x.Id).Select(x => new { x.Id, x.Name, x.Title }).ToListAsync())
            .Select(x => new Choice(x.Id, x.Name, x.Title,
                away.FirstOrDefault(a => a.LeaderId == x.Id) is { } a ? l.Label(a.Reason) : visiting.Contains(x.Id) ? l["On a village visit"].Value : null))
            .ToList();
        return true;
    }

    public sealed record Choice(int LeaderId, string Name, string Title, string? Busy);
}
