using Reception.Core.Notifications;
using Reception.Core.Rotas.Model;
using Reception.Core.Time;

namespace Reception.Web.Features.Rotas.Swaps;

/// <summary>
/// Swaps and substitutions (DESIGN.md "Rotas"): the checks a request must pass, the state changes with
/// their history and notifications, and applying an approved request to the rota (then publishing the
/// month's next version). Like <see cref="RotaPlanner"/>, it only stages changes; the pages save.
/// </summary>
public sealed class SwapService(AppDbContext db, RotaPlanner planner, Notifier notifier, TimeProvider clock)
{
    public const string SameLeader = "Choose a colleague: a leader cannot swap with themselves.";
    public const string PastDuty = "The duty on {0} is in the past and can no longer be swapped or covered.";
    public const string NotPublished = "The duty on {0} is not in a published rota.";
    public const string OtherRule = "The colleague's duty must be in the same rota as yours.";
    public const string NotMember = "{0} is not a member of this rota.";
    public const string Inactive = "{0} is deactivated.";
    public const string Unavailable = "{0} is not available on {1} (leave, travel, a meeting or a visit).";
    public const string AlreadyOnDuty = "{0} is already on duty at that time ({1}).";
    public const string OpenRequest = "There is already an open swap request for the duty on {0}.";
    public const string RotaChanged = "The rota has changed since this request was made (the duty now has another leader); change it on the rota instead.";
    public const string SwapText = "{0} ({1}) and {2} ({3}) exchange duties.";
    public const string CoverText = "{2} covers the duty of {0} on {1}.";
    public const string NotificationTitle = "Swap request #{0}: {1}";
    public const string NotificationBody = "{0} By {1}.";

    /// <summary>Every duty slot, published or not (<see cref="DutySlots.Of"/>); scope it with <c>VisibleTo</c>.</summary>
    public IQueryable<DutySlot> Slots() => DutySlots.Of(db);

    /// <summary>Upcoming duties that can be swapped: today or later (Asia/Shanghai), not cancelled, in a published month.</summary>
    public IQueryable<DutySlot> Upcoming(IQueryable<DutySlot> slots)
    {
        var today = ChinaTime.Today(clock);
        return slots.Where(s => s.Date >= today && !s.IsCancelled && s.IsPublished);
    }

    public Task<DutySlot?> SlotAsync(int id, CancellationToken ct = default) =>
        Slots().SingleOrDefaultAsync(s => s.Id == id, ct);

