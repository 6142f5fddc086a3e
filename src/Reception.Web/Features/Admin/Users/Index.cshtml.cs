namespace Reception.Web.Features.Admin.Users;

[Authorize(Roles = Roles.SecurityAdmin)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, TimeProvider clock, SignInThrottling throttling) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "role")] public string? Role { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Paged<Row> Rows { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var users = db.Users.AsNoTracking().VisibleTo(me.Scope);
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var q = Query.Trim();
            var upper = q.ToUpperInvariant();
            users = users.Where(u => u.NormalizedUserName!.Contains(upper) || u.DisplayName.Contains(q));
        }
        var rows = from u in users
                   join ur in db.UserRoles on u.Id equals ur.UserId into urs
                   from ur in urs.DefaultIfEmpty()
                   join r in db.Roles on ur.RoleId equals r.Id into rs
                   from r in rs.DefaultIfEmpty()
                   select new { u, RoleName = r != null ? r.Name : null };
        if (!string.IsNullOrWhiteSpace(Role)) rows = rows.Where(x => x.RoleName == Role);
        var now = clock.GetUtcNow();
        Rows = await rows.OrderBy(x => x.u.UserName)
            .Select(x => new Row(x.u.Id, x.u.UserName!, x.u.DisplayName, x.RoleName, x.u.OrgUnit!.Name,
                x.u.Leader != null ? x.u.Leader.Name : null, x.u.Department != null ? x.u.Department.Name : null, x.u.PhoneNumber, x.u.IsActive, x.u.LockoutEnd))
            .ToPagedAsync(PageNumber);
        Now = now;
        Locked = await throttling.LockedAsync();
    }

    /// <summary>Normalized names of the accounts whose sign-in is being delayed now.</summary>
    public IReadOnlySet<string> Locked { get; private set; } = new HashSet<string>();

    public bool IsLocked(Row r) => Locked.Contains(SignInThrottling.Normalize(r.UserName));

    public DateTimeOffset Now { get; private set; }

    public sealed record Row(string Id, string UserName, string DisplayName, string? Role, string OrgUnit, string? Leader, string? Department, string? Mobile, bool IsActive, DateTimeOffset? LockoutEnd);
}
