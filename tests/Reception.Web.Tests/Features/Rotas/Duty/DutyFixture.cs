using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Notifications;
using Reception.Core.Organisation;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Rotas;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Features.Rotas.Duty;

/// <summary>
/// The demo city with the clock at 2026-09-15 09:00 (China time), for the swap, duty-record, report and
/// notification tests. The demo seeds September and October 2026 for its own leaders; these tests give
/// each case leaders of its own, so nothing they do meets the demo's duties.
/// </summary>
public class DutyApp : AppFixture
{
    public DutyApp() : this(DatabaseProvider.Sqlite)
    {
    }

    protected DutyApp(DatabaseProvider provider) : base(app => app.On(provider).At(2026, 9, 15))
    {
    }
}

/// <summary>The same on PostgreSQL (the reports' grouped queries and the approval's transaction).</summary>
public sealed class PostgresDutyApp() : DutyApp(DatabaseProvider.Postgres);

/// <summary>A test leader with a sign-in of their own.</summary>
public sealed record TestLeader(int Id, string Name, string UserName);

/// <summary>A rota rule with published months, and its slots by (date, session).</summary>
public sealed record TestRota(int RuleId, string RuleName, IReadOnlyDictionary<DateOnly, int> MonthIds, IReadOnlyDictionary<(DateOnly Date, int Session), int> Slots)
{
    public int Slot(string date, int session = 0) => Slots[(DutyFixture.D(date), session)];
}

