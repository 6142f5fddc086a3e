using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Web.Features.Org;

namespace Reception.Web.Features.Rotas;

/// <summary>
/// Creates or edits a duty rule: where (org unit, venue), the sessions of a duty day, who takes part
/// and how duties are shared (rotation, fixed weekdays, monthly minimum). The domain's
/// <see cref="RotaRule.Validate"/> decides what is a usable rule.
/// </summary>
[Authorize(Roles = Roles.AdminOrClerk)]
public sealed class RuleModel(AppDbContext db, CurrentUser me, OrgChoices choices, IStringLocalizer<SharedResource> l) : PageModel
{
    public static readonly DayOfWeek[] WeekOrder =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public RuleInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> OrgUnits { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Venues { get; private set; } = [];
    public IReadOnlyList<LeaderOption> Leaders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var rule = await FindAsync(id);
            if (rule is null) return NotFound();
            Input = RuleInput.From(rule);
        }
        else
        {
            Input.OrgUnitId = me.OrgUnitId;
            Input.Sessions = [new() { Name = "上午", Start = new(8, 30), End = new(12, 0) }, new() { Name = "下午", Start = new(14, 30), End = new(17, 30) }, new()];
        }
        await LoadChoicesAsync();
        return Page();
    }

    [Idempotent] // a double-submitted form creates one record
    public async Task<IActionResult> OnPostAsync()
    {
        var rule = Id is { } id ? await FindAsync(id) : null;
        if (Id is not null && rule is null) return NotFound();
        await LoadChoicesAsync();

        if (Input.OrgUnitId is { } org && !OrgUnits.Any(o => o.Value == org.ToString(CultureInfo.InvariantCulture)))
            ModelState.AddModelError("Input.OrgUnitId", l["Choose an org unit from the list."]);
        if (Input.VenueId is { } venue && !Venues.Any(o => o.Value == venue.ToString(CultureInfo.InvariantCulture)))
            ModelState.AddModelError("Input.VenueId", l["Choose a venue from the list."]);
        var sessions = Input.Sessions.Where(s => !string.IsNullOrWhiteSpace(s.Name) || s.Start is not null || s.End is not null).ToList();
        for (var i = 0; i < Input.Sessions.Count; i++)
        {
            var s = Input.Sessions[i];
            if (!sessions.Contains(s)) continue;
            if (string.IsNullOrWhiteSpace(s.Name)) ModelState.AddModelError($"Input.Sessions[{i}].Name", l["Enter the session's name, e.g. 上午."]);
            if (s.Start is null || s.End is null) ModelState.AddModelError($"Input.Sessions[{i}].End", l["Enter the start and end time."]);
        }
        var leaderIds = Leaders.Select(x => x.Id).ToHashSet();
        var members = Input.Members.Where(m => m.Selected && leaderIds.Contains(m.LeaderId)).ToList();
        if (!ModelState.IsValid) return Page();

        var engineSessions = sessions.Select(s => new DutySession(s.Name!.Trim(), s.Start!.Value, s.End!.Value)).ToList();
        var weekdays = Input.Weekdays.Count == 0 ? null : Input.Weekdays.ToHashSet();
        var draft = new RotaRule(Input.Pattern, engineSessions,
            members.Select(m => new RotaLeader(m.LeaderId, Leaders.First(x => x.Id == m.LeaderId).RotationOrder, Leaders.First(x => x.Id == m.LeaderId).Name)).ToList())
        {
            FixedDuties = Input.Pattern == RotaPattern.FixedWeekday ? members.SelectMany(m => m.FixedDays.Select(d => new FixedDuty(m.LeaderId, d))).ToList() : [],
            MinimumPerMonth = Input.MinimumPerMonth ?? 0,
            Weekdays = weekdays,
        };
        foreach (var problem in draft.Validate()) ModelState.AddModelError("", l.Text(problem));
        if (!ModelState.IsValid) return Page();

        if (rule is null)
        {
            rule = new DutyRule(Input.OrgUnitId!.Value, Input.VenueId!.Value, Input.Name!, Input.Pattern);
            db.DutyRules.Add(rule);
        }
        else if (rule.OrgUnitId != Input.OrgUnitId)
        {
            ModelState.AddModelError("Input.OrgUnitId", l["A rule stays with its org unit; add a new rule for another unit."]);
            return Page();
        }
        rule.Update(Input.Name!, Input.VenueId!.Value, Input.Pattern, Input.MinimumPerMonth ?? 0, weekdays, Input.IsActive);
        rule.SetSessions(engineSessions);
        rule.SetMembers(members.Select(m => (m.LeaderId, (IReadOnlyCollection<DayOfWeek>)(Input.Pattern == RotaPattern.FixedWeekday ? m.FixedDays : []))));
        if (!await db.TrySaveAsync(rule, Input.Version, ModelState, l)) return Page();
        Status.Set(TempData, l["Saved {0}.", rule.Name]);
        return RedirectToPage("Index");
    }

    private Task<DutyRule?> FindAsync(int id) => db.FindRuleAsync(me.Scope, id, tracking: true);

    private async Task LoadChoicesAsync()
    {
        OrgUnits = await choices.RegionsAsync(Input.OrgUnitId);
        var units = db.OrgUnits.VisibleTo(me.Scope);
        Venues = await (from v in db.Venues
                        join o in units on v.OrgUnitId equals o.Id
                        where v.IsActive || v.Id == Input.VenueId
                        orderby o.Path, v.Name
                        select new SelectListItem(v.Name + "（" + o.Name + "）", v.Id.ToString(CultureInfo.InvariantCulture), v.Id == Input.VenueId)).ToListAsync();
        var memberIds = Input.Members.Select(m => m.LeaderId).ToList();
        Leaders = await db.Leaders.AsNoTracking().VisibleTo(me.Scope).Where(x => x.IsActive || memberIds.Contains(x.Id))
            .OrderBy(x => x.OrgUnit!.Path).ThenBy(x => x.RotationOrder).ThenBy(x => x.Id)
            .Select(x => new LeaderOption(x.Id, x.Name, x.Title, x.OrgUnit!.Name, x.RotationOrder)).ToListAsync();
        // One row per leader in scope, keeping what the user ticked.
        var ticked = Input.Members.ToDictionary(m => m.LeaderId);
        Input.Members = Leaders.Select(x => ticked.TryGetValue(x.Id, out var m) ? m : new MemberInput { LeaderId = x.Id }).ToList();
        while (Input.Sessions.Count < 3) Input.Sessions.Add(new SessionInput());
    }

    public sealed record LeaderOption(int Id, string Name, string Title, string OrgUnit, int RotationOrder);

    public sealed class RuleInput
    {
        [Required(ErrorMessage = "Enter the {0}.")]
        [Display(Name = "Rule name")]
        [StringLength(DutyRule.NameMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Choose the {0}.")]
        [Display(Name = "Org unit")]
        public int? OrgUnitId { get; set; }

        [Required(ErrorMessage = "Choose the {0}.")]
        [Display(Name = "Venue")]
        public int? VenueId { get; set; }

        [Display(Name = "Pattern")]
        public RotaPattern Pattern { get; set; } = RotaPattern.Rotation;

        [Display(Name = "Duties per leader per month (at least)")]
        [Range(1, 31, ErrorMessage = "The {0} must be a whole number from {1} to {2}.")]
        public int? MinimumPerMonth { get; set; }

        public List<DayOfWeek> Weekdays { get; set; } = [];
        public List<SessionInput> Sessions { get; set; } = [];
        public List<MemberInput> Members { get; set; } = [];

        [Display(Name = "In use")]
        public bool IsActive { get; set; } = true;

        public int Version { get; set; }

        public static RuleInput From(DutyRule r) => new()
        {
            Name = r.Name,
            OrgUnitId = r.OrgUnitId,
            VenueId = r.VenueId,
            Pattern = r.Pattern,
            MinimumPerMonth = r.Pattern == RotaPattern.Monthly ? r.MinimumPerMonth : null,
            Weekdays = r.Weekdays?.ToList() ?? [],
            Sessions = r.Sessions.OrderBy(s => s.Index).Select(s => new SessionInput { Name = s.Name, Start = s.Start, End = s.End }).ToList(),
            Members = r.Members.Select(m => new MemberInput { LeaderId = m.LeaderId, Selected = true, FixedDays = m.FixedDays.ToList() }).ToList(),
            IsActive = r.IsActive,
            Version = r.Version,
        };
    }

    public sealed class SessionInput
    {
        [StringLength(DutyRuleSession.NameMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
        [Display(Name = "Session")]
        public string? Name { get; set; }
        public TimeOnly? Start { get; set; }
        public TimeOnly? End { get; set; }
    }

    public sealed class MemberInput
    {
        public int LeaderId { get; set; }
        public bool Selected { get; set; }
        public List<DayOfWeek> FixedDays { get; set; } = [];
    }
}
