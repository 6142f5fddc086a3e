using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reception.Core.Notifications;
using Reception.Web.Data;
using Reception.Web.Localization;

namespace Reception.Web.Notifications;

/// <summary>
/// Adds in-app notifications to the current unit of work (the caller's SaveChanges stores them with
/// the change that caused them). Texts are rendered in each recipient's chosen language.
/// </summary>
public sealed class Notifier(AppDbContext db, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    /// <summary>Notifies the accounts linked to these leaders.</summary>
    public async Task ToLeadersAsync(IEnumerable<int> leaderIds, string kind, Message title, Message body, string? link, CancellationToken ct = default)
    {
        var ids = leaderIds.Distinct().ToList();
        var users = await db.Users.Where(u => u.LeaderId != null && ids.Contains(u.LeaderId.Value) && u.IsActive)
            .Select(u => new { u.Id, u.PreferredCulture }).ToListAsync(ct);
        foreach (var u in users) Add(u.Id, u.PreferredCulture, kind, title, body, link);
    }

    /// <summary>Notifies the active users of a role whose scope contains <paramref name="orgPath"/>.</summary>
    public async Task ToRoleAsync(string role, string orgPath, string kind, Message title, Message body, string? link, CancellationToken ct = default)
    {
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(ct);
        var users = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           where ur.RoleId == roleId && u.IsActive
                           select new { u.Id, u.PreferredCulture, Path = u.OrgUnit!.Path })
            .ToListAsync(ct);
        foreach (var u in users.Where(u => orgPath.StartsWith(u.Path, StringComparison.Ordinal)))
            Add(u.Id, u.PreferredCulture, kind, title, body, link);
    }

    /// <summary>
    /// Notifies the active unit handlers of a unit: those whose department, or else org unit, is <paramref name="unitId"/>
    /// (<see cref="Reception.Web.Cases.CaseScope.HandlerUnitId"/>).
    /// </summary>
    public async Task ToUnitHandlersAsync(int unitId, string kind, Message title, Message body, string? link, CancellationToken ct = default)
    {
        var roleId = await db.Roles.Where(r => r.Name == Reception.Web.Authorization.Roles.UnitHandler).Select(r => r.Id).SingleAsync(ct);
        var users = await (from u in db.Users
                           join ur in db.UserRoles on u.Id equals ur.UserId
                           where ur.RoleId == roleId && u.IsActive && (u.DepartmentId ?? u.OrgUnitId) == unitId
                           select new { u.Id, u.PreferredCulture })
            .ToListAsync(ct);
        foreach (var u in users) Add(u.Id, u.PreferredCulture, kind, title, body, link);
    }

    private void Add(string userId, string? culture, string kind, Message title, Message body, string? link)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo(Cultures.Normalize(culture));
            db.Notifications.Add(new Notification(userId, kind, title.Render(l), body.Render(l), link, clock.GetUtcNow().UtcDateTime));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}

/// <summary>A resource key and its arguments, rendered later in the recipient's language.</summary>
public sealed record Message(string Key, params object[] Args)
{
    public string Render(IStringLocalizer l) =>
        l.Text(new Reception.Core.Common.LocalizableMessage(Key, Args.Select(a => a is Message m ? m.Render(l) : a).ToArray()));
}
