using Reception.Core.Notifications;

namespace Reception.Web.Features.Notifications;

/// <summary>
/// The signed-in user's own notification preferences: for each kind, whether it appears in the app and whether it is
/// emailed. Overdue and escalation alerts cannot be turned off: they are shown checked and disabled, and a POST turning
/// them off (which the form cannot send) is refused and nothing is saved. A non-urgent kind's email is either sent on its
/// own (in working hours) or gathered in the daily digest (the default): "immediate / digest / off" is the email box
/// and the digest box together. Every signed-in role has this page; it only
/// ever reads and writes the current user's rows.
/// </summary>
public sealed class PreferencesModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l,
    IOptions<NotificationOptions> options) : PageModel
{
    [BindProperty] public List<Choice> Choices { get; set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool HasEmail { get; private set; }
    public string WorkingHoursStart => options.Value.WorkingHours().Start.ToString("HH:mm", CultureInfo.InvariantCulture);
    public string WorkingHoursEnd => options.Value.WorkingHours().End.ToString("HH:mm", CultureInfo.InvariantCulture);

    public async Task OnGetAsync()
    {
        var stored = await StoredAsync();
        Choices = NotificationKinds.All.Select(k =>
        {
            var c = NotificationChoice.Effective(k, stored.TryGetValue(k.Key, out var p) ? p.Choice : null, DigestByDefault);
            return new Choice { Kind = k.Key, InApp = c.InApp, Email = c.Email, Digest = c.Digest };
        }).ToList();
        await FillAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var wanted = new Dictionary<string, NotificationChoice>(StringComparer.Ordinal);
        foreach (var choice in Choices)
        {
            var kind = NotificationKinds.All.FirstOrDefault(k => k.Key == choice.Kind);
            if (kind is null || wanted.ContainsKey(kind.Key))
            {
                ModelState.AddModelError("", l["The form did not match the kinds of notification. Reload the page and try again."]);
                continue;
            }
            var value = new NotificationChoice(choice.InApp, choice.Email, choice.Email && choice.Digest && NotificationChoice.CanDigest(kind));
            if (NotificationChoice.Validate(kind, value, KindLabel(l, kind.Key)) is { } refusal)
                ModelState.AddModelError("", l.Text(refusal));
            wanted[kind.Key] = value;
        }
        if (!ModelState.IsValid)
        {
            // Keep what the user chose for the others; a mandatory kind is shown on again.
            Choices = NotificationKinds.All.Select(k => wanted.TryGetValue(k.Key, out var c)
                ? new Choice { Kind = k.Key, InApp = c.InApp || !k.Optional, Email = c.Email || !k.Optional, Digest = c.Digest && k.Optional }
                : new Choice { Kind = k.Key, InApp = true, Email = true, Digest = NotificationChoice.DefaultFor(k, DigestByDefault).Digest }).ToList();
            await FillAsync();
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await StoredAsync(tracked: true);
        foreach (var kind in NotificationKinds.All.Where(k => k.Optional))
        {
            var standard = NotificationChoice.DefaultFor(kind, DigestByDefault);
            var value = wanted.TryGetValue(kind.Key, out var c) ? c : standard;
            stored.TryGetValue(kind.Key, out var row);
            if (value == standard)
            {
                if (row is not null) db.NotificationPreferences.Remove(row); // back to the default: no row
            }
            else if (row is null)
            {
                db.NotificationPreferences.Add(new NotificationPreference(me.UserId!, kind.Key, value.InApp, value.Email, now, value.Digest));
            }
            else if (row.Choice != value)
            {
                row.Set(value.InApp, value.Email, now, value.Digest);
            }
        }
        await db.SaveChangesAsync();
        Status.Set(TempData, l["Your notification preferences were saved."]);
        return RedirectToPage();
    }

    private bool DigestByDefault => options.Value.DigestByDefault;

    /// <summary>The label of a kind ("NotificationKind.{key}"); an unknown kind shows its key.</summary>
    public static string KindLabel(IStringLocalizer l, string kind) =>
        l[$"NotificationKind.{kind}"] is { ResourceNotFound: false } label ? label.Value : kind;

    private async Task<Dictionary<string, NotificationPreference>> StoredAsync(bool tracked = false)
    {
        var mine = db.NotificationPreferences.Where(p => p.UserId == me.UserId);
        return await (tracked ? mine : mine.AsNoTracking()).ToDictionaryAsync(p => p.Kind, StringComparer.Ordinal);
    }

    private async Task FillAsync()
    {
        HasEmail = await db.Users.Where(u => u.Id == me.UserId).Select(u => u.Email).SingleAsync() is { Length: > 0 };
        Rows = Choices.Select(c => new Row(NotificationKinds.Of(c.Kind), KindLabel(l, c.Kind))).ToList();
    }

    public sealed class Choice
    {
        public string Kind { get; set; } = "";
        public bool InApp { get; set; }
        public bool Email { get; set; }

        /// <summary>With <see cref="Email"/>: in the daily digest rather than one by one (non-urgent kinds).</summary>
        public bool Digest { get; set; }
    }

    public sealed record Row(NotificationKind Kind, string Label)
    {
        public bool Mandatory => !Kind.Optional;
        public bool Urgent => Kind.Urgency == NotificationUrgency.Immediate;
        public bool CanDigest => Kind.Optional && NotificationChoice.CanDigest(Kind);
    }
}
