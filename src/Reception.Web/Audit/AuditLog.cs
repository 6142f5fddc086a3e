using System.Security.Claims;
using Reception.Core.Audit;

namespace Reception.Web.Audit;

/// <summary>
/// Records security-relevant events for the signed-in user of this request (or an actor named explicitly, e.g. the
/// person signing in). Details name records by number or id, never a petitioner's personal data.
/// </summary>
public sealed class AuditLog(AuditWriter writer, IHttpContextAccessor http)
{
    public Task<AuditRecord> RecordAsync(string action, AuditOutcome outcome, string? target = null, string? detail = null, CancellationToken ct = default) =>
        writer.AppendAsync(CurrentActor(), new AuditEntry(action, outcome, target, detail), ct);

    public Task<AuditRecord> RecordAsync(AuditActor actor, string action, AuditOutcome outcome, string? target = null, string? detail = null, CancellationToken ct = default) =>
        writer.AppendAsync(actor, new AuditEntry(action, outcome, target, detail), ct);

    /// <summary>The signed-in user of this request and their address (anonymous: an empty name).</summary>
    public AuditActor CurrentActor() => ActorOf(http.HttpContext);

    public static AuditActor ActorOf(HttpContext? context)
    {
        var user = context?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        return new AuditActor(
            signedIn ? user!.FindFirstValue(ClaimTypes.NameIdentifier) : null,
            signedIn ? user!.Identity!.Name ?? "" : "",
            signedIn ? Roles.All.FirstOrDefault(user!.IsInRole) : null,
            signedIn ? user!.FindFirstValue(AppClaims.OrgPath) : null,
            ClientOf(context));
    }

    /// <summary>The client's address as the app sees it (a trusted proxy's X-Forwarded-For already applied).</summary>
    public static string? ClientOf(HttpContext? context) => context?.Connection.RemoteIpAddress?.ToString();

    /// <summary>An actor for someone who is not (yet) signed in on this request: the account signing in.</summary>
    public static async Task<AuditActor> ActorForAsync(HttpContext context, AppUser? user, string typedName, Microsoft.AspNetCore.Identity.UserManager<AppUser> users, AppDbContext db)
    {
        if (user is null) return new AuditActor(null, typedName, null, null, ClientOf(context));
        var role = (await users.GetRolesAsync(user)).FirstOrDefault();
        var unit = await db.OrgUnits.Where(o => o.Id == user.OrgUnitId).Select(o => o.Path).FirstOrDefaultAsync();
        return new AuditActor(user.Id, user.UserName ?? typedName, role, unit, ClientOf(context));
    }
}
