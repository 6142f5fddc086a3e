using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Cases;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Features.Cases.Metrics;

/// <summary>
/// The metrics are computed in few grouped statements (the period's figures summed from its months, category and channel
/// from one statement, all leaders or units at once): each figure must stay what the plain definition gives —
/// <see cref="CaseMetrics.FiguresAsync"/> over exactly the cases concerned — on both databases, over the hand-computed
/// dataset of <see cref="MetricsTests"/> plus cases handled by two units.
/// </summary>
public sealed class MetricsConsistencyTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task GroupedFigures_EqualTheFiguresOfEachGroupsOwnCases(DatabaseProvider provider)
    {
        await using var w = new ListWorld(provider);
        await w.InitializeAsync();
        await MetricsTests.SeedAsync(w);
        // Two more units handle cases (closed on time and late, overdue), so that the per-unit grouping has several groups.
        await w.AddAsync(new ListCase { Received = new(2026, 3, 9), State = CaseState.Closed, OwnerLeaderId = w.OtherLeaderId, HandlingUnit = "csdept2", RepliedOn = new(2026, 3, 30), Resolved = true });
        await w.AddAsync(new ListCase { Received = new(2026, 3, 10), State = CaseState.Closed, OwnerLeaderId = w.LeaderId, HandlingUnit = "csdept2", RepliedOn = new(2026, 8, 30) });
        await w.AddAsync(new ListCase { Received = new(2026, 8, 3), State = CaseState.InProgress, OwnerLeaderId = w.OtherLeaderId, HandlingUnit = "csdept2" });

        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var metrics = scope.ServiceProvider.GetRequiredService<CaseMetrics>();
        var clerk = await db.Users.Where(u => u.UserName == "cs-clerk").Select(u => new { u.OrgUnitId, u.OrgUnit!.Path }).SingleAsync();
        var scoped = db.Cases.AsNoTracking().VisibleTo(db, UserScope.For(Roles.Clerk, clerk.OrgUnitId, clerk.Path));
        var year = MonthRange.Year(2026);
        IQueryable<PetitionCase> Received(DateOnly first, DateOnly last) => scoped.Where(c => c.ReceivedOn >= first && c.ReceivedOn <= last);

        var report = await metrics.ReportAsync(scoped, year, clerk.Path);

        // The period's figures are those of its cases taken together, and each month's those of its own cases.
        var whole = await metrics.FiguresAsync(Received(year.FirstDay, year.LastDay));
        Assert.Equal(whole, report.Figures);
        Assert.Equal(8, whole.Total);
        Assert.True(whole.ClosedOnTime >= 2 && whole.OpenOverdue >= 2, $"the dataset exercises the clock: {whole}");
        Assert.Equal(12, report.Months.Count);
        foreach (var month in report.Months)
        {
            Assert.Equal(await metrics.FiguresAsync(Received(month.Month, month.Month.AddMonths(1).AddDays(-1))), month.Figures);
        }
        Assert.Equal(report.Months, await metrics.MonthlyFiguresAsync(scoped, year));
        Assert.Equal(report.ByMonth.Select(m => m.Total), report.Months.Select(m => m.Figures.Total));
        Assert.Equal(whole.Total, report.ByCategory.Sum(c => c.Count));
        Assert.Equal(whole.Total, report.ByChannel.Sum(c => c.Count));
        Assert.Equal(whole.Total, report.ByTownship.Sum(c => c.Count));

        // All leaders at once (the assessment, the 通报's ranking) = each leader's own cases.
        var byOwner = await metrics.FiguresByOwnerAsync(scoped);
        Assert.Equal(new[] { w.LeaderId, w.OtherLeaderId }.Order(), byOwner.Keys.Order());
        foreach (var (leader, figures) in byOwner)
        {
            Assert.Equal(await metrics.FiguresAsync(scoped.Where(c => c.OwnerLeaderId == leader)), figures);
        }

        // All handling units at once (the 通报's ranking by on-time rate) = each unit's own cases.
        var byUnit = await metrics.FiguresByAsync(scoped.Where(c => c.HandlingUnitId != null), c => c.HandlingUnitId!.Value);
        Assert.True(byUnit.Count >= 2, "several handling units");
        foreach (var (unit, figures) in byUnit)
        {
            Assert.Equal(await metrics.FiguresAsync(scoped.Where(c => c.HandlingUnitId == unit)), figures);
        }
        Assert.Equal(byUnit.Values.Sum(f => f.ClosedOnTime), await metrics.ClosedOnTimeAsync(scoped.Where(c => c.HandlingUnitId != null)));
    }
}