    /// <summary>
    /// Everything that forbids the request (empty: it may go ahead): past or unpublished duties, a duty of
    /// another rota, a colleague who is not a member, deactivated, unavailable or already on duty then, and
    /// an open request for either duty (other than <paramref name="requestId"/>).
    /// </summary>
    public async Task<IReadOnlyList<LocalizableMessage>> CheckAsync(SwapKind kind, DutySlot mine, int counterpartLeaderId, DutySlot? theirs,
        int? requestId = null, CancellationToken ct = default)
    {
        var problems = new List<LocalizableMessage>();
        if (counterpartLeaderId == mine.LeaderId)
        {
            problems.Add(new(SameLeader));
            return problems;
        }
        var today = ChinaTime.Today(clock);
        DutySlot[] slots = theirs is null ? [mine] : [mine, theirs];
        foreach (var slot in slots)
        {
            if (slot.Date < today) problems.Add(new(PastDuty, DateText.Of(slot.Date)));
            else if (slot.IsCancelled || !slot.IsPublished) problems.Add(new(NotPublished, DateText.Of(slot.Date)));
        }
        if (kind == SwapKind.Swap && theirs is not null && theirs.DutyRuleId != mine.DutyRuleId) problems.Add(new(OtherRule));

        var people = await db.Leaders.AsNoTracking().Where(l => l.Id == mine.LeaderId || l.Id == counterpartLeaderId)
            .ToDictionaryAsync(l => l.Id, l => (l.Name, l.IsActive), ct);
        var colleague = people.GetValueOrDefault(counterpartLeaderId);
        var requester = people.GetValueOrDefault(mine.LeaderId);
        if (!colleague.IsActive) problems.Add(new(Inactive, colleague.Name ?? ""));
        if (kind == SwapKind.Cover
            && !await db.Set<DutyRuleMember>().AnyAsync(m => m.DutyRuleId == mine.DutyRuleId && m.LeaderId == counterpartLeaderId, ct))
            problems.Add(new(NotMember, colleague.Name ?? ""));
        if (problems.Count > 0) return problems;

        // Who takes which slot once the request is applied.
        var takes = new List<(int LeaderId, string Name, DutySlot Slot)> { (counterpartLeaderId, colleague.Name!, mine) };
        if (kind == SwapKind.Swap && theirs is not null) takes.Add((mine.LeaderId, requester.Name!, theirs));
        var exchanged = slots.Select(s => s.Id).ToList();
        foreach (var (leaderId, name, slot) in takes)
        {
            if (await IsUnavailableAsync(leaderId, slot.Date, ct))
            {
                problems.Add(new(Unavailable, name, DateText.Of(slot.Date)));
                continue;
            }
            var sameDay = await Slots().Where(s => s.LeaderId == leaderId && s.Date == slot.Date && !s.IsCancelled && !exchanged.Contains(s.Id))
                .ToListAsync(ct);
            if (sameDay.FirstOrDefault(s => s.Overlaps(slot)) is { } busy) problems.Add(new(AlreadyOnDuty, name, busy.Label));
        }

        var open = await db.SwapRequests.AsNoTracking()
            .Where(r => (r.Status == SwapStatus.Requested || r.Status == SwapStatus.Accepted) && r.Id != (requestId ?? 0)
                        && (exchanged.Contains(r.AssignmentId) || (r.CounterpartAssignmentId != null && exchanged.Contains(r.CounterpartAssignmentId.Value))))
            .Select(r => new { r.AssignmentId, r.CounterpartAssignmentId }).ToListAsync(ct);
        foreach (var slot in slots.Where(s => open.Any(o => o.AssignmentId == s.Id || o.CounterpartAssignmentId == s.Id)))
            problems.Add(new(OpenRequest, DateText.Of(slot.Date)));
        return problems;
    }

    /// <summary>Whether the slots still hold the leaders the request expects (<paramref name="applied"/>: after it was applied).</summary>
    public static bool StillAsExpected(SwapRequest request, DutySlot mine, DutySlot? theirs, bool applied) =>
        !mine.IsCancelled && mine.LeaderId == (applied ? request.CounterpartLeaderId : request.RequesterLeaderId)
        && (request.Kind == SwapKind.Cover
            || (theirs is { IsCancelled: false } && theirs.LeaderId == (applied ? request.RequesterLeaderId : request.CounterpartLeaderId)));

    /// <summary>A new request by the leader on duty (or by a clerk for them), waiting for the colleague.</summary>
    public SwapRequest Request(SwapKind kind, DutySlot mine, int counterpartLeaderId, DutySlot? theirs, string? reason, string userId)
    {
        var request = SwapRequest.Ask(kind, mine.Id, mine.LeaderId, counterpartLeaderId, theirs?.Id, reason, userId, Now);
        db.SwapRequests.Add(request);
        return request;
    }

    /// <summary>A clerk acting on someone's behalf: the request is made and approved in one step (apply it next).</summary>
    public SwapRequest DoneByClerk(SwapKind kind, DutySlot mine, int counterpartLeaderId, DutySlot? theirs, string? reason, string userId)
    {
        var request = SwapRequest.DoneByClerk(kind, mine.Id, mine.LeaderId, counterpartLeaderId, theirs?.Id, reason, userId, Now);
        db.SwapRequests.Add(request);
        return request;
    }

    /// <summary>
    /// Puts the approved request into the working copy (or takes it out again when <paramref name="undo"/>)
    /// and returns the rota months it touched. Save, then <see cref="PublishAsync"/>: publishing reads the saved rows.
    /// </summary>
    public async Task<IReadOnlyList<int>> ApplyAsync(SwapRequest request, bool undo, CancellationToken ct = default)
    {
        var now = Now;
        var ids = new[] { request.AssignmentId, request.CounterpartAssignmentId }.OfType<int>().ToList();
        var rows = await db.DutyAssignments.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        // A swap writes DutySource.Swap; undoing it is a clerk's hand change (Manual) that regeneration keeps.
        var source = undo ? DutySource.Manual : DutySource.Swap;
        rows[request.AssignmentId].Reassign(undo ? request.RequesterLeaderId : request.CounterpartLeaderId, source, now);
        if (request.CounterpartAssignmentId is { } theirs)
            rows[theirs].Reassign(undo ? request.CounterpartLeaderId : request.RequesterLeaderId, source, now);
        var monthIds = rows.Values.Select(a => a.RotaMonthId).Distinct().ToList();
        foreach (var month in await db.RotaMonths.Where(m => monthIds.Contains(m.Id)).ToListAsync(ct)) month.Touch(now);
        return monthIds;
    }

