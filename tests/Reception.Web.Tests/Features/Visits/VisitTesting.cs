using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Organisation;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Features.Visits;

/// <summary>
/// A demo app of its own (for one test class that writes) whose clock stands at 2026-11-10 09:00 China time, so
/// "this month", "this quarter" and "not before the day of the visit" are fixed.
/// </summary>
public class VisitsDemoApp : AppFixture
{
    public static readonly DateOnly Today = new(2026, 11, 10);

    public VisitsDemoApp() : this(DatabaseProvider.Sqlite)
    {
    }

    private protected VisitsDemoApp(DatabaseProvider provider) : base(app => app.On(provider).At(Today.Year, Today.Month, Today.Day))
    {
    }
}

/// <summary>The same on PostgreSQL, for the set-based queries (grouping, distinct counts, path prefixes, dates).</summary>
public sealed class PostgresVisitsDemoApp() : VisitsDemoApp(DatabaseProvider.Postgres);

/// <summary>Arrangement straight through the app's DbContext, and reading the visit pages.</summary>
public static class VisitTesting
{
    public static readonly DateTime Arranged = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public static Task<int> AddLeaderAsync(this ReceptionFactory app, string prefix, string orgCode = "demo", bool active = true) =>
        app.WithDbAsync(async db =>
        {
            var org = await db.OrgUnits.SingleAsync(o => o.Code == orgCode);
            var leader = new Leader(PageTesting.Unique(prefix), "副职", LeadingBody.Government, org.Id, 50, null, null);
            if (!active) leader.Deactivate();
            db.Leaders.Add(leader);
            await db.SaveChangesAsync();
            return leader.Id;
        });

    public static Task<int> AddVisitAsync(this ReceptionFactory app, int leaderId, DateOnly date, string destinationCode = "qingshan-01",
        VisitStatus status = VisitStatus.Planned, string purpose = "化解征地补偿信访问题") =>
        app.WithDbAsync(async db =>
        {
            var destination = await db.OrgUnits.Where(o => o.Code == destinationCode).Select(o => o.Id).SingleAsync();
            var visit = new Visit(leaderId, date, destination, purpose, "信访局", Arranged);
            if (status == VisitStatus.Done) visit.Complete("已当面答复", date, Arranged);
            if (status == VisitStatus.Cancelled) visit.Cancel(Arranged);
            db.Visits.Add(visit);
            await db.SaveChangesAsync();
            return visit.Id;
        });

    /// <summary>A duty of the leader on the date (morning session), with the venue, rule and rota month it needs.</summary>
    public static Task<(int AssignmentId, string Venue, string Rule)> AddDutyAsync(this ReceptionFactory app, int leaderId, DateOnly date, bool cancelled = false, bool published = false) =>
        app.WithDbAsync(async db =>
        {
            var city = await db.OrgUnits.SingleAsync(o => o.Code == "demo");
            var venue = new Venue(city.Id, PageTesting.Unique("接待大厅"), "人民路 1 号");
            db.Venues.Add(venue);
            await db.SaveChangesAsync();
            var rule = new DutyRule(city.Id, venue.Id, PageTesting.Unique("坐班"), RotaPattern.Rotation);
            rule.SetSessions([new DutySession("上午", new TimeOnly(8, 30), new TimeOnly(12, 0))]);
            rule.SetMembers([(leaderId, Array.Empty<DayOfWeek>())]);
            db.DutyRules.Add(rule);
            await db.SaveChangesAsync();
            var month = new RotaMonth(rule.Id, new DateOnly(date.Year, date.Month, 1));
            if (published) month.Publish(Arranged);
            db.RotaMonths.Add(month);
            await db.SaveChangesAsync();
            var duty = new DutyAssignment(month.Id, date, 0, leaderId, DutySource.Manual, Arranged);
            if (cancelled) duty.Cancel(Arranged);
            db.DutyAssignments.Add(duty);
            await db.SaveChangesAsync();
            return (duty.Id, venue.Name, rule.Name);
        });

    /// <summary>
    /// Registers a case (land, received in 青山镇 unless told) and, with an owner, accepts it and assigns it to that leader
    /// (handled by 人社局); <paramref name="refused"/> makes it 不予受理 instead. Returns the id and the number.
    /// </summary>
    public static async Task<(int Id, string Number)> AddCaseAsync(this ReceptionFactory app, int? ownerLeaderId = null,
        DateOnly? receivedOn = null, string orgCode = "qingshan", bool refused = false)
    {
        var handler = await app.OrgIdAsync("rsj");
        var c = await app.NewCase().At(orgCode).Received(receivedOn ?? new DateOnly(2026, 11, 2))
            .Then((c, cases) =>
            {
                if (refused) Assert.True(c.RejectAcceptance("不属于信访事项", "clerk", cases.UtcNow).Succeeded);
                if (ownerLeaderId is { } owner)
                {
                    Assert.True(c.Accept("clerk", cases.UtcNow).Succeeded);
                    Assert.True(c.Assign(owner, handler, null, null, null, "clerk", cases.UtcNow).Succeeded);
                }
            })
            .SaveAsync();
        return (c.Id, c.Number.ToString());
    }

    /// <summary>A visit of <paramref name="kind"/> with links to <paramref name="caseIds"/>, arranged straight in the database.</summary>
    public static Task<int> AddVisitWithCasesAsync(this ReceptionFactory app, int leaderId, DateOnly date, VisitKind kind, params int[] caseIds) =>
        app.AddVisitWithCasesAsync(leaderId, date, kind, VisitStatus.Planned, caseIds);

    public static Task<int> AddVisitWithCasesAsync(this ReceptionFactory app, int leaderId, DateOnly date, VisitKind kind, VisitStatus status, params int[] caseIds) =>
        app.WithDbAsync(async db =>
        {
            var destination = await db.OrgUnits.Where(o => o.Code == "qingshan-01").Select(o => o.Id).SingleAsync();
            var visit = new Visit(leaderId, date, destination, "带案下访", null, Arranged);
            visit.SetKind(kind, Arranged);
            if (status == VisitStatus.Done) visit.Complete("已当面答复", date, Arranged);
            if (status == VisitStatus.Cancelled) visit.Cancel(Arranged);
            db.Visits.Add(visit);
            await db.SaveChangesAsync();
            foreach (var id in caseIds) db.VisitCases.Add(new VisitCase(visit.Id, id));
            await db.SaveChangesAsync();
            return visit.Id;
        });

    /// <summary>The leader record of a demo Leader account (leader01 …).</summary>
    public static Task<int> LeaderOfUserAsync(this ReceptionFactory app, string userName) =>
        app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.LeaderId!.Value).SingleAsync());

    public static Task<Visit> VisitAsync(this ReceptionFactory app, int id) =>
        app.WithDbAsync(db => db.Visits.AsNoTracking().SingleAsync(v => v.Id == id));

    public static Task<int> VisitCountAsync(this ReceptionFactory app) => app.WithDbAsync(db => db.Visits.CountAsync());

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The warning items a page shows about the leader's other engagements that day.</summary>
    public static IReadOnlyList<string> Conflicts(this IDocument page) =>
        page.QuerySelectorAll("main .conflicts li").Select(li => Normalize(li.TextContent)).ToList();

    public static string MainText(this IDocument page) => Normalize(page.QuerySelector("main")!.TextContent);

    public static string Normalize(string text) => string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
