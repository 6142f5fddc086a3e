using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Cases;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Tests.Features.Visits;

/// <summary>带案下访 and 约访: the kind and the cases of a visit, the events they leave on the cases, and the case page's list.</summary>
public sealed class VisitCasesTests(VisitsDemoApp demo) : IClassFixture<VisitsDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Create_VillageVisitWithCases_LinksThemRecordsTheVisitOnEachAndShowsThem()
    {
        using var client = await App.LoginAsync("clerk");
        var leader = await App.AddLeaderAsync("带案");
        var a = await App.AddCaseAsync();
        var b = await App.AddCaseAsync();
        var values = CreateTests.Valid(leader, await App.OrgIdAsync("qingshan-01"), "2026-12-03");
        values["Input.Kind"] = nameof(VisitKind.Village);
        values["Input.CaseNumbers"] = $" {a.Number.ToUpperInvariant()}，\n{b.Number}\n{a.Number}"; // upper case, Chinese comma, repeated

        using var response = await client.OpenAndSubmitAsync("/Visits/Create", values);

        await response.AssertRedirectToAsync("/Visits?month=2026-12");
        var visit = await App.WithDbAsync(db => db.Visits.AsNoTracking().SingleAsync(v => v.LeaderId == leader));
        Assert.Equal(VisitKind.Village, visit.Kind);
        Assert.Equal([a.Id, b.Id], await LinkedAsync(visit.Id));
        foreach (var c in new[] { a, b })
        {
            var (after, version) = await VisitEventAsync(c.Id);
            Assert.Equal($$"""{"visitId":{{visit.Id}},"date":"2026-12-03","appointment":false}""", after.Single());
            Assert.Equal(1, version); // the case's version was claimed
        }

        var details = await client.GetPageAsync($"/Visits/Details/{visit.Id}");
        Assert.Equal([(a.Number, $"/Cases/Details/{a.Id}"), (b.Number, $"/Cases/Details/{b.Id}")],
            details.QuerySelectorAll("td.visit-cases a").Select(x => (x.TextContent, x.GetAttribute("href")!)));
        Assert.Equal("下访", Fields(details)["下访类型"]);
        Assert.Equal($"{a.Number} {b.Number}", Fields(details)["带案下访案件"]);
    }

    [Fact]
    public async Task Create_AppointmentWithOneCase_IsSavedAsAnAppointment()
    {
        using var client = await App.LoginAsync("clerk");
        var leader = await App.AddLeaderAsync("约访");
        var c = await App.AddCaseAsync(leader);
        var values = CreateTests.Valid(leader, await App.OrgIdAsync("qingshan"), "2026-12-04");
        values["Input.Kind"] = nameof(VisitKind.Appointment);
        values["Input.CaseNumbers"] = c.Number;

        using var response = await client.OpenAndSubmitAsync("/Visits/Create", values);

        await response.AssertRedirectToAsync("/Visits?month=2026-12");
        var visit = await App.WithDbAsync(db => db.Visits.AsNoTracking().SingleAsync(v => v.LeaderId == leader));
        Assert.Equal(VisitKind.Appointment, visit.Kind);
        Assert.Equal([c.Id], await LinkedAsync(visit.Id));
        Assert.Equal($$"""{"visitId":{{visit.Id}},"date":"2026-12-04","appointment":true}""", (await VisitEventAsync(c.Id)).After.Single());
        var details = await client.GetPageAsync($"/Visits/Details/{visit.Id}");
        Assert.Equal("约访", Fields(details)["下访类型"]);
        Assert.Equal(c.Number, Fields(details)["案件"]);
    }

    [Theory]
    [InlineData("TWO")]
    [InlineData("")]
    public async Task Create_AppointmentWithoutExactlyOneCase_IsRefusedNextToTheField(string numbers)
    {
        using var client = await App.LoginAsync("clerk");
        var leader = await App.AddLeaderAsync("约访两案");
        var a = await App.AddCaseAsync();
        var b = await App.AddCaseAsync();
        var typed = numbers == "TWO" ? $"{a.Number}, {b.Number}" : "";
        var values = CreateTests.Valid(leader, await App.OrgIdAsync("qingshan"), "2026-12-05");
        values["Input.Kind"] = nameof(VisitKind.Appointment);
        values["Input.CaseNumbers"] = typed;

        using var response = await client.OpenAndSubmitAsync("/Visits/Create", values);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("约访须针对一件案件：请填写一个事项编号。", page.ErrorFor("Input.CaseNumbers"));
        Assert.Equal(["Input.CaseNumbers"], page.FieldErrors().Keys);
        Assert.Equal(typed, page.ValueOf("Input.CaseNumbers"));
        Assert.Equal(nameof(VisitKind.Appointment), page.ValueOf("Input.Kind"));
        Assert.False(await App.WithDbAsync(db => db.Visits.AnyAsync(v => v.LeaderId == leader)));
        Assert.Empty((await VisitEventAsync(a.Id)).After);
    }

    [Theory]
    [InlineData("clerk", "abc", "“abc”不是事项编号；格式应类似 demo-2026-000123。")]
    [InlineData("clerk", "qingshan-2026-999999", "在您可查看的案件中找不到案件 qingshan-2026-999999。")]
    [InlineData("leader01", "OTHER", "在您可查看的案件中找不到案件 {0}。")] // another leader's case: out of scope
    public async Task Create_BadOrOutOfScopeCaseNumber_IsRefusedNamingItAndKeepsTheInput(string user, string number, string message)
    {
        using var client = await App.LoginAsync(user);
        var own = user == "clerk" ? await App.AddLeaderAsync("错编号") : await App.LeaderOfUserAsync(user);
        var good = await App.AddCaseAsync(own);
        var other = await App.AddCaseAsync(await App.AddLeaderAsync("别人的案"));
        if (number == "OTHER") number = other.Number;
        var typed = $"{good.Number}\n{number}";
        var before = await App.VisitCountAsync();
        var values = CreateTests.Valid(own, await App.OrgIdAsync("qingshan"), "2026-12-09");
        values["Input.CaseNumbers"] = typed;
        values["Input.Purpose"] = "核实编号";

        using var response = await client.OpenAndSubmitAsync("/Visits/Create", values);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(string.Format(message, number), page.ErrorFor("Input.CaseNumbers"));
        Assert.Equal(["Input.CaseNumbers"], page.FieldErrors().Keys);
        Assert.Equal(typed, page.ValueOf("Input.CaseNumbers"));
        Assert.Equal("核实编号", page.ValueOf("Input.Purpose"));
        Assert.Equal(before, await App.VisitCountAsync());
        Assert.Empty((await VisitEventAsync(good.Id)).After);
    }

    [Fact]
    public async Task Create_CaseNotAccepted_IsRefusedByTheCaseAndNothingIsSaved()
    {
        using var client = await App.LoginAsync("clerk");
        var leader = await App.AddLeaderAsync("不予受理");
        var refused = await App.AddCaseAsync(refused: true);
        var before = await App.VisitCountAsync();
        var values = CreateTests.Valid(leader, await App.OrgIdAsync("qingshan"), "2026-12-10");
        values["Input.CaseNumbers"] = refused.Number;

        using var response = await client.OpenAndSubmitAsync("/Visits/Create", values);

        var page = await response.AssertFormReturnedAsync();
        Assert.StartsWith($"案件 {refused.Number}：", page.ErrorFor("Input.CaseNumbers"));
        Assert.Equal(refused.Number, page.ValueOf("Input.CaseNumbers"));
        Assert.Equal(before, await App.VisitCountAsync()); // the visit saved for its id was rolled back
        Assert.Equal(0, await App.WithDbAsync(db => db.VisitCases.CountAsync(v => v.PetitionCaseId == refused.Id)));
    }

    [Fact]
    public async Task Edit_ReplacesTheLinksAndRecordsOnlyTheNewlyLinkedCase()
    {
        using var client = await App.LoginAsync("clerk");
        var leader = await App.AddLeaderAsync("改案");
        var (a, b, c) = (await App.AddCaseAsync(), await App.AddCaseAsync(), await App.AddCaseAsync());
        var values = CreateTests.Valid(leader, await App.OrgIdAsync("qingshan-02"), "2026-12-11");
        values["Input.CaseNumbers"] = $"{a.Number}\n{b.Number}";
        using (var created = await client.OpenAndSubmitAsync("/Visits/Create", values)) Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await App.WithDbAsync(db => db.Visits.Where(v => v.LeaderId == leader).Select(v => v.Id).SingleAsync());

        var form = await client.GetPageAsync($"/Visits/Edit/{id}");
        Assert.Equal($"{a.Number}\n{b.Number}", form.ValueOf("Input.CaseNumbers"));
        using var response = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.CaseNumbers"] = $"{b.Number}, {c.Number}" });

        await response.AssertRedirectToAsync($"/Visits/Details/{id}");
        Assert.Equal([b.Id, c.Id], await LinkedAsync(id));
        Assert.Single((await VisitEventAsync(a.Id)).After); // the link was removed, the history stays
        Assert.Single((await VisitEventAsync(b.Id)).After); // still linked: not recorded twice
        Assert.Single((await VisitEventAsync(c.Id)).After);
    }

    [Fact]
    public async Task CaseVisits_OnTheCasePage_ListsOnlyTheVisitsTheUserCanSee()
    {
        var own = await App.LeaderOfUserAsync("leader01");
        var colleague = await App.AddLeaderAsync("同案");
        var c = await App.AddCaseAsync(own);
        var mine = await App.AddVisitWithCasesAsync(own, new DateOnly(2026, 12, 14), VisitKind.Appointment, c.Id);
        var theirs = await App.AddVisitWithCasesAsync(colleague, new DateOnly(2026, 12, 15), VisitKind.Village, c.Id);
        await App.AddVisitWithCasesAsync(own, new DateOnly(2026, 12, 16), VisitKind.Village); // not about the case

        using var leader = await App.LoginAsync("leader01");
        using var clerk = await App.LoginAsync("clerk");
        var leaderPage = await leader.GetPageAsync($"/Cases/Details/{c.Id}");
        var clerkPage = await clerk.GetPageAsync($"/Cases/Details/{c.Id}");

        Assert.Equal([mine], VisitIds(leaderPage));
        Assert.Equal([theirs, mine], VisitIds(clerkPage)); // newest first
        var row = VisitTesting.Normalize(leaderPage.QuerySelector($"section.case-visits tr[data-visit='{mine}']")!.TextContent);
        Assert.StartsWith("2026-12-14", row);
        Assert.Contains("约访 已计划 青山镇 · 青山村", row);
        Assert.Equal($"/Visits/Details/{mine}", leaderPage.QuerySelector($"section.case-visits tr[data-visit='{mine}'] a")!.GetAttribute("href"));
    }

    private static Dictionary<string, string> Fields(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("main section.card tr").ToDictionary(
            tr => tr.QuerySelector("th")!.TextContent.Trim(), tr => VisitTesting.Normalize(tr.QuerySelector("td")!.TextContent));

    private static List<int> VisitIds(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("section.case-visits tr[data-visit]").Select(tr => int.Parse(tr.GetAttribute("data-visit")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private Task<List<int>> LinkedAsync(int visitId) =>
        App.WithDbAsync(db => db.VisitCases.Where(v => v.VisitId == visitId).Select(v => v.PetitionCaseId).OrderBy(x => x).ToListAsync());

    private Task<(List<string?> After, int Version)> VisitEventAsync(int caseId) =>
        App.WithDbAsync(async db => (
            await db.CaseEvents.Where(e => e.PetitionCaseId == caseId && e.Kind == CaseEventKind.VisitLinked).OrderBy(e => e.Id).Select(e => e.After).ToListAsync(),
            await db.Cases.Where(x => x.Id == caseId).Select(x => x.Version).SingleAsync()));
}
