using Reception.Core.Rotas.Model;
using Reception.Core.Time;

namespace Reception.Web.Features.Rotas.Swaps;

/// <summary>
/// One request: the two duties, its status, the full history, and the buttons the current user may use —
/// the colleague accepts or declines, the requester withdraws, a clerk of the scope approves (applies and
/// publishes), rejects or undoes an approved request.
/// </summary>
[Authorize(Roles = IndexModel.SwapRoles)]
public sealed class DetailModel(AppDbContext db, CurrentUser me, RotaPlanner planner, Notifier notifier, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    private readonly SwapService swaps = new(db, planner, notifier, clock);

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }

    public SwapRequest Swap { get; private set; } = null!;
    public DutySlot Mine { get; private set; } = null!;
    public DutySlot? Theirs { get; private set; }
    public string RequesterName { get; private set; } = "";
    public string CounterpartName { get; private set; } = "";
    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    /// <summary>A clerk approving or undoing publishes the whole working copy of the month, other pending edits included.</summary>
    public bool PublishesOtherChanges { get; private set; }

    public bool IsClerk => me.Scope.ManagesRotas;
    public bool IsRequester => me.LeaderId == Swap.RequesterLeaderId;
    public bool IsCounterpart => me.LeaderId == Swap.CounterpartLeaderId;
    public bool CanAnswer => IsCounterpart && Swap.CanBeAnswered;
    public bool CanWithdraw => IsRequester && Swap.CanBeWithdrawn;
    public bool CanDecide => IsClerk && Swap.CanBeDecided;
    public bool CanUndo => IsClerk && Swap.CanBeUndone;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Version = Swap.Version;
        return Page();
    }

    public Task<IActionResult> OnPostAcceptAsync() =>
        MoveAsync(() => IsCounterpart, (s, u, t) => s.Accept(u, t), SwapAction.Accepted, l["You accepted. A clerk approves the change next."]);

    public Task<IActionResult> OnPostDeclineAsync() =>
        MoveAsync(() => IsCounterpart, (s, u, t) => s.Decline(u, t), SwapAction.Declined, l["You declined the request."]);

    public Task<IActionResult> OnPostWithdrawAsync() =>
        MoveAsync(() => IsRequester, (s, u, t) => s.Withdraw(u, t), SwapAction.Withdrawn, l["You withdrew the request."]);

    public Task<IActionResult> OnPostRejectAsync() =>
        MoveAsync(() => IsClerk, (s, u, t) => s.Reject(u, t), SwapAction.Rejected, l["The request is rejected."]);

    public async Task<IActionResult> OnPostApproveAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!IsClerk) return Forbid();
        if (!Swap.CanBeDecided) return Refuse(l[SwapRequest.NotNow, l.Label(Swap.Status)]);
        if (!SwapService.StillAsExpected(Swap, Mine, Theirs, applied: false)) return Refuse(l[SwapService.RotaChanged]);
        var problems = await swaps.CheckAsync(Swap.Kind, Mine, Swap.CounterpartLeaderId, Theirs, Swap.Id);
        if (problems.Count > 0) return Refuse(problems.Select(p => l.Text(p)).ToArray());
        return await ApplyAsync((s, u, t) => s.Approve(u, t), SwapAction.Approved, undo: false, v => l["Approved: the rota is changed and published as version {0}.", v]);
    }

    public async Task<IActionResult> OnPostUndoAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!IsClerk) return Forbid();
        if (!Swap.CanBeUndone) return Refuse(l[SwapRequest.NotNow, l.Label(Swap.Status)]);
        var today = ChinaTime.Today(clock);
        var past = new[] { Mine, Theirs }.OfType<DutySlot>().FirstOrDefault(s => s.Date < today);
        if (past is not null) return Refuse(l[SwapService.PastDuty, DateText.Of(past.Date)]);
        if (!SwapService.StillAsExpected(Swap, Mine, Theirs, applied: true)) return Refuse(l[SwapService.RotaChanged]);
        return await ApplyAsync((s, u, t) => s.Undo(u, t), SwapAction.Undone, undo: true, v => l["Undone: the duties are back as before, published as version {0}.", v]);
    }

    private async Task<IActionResult> MoveAsync(Func<bool> allowed, Step step, SwapAction action, string done)
    {
        if (!await LoadAsync()) return NotFound();
        if (!allowed()) return Forbid();
        if (step(Swap, me.UserId!, clock.GetUtcNow().UtcDateTime) is { } refusal) return Refuse(l.Text(refusal));
        await swaps.NotifyAsync(Swap, action, me);
        if (!await db.TrySaveAsync(Swap, Version, ModelState, l)) return await ReloadAsync();
        Status.Set(TempData, done);
        return RedirectToPage("Detail", new { id = Id });
    }

    /// <summary>One of the request's named operations: null when done, else why not.</summary>
    private delegate LocalizableMessage? Step(SwapRequest request, string userId, DateTime nowUtc);

    private async Task<IActionResult> ApplyAsync(Step step, SwapAction action, bool undo, Func<string, string> done)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        if (step(Swap, me.UserId!, clock.GetUtcNow().UtcDateTime) is { } refusal) return Refuse(l.Text(refusal));
        var months = await swaps.ApplyAsync(Swap, undo);
        if (!await db.TrySaveAsync(Swap, Version, ModelState, l)) return await ReloadAsync();
        var versions = await swaps.PublishAsync(Swap, months, me.DisplayName);
        await swaps.NotifyAsync(Swap, action, me);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        Status.Set(TempData, done(string.Join(", ", versions)));
        return RedirectToPage("Detail", new { id = Id });
    }

    private PageResult Refuse(params string[] messages)
    {
        foreach (var m in messages) ModelState.AddModelError("", m);
        Version = Swap.Version;
        return Page();
    }

    /// <summary>After a concurrent change: show the request as it is now, with the message already in the model state.</summary>
    private async Task<IActionResult> ReloadAsync()
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync()) return NotFound();
        Version = Swap.Version;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var swap = await db.SwapRequests.VisibleTo(db, me.Scope).Include(r => r.Events).SingleOrDefaultAsync(r => r.Id == Id);
        if (swap is null) return false;
        Swap = swap;
        Mine = (await swaps.SlotAsync(swap.AssignmentId))!;
        Theirs = swap.CounterpartAssignmentId is { } tid ? await swaps.SlotAsync(tid) : null;
        var names = await db.Leaders.AsNoTracking().Where(x => x.Id == swap.RequesterLeaderId || x.Id == swap.CounterpartLeaderId)
            .ToDictionaryAsync(x => x.Id, x => x.Name);
        RequesterName = names[swap.RequesterLeaderId];
        CounterpartName = names[swap.CounterpartLeaderId];
        History = await (from e in db.Set<SwapEvent>().AsNoTracking()
                         where e.SwapRequestId == swap.Id
                         join u in db.Users on e.UserId equals u.Id into us
                         from u in us.DefaultIfEmpty()
                         orderby e.AtUtc, e.Id
                         select new HistoryRow(e.AtUtc, e.Action, u == null ? e.UserId : u.DisplayName, e.Note)).ToListAsync();
        var monthIds = new[] { Mine.RotaMonthId, Theirs?.RotaMonthId ?? Mine.RotaMonthId };
        PublishesOtherChanges = IsClerk && Swap.Status is SwapStatus.Requested or SwapStatus.Accepted or SwapStatus.Approved
            && await db.RotaMonths.AnyAsync(m => monthIds.Contains(m.Id) && m.HasUnpublishedChanges);
        return true;
    }

    public sealed record HistoryRow(DateTime AtUtc, SwapAction Action, string By, string? Note);
}
