using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Rotas.Model;
using Reception.Core.Time;
using Reception.Web.Features.Rotas.Duty;

namespace Reception.Web.Features.Rotas.Swaps;

/// <summary>
/// Step 1 lists the duties one can ask about (a leader: their own upcoming duties; a clerk: every upcoming
/// duty in scope, by month). Step 2 (?assignment=…) asks a colleague to swap or to cover. A leader's request
/// waits for the colleague and a clerk; a clerk acting on someone's behalf applies it at once (DoneByClerk).
/// </summary>
[Authorize(Roles = IndexModel.SwapRoles)]
public sealed class CreateModel(AppDbContext db, CurrentUser me, RotaPlanner planner, Notifier notifier, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string NotYourDuty = "You can only ask about your own duties.";

    private readonly SwapService swaps = new(db, planner, notifier, clock);

    [BindProperty(SupportsGet = true, Name = "assignment")] public int? AssignmentId { get; set; }
    [BindProperty(SupportsGet = true, Name = "month")] public string? MonthText { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public SwapInput Input { get; set; } = new();

    public bool IsClerk => me.Scope.ManagesRotas;
    public Paged<DutySlot>? Duties { get; private set; }
    public DutySlot? Mine { get; private set; }

    /// <summary>Why no request can be made for this duty (the form is not shown).</summary>
    public string? Refusal { get; private set; }
    public IReadOnlyList<SelectListItem> TheirDuties { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Colleagues { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (AssignmentId is null)
        {
            await ListAsync();
            return Page();
        }
        if (!await LoadAsync()) return NotFound();
        Input.Kind = SwapKind.Swap;
        return Page();
    }

    [Idempotent] // a double-submitted form creates one record
    public async Task<IActionResult> OnPostAsync()
    {
        if (AssignmentId is null || !await LoadAsync()) return NotFound();
        if (Refusal is not null)
        {
            ModelState.AddModelError("", Refusal);
            return Page();
        }
        var mine = Mine!;
        DutySlot? theirs = null;
        int? counterpartId = null;
        if (Input.Kind == SwapKind.Swap)
        {
            theirs = Input.CounterpartAssignmentId is { } tid ? await swaps.Slots().VisibleTo(me.Scope).SingleOrDefaultAsync(s => s.Id == tid) : null;
            if (theirs is null) ModelState.AddModelError("Input.CounterpartAssignmentId", l["Choose the colleague's duty to take in exchange."]);
            counterpartId = theirs?.LeaderId;
        }
        else if (Input.Kind == SwapKind.Cover)
        {
            counterpartId = Input.CounterpartLeaderId;
            if (counterpartId is null) ModelState.AddModelError("Input.CounterpartLeaderId", l["Choose the colleague who covers the duty."]);
            else if (!Colleagues.Any(c => c.Value == counterpartId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                ModelState.AddModelError("Input.CounterpartLeaderId", l["Choose a member of this rota from the list."]);
        }
        if (ModelState.IsValid)
        {
            foreach (var problem in await swaps.CheckAsync(Input.Kind!.Value, mine, counterpartId!.Value, theirs))
                ModelState.AddModelError("", l.Text(problem));
        }
        if (!ModelState.IsValid) return Page();

        await using var tx = await db.Database.BeginTransactionAsync();
        if (IsClerk)
        {
            var done = swaps.DoneByClerk(Input.Kind!.Value, mine, counterpartId!.Value, theirs, Input.Reason, me.UserId!);
            var months = await swaps.ApplyAsync(done, undo: false);
            await db.SaveChangesAsync();
            var versions = await swaps.PublishAsync(done, months, me.DisplayName);
            await swaps.NotifyAsync(done, SwapAction.DoneByClerk, me);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            Status.Set(TempData, l["Done: the rota is changed and published as version {0}.", string.Join(", ", versions)]);
            return RedirectToPage("Detail", new { id = done.Id });
        }

        var request = swaps.Request(Input.Kind!.Value, mine, counterpartId!.Value, theirs, Input.Reason, me.UserId!);
        await db.SaveChangesAsync();
        await swaps.NotifyAsync(request, SwapAction.Requested, me);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        var colleague = await db.Leaders.Where(x => x.Id == counterpartId).Select(x => x.Name).SingleAsync();
        Status.Set(TempData, l["Your request has been sent to {0}. A clerk approves it after {0} accepts.", colleague]);
        return RedirectToPage("Detail", new { id = request.Id });
    }

    private async Task ListAsync()
    {
        var query = swaps.Upcoming(swaps.Slots().VisibleTo(me.Scope));
        if (IsClerk)
        {
            if (DateText.ParseMonth(MonthText) is { } month)
            {
                var last = month.AddMonths(1).AddDays(-1);
                query = query.Where(s => s.Date >= month && s.Date <= last);
            }
        }
        else
        {
            var leaderId = me.LeaderId ?? -1;
            query = query.Where(s => s.LeaderId == leaderId);
        }
        Duties = await query.OrderBy(s => s.Date).ThenBy(s => s.SessionIndex).ThenBy(s => s.Id).ToPagedAsync(PageNumber);
    }

    /// <summary>Loads the duty (false: not in scope) and the choices; sets <see cref="Refusal"/> when no request is possible.</summary>
    private async Task<bool> LoadAsync()
    {
        Mine = await swaps.Slots().VisibleTo(me.Scope).SingleOrDefaultAsync(s => s.Id == AssignmentId);
        if (Mine is null) return false;
        if (!IsClerk && Mine.LeaderId != me.LeaderId)
        {
            Refusal = l[NotYourDuty];
            return true;
        }
        if (Mine.Date < ChinaTime.Today(clock))
        {
            Refusal = l[SwapService.PastDuty, DateText.Of(Mine.Date)];
            return true;
        }
        if (Mine.IsCancelled || !Mine.IsPublished)
        {
            Refusal = l[SwapService.NotPublished, DateText.Of(Mine.Date)];
            return true;
        }

        var mine = Mine;
        var theirs = await swaps.Upcoming(swaps.Slots())
            .Where(s => s.DutyRuleId == mine.DutyRuleId && s.LeaderId != mine.LeaderId)
            .OrderBy(s => s.Date).ThenBy(s => s.SessionIndex).Take(200).ToListAsync();
        TheirDuties = theirs.Select(s => new SelectListItem($"{DutyText.Slot(l, s.Date, s.SessionName)} · {s.LeaderName}",
            s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Id == Input.CounterpartAssignmentId)).ToList();
        var colleagues = await (from m in db.Set<DutyRuleMember>()
                                join x in db.Leaders on m.LeaderId equals x.Id
                                where m.DutyRuleId == mine.DutyRuleId && x.Id != mine.LeaderId && x.IsActive
                                orderby x.RotationOrder, x.Id
                                select new { x.Id, x.Name, x.Title }).ToListAsync();
        Colleagues = colleagues.Select(c => new SelectListItem($"{c.Name} · {c.Title}",
            c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Id == Input.CounterpartLeaderId)).ToList();
        return true;
    }
}

public sealed class SwapInput
{
    [Required(ErrorMessage = "Choose the {0}.")]
    [Display(Name = "Kind of request")]
    public SwapKind? Kind { get; set; }

    [Display(Name = "Colleague's duty")]
    public int? CounterpartAssignmentId { get; set; }

    [Display(Name = "Colleague")]
    public int? CounterpartLeaderId { get; set; }

    [Display(Name = "Reason")]
    [StringLength(SwapRequest.ReasonMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
    public string? Reason { get; set; }
}
