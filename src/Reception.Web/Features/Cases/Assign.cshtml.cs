using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Cases;
using Reception.Core.Notifications;
using Reception.Core.Organisation;

namespace Reception.Web.Features.Cases;

/// <summary>
/// Assignment (交办, 包案) of an accepted case, or reassignment while it is assigned or in progress: the owning leader,
/// the handling and co-handling units, the stability-control unit (by default the first petitioner's household
/// locality) and the supervisor, all from the clerk's scope. The owning leader is told in the app.
/// </summary>
[Authorize(Roles = Roles.Clerk)]
public sealed class AssignModel(AppDbContext db, CurrentUser me, CaseService cases, Notifier notifier, IStringLocalizer<SharedResource> l) : PageModel
{
    // Notification texts name the case by number and category only: never a petitioner's personal data.
    public const string NotificationTitle = "Case {0} is assigned to you";
    public const string NotificationBody = "You are the owning leader (包案领导) of case {0} ({1}). Open the case to see what to do.";
    public const string UnitNotificationTitle = "Case {0} is assigned to your unit";

    /// <summary>{0} = case number, {1} = category, {2} = the unit, {3} = its part (handling or co-handling), {4} = due date.</summary>
    public const string UnitNotificationBody = "Case {0} ({1}) is assigned (交办) to {2} as the {3}. Record the progress and the written reply on the case page.";
    public const string HandlingPart = "handling unit (办理责任单位)";
    public const string CoHandlingPart = "co-handling unit (协办单位)";

    private static readonly OrgUnitKind[] HandlingKinds = [OrgUnitKind.Department, OrgUnitKind.Township, OrgUnitKind.Street];

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public AssignInput Input { get; set; } = new();

    public PetitionCase Case { get; private set; } = null!;
    public string CategoryName { get; private set; } = "";

    /// <summary>Why the case cannot be assigned in its state (shown instead of the form); the case itself has the last word on a post.</summary>
    public string? Refusal { get; private set; }

    public IReadOnlyList<SelectListItem> Leaders { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Units { get; private set; } = [];
    public IReadOnlyList<SelectListItem> StabilityUnits { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Supervisors { get; private set; } = [];

    public bool IsReassignment => Case.State is CaseState.Assigned or CaseState.InProgress;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!await MayAssignAsync()) return Forbid();
        Input = AssignInput.From(Case);
        await LoadChoicesAsync();
        Input.StabilityControlUnitId ??= DefaultStabilityUnit();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (!await MayAssignAsync()) return Forbid();
        await LoadChoicesAsync();
        if (Input.OwnerLeaderId is not null && !Offers(Leaders, Input.OwnerLeaderId))
            ModelState.AddModelError("Input.OwnerLeaderId", l["Choose a leader from the list."]);
        if (Input.HandlingUnitId is not null && !Offers(Units, Input.HandlingUnitId))
            ModelState.AddModelError("Input.HandlingUnitId", l["Choose a unit from the list."]);
        if (Input.CoHandlingUnitIds.Any(id => !Offers(Units, id)))
            ModelState.AddModelError("Input.CoHandlingUnitIds", l["Choose the co-handling units from the list."]);
        if (Input.StabilityControlUnitId is not null && !Offers(StabilityUnits, Input.StabilityControlUnitId))
            ModelState.AddModelError("Input.StabilityControlUnitId", l["Choose a unit from the list."]);
        if (!string.IsNullOrEmpty(Input.SupervisorUserId) && Supervisors.All(s => s.Value != Input.SupervisorUserId))
            ModelState.AddModelError("Input.SupervisorUserId", l["Choose a supervisor from the list."]);
        if (!ModelState.IsValid) return Page();

        var previousOwner = Case.OwnerLeaderId;
        var previousUnits = new HashSet<int>(Case.CoHandlingUnitIds);
        if (Case.HandlingUnitId is { } previousHandling) previousUnits.Add(previousHandling);
        var result = Case.Assign(Input.OwnerLeaderId!.Value, Input.HandlingUnitId!.Value, Input.CoHandlingUnitIds, Input.StabilityControlUnitId,
            Input.SupervisorUserId, me.UserId!, cases.UtcNow);
        if (!result.Succeeded)
        {
            ModelState.AddModelError("", l.Text(result.Error));
            return Page();
        }

        await cases.RefreshClockAsync(Case);
        var number = Case.Number.ToString();
        if (previousOwner != Case.OwnerLeaderId)
            await notifier.ToLeadersAsync([Case.OwnerLeaderId!.Value], NotificationKinds.CaseAssigned, new Message(NotificationTitle, number),
                new Message(NotificationBody, number, CategoryName), $"/Cases/Details/{Case.Id}");
        // The handlers of each unit newly given the case (交办) are told; a unit already on it is not told again.
        var involved = new List<(int Unit, string Part)> { (Case.HandlingUnitId!.Value, HandlingPart) };
        involved.AddRange(Case.CoHandlingUnitIds.Where(u => u != Case.HandlingUnitId).Select(u => (u, CoHandlingPart)));
        foreach (var (unit, part) in involved.Where(x => !previousUnits.Contains(x.Unit)))
            await notifier.ToUnitHandlersAsync(unit, NotificationKinds.CaseAssigned, new Message(UnitNotificationTitle, number),
                new Message(UnitNotificationBody, number, CategoryName, UnitName(unit), new Message(part)), $"/Cases/Details/{Case.Id}");
        if (!await db.TrySaveAsync(Case, Input.Version, ModelState, l)) return Page();

        var leader = Leaders.First(x => x.Value == Input.OwnerLeaderId.Value.ToString(CultureInfo.InvariantCulture)).Text;
        var unstaffed = await UnitsWithoutHandlersAsync(involved.Select(x => x.Unit).ToList());
        if (unstaffed.Count > 0)
            Status.Set(TempData, l["Assigned case {0}; owning leader: {1}. Warning: {2} has no active unit handler account, so nobody there is notified or can record progress; ask an administrator to create one.",
                number, leader, string.Join(l[MessageList.Separator].Value, unstaffed.Select(UnitName))], Status.Warning);
        else
            Status.Set(TempData, l["Assigned case {0}; owning leader: {1}.", number, leader]);
        return RedirectToPage("Details", new { id = Case.Id });
    }

