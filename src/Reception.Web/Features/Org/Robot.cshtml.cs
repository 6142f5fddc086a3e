using Reception.Core.Notifications;
using Reception.Core.Organisation;

namespace Reception.Web.Features.Org;

/// <summary>
/// An org unit's group robot (企业微信 or 钉钉): its webhook address, and for 钉钉 the signing secret, which is stored and
/// never shown back (the page shows it masked; leaving the field empty keeps it). The robot receives the unit's duty
/// reminders, weekly bulletin and red-card alerts (<see cref="UnitRobots"/>). Administrators, for the units they see.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class RobotModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l,
    IOptions<NotificationOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public RobotKind? Kind { get; set; }
    [BindProperty] public string? WebhookUrl { get; set; }
    [BindProperty] public string? Secret { get; set; }

    public OrgUnit Unit { get; private set; } = null!;
    public UnitRobot? Stored { get; private set; }
    public string MaskedSecret => UnitRobot.Mask(Stored?.Secret);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Kind = Stored?.Kind;
        WebhookUrl = Stored?.Url;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Kind is not { } kind || !Enum.IsDefined(kind))
        {
            ModelState.AddModelError(nameof(Kind), l["Choose the chat app of the robot."]);
            return Page();
        }
        if (UnitRobot.ValidateUrl(kind, WebhookUrl, options.Value.RobotsAnyHost) is { } urlError) ModelState.AddModelError(nameof(WebhookUrl), l.Text(urlError));
        var keepSecret = Stored?.Kind == RobotKind.DingTalk && Stored.Secret is not null;
        if (UnitRobot.ValidateSecret(kind, Secret, keepSecret) is { } secretError) ModelState.AddModelError(nameof(Secret), l.Text(secretError));
        if (!ModelState.IsValid)
        {
            Secret = null; // a secret is never sent back, not even the one just typed
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var secret = string.IsNullOrWhiteSpace(Secret) ? null : Secret.Trim();
        if (Stored is null) db.UnitRobots.Add(new UnitRobot(Unit.Id, kind, WebhookUrl!, secret, now));
        else Stored.Set(kind, WebhookUrl!, secret, now);
        await db.SaveChangesAsync();
        Status.Set(TempData, l["The group robot of {0} is saved.", Unit.Name]);
        return RedirectToPage("Robot", new { id = Unit.Id });
    }

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (Stored is not null)
        {
            db.UnitRobots.Remove(Stored);
            await db.SaveChangesAsync();
        }
        Status.Set(TempData, l["{0} has no group robot now.", Unit.Name]);
        return RedirectToPage("Robot", new { id = Unit.Id });
    }

    private async Task<bool> LoadAsync()
    {
        var unit = await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).SingleOrDefaultAsync(o => o.Id == Id);
        if (unit is null) return false;
        Unit = unit;
        Stored = await db.UnitRobots.SingleOrDefaultAsync(r => r.OrgUnitId == Id);
        return true;
    }
}
