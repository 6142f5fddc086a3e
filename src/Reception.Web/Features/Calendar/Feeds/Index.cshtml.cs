using Reception.Core.Feeds;

namespace Reception.Web.Features.Calendar.Feeds;

/// <summary>
/// The user's calendar subscription link: a Leader's personal feed, a Clerk's or Supervisor's office feed (their org
/// scope). Create, renew (rotate) and revoke. The token is shown once, on the page the action redirects to: it travels
/// in TempData, which the GET reads and so deletes; the database keeps only its hash.
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Leader + "," + Roles.Supervisor)]
[NoReferrer] // the page shows the secret subscription link
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string NewTokenKey = "FeedToken";

    /// <summary>Which feed this user may have; null for a Leader account without a leader record.</summary>
    public FeedKind? Kind { get; private set; }
    public Link? Current { get; private set; }
    public string OrgName { get; private set; } = "";

    /// <summary>The links made from the token just created or renewed (only on that one response).</summary>
    public FeedLinks? NewLinks { get; private set; }
    public FeedLinks PublicLinks { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        Kind = KindOf(me);
        var org = await db.OrgUnits.AsNoTracking().Where(o => o.Id == me.OrgUnitId).Select(o => new { o.Code, o.Name }).SingleAsync();
        OrgName = org.Name;
        PublicLinks = FeedLinks.For("public", FeedEndpoints.Site(Request), FeedEndpoints.PublicPath(org.Code));
        if (Kind is not { } kind) return Page();

        Current = await ActiveTokens(kind).OrderByDescending(t => t.Id).Select(t => new Link(t.CreatedAtUtc, t.RotatedAtUtc, t.LastUsedAtUtc)).FirstOrDefaultAsync();
        if (Current is not null && TempData[NewTokenKey] is string token && FeedToken.TryHash(token) is not null)
        {
            NewLinks = FeedLinks.For("mine", FeedEndpoints.Site(Request), FeedEndpoints.TokenPath(kind, token));
            // The one response that carries the secret: no cache may keep it.
            Response.Headers.CacheControl = "no-store";
        }
        return Page();
    }

    [Idempotent] // a double-submitted form creates one link
    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (KindOf(me) is not { } kind) return Forbid();
        if (await ActiveTokens(kind).AnyAsync())
        {
            Status.Set(TempData, l["You already have a subscription link. Renew it to get a new one."], Status.Warning);
            return RedirectToPage();
        }
        var (token, text) = FeedToken.Create(me.UserId!, kind, clock.GetUtcNow().UtcDateTime);
        db.FeedTokens.Add(token);
        await db.SaveChangesAsync();
        TempData[NewTokenKey] = text;
        Status.Set(TempData, l["Created a subscription link."]);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRotateAsync()
    {
        if (KindOf(me) is not { } kind) return Forbid();
        var token = await db.FeedTokens.Where(t => t.UserId == me.UserId && t.Kind == kind && t.RevokedAtUtc == null).OrderByDescending(t => t.Id).FirstOrDefaultAsync();
        if (token is null)
        {
            Status.Set(TempData, l["You have no subscription link to renew or revoke."], Status.Warning);
            return RedirectToPage();
        }
        var text = token.Rotate(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        TempData[NewTokenKey] = text;
        Status.Set(TempData, l["Renewed the subscription link; the old link no longer works."]);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        if (KindOf(me) is not { } kind) return Forbid();
        var token = await db.FeedTokens.Where(t => t.UserId == me.UserId && t.Kind == kind && t.RevokedAtUtc == null).OrderByDescending(t => t.Id).FirstOrDefaultAsync();
        if (token is null)
        {
            Status.Set(TempData, l["You have no subscription link to renew or revoke."], Status.Warning);
            return RedirectToPage();
        }
        token.Revoke(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        Status.Set(TempData, l["Revoked the subscription link. Calendars that used it no longer update."]);
        return RedirectToPage();
    }

    /// <summary>A Leader has a personal feed (if the account is linked to a leader record); Clerks and Supervisors their office's.</summary>
    public static FeedKind? KindOf(CurrentUser user) =>
        user.IsInRole(Roles.Leader) ? (user.LeaderId is null ? null : FeedKind.Personal)
        : user.IsInRole(Roles.Clerk) || user.IsInRole(Roles.Supervisor) ? FeedKind.Office
        : null;

    private IQueryable<FeedToken> ActiveTokens(FeedKind kind)
    {
        var userId = me.UserId;
        return db.FeedTokens.AsNoTracking().Where(t => t.UserId == userId && t.Kind == kind && t.RevokedAtUtc == null);
    }

    public sealed record Link(DateTime CreatedAtUtc, DateTime? RotatedAtUtc, DateTime? LastUsedAtUtc);
}

/// <summary>A feed's https:// (or http:// on a plain-HTTP site) and webcal:// addresses, and a QR code of the first.</summary>
public sealed record FeedLinks(string Id, string Web, string Webcal)
{
    /// <param name="id">Prefix of the element ids on the page ("mine", "public").</param>
    public static FeedLinks For(string id, Uri site, string path)
    {
        var web = new Uri(site, path.TrimStart('/')).AbsoluteUri;
        return new FeedLinks(id, web, "webcal" + web[web.IndexOf(':', StringComparison.Ordinal)..]);
    }

    public string QrSvg() => FeedQr.Svg(Web);
}