    /// <summary>
    /// Publishes the next version of each month with only the request's slots changed, so the public page and the feeds
    /// show the swap; other unpublished edits of those months stay drafts.
    /// </summary>
    public async Task<IReadOnlyList<int>> PublishAsync(SwapRequest request, IEnumerable<int> rotaMonthIds, string publishedBy, CancellationToken ct = default)
    {
        var ids = rotaMonthIds.ToList();
        var assignmentIds = new[] { request.AssignmentId, request.CounterpartAssignmentId }.OfType<int>().ToList();
        var slots = await db.DutyAssignments.AsNoTracking().Where(a => assignmentIds.Contains(a.Id))
            .Select(a => new { a.RotaMonthId, a.Date, a.SessionIndex }).ToListAsync(ct);
        var numbers = new List<int>();
        foreach (var month in await db.RotaMonths.Where(m => ids.Contains(m.Id)).OrderBy(m => m.Month).ToListAsync(ct))
        {
            var only = slots.Where(s => s.RotaMonthId == month.Id).Select(s => (s.Date, s.SessionIndex)).ToHashSet();
            numbers.Add((await planner.PublishAsync(month, publishedBy, only, ct)).Number);
        }
        return numbers;
    }

    /// <summary>
    /// Tells the requester, the colleague and the clerks of the rota's scope what happened (not the person
    /// who did it). The request must have its id (saved) for the link.
    /// </summary>
    public async Task NotifyAsync(SwapRequest request, SwapAction action, CurrentUser actor, CancellationToken ct = default)
    {
        var mine = await SlotAsync(request.AssignmentId, ct) ?? throw new InvalidOperationException("The request's duty is gone.");
        var theirs = request.CounterpartAssignmentId is { } id ? await SlotAsync(id, ct) : null;
        var names = await db.Leaders.AsNoTracking().Where(l => l.Id == request.RequesterLeaderId || l.Id == request.CounterpartLeaderId)
            .ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var what = Describe(request, names[request.RequesterLeaderId], mine.Label, names[request.CounterpartLeaderId], theirs?.Label);
        var title = new Message(NotificationTitle, request.Id, new Message($"{nameof(SwapAction)}.{action}"));
        var body = new Message(NotificationBody, what, actor.DisplayName);
        var link = $"/Swaps/Detail/{request.Id}";

        await notifier.ToLeadersAsync([request.RequesterLeaderId, request.CounterpartLeaderId], NotificationKinds.Swap, title, body, link, ct);
        await notifier.ToRoleAsync(Roles.Clerk, mine.OrgPath, NotificationKinds.Swap, title, body, link, ct);
        foreach (var own in db.ChangeTracker.Entries<Notification>()
                     .Where(e => e.State == EntityState.Added && e.Entity.UserId == actor.UserId && e.Entity.Kind == NotificationKinds.Swap.Key).ToList())
            own.State = EntityState.Detached;
    }

    /// <summary>"张三 (2026-09-30 上午) and 李四 (2026-10-08 上午) exchange duties." / "李四 covers the duty of 张三 on 2026-09-30 上午."</summary>
    public static Message Describe(SwapRequest request, string requester, string mine, string counterpart, string? theirs) =>
        request.Kind == SwapKind.Swap
            ? new Message(SwapText, requester, mine, counterpart, theirs ?? "")
            : new Message(CoverText, requester, mine, counterpart);

    private async Task<bool> IsUnavailableAsync(int leaderId, DateOnly date, CancellationToken ct) =>
        await db.Unavailabilities.AnyAsync(u => u.LeaderId == leaderId && u.From <= date && u.To >= date, ct)
        || await db.Visits.AnyAsync(v => v.LeaderId == leaderId && v.Date == date && v.Status != VisitStatus.Cancelled, ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
