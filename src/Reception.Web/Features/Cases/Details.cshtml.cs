using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Web.Features.Org;

namespace Reception.Web.Features.Cases;

/// <summary>
/// One case: its header, intake facts, petitioners (masked unless the user may see personal data), assignment, the 包案
/// checklist, its clocks and its history; and every lifecycle operation as a named POST handler
/// (<c>?handler=Accept</c> …). Each handler loads the case in scope (404), checks who may do it (<see cref="CaseOperations"/>,
/// 403), lets the case run the operation (a refusal is shown next to the form, keeping what was typed), refreshes the
/// clock and saves against the version the form showed (a stale edit is refused).
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Leader + "," + Roles.Supervisor + "," + Roles.UnitHandler)]
public sealed class DetailsModel(AppDbContext db, CurrentUser me, CaseService cases, OrgChoices orgs, IStringLocalizer<SharedResource> l,
    Reception.Web.Features.Notifications.Notifier notifier) : PageModel
{
    // A 批示 names the case by number and category and quotes the leader; never a petitioner's personal data.
    public const string InstructionTitle = "Instruction (批示) on case {0}";

    /// <summary>{0} = leader, {1} = case number, {2} = category, {3} = the instruction.</summary>
    public const string InstructionBody = "{0} gave an instruction on case {1} ({2}): {3}";

    /// <summary>The flags a clerk sets by hand (重复访 needs a link, 集体访 follows the number of people).</summary>
    public static readonly CaseFlags[] SettableFlags = [CaseFlags.LegalChannel, CaseFlags.Key, CaseFlags.Backlog, CaseFlags.LevelSkipping, CaseFlags.NoLongerAccepted];

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public CaseOperationInput Input { get; set; } = new();

    public PetitionCase Case { get; private set; } = null!;
    public CaseActor Actor => CaseAccess.ActorOf(me.Scope, me.UserId);

    /// <summary>The org paths of the units the case names, for the ownership rule (<see cref="CaseOperations"/>).</summary>
    public CaseUnitPaths UnitPaths { get; private set; } = CaseUnitPaths.None;

    /// <summary>Petitioners' personal data unmasked: for the clerks and supervisors of the owning scope only.</summary>
    public bool SeesPersonalData { get; private set; }

    /// <summary>Everyone else on the case may reveal one petitioner's contact details with a stated reason (audited).</summary>
    public bool MayReveal { get; private set; }

    /// <summary>The clerks and supervisors of the owning scope manage the case (assign, flags, deadline, closure).</summary>
    public bool Manages { get; private set; }

    /// <summary>The petitioner whose contact details this response shows, after an audited reveal.</summary>
    public int? RevealedPetitionerId { get; private set; }

    /// <summary>The petitioner whose reveal form was refused (the reason missing or too long): its error is shown there.</summary>
    public int? RevealRefusedPetitionerId { get; private set; }

    /// <summary>Whether the user may open the assignment page (交办 or reassign) of this case now.</summary>
    public bool MayAssign { get; private set; }

    public const string RevealReasonKey = "Input." + nameof(CaseOperationInput.RevealReason);

    /// <summary>Free text of the case (content, progress, replies, instructions) as this user may read it: ID and phone numbers masked unless they see personal data.</summary>
    public string Free(string? text) => SeesPersonalData ? text ?? "" : PrivacyMask.FreeText(text);
    public bool IsSupervisor => me.IsInRole(Roles.Supervisor);
    public bool IsClerk => me.IsInRole(Roles.Clerk);
    public bool IsUnitHandler => me.IsInRole(Roles.UnitHandler);

    /// <summary>A query code was issued for this case just now (at registration) and waits in TempData for the receipt.</summary>
    public bool JustIssuedCode => TempData.Peek(Papers.QueryCodes.TempDataKey) is string s
        && s.StartsWith(Id.ToString(CultureInfo.InvariantCulture) + ":", StringComparison.Ordinal);

    /// <summary>The evaluation was given by the petitioner on the public query page (not recorded by staff).</summary>
    public bool EvaluatedOnline => Case.Events.Any(e => e.Kind == CaseEventKind.Evaluated && e.UserId == PetitionCase.PetitionerUserId);
    public bool SeesVisits => !me.IsInRole(Roles.UnitHandler);
    public DateOnly Today => cases.Today;

    /// <summary>The operation whose form was just refused: it stays on the page with the message, whatever the state.</summary>
    public CaseOperation? Attempted { get; private set; }

    public IReadOnlySet<CaseOperation> Offered { get; private set; } = new HashSet<CaseOperation>();
    public IReadOnlyList<PetitionerView> Petitioners { get; private set; } = [];
    public TimelineNames Names { get; private set; } = new(new Dictionary<int, string>(), new Dictionary<int, string>(), new Dictionary<string, string>());
    public string CategoryName { get; private set; } = "";
    public IReadOnlyList<RelatedCase> Related { get; private set; } = [];
    public SourceDuty? Duty { get; private set; }
    public SourceVisit? Visit { get; private set; }
    public IReadOnlyList<ChecklistRow> Checklist { get; private set; } = [];
    public IReadOnlyList<CaseClockLine> Clocks { get; private set; } = [];
    public DeadlineAnswer? AppealWindow { get; private set; }
    public DateOnly? ObjectionDue { get; private set; }
    public IReadOnlyList<TimelineRow> Timeline { get; private set; } = [];

    /// <summary>The leaders' instructions (批示), newest first: the page shows them at its top.</summary>
    public IReadOnlyList<InstructionRow> Instructions { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Units { get; private set; } = [];
    public IReadOnlyList<SelectListItem> ChecklistChoices { get; private set; } = [];

    public bool Shows(CaseOperation op) => Offered.Contains(op) || Attempted == op;

    /// <summary>Where a refusal of <paramref name="op"/> is shown: its main field, or the form itself.</summary>
    public static string ErrorKey(CaseOperation op) => op switch
    {
        CaseOperation.RejectAcceptance => "Input." + nameof(CaseOperationInput.RejectReason),
        CaseOperation.Transfer => "Input." + nameof(CaseOperationInput.TransferUnitId),
        CaseOperation.RecordObjection => "Input." + nameof(CaseOperationInput.ObjectionReason),
        CaseOperation.AddProgress => "Input." + nameof(CaseOperationInput.Progress),
        CaseOperation.AddInstruction => "Input." + nameof(CaseOperationInput.Instruction),
        CaseOperation.Reply => "Input." + nameof(CaseOperationInput.ReplyText),
        CaseOperation.Evaluate => "Input." + nameof(CaseOperationInput.Evaluation),
        CaseOperation.Resolve => "Input." + nameof(CaseOperationInput.ResolvedOn),
        CaseOperation.RequestExtension => "Input." + nameof(CaseOperationInput.ExtensionReason),
        CaseOperation.FileAppeal => "Input." + nameof(CaseOperationInput.AppealUnitId),
        CaseOperation.RecordHearing => "Input." + nameof(CaseOperationInput.HearingFrom),
        CaseOperation.SetListed => "Input." + nameof(CaseOperationInput.ListingReason),
        CaseOperation.SetFlag => "Input." + nameof(CaseOperationInput.Flag),
        CaseOperation.ChangeNumberOfPeople => "Input." + nameof(CaseOperationInput.NumberOfPeople),
        _ => "Act." + op,
    };

    public async Task<IActionResult> OnGetAsync()
    {
        var c = await db.LoadCaseAsync(me.Scope, Id, tracking: false);
        return c is null ? NotFound() : await ShowAsync(c, null);
    }

    // ---------------------------------------------------------------- acceptance and routing

    public Task<IActionResult> OnPostAcceptAsync() =>
        ActAsync(CaseOperation.Accept, c => Domain(c.Accept(UserId, Now)), l["The case is accepted."]);

    public Task<IActionResult> OnPostRejectAcceptanceAsync() =>
        ActAsync(CaseOperation.RejectAcceptance, c => Domain(c.RejectAcceptance(Input.RejectReason, UserId, Now)), l["The case is not accepted."]);

    public Task<IActionResult> OnPostTransferAsync() =>
        ActAsync(CaseOperation.Transfer, async c =>
            Input.TransferUnitId is { } unit && await UnitInScopeAsync(unit) ? Refusal(c.Transfer(unit, UserId, Now)) : l["Choose a unit from the list."],
            l["The case is transferred."]);

    public Task<IActionResult> OnPostRecordObjectionAsync() =>
        ActAsync(CaseOperation.RecordObjection, async c =>
            await ObjectionDueAsync(c) is { } due && Today > due
                ? l["The time for objecting to this transfer ended on {0}; an objection can no longer be recorded.", DateText.Of(due)]
                : Refusal(c.RecordObjection(Input.ObjectionReason, UserId, Now)),
            l["The objection is recorded."]);

    // ---------------------------------------------------------------- handling

    public Task<IActionResult> OnPostStartHandlingAsync() =>
        ActAsync(CaseOperation.StartHandling, c => Domain(c.StartHandling(UserId, Now)), l["Handling has started."]);

    public Task<IActionResult> OnPostAddProgressAsync() =>
        ActAsync(CaseOperation.AddProgress, c => Domain(c.AddProgress(Input.Progress, UserId, Now)), l["The progress is recorded."]);

    /// <summary>
    /// A 批示 reaches the clerks of the case (its registering unit's scope) and the handling unit's handlers, in the app and by
    /// mail: ID numbers and phone numbers in its text are masked there (mail never carries personal data).
    /// </summary>
    public Task<IActionResult> OnPostAddInstructionAsync() =>
        ActAsync(CaseOperation.AddInstruction, async c =>
        {
            if (Refusal(c.AddInstruction(me.LeaderId!.Value, Input.Instruction, UserId, Now)) is { } refused) return refused;
            var number = c.Number.ToString();
            var leader = await db.Leaders.AsNoTracking().Where(x => x.Id == me.LeaderId).Select(x => x.Name).SingleAsync();
            var category = await db.CaseCategories.AsNoTracking().Where(x => x.Code == c.CategoryCode).Select(x => x.Name).FirstOrDefaultAsync() ?? c.CategoryCode;
            var notification = new Reception.Web.Features.Notifications.OutgoingNotification(Reception.Core.Notifications.NotificationKinds.Instruction,
                new(InstructionTitle, number), new(InstructionBody, leader, number, category, PrivacyMask.FreeText(Input.Instruction!.Trim())), $"/Cases/Details/{c.Id}");
            var path = await db.OrgUnits.AsNoTracking().Where(o => o.Id == c.OrgUnitId).Select(o => o.Path).SingleAsync();
            await notifier.ToRoleAsync(Roles.Clerk, path, notification);
            if (c.HandlingUnitId is { } unit) await notifier.ToUnitHandlersAsync(unit, notification);
            return null;
        }, l["The instruction is recorded."]);

    public Task<IActionResult> OnPostReplyAsync() =>
        ActAsync(CaseOperation.Reply, c => Task.FromResult(PastDateError(Input.ReplyDate) ?? Refusal(c.Reply(Input.ReplyText, Input.ReplyDate!.Value, UserId, Now))),
            l["The reply is recorded."]);

    public Task<IActionResult> OnPostEvaluateAsync() =>
        ActAsync(CaseOperation.Evaluate, c => Task.FromResult(Input.Evaluation is { } e && Enum.IsDefined(e)
                ? Refusal(c.Evaluate(e, UserId, Now))
                : l["Choose the petitioner's evaluation."]),
            l["The evaluation is recorded."]);

    public Task<IActionResult> OnPostCloseAsync() =>
        ActAsync(CaseOperation.Close, c => Domain(c.Close(UserId, Now)), l["The case is closed."]);

    public Task<IActionResult> OnPostResolveAsync() =>
        ActAsync(CaseOperation.Resolve, c => Task.FromResult(PastDateError(Input.ResolvedOn) ?? Refusal(c.Resolve(Input.ResolvedOn!.Value, UserId, Now))),
            l["The resolution is recorded."]);

    // ---------------------------------------------------------------- extension

    public Task<IActionResult> OnPostRequestExtensionAsync() =>
        ActAsync(CaseOperation.RequestExtension, c => Domain(c.RequestExtension(Input.ExtensionDays ?? 0, Input.ExtensionReason, UserId, Now)),
            l["The extension is requested."]);

    public Task<IActionResult> OnPostApproveExtensionAsync() =>
        ActAsync(CaseOperation.ApproveExtension, c => Domain(c.ApproveExtension(UserId, Now)), l["The extension is approved."]);

    public Task<IActionResult> OnPostRefuseExtensionAsync() =>
        ActAsync(CaseOperation.RefuseExtension, c => Domain(c.RefuseExtension(UserId, Now)), l["The extension is refused."]);

    // ---------------------------------------------------------------- appeals, termination, hearing

    /// <summary>
    /// 复查/复核: a new linked case at the reviewing unit, numbered in the same transaction that saves both cases (a refused
    /// appeal uses no number), with its own clock; then the new case is shown.
    /// </summary>
    public async Task<IActionResult> OnPostFileAppealAsync()
    {
        var c = await db.LoadCaseAsync(me.Scope, Id);
        if (c is null) return NotFound();
        if (!await MayAsync(CaseOperation.FileAppeal, c)) return Forbid();
        if (!ModelState.IsValid) return await ShowAsync(c, CaseOperation.FileAppeal);

        var unit = Input.AppealUnitId is { } unitId ? await db.OrgUnits.VisibleTo(me.Scope).SingleOrDefaultAsync(o => o.Id == unitId) : null;
        var problem = unit is null ? l["Choose a unit from the list."]
            : Input.AppealChannel is not { } ch || !Enum.IsDefined(ch) ? l["Choose the channel."]
            : PastDateError(Input.AppealRequestedOn);
        if (problem is not null) return await RefuseAsync(c, CaseOperation.FileAppeal, problem);

        await using var tx = await db.Database.BeginTransactionAsync();
        var number = await cases.AllocateNumberAsync(unit!, Today.Year);
        var window = CaseClocks.AppealWindow(c, cases.Rules.Deadlines, await cases.CalendarAsync(), Today);
        var filed = c.FileAppeal(number, unit!.Id, Input.AppealChannel!.Value, Input.AppealRequestedOn!.Value,
            window?.DueDate ?? DateOnly.MaxValue, UserId, Now);
        if (!filed.Succeeded) return await RefuseAsync(c, CaseOperation.FileAppeal, l.Text(filed.Error)); // rolled back: the number is not used

        var appeal = filed.Value;
        db.Cases.Add(appeal);
        await cases.RefreshClockAsync(c);
        await cases.RefreshClockAsync(appeal);
        if (!await db.TrySaveAsync(c, Version, ModelState, l)) return await StaleAsync(CaseOperation.FileAppeal);
        await tx.CommitAsync();
        Status.Set(TempData, l["The appeal is registered as case {0}.", appeal.Number.ToString()]);
        return RedirectToPage("Details", new { id = appeal.Id });
    }

    /// <summary>
    /// Shows one petitioner's phone and address to someone on the case who does not see personal data unmasked, in this
    /// response only and after they state why (required, in the form, never in the address); the audit log records who,
    /// which case, which petitioner and the reason. The ID number stays masked: it is not a contact detail.
    /// </summary>
    public async Task<IActionResult> OnPostRevealAsync()
    {
        var c = await db.LoadCaseAsync(me.Scope, Id, tracking: false);
        if (c is null) return NotFound();
        UnitPaths = await db.UnitPathsAsync(c);
        if (!CaseOperations.MayReveal(Actor, c, UnitPaths)) return Forbid();
        var petitioner = c.Petitioners.FirstOrDefault(p => p.Id == Input.RevealPetitionerId);
        if (petitioner is null) return NotFound();

        var reason = Input.RevealReason?.Trim() ?? "";
        var problem = reason.Length == 0 ? l["Enter why you need this petitioner's contact details."]
            : reason.Length > CaseOperationInput.RevealReasonMaxLength ? l["The reason can be at most {0} characters.", CaseOperationInput.RevealReasonMaxLength]
            : null;
        if (problem is not null) ModelState.AddModelError(RevealReasonKey, problem);
        if (!ModelState.IsValid)
        {
            RevealRefusedPetitionerId = petitioner.Id;
            return await ShowAsync(c, null);
        }

        Reception.Web.Audit.AuditMarks.ContactsRevealed(HttpContext, "case:" + c.Number, petitioner.Id, reason);
        RevealedPetitionerId = petitioner.Id;
        ModelState.Remove(RevealReasonKey);
        Input.RevealReason = null;
        return await ShowAsync(c, null);
    }

    public Task<IActionResult> OnPostTerminateAsync() =>
        ActAsync(CaseOperation.Terminate, c => Domain(c.Terminate(UserId, Now)), l["The matter is terminated."]);

    public Task<IActionResult> OnPostRecordHearingAsync() =>
        ActAsync(CaseOperation.RecordHearing, c => Task.FromResult(Input.HearingFrom is { } from && Input.HearingTo is { } to
                ? Refusal(c.RecordHearing(from, to, UserId, Now))
                : l["Enter the date."]),
            l["The hearing is recorded; its days do not count towards the deadline."]);

    // ---------------------------------------------------------------- supervision, flags, checklist

    public Task<IActionResult> OnPostSetListedAsync() =>
        ActAsync(CaseOperation.SetListed, c => Domain(c.SetListed(Input.Listed, Input.ListingReason, UserId, Now)),
            Input.Listed ? l["The case is listed for supervision."] : l["The case is taken off the supervision list."]);

    public Task<IActionResult> OnPostSetFlagAsync() =>
        ActAsync(CaseOperation.SetFlag, c => Task.FromResult(Input.Flag is { } flag && SettableFlags.Contains(flag)
                ? Refusal(c.SetFlag(flag, Input.FlagOn, UserId, Now))
                : l["Choose a flag."]),
            l["The flags are changed."]);

    public Task<IActionResult> OnPostChangeNumberOfPeopleAsync() =>
        ActAsync(CaseOperation.ChangeNumberOfPeople, c => Task.FromResult(Input.NumberOfPeople is { } n
                ? Refusal(c.ChangeNumberOfPeople(n, UserId, Now))
                : l["Enter the number of people."]),
            l["The number of people is changed."]);

    public Task<IActionResult> OnPostSetChecklistItemAsync() =>
        ActAsync(CaseOperation.SetChecklistItem, async c =>
            {
                var item = Input.ChecklistItemId is { } itemId
                    ? await db.ChecklistItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId && i.IsActive)
                    : null;
                return item is null ? l["This checklist item no longer exists."] : Refusal(c.SetChecklistItem(item.Id, item.Text, Input.ChecklistDone, UserId, Now));
            },
            l["The checklist is updated."]);

    // ---------------------------------------------------------------- load, act, refresh, save

    private string UserId => me.UserId!;
    private DateTime Now => cases.UtcNow;

    private string? Refusal(CaseResult result) => result.Succeeded ? null : l.Text(result.Error);

    private Task<string?> Domain(CaseResult result) => Task.FromResult(Refusal(result));

    /// <summary>Null when <paramref name="date"/> is given and not after today; else why not.</summary>
    private string? PastDateError(DateOnly? date) =>
        date is not { } d ? l["Enter the date."].Value : d > Today ? l["The date cannot be in the future."].Value : null;

    /// <summary>
    /// The one shape of every operation: load in scope (404), may this user do it (403), act (a refusal keeps the form and
    /// what was typed), refresh the clock, save against the version shown (a stale edit is refused), redirect.
    /// </summary>
    private async Task<IActionResult> ActAsync(CaseOperation op, Func<PetitionCase, Task<string?>> act, string done)
    {
        var c = await db.LoadCaseAsync(me.Scope, Id);
        if (c is null) return NotFound();
        if (!await MayAsync(op, c)) return Forbid();
        if (!ModelState.IsValid) return await ShowAsync(c, op);
        if (await act(c) is { } refusal) return await RefuseAsync(c, op, refusal);
        await cases.RefreshClockAsync(c);
        if (!await db.TrySaveAsync(c, Version, ModelState, l)) return await StaleAsync(op);
        Status.Set(TempData, done);
        return RedirectToPage("Details", new { id = Id });
    }

    private Task<IActionResult> RefuseAsync(PetitionCase c, CaseOperation op, string message)
    {
        ModelState.AddModelError(ErrorKey(op), message);
        return ShowAsync(c, op);
    }

    /// <summary>Someone else saved first: show the case as it is now, with the stale-edit message and the typed text.</summary>
    private async Task<IActionResult> StaleAsync(CaseOperation op)
    {
        db.ChangeTracker.Clear();
        var current = await db.LoadCaseAsync(me.Scope, Id, tracking: false);
        return current is null ? NotFound() : await ShowAsync(current, op);
    }

    /// <summary>Whether this user may run <paramref name="op"/> on <paramref name="c"/> (the ownership rule needs the case's unit paths).</summary>
    private async Task<bool> MayAsync(CaseOperation op, PetitionCase c)
    {
        UnitPaths = await db.UnitPathsAsync(c);
        return CaseOperations.May(Actor, op, c, UnitPaths);
    }

    private async Task<DateOnly?> ObjectionDueAsync(PetitionCase c) =>
        (await cases.ClocksAsync(c)).FirstOrDefault(x => x.Rule.Code == DeadlineRules.Object)?.Answer.DueDate;

    private async Task<bool> UnitInScopeAsync(int unitId) => await db.OrgUnits.VisibleTo(me.Scope).AnyAsync(o => o.Id == unitId && o.IsActive);

    // ---------------------------------------------------------------- what the page shows

    private async Task<IActionResult> ShowAsync(PetitionCase c, CaseOperation? attempted)
    {
        Case = c;
        Attempted = attempted;
        Version = c.Version;
        ModelState.Remove(nameof(Version)); // the hidden field must carry the version now shown, not the one posted
        var today = Today;
        var calendar = await cases.CalendarAsync();
        Input.ReplyDate ??= today;
        Input.ResolvedOn ??= today;
        Input.AppealRequestedOn ??= today;

        Clocks = CaseClocks.All(c, cases.Rules.Deadlines, calendar, today);

        AppealWindow = CaseClocks.AppealWindow(c, cases.Rules.Deadlines, calendar, today);
        ObjectionDue = Clocks.FirstOrDefault(x => x.Rule.Code == DeadlineRules.Object)?.Answer.DueDate;
        UnitPaths = await db.UnitPathsAsync(c);
        Manages = CaseOperations.Manages(Actor, c, UnitPaths);
        SeesPersonalData = CaseOperations.SeesPersonalData(Actor, c, UnitPaths);
        MayReveal = CaseOperations.MayReveal(Actor, c, UnitPaths);
        MayAssign = CaseOperations.May(Actor, CaseOperation.Assign, c, UnitPaths) && c.Allows(CaseOperation.Assign);
        var offered = CaseOperations.Offered(Actor, c, UnitPaths).ToHashSet();
        if (ObjectionDue is { } due && today > due) offered.Remove(CaseOperation.RecordObjection);
        Offered = offered;
        Petitioners = c.Petitioners.Select(p => PetitionerView.Of(p, SeesPersonalData, revealContacts: p.Id == RevealedPetitionerId)).ToList();
        if (SeesPersonalData && c.Petitioners.Any(p => p.IdentityNumber is not null || p.Phone is not null || p.Address is not null))
            Reception.Web.Audit.AuditMarks.PersonalDataShown(HttpContext, "case:" + c.Number, "petitioners=" + string.Join(",", c.Petitioners.Select(p => p.Id)));

        await NamesAsync(c);
        CategoryName = await db.CaseCategories.AsNoTracking().Where(x => x.Code == c.CategoryCode).Select(x => x.Name).FirstOrDefaultAsync() ?? c.CategoryCode;
        Related = await RelatedAsync(c);
        Duty = c.SourceDutyAssignmentId is { } dutyId
            ? await db.DutyAssignments.AsNoTracking().Where(a => a.Id == dutyId)
                .Join(db.Leaders, a => a.ActualLeaderId ?? a.LeaderId, x => x.Id, (a, x) => new SourceDuty(a.Date, x.Name)).FirstOrDefaultAsync()
            : null;
        Visit = c.SourceVisitId is { } visitId
            ? await db.Visits.AsNoTracking().Where(v => v.Id == visitId)
                .Join(db.Leaders, v => v.LeaderId, x => x.Id, (v, x) => new SourceVisit(v.Id, v.Date, x.Name)).FirstOrDefaultAsync()
            : null;

        var items = await db.ChecklistItems.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync();
        Checklist = items.Select(i => c.Checklist.FirstOrDefault(e => e.ItemId == i.Id) is { } e
            ? new ChecklistRow(i.Id, i.Text, e.IsDone, e.IsDone && e.ChangedByUserId is { } by ? Names.User(by) : null, e.IsDone ? e.ChangedAtUtc : null)
            : new ChecklistRow(i.Id, i.Text, false, null, null)).ToList();

        Timeline = c.Events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id)
            .Select(e => new TimelineRow(e.AtUtc, e.Kind, e.UserId == CaseEvent.SystemUserId ? l["System"]
                : e.UserId == PetitionCase.PetitionerUserId ? l["The petitioner (query page)"] : Names.User(e.UserId), DetailsTimeline.Describe(e, l, Names)))
            .ToList();

        Instructions = c.Events.Where(e => e.Kind == CaseEventKind.InstructionAdded)
            .Select(e => (e.AtUtc, e.Id, Change: e.Change as Reception.Core.Cases.History.InstructionAdded))
            .Where(x => x.Change is not null).OrderByDescending(x => x.AtUtc).ThenByDescending(x => x.Id)
            .Select(x => new InstructionRow(x.AtUtc, Names.Leader(x.Change!.LeaderId), x.Change.Text)).ToList();

        if (Shows(CaseOperation.Transfer) || Shows(CaseOperation.FileAppeal))
            Units = [.. await orgs.RegionsAsync(null), .. await orgs.DepartmentsAsync(null)];
        return Page();
    }

    private async Task NamesAsync(PetitionCase c)
    {
        var (units, leaders, users) = DetailsTimeline.ReferencedIds(c.Events);
        units.UnionWith(new[] { c.OrgUnitId, c.HandlingUnitId, c.TransferredToUnitId, c.StabilityControlUnitId }.OfType<int>());
        units.UnionWith(c.CoHandlingUnitIds);
        leaders.UnionWith(new[] { c.OwnerLeaderId, c.ReceivedByLeaderId }.OfType<int>());
        if (c.SupervisorUserId is { } supervisor) users.Add(supervisor);
        users.UnionWith(c.Checklist.Select(e => e.ChangedByUserId).OfType<string>());
        Names = new TimelineNames(
            await db.OrgUnits.AsNoTracking().Where(o => units.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name),
            await db.Leaders.AsNoTracking().Where(x => leaders.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name + "（" + x.Title + "）"),
            await db.Users.AsNoTracking().Where(u => users.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName));
    }

    /// <summary>The parent appeal, the appeals of this case and the earlier case it repeats; linked only when in the user's scope.</summary>
    private async Task<IReadOnlyList<RelatedCase>> RelatedAsync(PetitionCase c)
    {
        var parent = c.ParentCaseId ?? -1;
        var repeat = c.RepeatOfCaseId ?? -1;
        var rows = await db.Cases.AsNoTracking()
            .Where(x => x.Id == parent || x.Id == repeat || x.ParentCaseId == c.Id)
            .Select(x => new { x.Id, x.Number, x.AppealLevel })
            .ToListAsync();
        if (rows.Count == 0) return [];
        // The scope checked on these few cases by their keys: as a subquery of the first statement, a whole-tree scope
        // (no predicate) made PostgreSQL hash every case's id for each case page (2.7 s at 1,000,000 cases under load).
        var ids = rows.Select(x => x.Id).ToList();
        var visible = (await db.Cases.VisibleTo(db, me.Scope).Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync()).ToHashSet();
        return rows.Select(x => new RelatedCase(x.Id, x.Number.ToString(), x.AppealLevel, visible.Contains(x.Id),
                x.Id == parent ? RelatedKind.AppealOf : x.Id == repeat ? RelatedKind.RepeatOf : RelatedKind.Appeal))
            .ToList();
    }

    public enum RelatedKind { AppealOf, Appeal, RepeatOf }

    public sealed record RelatedCase(int Id, string Number, AppealLevel Level, bool Visible, RelatedKind Kind);

    public sealed record SourceDuty(DateOnly Date, string Leader);

    public sealed record SourceVisit(int Id, DateOnly Date, string Leader);

    public sealed record ChecklistRow(int ItemId, string Text, bool Done, string? By, DateTime? AtUtc);

    public sealed record InstructionRow(DateTime AtUtc, string Leader, string Text);

    public sealed record TimelineRow(DateTime AtUtc, CaseEventKind Kind, string By, IReadOnlyList<string> Lines);
}
