using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Cases;
using Reception.Core.Organisation;
using Reception.Core.Rotas.Model;
using Reception.Web.Features.Rotas.Duty;

namespace Reception.Web.Features.Cases;

/// <summary>
/// Intake (登记) of a petition by a clerk: channel, received date, where it came from (a duty or a visit, from the
/// query string), petitioners, number of people, category, summary and content. Before registering, the petitioners'
/// ID numbers are checked against earlier cases (重复访, 越级访, 不再受理); when something is found the clerk answers
/// first. The number is allocated and the case saved in one transaction.
/// </summary>
[Authorize(Roles = Roles.Clerk)]
public sealed class RegisterModel(AppDbContext db, CurrentUser me, CaseService cases, Papers.QueryCodes queryCodes, IStringLocalizer<SharedResource> l,
    Attachments.AttachmentStore attachments) : PageModel
{
    public const int MaxPetitionerRows = 50;

    [BindProperty(SupportsGet = true, Name = "duty")] public int? DutyId { get; set; }
    [BindProperty(SupportsGet = true, Name = "visit")] public int? VisitId { get; set; }
    [BindProperty] public RegisterInput Input { get; set; } = new();

    public RegisterSource? Source { get; private set; }
    public IReadOnlyList<SelectListItem> Channels { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];
    public RegisterFindings Findings { get; private set; } = RegisterFindings.None;

    /// <summary>True when the form came back only to ask about the intake findings (not because of a mistake).</summary>
    public bool AsksAboutFindings { get; private set; }

    public DateOnly Today => cases.Today;

    /// <summary>The number of people the case will have: as entered, or else one per petitioner.</summary>
    public int EffectivePeople => Input.NumberOfPeople ?? Input.FilledPetitioners.Count();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadSourceAsync()) return NotFound();
        var today = cases.Today;
        Input = new RegisterInput
        {
            Channel = Source is null ? null : Source.VisitId is null ? Channel.LeaderReception : Channel.FoundOnVisit,
            ReceivedOn = Source is { } s && s.Date <= today ? s.Date : today,
            Petitioners = [new()],
        };
        if (Source?.Refusal is { } refusal) ModelState.AddModelError("", refusal);
        await LoadChoicesAsync();
        return Page();
    }

    /// <summary>"Add another petitioner" without JavaScript: the form comes back with everything typed and one more row.</summary>
    public async Task<IActionResult> OnPostAddPetitionerAsync()
    {
        if (!await LoadSourceAsync()) return NotFound();
        ModelState.Clear(); // nothing is checked yet: show the values, not errors
        if (Input.Petitioners.Count < MaxPetitionerRows) Input.Petitioners.Add(new());
        else ModelState.AddModelError("", l["A case can have at most {0} petitioners; record the others under the number of people.", MaxPetitionerRows]);
        await LoadChoicesAsync();
        return Page();
    }

    /// <summary>The scan of a letter (来信) registered from it, kept with the case; only for letters.</summary>
    [BindProperty] public IFormFile? Scan { get; set; }

    public long ScanMaxMegabytes => attachments.MaxBytes / (1024 * 1024);

    /// <summary>The checked scan, or null (none given, or refused: the refusal is shown next to the field).</summary>
    private async Task<Attachments.Upload?> ScanAsync()
    {
        if (Scan is null || Scan.Length == 0) return null;
        if (Input.Channel is not null and not Channel.Letter)
        {
            ModelState.AddModelError(nameof(Scan), l["A scan is kept only for a letter; choose the channel 来信 or remove the file."]);
            return null;
        }
        var (upload, error) = await attachments.ReadAsync(Scan, HttpContext.RequestAborted);
        if (error is not null) ModelState.AddModelError(nameof(Scan), error);
        return upload;
    }

    [Idempotent] // a double-submitted form creates one record
    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadSourceAsync()) return NotFound();
        await LoadChoicesAsync();
        if (Input.Petitioners.Count == 0) Input.Petitioners.Add(new());
        if (Input.Petitioners.Count > MaxPetitionerRows) return BadRequest();
        Validate();
        var scan = await ScanAsync();
        Findings = await AssessAsync();
        if (!ModelState.IsValid) return Page();

        if (Findings.Any)
        {
            if (Input.Assessed != Findings.Signature)
            {
                // First sight of these findings: suggest the flags, and ask about the repeat before registering.
                Input.Assessed = Findings.Signature;
                Input.LevelSkipping = Findings.SuggestsLevelSkipping;
                Input.NoLongerAccepted = Findings.SuggestsNoLongerAccepted;
                Input.RepeatOf = null;
                foreach (var key in new[] { "Input.Assessed", "Input.LevelSkipping", "Input.NoLongerAccepted", "Input.RepeatOf" }) ModelState.Remove(key);
                AsksAboutFindings = true;
                return Page();
            }

            if (!Findings.HasCandidates) Input.RepeatOf = null;
            else if (Input.RepeatOf is not { } answer || (answer != 0 && Findings.Candidates.All(c => c.CaseId != answer)))
            {
                ModelState.AddModelError("Input.RepeatOf", l["Say whether this is the same matter as one of the earlier cases."]);
                return Page();
            }
        }
        else
        {
            Input.RepeatOf = null;
            Input.LevelSkipping = Input.NoLongerAccepted = false;
        }

        var petitioners = Input.FilledPetitioners.Select(x => x.Row.ToPetitioner()).ToList();
        var userId = me.UserId!;
        var now = cases.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync();
        var unit = await db.OrgUnits.SingleAsync(o => o.Id == me.OrgUnitId);
        var number = await cases.AllocateNumberAsync(unit, Input.ReceivedOn!.Value.Year);
        var registered = PetitionCase.Register(new CaseIntake(number, unit.Id, Input.Channel!.Value, Input.ReceivedOn.Value, Input.CategoryCode, Input.Summary,
            Input.Content, Input.NumberOfPeople ?? petitioners.Count, petitioners), userId, now);
        if (!registered.Succeeded)
        {
            ModelState.AddModelError("", l.Text(registered.Error));
            return Page(); // the transaction is rolled back: the number is not used
        }

        var c = registered.Value;
        c.SetSource(Source?.DutyId, Source?.VisitId, Source?.LeaderId);
        var results = new List<CaseResult>();
        if (Input.RepeatOf is int earlier && earlier > 0) results.Add(c.MarkRepeat(earlier, userId, now));
        foreach (var (flag, on) in new[]
                 {
                     (CaseFlags.LevelSkipping, Input.LevelSkipping), (CaseFlags.NoLongerAccepted, Input.NoLongerAccepted),
                     (CaseFlags.Key, Input.Key), (CaseFlags.LegalChannel, Input.LegalChannel), (CaseFlags.Backlog, Input.Backlog),
                 })
        {
            if (on) results.Add(c.SetFlag(flag, true, userId, now));
        }
        if (results.FirstOrDefault(r => !r.Succeeded)?.Error is { } refused)
        {
            ModelState.AddModelError("", l.Text(refused));
            return Page();
        }

        await cases.RefreshClockAsync(c);
        db.Cases.Add(c);
        await db.SaveChangesAsync();
        // The petitioner's query code (Art. 21): only its hash is saved, with the case; the receipt prints it once.
        var code = await queryCodes.IssueAsync(c.Id, userId);
        await db.SaveChangesAsync();
        if (scan is not null) await attachments.StoreAsync(c.Id, null, scan, userId, HttpContext.RequestAborted);
        await tx.CommitAsync();
        TempData[Papers.QueryCodes.TempDataKey] = string.Create(CultureInfo.InvariantCulture, $"{c.Id}:{code}");
        Status.Set(TempData, l["Registered case {0}.", c.Number.ToString()]);
        return RedirectToPage("Details", new { id = c.Id });
    }

    private void Validate()
    {
        var today = cases.Today;
        if (Input.ReceivedOn is { } received)
        {
            if (received > today)
                ModelState.AddModelError("Input.ReceivedOn", l["The received date cannot be in the future (today is {0}).", DateText.Of(today)]);
            else if (received < RegisterInput.EarliestDate)
                ModelState.AddModelError("Input.ReceivedOn", l["Enter a date from {0} to {1}.", DateText.Of(RegisterInput.EarliestDate), DateText.Of(today)]);
        }

        var filled = Input.FilledPetitioners.ToList();
        if (filled.Count == 0)
            ModelState.AddModelError("Input.Petitioners[0].Name", l.Text(new LocalizableMessage(CaseMessages.PetitionerRequired)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, p) in filled)
        {
            if (string.IsNullOrWhiteSpace(p.Name))
                ModelState.AddModelError($"Input.Petitioners[{i}].Name", l["Enter the petitioner's name."]);
            if (string.IsNullOrWhiteSpace(p.IdentityNumber)) continue;
            var key = $"Input.Petitioners[{i}].IdentityNumber";
            if (IdentityNumber.Validate(p.IdentityNumber, today) is { } error) ModelState.AddModelError(key, l.Text(error));
            else if (!seen.Add(IdentityNumber.Normalize(p.IdentityNumber)))
                ModelState.AddModelError(key, l["This ID number is already entered for another petitioner."]);
        }

        if (Input.NumberOfPeople is { } people && people < filled.Count)
            ModelState.AddModelError("Input.NumberOfPeople", l.Text(new LocalizableMessage(CaseMessages.TooFewPeople, filled.Count)));
        if (Input.CategoryCode is { } code && !Categories.Any(c => c.Value == code))
            ModelState.AddModelError("Input.CategoryCode", l["Choose a category from the list."]);
        if (Source?.Refusal is { } refusal) ModelState.AddModelError("", refusal);
    }

    /// <summary>
    /// The intake checks on the ID numbers that are valid. Earlier cases the clerk may see are shown as before; a match
    /// outside the clerk's scope says only how many matters the person has elsewhere and which office sees them (the
    /// nearest unit above both the clerk's scope and the owning unit of the case): no numbers, states, units or flags.
    /// </summary>
    private async Task<RegisterFindings> AssessAsync()
    {
        var today = cases.Today;
        var ids = Input.FilledPetitioners.Select(x => x.Row.IdentityNumber)
            .Where(s => !string.IsNullOrWhiteSpace(s) && IdentityNumber.IsValid(s, today))
            .Select(s => IdentityNumber.Normalize(s!)).Distinct().ToList();
        if (ids.Count == 0) return RegisterFindings.None;
        var assessment = await cases.AssessAsync(ids, me.OrgPath);
        var caseIds = assessment.Findings.Select(f => f.LinkedCaseId).Distinct().ToList();
        var visible = caseIds.Count == 0 ? [] : await db.Cases.VisibleTo(db, me.Scope).Where(c => caseIds.Contains(c.Id)).Select(c => c.Id).ToListAsync();
        var elsewhereIds = caseIds.Except(visible).ToList();
        // The check looks up citizens' ID numbers: who ran it and what it found is audited (never the numbers).
        Reception.Web.Audit.AuditMarks.Add(HttpContext, new Reception.Web.Audit.AuditEntry(Reception.Web.Audit.AuditActions.RepeatCheck,
            Reception.Core.Audit.AuditOutcome.Success, "intake",
            string.Create(CultureInfo.InvariantCulture, $"id-numbers={ids.Count}; earlier cases found={caseIds.Count}; outside scope={elsewhereIds.Count}")));
        if (caseIds.Count == 0) return RegisterFindings.None;

        var inScope = new IntakeAssessment(assessment.Findings.Where(f => visible.Contains(f.LinkedCaseId)).ToList());
        var rows = await db.Cases.AsNoTracking().Where(c => visible.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.State, c.Summary, UnitId = c.HandlingUnitId ?? c.TransferredToUnitId ?? c.OrgUnitId })
            .ToListAsync();
        var unitIds = rows.Select(r => r.UnitId).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(o => unitIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        var candidates = rows.OrderBy(r => r.Id).Select(r => new RegisterCandidate(r.Id, r.Number.ToString(), r.State, units.GetValueOrDefault(r.UnitId, ""),
            r.Summary, inScope.Findings.Where(f => f.LinkedCaseId == r.Id).Select(f => l.Text(f.Reason)).ToList())).ToList();

        var elsewhere = new List<RegisterElsewhere>();
        if (elsewhereIds.Count > 0)
        {
            var owners = await (from c in db.Cases.AsNoTracking()
                                join o in db.OrgUnits on c.OrgUnitId equals o.Id
                                where elsewhereIds.Contains(c.Id)
                                select o.Path).ToListAsync();
            var offices = owners.Select(path => OrgPaths.NearestCommon(me.OrgPath, path)).ToList();
            var distinctOffices = offices.Distinct(StringComparer.Ordinal).ToList();
            var names = await db.OrgUnits.AsNoTracking().Where(o => distinctOffices.Contains(o.Path)).ToDictionaryAsync(o => o.Path, o => o.Name, StringComparer.Ordinal);
            elsewhere = offices.GroupBy(p => p, StringComparer.Ordinal)
                .Select(g => new RegisterElsewhere(g.Count(), names.GetValueOrDefault(g.Key) ?? l["the office above your unit"].Value))
                .OrderByDescending(e => e.Count).ThenBy(e => e.Office, StringComparer.Ordinal).ToList();
        }
        return new RegisterFindings(inScope, candidates, elsewhere);
    }

    /// <summary>Reads <c>?duty=</c> or <c>?visit=</c>; false when it names something outside the clerk's scope (404).</summary>
    private async Task<bool> LoadSourceAsync()
    {
        if (DutyId is { } dutyId)
        {
            if (VisitId is not null) return false;
            var slot = await DutySlots.Of(db).VisibleTo(me.Scope).Where(s => s.Id == dutyId)
                .Select(s => new { s.Date, s.SessionName, s.LeaderId, s.IsCancelled }).SingleOrDefaultAsync();
            if (slot is null) return false;
            var leaderId = await db.DutyAssignments.Where(a => a.Id == dutyId).Select(a => a.ActualLeaderId).SingleAsync() ?? slot.LeaderId;
            var leader = await db.Leaders.Where(x => x.Id == leaderId).Select(x => x.Name).SingleAsync();
            Source = new RegisterSource(dutyId, null, leaderId, slot.Date,
                l["From the duty of {0} on {1}.", leader, DutyText.Slot(l, slot.Date, slot.SessionName)],
                slot.IsCancelled ? l["This duty was cancelled; a case cannot come from it."].Value : null);
        }
        else if (VisitId is { } visitId)
        {
            var visit = await db.Visits.AsNoTracking().VisibleTo(db, me.Scope).Where(v => v.Id == visitId)
                .Select(v => new { v.LeaderId, v.Date, v.DestinationId, v.Status }).SingleOrDefaultAsync();
            if (visit is null) return false;
            var leader = await db.Leaders.Where(x => x.Id == visit.LeaderId).Select(x => x.Name).SingleAsync();
            var destination = await db.OrgUnits.Where(o => o.Id == visit.DestinationId).Select(o => o.Name).SingleAsync();
            Source = new RegisterSource(null, visitId, visit.LeaderId, visit.Date,
                l["From the visit of {0} to {1} on {2}.", leader, destination, DateText.Of(visit.Date)],
                visit.Status == VisitStatus.Cancelled ? l["This visit was cancelled; a case cannot come from it."].Value : null);
        }
        return true;
    }

    private async Task LoadChoicesAsync()
    {
        Channels = l.Options(Input.Channel).ToList();
        var rows = await db.CaseCategories.AsNoTracking().Where(c => c.IsActive)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Code)
            .Select(c => new { c.Code, c.Name, c.ParentCode })
            .ToListAsync();
        var codes = rows.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var children = rows.Where(r => r.ParentCode is not null && codes.Contains(r.ParentCode)).ToLookup(r => r.ParentCode!);
        var list = new List<SelectListItem>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void Add(string code, string name, int depth)
        {
            if (!placed.Add(code)) return; // a cycle in the tree shows each category once
            list.Add(new SelectListItem(new string('\u3000', depth) + name, code, code == Input.CategoryCode));
            foreach (var child in children[code]) Add(child.Code, child.Name, depth + 1);
        }
        foreach (var top in rows.Where(r => r.ParentCode is null || !codes.Contains(r.ParentCode))) Add(top.Code, top.Name, 0);
        foreach (var rest in rows.Where(r => !placed.Contains(r.Code))) Add(rest.Code, rest.Name, 0);
        Categories = list;
    }
}

/// <summary>The duty or visit a petition came from, and the leader who received it there.</summary>
/// <param name="Refusal">Why it cannot be a source (cancelled), or null.</param>
public sealed record RegisterSource(int? DutyId, int? VisitId, int LeaderId, DateOnly Date, string Text, string? Refusal);
