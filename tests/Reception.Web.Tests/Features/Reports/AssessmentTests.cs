using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Cases;
using Reception.Core.Rotas.Model;
using Reception.Web.Infrastructure;
using Reception.Web.Tests.Features.Cases;
using Reception.Web.Tests.Features.Rotas.Duty;
using Reception.Web.Tests.Features.Visits;

namespace Reception.Web.Tests.Features.Reports;

/// <summary>
/// The leaders' assessment (issue 19 item 3) on a hand-computed third quarter of 2026 in 测试镇 (clock 2026-11-22), on both
/// databases: the figures, rates, points, score and rank; the same case figures as the metrics page; who may see whose
/// sheet; versioned weights that leave an ended period's score alone; the weights form's validation and concurrency.
/// </summary>
public sealed class AssessmentTests
{
    /// <summary>
    /// A (钱测试): duties 07-01 (recorded, A), 07-02 (recorded, B received it), 08-03 (recorded, A), 09-01 (not recorded) →
    /// 2 of 4. Owns X (received 07-01, replied 07-20: on time, satisfied, resolved) and Y (received 07-01, in progress,
    /// overdue by November) → subject to the quota in July, August and September. Visits: a village visit on 07-10 carrying
    /// Y (a visit day and a meeting), an appointment on 08-12 → visit days 1 of 3, meetings 2 of 3.
    /// B (孙对照): duty 09-02 recorded as B, and covered A's 07-02 → 1 of 1; a village visit without a case on 09-05 →
    /// subject in September only: visit days 1 of 1, meetings 0 of 1; owns nothing.
    /// Default weights: A = 10 + 5 + 10 + 10 + 7.5 + 15 = 57.5; B = (20 + 15 + 0) ÷ 50 × 100 = 70.0.
    /// </summary>
    private static async Task<(int A, int B)> ArrangeAsync(ListWorld w)
    {
        var a = new TestLeader(w.LeaderId, "钱测试", "cs-leader");
        var b = new TestLeader(w.OtherLeaderId, "孙对照", "cs-other-leader");
        var rota = await w.App.RotaAsync([a, b], [("2026-07-01", 0, a), ("2026-07-02", 0, a), ("2026-08-03", 0, a), ("2026-09-01", 0, a), ("2026-09-02", 0, b)],
            orgCode: ListWorld.TownCode);
        async Task Record(string date, int actual) => await w.App.WithDbAsync(async db =>
        {
            var clerk = await db.Users.Where(u => u.UserName == "cs-clerk").Select(u => u.Id).SingleAsync();
            (await db.DutyAssignments.SingleAsync(x => x.Id == rota.Slot(date))).Record(actual, 1, 2, null, clerk, DateTime.UnixEpoch);
            return await db.SaveChangesAsync();
        });
        await Record("2026-07-01", a.Id);
        await Record("2026-07-02", b.Id);
        await Record("2026-08-03", a.Id);
        await Record("2026-09-02", b.Id);

        await w.AddAsync(new ListCase
        {
            Received = new(2026, 7, 1), State = CaseState.Closed, OwnerLeaderId = a.Id, RepliedOn = new(2026, 7, 20),
            Evaluation = Evaluation.Satisfied, Resolved = true,
        });
        var y = await w.AddAsync(new ListCase { Received = new(2026, 7, 1), State = CaseState.InProgress, OwnerLeaderId = a.Id });
        await w.AddAsync(new ListCase { Received = new(2026, 10, 8), State = CaseState.InProgress, OwnerLeaderId = b.Id }); // Q4: not in Q3

        await w.App.AddVisitWithCasesAsync(a.Id, new DateOnly(2026, 7, 10), VisitKind.Village, VisitStatus.Done, y);
        await w.App.AddVisitWithCasesAsync(a.Id, new DateOnly(2026, 8, 12), VisitKind.Appointment, y);
        await w.App.AddVisitWithCasesAsync(b.Id, new DateOnly(2026, 9, 5), VisitKind.Village, VisitStatus.Done);
        return (a.Id, b.Id);
    }