/// <summary>Arranges leaders, rules and published rotas directly through the DbContext and the RotaPlanner.</summary>
public static class DutyFixture
{
    private static readonly DateTime Arranged = new(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>New leaders of an org unit (the demo city by default), each with a Leader account of the same name.</summary>
    public static async Task<TestLeader[]> LeadersAsync(this ReceptionFactory app, int count, string orgCode = "demo")
    {
        var orgUnitId = await app.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == orgCode).Select(o => o.Id).SingleAsync());
        var leaders = new List<TestLeader>();
        for (var i = 0; i < count; i++)
        {
            var name = PageTesting.Unique("领导");
            var id = await app.WithDbAsync(async db =>
            {
                var leader = new Leader(name, "副市长", LeadingBody.Government, orgUnitId, 100 + i, null, null);
                db.Leaders.Add(leader);
                await db.SaveChangesAsync();
                return leader.Id;
            });
            var userName = PageTesting.Unique("ld");
            await app.CreateUserAsync(userName, Roles.Leader, orgUnitId: orgUnitId, leaderId: id);
            leaders.Add(new TestLeader(id, name, userName));
        }
        return [.. leaders];
    }

    /// <summary>
    /// A rotation rule of <paramref name="members"/> with one full-day session (or morning and afternoon), the
    /// given duties, and each month published once (as a clerk would before the swap pages come into play).
    /// </summary>
    public static async Task<TestRota> RotaAsync(this ReceptionFactory app, IEnumerable<TestLeader> members,
        IEnumerable<(string Date, int Session, TestLeader Leader)> duties, bool twoSessions = false, bool publish = true, string orgCode = "demo")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var planner = scope.ServiceProvider.GetRequiredService<RotaPlanner>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var orgUnitId = await db.OrgUnits.Where(o => o.Code == orgCode).Select(o => o.Id).SingleAsync();

        var venue = new Venue(orgUnitId, PageTesting.Unique("接待室"), "测试路 1 号");
        db.Venues.Add(venue);
        await db.SaveChangesAsync();
        var rule = new DutyRule(orgUnitId, venue.Id, PageTesting.Unique("测试排班"), RotaPattern.Rotation);
        rule.SetSessions(twoSessions
            ? [new DutySession("上午", new TimeOnly(8, 30), new TimeOnly(12, 0)), new DutySession("下午", new TimeOnly(14, 30), new TimeOnly(17, 30))]
            : [new DutySession("全天", new TimeOnly(8, 30), new TimeOnly(17, 30))]);
        rule.SetMembers(members.Select(m => (m.Id, (IReadOnlyCollection<DayOfWeek>)[])));
        db.DutyRules.Add(rule);
        await db.SaveChangesAsync();

        var list = duties.Select(d => (Date: D(d.Date), d.Session, LeaderId: d.Leader.Id)).ToList();
        var months = new Dictionary<DateOnly, RotaMonth>();
        foreach (var month in list.Select(d => new DateOnly(d.Date.Year, d.Date.Month, 1)).Distinct())
        {
            var rota = new RotaMonth(rule.Id, month);
            db.RotaMonths.Add(rota);
            months[month] = rota;
        }
        await db.SaveChangesAsync();
        var rows = list.Select(d => new DutyAssignment(months[new DateOnly(d.Date.Year, d.Date.Month, 1)].Id, d.Date, d.Session, d.LeaderId, DutySource.Generated, now)).ToList();
        db.DutyAssignments.AddRange(rows);
        await db.SaveChangesAsync();
        if (publish)
        {
            foreach (var rota in months.Values) await planner.PublishAsync(rota, "测试");
            await db.SaveChangesAsync();
        }
        return new TestRota(rule.Id, rule.Name, months.ToDictionary(m => m.Key, m => m.Value.Id), rows.ToDictionary(r => (r.Date, r.SessionIndex), r => r.Id));
    }

    public static Task<DutyAssignment> AssignmentAsync(this ReceptionFactory app, int id) =>
        app.WithDbAsync(db => db.DutyAssignments.AsNoTracking().SingleAsync(a => a.Id == id));

    public static Task<RotaMonth> RotaMonthAsync(this ReceptionFactory app, int id) =>
        app.WithDbAsync(db => db.RotaMonths.AsNoTracking().SingleAsync(m => m.Id == id));

    public static Task<SwapRequest> SwapAsync(this ReceptionFactory app, int id) =>
        app.WithDbAsync(db => db.SwapRequests.AsNoTracking().Include(s => s.Events).SingleAsync(s => s.Id == id));

    /// <summary>The swap notifications a user has (about one request when <paramref name="swapId"/> is given).</summary>
    public static Task<List<Notification>> SwapNotificationsAsync(this ReceptionFactory app, string userName, int? swapId = null)
    {
        var link = swapId is { } id ? $"/Swaps/Detail/{id}" : null;
        return app.WithDbAsync(db => (from n in db.Notifications
                                      join u in db.Users on n.UserId equals u.Id
                                      where u.UserName == userName && n.Kind == Reception.Core.Notifications.NotificationKinds.Swap.Key && (link == null || n.Link == link)
                                      orderby n.Id
                                      select n).AsNoTracking().ToListAsync());
    }

    /// <summary>The leaders' published names of the latest version of a month, slot by slot.</summary>
    public static Task<RotaVersion> LatestVersionAsync(this ReceptionFactory app, int rotaMonthId) =>
        app.WithDbAsync(db => db.RotaVersions.AsNoTracking().Where(v => v.RotaMonthId == rotaMonthId).OrderByDescending(v => v.Number).FirstAsync());

    public static Task AddUnavailabilityAsync(this ReceptionFactory app, TestLeader leader, string from, string to) =>
        app.WithDbAsync(async db =>
        {
            var clerk = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync();
            db.Unavailabilities.Add(new Reception.Core.Rotas.Model.Unavailability(leader.Id, D(from), D(to), UnavailabilityReason.Leave, "年休假", clerk, Arranged));
            return await db.SaveChangesAsync();
        });

    public static Task AddVisitAsync(this ReceptionFactory app, TestLeader leader, string date) =>
        app.WithDbAsync(async db =>
        {
            var village = await db.OrgUnits.Where(o => o.Code == "qingshan-01").Select(o => o.Id).SingleAsync();
            db.Visits.Add(new Visit(leader.Id, D(date), village, "带案下访", null, Arranged));
            return await db.SaveChangesAsync();
        });
}