    private Dictionary<int, string> unitNames = [];

    private string UnitName(int id) => unitNames.GetValueOrDefault(id) ?? Str(id);

    /// <summary>Those units without an active unit handler (of the unit as department or as org unit).</summary>
    private async Task<List<int>> UnitsWithoutHandlersAsync(List<int> units)
    {
        var role = db.Roles.Where(r => r.Name == Roles.UnitHandler).Select(r => r.Id);
        var staffed = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && role.Contains(ur.RoleId)))
            .Select(u => u.DepartmentId ?? u.OrgUnitId).Where(id => units.Contains(id)).Distinct().ToListAsync();
        return units.Distinct().Where(u => !staffed.Contains(u)).ToList();
    }

    /// <summary>Only the clerks of the owning scope (the registering unit's and the units' above it) assign and reassign.</summary>
    private async Task<bool> MayAssignAsync() =>
        CaseOperations.May(CaseAccess.ActorOf(me.Scope, me.UserId), CaseOperation.Assign, Case, await db.UnitPathsAsync(Case));

    private async Task<bool> LoadAsync()
    {
        var found = await db.LoadCaseAsync(me.Scope, Id);
        if (found is null) return false;
        Case = found;
        CategoryName = await db.CaseCategories.Where(c => c.Code == found.CategoryCode).Select(c => c.Name).FirstOrDefaultAsync() ?? found.CategoryCode;
        Refusal = found.Refuses(CaseOperation.Assign) is { } why ? l.Text(why) : null;
        return true;
    }

    private async Task LoadChoicesAsync()
    {
        var owner = Input.OwnerLeaderId ?? Case.OwnerLeaderId;
        var leaders = await db.Leaders.AsNoTracking().VisibleTo(me.Scope).Where(x => x.IsActive || x.Id == owner)
            .OrderBy(x => x.OrgUnit!.Path).ThenBy(x => x.RotationOrder)
            .Select(x => new { x.Id, x.Name, x.Title, x.OrgUnitId, Unit = x.OrgUnit!.Name })
            .ToListAsync();
        var leaderGroups = leaders.GroupBy(x => x.OrgUnitId).ToDictionary(g => g.Key, g => new SelectListGroup { Name = g.First().Unit });
        Leaders = leaders.Select(x => new SelectListItem(x.Name + " · " + x.Title, Str(x.Id), x.Id == Input.OwnerLeaderId) { Group = leaderGroups[x.OrgUnitId] }).ToList();

        var current = new HashSet<int>(Case.CoHandlingUnitIds);
        if (Case.HandlingUnitId is { } handling) current.Add(handling);
        if (Case.StabilityControlUnitId is { } stability) current.Add(stability);
        var units = await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).Where(o => o.IsActive || current.Contains(o.Id))
            .OrderBy(o => o.Path).Select(o => new { o.Id, o.Name, o.Kind, o.Path }).ToListAsync();
        var departments = new SelectListGroup { Name = l["Departments"] };
        var townships = new SelectListGroup { Name = l["Townships and streets"] };
        var handlingUnits = units.Where(u => HandlingKinds.Contains(u.Kind)).ToList();
        unitNames = handlingUnits.ToDictionary(u => u.Id, u => u.Name);
        var unstaffed = (await UnitsWithoutHandlersAsync(handlingUnits.Select(u => u.Id).ToList())).ToHashSet();
        // A unit without an active handler account is marked in the list: nobody there would be told or could record progress.
        Units = handlingUnits
            .OrderBy(u => u.Kind == OrgUnitKind.Department ? 0 : 1).ThenBy(u => u.Path, StringComparer.Ordinal)
            .Select(u => new SelectListItem(unstaffed.Contains(u.Id) ? l["{0} (no unit handler account)", u.Name].Value : u.Name, Str(u.Id), u.Id == Input.HandlingUnitId)
            { Group = u.Kind == OrgUnitKind.Department ? departments : townships })
            .ToList();
        var regions = units.Where(u => u.Kind != OrgUnitKind.Department).ToList();
        var top = regions.Count == 0 ? 0 : regions.Min(u => Depth(u.Path));
        StabilityUnits = regions.Select(u => new SelectListItem(new string('\u3000', Depth(u.Path) - top) + u.Name, Str(u.Id), u.Id == Input.StabilityControlUnitId)).ToList();
        stabilityNames = regions.Select(u => (u.Id, u.Name, Depth(u.Path))).ToList();

        var supervisorRole = db.Roles.Where(r => r.Name == Roles.Supervisor).Select(r => r.Id);
        var chosen = Input.SupervisorUserId ?? Case.SupervisorUserId;
        Supervisors = await db.Users.AsNoTracking().VisibleTo(me.Scope)
            .Where(u => (u.IsActive || u.Id == chosen) && db.UserRoles.Any(ur => ur.UserId == u.Id && supervisorRole.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new SelectListItem(u.DisplayName, u.Id, u.Id == Input.SupervisorUserId))
            .ToListAsync();
    }

    private List<(int Id, string Name, int Depth)> stabilityNames = [];

    /// <summary>
    /// The unit named in the first petitioner's household locality (the most specific one, e.g. 松林村 in "青山镇松林村"),
    /// else the unit that registered the case, when the clerk may choose it.
    /// </summary>
    private int? DefaultStabilityUnit()
    {
        var locality = Case.Petitioners.OrderBy(p => p.Id).Select(p => p.HouseholdLocality).FirstOrDefault();
        if (!string.IsNullOrWhiteSpace(locality))
        {
            var match = stabilityNames.Where(u => u.Name.Length > 0 && locality.Contains(u.Name, StringComparison.Ordinal))
                .OrderByDescending(u => u.Depth).ThenByDescending(u => u.Name.Length).Select(u => (int?)u.Id).FirstOrDefault();
            if (match is not null) return match;
        }
        return stabilityNames.Any(u => u.Id == Case.OrgUnitId) ? Case.OrgUnitId : null;
    }

    private static bool Offers(IEnumerable<SelectListItem> choices, int? id) => id is { } v && choices.Any(c => c.Value == Str(v));
    private static string Str(int id) => id.ToString(CultureInfo.InvariantCulture);
    private static int Depth(string path) => path.Count(c => c == '/');
}
