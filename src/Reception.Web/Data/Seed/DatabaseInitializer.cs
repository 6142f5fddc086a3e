using Microsoft.AspNetCore.Identity;
using Reception.Core.Calendar;
using Reception.Core.Organisation;

namespace Reception.Web.Data.Seed;

/// <summary>
/// Runs at start-up: applies migrations, makes sure the roles and the shipped holiday years exist,
/// and fills an empty database — with the demo city in Development (or when asked), otherwise with
/// the first administrator only.
/// </summary>
public sealed class DatabaseInitializer(
    AppDbContext db,
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<ReceptionOptions> options,
    TimeProvider clock,
    ShippedArrangement shippedArrangement,
    IEnumerable<IDemoSeeder> demos,
    ILogger<DatabaseInitializer> log)
{
    /// <summary>Returns true when it has just seeded the demo city.</summary>
    public async Task<bool> InitializeAsync(bool isDevelopment, CancellationToken ct = default)
    {
        await PrepareAsync(ct);

        if (await db.OrgUnits.AnyAsync(ct)) return false;
        var seedDemo = options.Value.SeedDemoData ?? isDevelopment;
        if (seedDemo && demos.FirstOrDefault() is { } demo)
        {
            await demo.SeedAsync(ct);
            return true;
        }
        await CreateFirstAdministratorAsync(ct);
        return false;
    }

    /// <summary>
    /// What every start needs and nothing more: the schema migrated, the roles, the shipped holiday years and the case
    /// defaults — no organisation, no accounts, no demo. The command line (<c>holidays show</c>) opens a database so.
    /// </summary>
    public async Task PrepareAsync(CancellationToken ct = default)
    {
        // A migration that builds an index over a province's million cases takes longer than a query may (30 s by default).
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
        // Petitioners' personal data not yet under the current key (clear rows of before, a rotated key) is encrypted.
        if (await PersonalData.PersonalDataStartup.ProtectAsync(db, ct) is > 0 and var protectedRows) log.PersonalDataProtected(protectedRows);
        // The search index of a database from before it (the migration cannot compute the terms).
        if (await Search.CaseSearchIndex.BackfillAsync(db, ct) is > 0 and var indexed) log.SearchIndexBuilt(indexed);
        await EnsureRolesAsync();
        await EnsureShippedHolidaysAsync(ct);
        await EnsureCaseDefaultsAsync(ct);
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)));
        }
    }

    /// <summary>Adds the shipped arrangement for every year the database does not know yet; never overwrites an admin's edits.</summary>
    private async Task EnsureShippedHolidaysAsync(CancellationToken ct)
    {
        var shipped = shippedArrangement.Load();
        var known = await db.CalendarYears.Select(y => y.Year).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = false;
        foreach (var year in shipped.Years.Except(known))
        {
            db.CalendarYears.Add(new CalendarYear(year, ShippedHolidays.SourceFor(year), now));
            db.HolidayEntries.AddRange(shipped.Entries.Where(e => e.Date.Year == year));
            added = true;
        }
        if (added) await db.SaveChangesAsync(ct);
    }

    /// <summary>The DESIGN.md categories and the common 包案 checklist, once: afterwards admins edit them.</summary>
    private async Task EnsureCaseDefaultsAsync(CancellationToken ct)
    {
        if (!await db.CaseCategories.AnyAsync(ct))
        {
            db.CaseCategories.AddRange(Reception.Core.Cases.CaseCategory.Defaults.Select((c, i) => new Reception.Core.Cases.CaseCategory(c.Code, c.Name, null, (i + 1) * 10)));
        }

        if (!await db.ChecklistItems.AnyAsync(ct))
        {
            db.ChecklistItems.AddRange(Reception.Core.Cases.ChecklistItem.Defaults.Select((t, i) => new Reception.Core.Cases.ChecklistItem(t, (i + 1) * 10)));
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task CreateFirstAdministratorAsync(CancellationToken ct)
    {
        var admin = options.Value.Admin;
        if (string.IsNullOrWhiteSpace(admin.Password))
            throw new InvalidOperationException(
                "The database is empty and no first administrator can be created: set Reception__Admin__Password " +
                "(and optionally Reception__Admin__UserName, default 'admin'), or set Reception__SeedDemoData=true for a demo.");

        var root = new OrgUnit(admin.OrgCode, admin.OrgName, OrgUnitKind.County, parent: null);
        db.OrgUnits.Add(root);
        await db.SaveChangesAsync(ct);
        // The password came from the deployment's configuration: the administrator chooses their own at first sign-in.
        var user = new AppUser { UserName = admin.UserName, DisplayName = "系统管理员", OrgUnitId = root.Id, MustChangePassword = true };
        Check(await users.CreateAsync(user, admin.Password));
        Check(await users.AddToRoleAsync(user, Roles.Admin));
        log.AdminCreated();
        // 三员分立: the accounts that manage accounts and read the audit log are others, created when configured.
        foreach (var (name, display, role, password) in new[]
                 {
                     ("security", "安全管理员", Roles.SecurityAdmin, admin.SecurityAdminPassword),
                     ("auditor", "审计管理员", Roles.Auditor, admin.AuditorPassword),
                 })
        {
            if (string.IsNullOrWhiteSpace(password))
            {
                log.SeparateAccountSkipped(role, role == Roles.Auditor ? "AuditorPassword" : "SecurityAdminPassword");
                continue;
            }
            var account = new AppUser { UserName = name, DisplayName = display, OrgUnitId = root.Id, MustChangePassword = true };
            Check(await users.CreateAsync(account, password));
            Check(await users.AddToRoleAsync(account, role));
        }
    }

    public static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
