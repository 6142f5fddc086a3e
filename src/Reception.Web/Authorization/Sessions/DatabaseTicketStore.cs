using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Reception.Core.Audit;
using Reception.Web.Audit;

namespace Reception.Web.Authorization.Sessions;

/// <summary>
/// Keeps sign-in sessions in the database (ASVS V3.3): the cookie carries only a random session key, so signing out —
/// deleting the row — makes a copied cookie worthless at once, on every instance. A session ends after
/// <see cref="SecurityOptions.IdleTimeout"/> without a request and <see cref="SecurityOptions.AbsoluteLifetime"/> after
/// sign-in, both measured with the app's clock.
/// </summary>
public sealed class DatabaseTicketStore(IServiceScopeFactory scopes, TimeProvider clock, IOptionsMonitor<SecurityOptions> options) : ITicketStore
{
    /// <summary>How often a request in use writes "last seen": a busy session costs one write a minute, not one per request.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.UserSessions.Add(new UserSession
        {
            Id = key,
            UserId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A session needs a user."),
            CreatedUtc = now,
            LastSeenUtc = now,
            Ticket = TicketSerializer.Default.Serialize(ticket),
        });
        await db.SaveChangesAsync();
        return key;
    }

    /// <summary>
    /// Stores the renewed ticket under the same key. Signing in again in a browser that has a session renews its key too
    /// (the cookie handler's choice): when the row is gone — the password change ended every session of the account
    /// first — the session starts afresh under that key.
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var bytes = TicketSerializer.Default.Serialize(ticket);
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await db.UserSessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Ticket, bytes).SetProperty(s => s.LastSeenUtc, now));
        if (updated > 0) return;
        db.UserSessions.Add(new UserSession
        {
            Id = key,
            UserId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A session needs a user."),
            CreatedUtc = now,
            LastSeenUtc = now,
            Ticket = bytes,
        });
        await db.SaveChangesAsync();
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var session = await db.UserSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == key);
        if (session is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var o = options.CurrentValue;
        var idle = now - session.LastSeenUtc > o.IdleTimeout;
        if (idle || now - session.CreatedUtc > o.AbsoluteLifetime)
        {
            // Only the request that removes the row records the end (two requests of one browser may arrive together).
            if (await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync() > 0)
                await RecordEndAsync(scope.ServiceProvider, session, idle ? "idle timeout" : "absolute lifetime");
            return null;
        }
        if (now - session.LastSeenUtc >= TouchInterval)
            await db.UserSessions.Where(s => s.Id == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenUtc, now));
        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    /// <summary>Audits a session the server ended on its own: whose it was, and why (never the session's key).</summary>
    private static async Task RecordEndAsync(IServiceProvider services, UserSession session, string reason)
    {
        var principal = TicketSerializer.Default.Deserialize(session.Ticket)?.Principal;
        var actor = new AuditActor(session.UserId, principal?.Identity?.Name ?? "", Roles.All.FirstOrDefault(r => principal?.IsInRole(r) == true),
            principal?.FindFirstValue(AppClaims.OrgPath), AuditLog.ClientOf(services.GetService<IHttpContextAccessor>()?.HttpContext));
        await services.GetRequiredService<AuditWriter>().AppendAsync(actor,
            new AuditEntry(AuditActions.SessionEnded, AuditOutcome.Success, "user:" + actor.UserName, reason));
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }
}

/// <summary>Ends sessions on the server: every session of an account (disabled, role or password changed).</summary>
public sealed class UserSessions(AppDbContext db)
{
    public Task<int> EndAllAsync(string userId, CancellationToken ct = default) =>
        db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
}
