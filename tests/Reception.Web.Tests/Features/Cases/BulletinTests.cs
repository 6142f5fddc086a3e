using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Visits;
using Reception.Web.Tests.Features.Notifications;
using Reception.Web.Tests.Features.Visits;
using Reception.Web.Tests.Mail;

namespace Reception.Web.Tests.Features.Cases;

public sealed class NovemberApp() : AlertsApp(2026, 11, 16, 9);

/// <summary>The weekly bulletin against the metrics code and the monthly compliance against the compliance page.</summary>
/// <remarks>Each test starts its own app: each sets its own dates, and the clock only moves forward.</remarks>
public sealed class BulletinTests
{
    private static readonly DateOnly Monday = new(2026, 11, 16);

    [Fact]
    public async Task WeeklyBulletin_HasTheMetricsFigures_ForTheClerksScope_AndArrivesOnce()
    {
        await using var fixture = await AppFixture.StartAsync<NovemberApp>();
        var app = fixture.App;
        // Two cases received in the week (Tuesday), owned by leader06 and handled by 人社局.
        fixture.Clock.MoveTo(Monday.AddDays(1), 10);
        var leader = await app.LeaderOfUserAsync("leader06");
        await app.AddOwnedCaseAsync(leader);
        await app.AddOwnedCaseAsync(leader);

        fixture.Clock.MoveTo(Monday.AddDays(7), 8, 30); // the next Monday 08:30
        var clerk = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "clerk").Select(u => new { u.Id, u.OrgUnitId, u.OrgUnit!.Path }).SingleAsync());
        var rsj = await app.OrgIdAsync("rsj");
        Bulletin bulletin;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<AppDbContext>();
            var metrics = services.GetRequiredService<CaseMetrics>();
            var me = UserScope.For(Roles.Clerk, clerk.OrgUnitId, clerk.Path);
            bulletin = await services.GetRequiredService<WeeklyBulletin>().ComputeAsync(me, Monday);
            var sunday = Monday.AddDays(6);
            var scoped = db.Cases.AsNoTracking().VisibleTo(db, me);
            // The metrics code over the same scope and week.
            Assert.Equal((await metrics.FiguresAsync(scoped.Where(c => c.ReceivedOn >= Monday && c.ReceivedOn <= sunday))).Total, bulletin.Totals.New);
            Assert.Equal((await metrics.FiguresAsync(scoped.Where(c => c.ResolvedOn >= Monday && c.ResolvedOn <= sunday))).Resolved, bulletin.Totals.Resolved);
            Assert.Equal((await metrics.FiguresAsync(scoped)).OpenOverdue, bulletin.Totals.Overdue);
            // Each unit's and each leader's row is the metrics code over that unit's / leader's cases.
            foreach (var row in bulletin.ByUnit.Where(r => r.Id is not null))
            {
                var unitCases = scoped.Where(c => c.HandlingUnitId == row.Id);
                Assert.Equal((await metrics.FiguresAsync(unitCases.Where(c => c.ReceivedOn >= Monday && c.ReceivedOn <= sunday))).Total, row.Figures.New);
                Assert.Equal((await metrics.FiguresAsync(unitCases)).OpenOverdue, row.Figures.Overdue);
            }
            foreach (var row in bulletin.ByLeader.Where(r => r.Id is not null))
                Assert.Equal((await metrics.FiguresAsync(scoped.Where(c => c.OwnerLeaderId == row.Id))).OpenOverdue, row.Figures.Overdue);
            Assert.True(bulletin.Totals.New >= 2);
            Assert.True(bulletin.ByUnit.Single(r => r.Id == rsj).Figures.New >= 2);
            Assert.True(bulletin.ByLeader.Single(r => r.Id == leader).Figures.New == 2);
        }

        // The compliance part is the compliance page's, as the clerk sees it (November, the month the week ends in).
        using (var client = await app.LoginAsync("clerk"))
        {
            var page = await client.GetPageAsync("/Visits/Compliance?month=2026-11");
            var below = page.QuerySelectorAll("tr.below-quota").Select(tr => int.Parse(tr.GetAttribute("data-leader")!, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Assert.Equal(below, bulletin.Compliance!.Behind.Select(r => r.LeaderId).Order().ToList());
            Assert.Equal(below.Count, bulletin.Compliance.BelowQuota);
        }

        var run = await app.RunAsync<WeeklyBulletin>();
        Assert.True(run.Emails >= 3); // the clerk, the supervisor, leader06 at least
        Assert.Equal((0, 0), ((await app.RunAsync<WeeklyBulletin>()).Notifications, (await app.RunAsync<WeeklyBulletin>()).Emails));
        await app.DispatchAsync();
        var mail = Assert.Single(fixture.Smtp.Deliveries(), d => d.Key == $"weekly-bulletin:2026-11-16:org-{clerk.OrgUnitId}/{clerk.Id}");
        Assert.Equal("每周通报（2026-11-16 至 2026-11-22）", mail.Subject);
        var text = mail.Part("text/plain").Content;
        Assert.Contains($"本周新登记事项 {bulletin.Totals.New} 件，化解 {bulletin.Totals.Resolved} 件；截至 2026-11-23 超期未办结 {bulletin.Totals.Overdue} 件。", text, StringComparison.Ordinal);
        Assert.Matches(new Regex($@"人力资源和社会保障局 \| {bulletin.ByUnit.Single(r => r.Id == rsj).Figures.New} \| "), text);
        Assert.Contains($"{MailTesting.BaseUrl}/Metrics", text, StringComparison.Ordinal);
        Assert.Contains("<table", mail.Part("text/html").Content, StringComparison.Ordinal);
        var leaderUser = await app.UserIdAsync("leader06");
        var own = Assert.Single(fixture.Smtp.Deliveries(), d => d.Key == $"weekly-bulletin:2026-11-16:leader-{leader}/{leaderUser}");
        Assert.Contains("您的事项：本周新增 2 件", own.Part("text/plain").Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonthlyCompliance_OnThe20th_TellsTheClerkWhoIsBehind_AsThePageDoes_AndTheLeadersBehind()
    {
        await using var fixture = await AppFixture.StartAsync<NovemberApp>();
        var app = fixture.App;
        fixture.Clock.MoveTo(new DateOnly(2026, 11, 20), 9);
        var behindLeader = await app.LeaderOfUserAsync("leader07");
        await app.AddOwnedCaseAsync(behindLeader); // owns an open case, no visits: behind
        var compliant = await app.LeaderOfUserAsync("leader08");
        await app.AddOwnedCaseAsync(compliant);
        await app.AddVisitWithCasesAsync(compliant, new DateOnly(2026, 11, 18), Reception.Core.Rotas.Model.VisitKind.Village);
        await app.AddVisitWithCasesAsync(compliant, new DateOnly(2026, 11, 19), Reception.Core.Rotas.Model.VisitKind.Appointment);

        List<int> below;
        using (var client = await app.LoginAsync("clerk"))
        {
            var page = await client.GetPageAsync("/Visits/Compliance?month=2026-11");
            below = page.QuerySelectorAll("tr.below-quota").Select(tr => int.Parse(tr.GetAttribute("data-leader")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }
        Assert.Contains(behindLeader, below);
        Assert.DoesNotContain(compliant, below);

        await app.RunAsync<MonthlyCompliance>();
        Assert.Equal(0, (await app.RunAsync<MonthlyCompliance>()).Emails);
        await app.DispatchAsync();
        var clerk = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "clerk").Select(u => new { u.Id, u.OrgUnitId }).SingleAsync());
        var mail = Assert.Single(fixture.Smtp.Deliveries(), d => d.Key == $"monthly-compliance:2026-11:org-{clerk.OrgUnitId}/{clerk.Id}");
        Assert.Equal($"2026年11月下访约访情况：{below.Count} 名领导未达要求", mail.Subject);
        Assert.Contains($"{MailTesting.BaseUrl}/Visits/Compliance?month=2026-11", mail.Part("text/plain").Content, StringComparison.Ordinal);
        var name = await app.WithDbAsync(db => db.Leaders.Where(l => l.Id == behindLeader).Select(l => l.Name).SingleAsync());
        Assert.Contains(name, mail.Part("text/plain").Content, StringComparison.Ordinal);

        var behindUser = await app.UserIdAsync("leader07");
        var own = Assert.Single(fixture.Smtp.Deliveries(), d => d.Key == $"monthly-compliance:2026-11:leader-{behindLeader}/{behindUser}");
        Assert.Contains("您下访 0 天（要求 1 天）", own.Part("text/plain").Content, StringComparison.Ordinal);
        var compliantUser = await app.UserIdAsync("leader08");
        Assert.DoesNotContain(fixture.Smtp.Deliveries(), d => d.Key == $"monthly-compliance:2026-11:leader-{compliant}/{compliantUser}");
    }
}