    private static string[] Cells(IDocument page, int leaderId) =>
        page.QuerySelectorAll($"tr[data-leader='{leaderId}'] [data-field]").Select(c => c.TextContent.Trim()).ToArray();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Assessment_EqualsTheHandComputedQuarter_AndItsCaseFiguresAreTheMetricsPages(DatabaseProvider provider)
    {
        await using var w = new ListWorld(provider);
        await w.InitializeAsync();
        var (a, b) = await ArrangeAsync(w);
        using var clerk = await w.App.LoginAsync("cs-clerk");

        var page = await clerk.GetPageAsync("/Reports/Assessment?period=2026-Q3");

        //                 rank, duties,  visit days, meetings, resolution,          on time, satisfaction, score
        Assert.Equal(["2", "2 / 4", "1 / 3", "2 / 3", "50.0% (1 / 2)", "50.0%", "100.0%", "57.5"], Cells(page, a));
        Assert.Equal(["1", "1 / 1", "1 / 1", "0 / 1", "— (0 / 0)", "—", "—", "70.0"], Cells(page, b));
        Assert.Equal([b, a], page.QuerySelectorAll("table.assessment tbody tr").Select(r => int.Parse(r.GetAttribute("data-leader")!)));
        Assert.Equal("0", page.QuerySelector("[data-weights-version]")!.GetAttribute("data-weights-version"));
        // The chart's data table holds the same scores.
        Assert.Equal(["孙对照 70", "钱测试 57.5"], page.QuerySelectorAll("#assessment-scores table.chart-data tbody tr")
            .Select(r => string.Join(' ', r.Children.Select(c => c.TextContent.Trim()))));

        var sheet = await clerk.GetPageAsync($"/Reports/Assessment/{a}?period=2026-Q3");
        string Field(string criterion, string field) => sheet.QuerySelector($"tr[data-criterion={criterion}] [data-field={field}]")!.TextContent.Trim();
        Assert.Equal("计划 4 次，本人接访 2 次；代他人接访 0 次", Field("duties", "figures"));
        Assert.Equal("33.3%", Field("visitdays", "rate"));
        Assert.Equal("5.0", Field("visitdays", "points"));
        Assert.Equal("7.5", Field("ontime", "points"));
        Assert.Equal("57.5", sheet.QuerySelector("tfoot [data-field=score]")!.TextContent.Trim());
        Assert.Contains("第 2", sheet.QuerySelector("[data-field=rank]")!.TextContent, StringComparison.Ordinal);
        var bSheet = await clerk.GetPageAsync($"/Reports/Assessment/{b}?period=2026-Q3");
        Assert.Equal("计划 1 次，本人接访 1 次；代他人接访 1 次", bSheet.QuerySelector("tr[data-criterion=duties] [data-field=figures]")!.TextContent.Trim());
        Assert.Equal("不计", bSheet.QuerySelector("tr[data-criterion=resolution] [data-field=points]")!.TextContent.Trim());

        // One definition of each figure: the leader's own metrics page for the same months gives the same three rates.
        using var leader = await w.App.LoginAsync("cs-leader");
        var metrics = await leader.GetPageAsync("/Metrics?from=2026-07&to=2026-09");
        string Rate(string key) => metrics.QuerySelector($"tr[data-rate={key}] [data-value]")!.TextContent.Trim();
        Assert.Equal([Rate("resolution"), Rate("on-time"), Rate("satisfaction")], [Field("resolution", "rate"), Field("ontime", "rate"), Field("satisfaction", "rate")]);
    }

    [Fact]
    public async Task ALeaderSeesTheirOwnSheetOnly_AClerkOnlyTheLeadersOfTheirScope()
    {
        await using var w = new ListWorld();
        await w.InitializeAsync();
        var (a, b) = await ArrangeAsync(w);
        var cityLeader = await w.App.WithDbAsync(db => db.Leaders.Where(l => l.OrgUnit!.Code == Reception.Web.Features.Demo.DemoData.CityCode).Select(l => l.Id).FirstAsync());

        using var leader = await w.App.LoginAsync("cs-leader");
        using (var own = await leader.GetAsync("/Reports/Assessment?period=2026-Q3"))
        {
            Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
            Assert.Equal($"/Reports/Assessment/{a}?period=2026-Q3", own.Headers.Location!.OriginalString);
        }
        var sheet = await leader.GetPageAsync($"/Reports/Assessment/{a}?period=2026-Q3");
        Assert.Equal("57.5", sheet.QuerySelector("tfoot [data-field=score]")!.TextContent.Trim());
        Assert.Null(sheet.QuerySelector("[data-field=rank]")); // a leader is not shown a ranking of colleagues
        using (var other = await leader.GetAsync($"/Reports/Assessment/{b}?period=2026-Q3")) Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        using var clerk = await w.App.LoginAsync("cs-clerk");
        var list = await clerk.GetPageAsync("/Reports/Assessment?period=2026-Q3");
        Assert.Equal(2, list.QuerySelectorAll("table.assessment tbody tr").Length);
        using (var outside = await clerk.GetAsync($"/Reports/Assessment/{cityLeader}?period=2026-Q3")) Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);

        // The city's clerk sees the town's leaders with the city's own.
        using var cityClerk = await w.App.LoginAsync("clerk");
        var city = await cityClerk.GetPageAsync("/Reports/Assessment?period=2026-Q3");
        Assert.NotNull(city.QuerySelector($"tr[data-leader='{a}']"));
        Assert.NotNull(city.QuerySelector($"tr[data-leader='{cityLeader}']"));

