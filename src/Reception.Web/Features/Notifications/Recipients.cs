namespace Reception.Web.Features.Notifications;

/// <summary>An active account with one of the office roles, and its org unit (the scope of what it is sent).</summary>
internal sealed record StaffAccount(string UserId, int OrgUnitId, string Path, string UnitName);

/// <summary>An active leader account: its own org unit and path, and the leader record's unit and path.</summary>
internal sealed record LeaderAccount(string UserId, int OrgUnitId, string UserPath, int LeaderId, int LeaderUnitId, string LeaderPath);

/// <summary>Who the periodic jobs (weekly bulletin, monthly compliance) write to: one query each.</summary>
internal static class Recipients
{
    public static Task<List<StaffAccount>> StaffAsync(AppDbContext db, IReadOnlyCollection<string> roles, CancellationToken ct) =>
        (from u in db.Users.AsNoTracking()
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         join o in db.OrgUnits on u.OrgUnitId equals o.Id
         where u.IsActive && roles.Contains(r.Name!)
         select new StaffAccount(u.Id, u.OrgUnitId, o.Path, o.Name)).ToListAsync(ct);

    /// <summary>Active leader accounts of active leaders.</summary>
    public static Task<List<LeaderAccount>> LeadersAsync(AppDbContext db, CancellationToken ct) =>
        (from u in db.Users.AsNoTracking()
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         join x in db.Leaders on u.LeaderId equals x.Id
         join o in db.OrgUnits on x.OrgUnitId equals o.Id
         where u.IsActive && r.Name == Roles.Leader && x.IsActive
         select new LeaderAccount(u.Id, u.OrgUnitId, u.OrgUnit!.Path, x.Id, o.Id, o.Path)).ToListAsync(ct);
}
