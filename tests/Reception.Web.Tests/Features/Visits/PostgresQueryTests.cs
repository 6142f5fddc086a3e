using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Tests.Features.Visits;

/// <summary>The set-based visit queries (grouping, distinct counts, path prefixes, date ranges) on PostgreSQL too.</summary>
public sealed class PostgresQueryTests(PostgresVisitsDemoApp demo) : IClassFixture<PostgresVisitsDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task ComplianceCoverageMonthAndConflicts_OnPostgres()
    {
        await CoverageTests.ArrangeFirstQuarterOf2027Async(App);
        var zhang = await App.LeaderIdAsync("张建国");
        var zhao = await App.LeaderIdAsync("赵文军");
        await App.AddDutyAsync(zhang, new DateOnly(2027, 1, 6));
        await App.AddUnavailabilityAsync(zhang, new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 8), UnavailabilityReason.Meeting);
        using var client = await App.LoginAsync("clerk");

        var coverage = await client.GetPageAsync("/Visits/Coverage?quarter=2027Q1");
        var month = await client.GetPageAsync("/Visits?month=2027-01");
        var january = await ComplianceTests.ArrangeJanuary2027Async(App); // after the month's list, which would show these visits
        var compliance = ComplianceTests.Rows(await client.GetPageAsync("/Visits/Compliance?month=2027-01"));
        var visit = await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .SingleAsync(db.Visits, v => v.LeaderId == zhang && v.Date == new DateOnly(2027, 1, 6)));
        var details = await client.GetPageAsync($"/Visits/Details/{visit.Id}");

        Assert.Equal(["东城街道", "西城街道", "南关街道", "北湖街道", "柳林乡", "石桥镇"], CoverageTests.NotVisited(coverage));
        Assert.Equal([["青山镇 乡镇", "3", "2", "2027-02-10"], ["白河镇 乡镇", "1", "1", "2027-03-31"]], CoverageTests.Visited(coverage));
        Assert.Equal("2 / 1", compliance[zhang].VisitDays);
        Assert.Equal("0 / 1", compliance[zhao].VisitDays);
        ComplianceTests.AssertJanuary2027(january, compliance);
        Assert.Equal(2, IndexTests.ListRows(month).Count);
        Assert.Equal(2, details.Conflicts().Count);
        Assert.Equal(VisitStatus.Planned, visit.Status);
    }

    [Fact]
    public async Task VisitCasesLinkedThroughTheFormAndListedOnTheCasePage_OnPostgres()
    {
        var leader = await App.AddLeaderAsync("带案PG");
        var c = await App.AddCaseAsync(leader);
        using var client = await App.LoginAsync("clerk");
        var values = CreateTests.Valid(leader, await App.OrgIdAsync("qingshan-01"), "2026-12-03");
        values["Input.CaseNumbers"] = c.Number.ToUpperInvariant();

        using (var response = await client.OpenAndSubmitAsync("/Visits/Create", values))
            await response.AssertRedirectToAsync("/Visits?month=2026-12");

        var visitId = await App.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .SingleAsync(db.VisitCases, v => v.PetitionCaseId == c.Id));
        var casePage = await client.GetPageAsync($"/Cases/Details/{c.Id}");
        var details = await client.GetPageAsync($"/Visits/Details/{visitId.VisitId}");
        Assert.Equal([visitId.VisitId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            casePage.QuerySelectorAll("section.case-visits tr[data-visit]").Select(tr => tr.GetAttribute("data-visit")));
        Assert.Equal(c.Number, details.QuerySelector("td.visit-cases a")!.TextContent);
    }
}