        using var unit = await w.App.LoginAsync("cs-unit");
        using (var refused = await unit.GetAsync("/Reports/Assessment?period=2026-Q3")) Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task NewWeights_ApplyFromTheirDay_AndAnEndedPeriodKeepsItsWeights()
    {
        await using var w = new ListWorld();
        await w.InitializeAsync();
        var (a, _) = await ArrangeAsync(w);
        using var admin = await w.App.LoginAsync("admin");

        var form = await admin.GetPageAsync("/Reports/Assessment/Weights");
        using var saved = await admin.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Duties"] = "100", ["Input.VisitDays"] = "0", ["Input.Appointments"] = "0", ["Input.Resolution"] = "0", ["Input.OnTime"] = "0",
            ["Input.Satisfaction"] = "0", ["Input.EffectiveFrom"] = "2026-11-22",
        });
        await saved.AssertRedirectToAsync("/Reports/Assessment/Weights");
        Assert.Equal(1, await w.App.WithDbAsync(db => db.AssessmentWeights.CountAsync()));

        using var clerk = await w.App.LoginAsync("cs-clerk");
        var q3 = await clerk.GetPageAsync("/Reports/Assessment?period=2026-Q3");
        Assert.Equal("57.5", Cells(q3, a)[^1]); // ended before version 1: the defaults still
        Assert.Equal("0", q3.QuerySelector("[data-weights-version]")!.GetAttribute("data-weights-version"));
        var q4 = await clerk.GetPageAsync("/Reports/Assessment?period=2026-Q4");
        Assert.Equal("1", q4.QuerySelector("[data-weights-version]")!.GetAttribute("data-weights-version"));
        var sheet = await clerk.GetPageAsync($"/Reports/Assessment/{a}?period=2026-Q4");
        Assert.Equal("100", sheet.QuerySelector("tr[data-criterion=duties] [data-field=weight]")!.TextContent.Trim());
    }

    [Fact]
    public async Task WeightsForm_ExplainsEachProblemInChinese_KeepsWhatWasTyped_AndDetectsASecondSave()
    {
        await using var w = new ListWorld();
        await w.InitializeAsync();
        using var admin = await w.App.LoginAsync("admin");
        var form = await admin.GetPageAsync("/Reports/Assessment/Weights");
        var values = new Dictionary<string, string>
        {
            ["Input.Duties"] = "30", ["Input.VisitDays"] = "15", ["Input.Appointments"] = "15", ["Input.Resolution"] = "20", ["Input.OnTime"] = "15",
            ["Input.Satisfaction"] = "15", ["Input.EffectiveFrom"] = "2026-11-21",
        };

        var back = await (await admin.SubmitAsync(form, values)).AssertFormReturnedAsync();
        Assert.Contains("新权重不能早于今天生效", back.QuerySelector("[data-valmsg-for='Input.EffectiveFrom']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("30", back.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Duties")!.Value);

        values["Input.EffectiveFrom"] = "2026-12-01";
        back = await (await admin.SubmitAsync(form, values)).AssertFormReturnedAsync();
        Assert.Contains("权重合计为 110，应为 100", back.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-12-01", back.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_EffectiveFrom")!.Value);

        values["Input.Duties"] = "200";
        back = await (await admin.SubmitAsync(form, values)).AssertFormReturnedAsync();
        Assert.Contains("0 到 100", back.QuerySelector("[data-valmsg-for='Input.Duties']")!.TextContent, StringComparison.Ordinal);

        // Two administrators open the form at version 0; the first saves, the second is told and keeps their figures.
        values["Input.Duties"] = "20";
        using (var first = await admin.SubmitAsync(form, values)) Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        values["Input.Satisfaction"] = "15";
        values["Input.Duties"] = "25";
        values["Input.VisitDays"] = "10";
        back = await (await admin.SubmitAsync(form, values)).AssertFormReturnedAsync();
        Assert.Contains("他人已保存权重第 1 版", back.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("25", back.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Duties")!.Value);
        Assert.Equal(1, await w.App.WithDbAsync(db => db.AssessmentWeights.CountAsync()));

        // Only the root administrator sets weights: a clerk sees the versions, and a post is refused.
        using var clerk = await w.App.LoginAsync("cs-clerk");
        var view = await clerk.GetPageAsync("/Reports/Assessment/Weights");
        Assert.Null(view.QuerySelector("main form[method=post]"));
        Assert.NotNull(view.QuerySelector("tr[data-version='1']"));
        using var refused = await clerk.PostFormAsync("/Reports/Assessment/Weights", values);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
