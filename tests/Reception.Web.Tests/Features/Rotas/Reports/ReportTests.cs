using System.Net;
using System.Text;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reception.Web.Tests.Features.Rotas.Duty;
using Reception.Web.Tests.Features.Rotas.Swaps;

namespace Reception.Web.Tests.Features.Rotas.Reports;

/// <summary>Planned against actual, and fairness, on hand-checked examples; CSV exports. Clock: 2026-09-15.</summary>
public sealed class ReportTests(DutyApp demo) : ReportTestsBase(demo), IClassFixture<DutyApp>;

public sealed class ReportPostgresTests(PostgresDutyApp demo) : ReportTestsBase(demo), IClassFixture<PostgresDutyApp>;

public abstract class ReportTestsBase(DutyApp demo)
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task PlannedActual_CountsPerLeaderAndMonth()
    {
        var leaders = await App.LeadersAsync(2);
        var (a, b) = (leaders[0], leaders[1]);
        var rota = await App.RotaAsync(leaders,
        [
            ("2026-08-31", 0, a), ("2026-09-01", 0, a), ("2026-09-02", 0, a), ("2026-09-03", 0, b), ("2026-09-04", 0, a), ("2026-09-07", 0, a),
        ]);
        await RecordAsync(rota.Slot("2026-08-31"), a.Id, 4, 9);
        await RecordAsync(rota.Slot("2026-09-01"), a.Id, 2, 5);
        await RecordAsync(rota.Slot("2026-09-02"), b.Id, 1, 1); // B received instead of A
        await RecordAsync(rota.Slot("2026-09-03"), b.Id, 0, 0);
        await App.WithDbAsync(async db => // a cancelled duty is not planned
        {
            (await db.DutyAssignments.SingleAsync(x => x.Id == rota.Slot("2026-09-07"))).Cancel(DateTime.UnixEpoch);
            return await db.SaveChangesAsync();
        });
        var draft = await App.RotaAsync(leaders, [("2026-09-08", 0, a)], publish: false); // a draft is not planned either
        // Cases registered at duties: two at A's duty of 1 September, one at the duty of 31 August, one at the draft's.
        var sources = new[] { rota.Slot("2026-09-01"), rota.Slot("2026-09-01"), rota.Slot("2026-08-31"), draft.Slot("2026-09-08") };
        await App.WithDbAsync(async db =>
        {
            var ids = await db.Cases.Where(c => c.SourceDutyAssignmentId == null).OrderBy(c => c.Id).Select(c => c.Id).Take(sources.Length).ToListAsync();
            for (var i = 0; i < sources.Length; i++)
                await db.Cases.Where(c => c.Id == ids[i]).ExecuteUpdateAsync(s => s.SetProperty(c => c.SourceDutyAssignmentId, sources[i]));
            return ids.Count;
        });
        using var supervisor = await App.LoginAsync("supervisor");

        var month = await supervisor.GetPageAsync("/Reports/PlannedActual?period=2026-09");
        Assert.Equal(["3", "2", "1", "3", "6", "2"], Cells(month, a.Id, "2026-09", 6));
        Assert.Equal(["1", "1", "0", "0", "0", "0"], Cells(month, b.Id, "2026-09", 6));
        Assert.Null(month.QuerySelector($"tr[data-leader='{a.Id}'][data-month='2026-08']"));

        var quarter = await supervisor.GetPageAsync("/Reports/PlannedActual?period=2026-Q3");
        Assert.Equal(["1", "1", "0", "4", "9", "1"], Cells(quarter, a.Id, "2026-08", 6));
        Assert.Equal(["3", "2", "1", "3", "6", "2"], Cells(quarter, a.Id, "2026-09", 6));
        // An administrator has the report without the cases column.
        using var admin = await App.LoginAsync("admin");
        Assert.Equal(["3", "2", "1", "3", "6"], Cells(await admin.GetPageAsync("/Reports/PlannedActual?period=2026-09"), a.Id, "2026-09", 5));
        Assert.Equal("2026-Q3", quarter.QuerySelector("select[name=period] option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task PlannedActual_Csv_IsUtf8WithBomAndCrlf_InTheUsersLanguage()
    {
        var leaders = await App.LeadersAsync(1);
        var rota = await App.RotaAsync(leaders, [("2026-07-01", 0, leaders[0])]);
        await RecordAsync(rota.Slot("2026-07-01"), leaders[0].Id, 2, 3);
        using var clerk = await App.LoginAsync("clerk");

        using var response = await clerk.GetAsync("/Reports/PlannedActual?handler=Csv&period=2026-07");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("planned-actual-2026-07.csv", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n");
        Assert.Equal("月份,领导,计划,已登记,由他人接访,批次,人次,登记事项", lines[0]);
        Assert.Contains($"2026-07,{leaders[0].Name},1,1,0,2,3,0", lines);
        Assert.StartsWith("合计,", lines[^2][1..]); // the total row: empty month, then "合计"
        Assert.Equal("", lines[^1]); // every line ends with CRLF
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fairness_HandCheckedExample_AroundMidAutumnAndNationalDay2026()
    {
        var leaders = await App.LeadersAsync(3);
        var (a, b, c) = (leaders[0], leaders[1], leaders[2]);
        // 09-24, 09-28, 09-30 and 10-08 are the working days right next to Mid-Autumn (09-25…27) and National Day (10-01…07).
        var rota = await App.RotaAsync(leaders,
        [
            ("2026-09-24", 0, a), ("2026-09-30", 0, a), ("2026-10-08", 0, a), ("2026-10-09", 0, a),
            ("2026-09-28", 0, b), ("2026-09-29", 0, b), ("2026-10-12", 0, b),
            ("2026-09-21", 0, c), ("2026-10-13", 0, c),
        ]);
        using var clerk = await App.LoginAsync("clerk");
        // C covers B on 09-29; A and C swap 10-09 for 10-13 (both approved by the clerk at once).
        await OnBehalfAsync(clerk, rota.Slot("2026-09-29"), new() { ["Input.Kind"] = "Cover", ["Input.CounterpartLeaderId"] = c.Id.ToString() });
        await OnBehalfAsync(clerk, rota.Slot("2026-10-09"), new() { ["Input.Kind"] = "Swap", ["Input.CounterpartAssignmentId"] = rota.Slot("2026-10-13").ToString() });
        // The owed-duty ledgers the generator would have left: B is owed two after September; after October A is owed one, C has one extra.
        await LedgerAsync(rota.MonthIds[DutyFixture.D("2026-09-01")], $"{{\"{b.Id}\":2}}");
        await LedgerAsync(rota.MonthIds[DutyFixture.D("2026-10-01")], $"{{\"{a.Id}\":1,\"{c.Id}\":-1}}");

        //                                          duties, next to a holiday, given, received, owed
        var september = await clerk.GetPageAsync("/Reports/Fairness?period=2026-09");
        Assert.Equal(["2", "2", "0", "0", "0"], Cells(september, a.Id));
        Assert.Equal(["1", "1", "0", "1", "2"], Cells(september, b.Id));
        Assert.Equal(["2", "0", "1", "0", "0"], Cells(september, c.Id));

        var october = await clerk.GetPageAsync("/Reports/Fairness?period=2026-10");
        Assert.Equal(["2", "1", "1", "1", "1"], Cells(october, a.Id));
        Assert.Equal(["1", "0", "0", "0", "0"], Cells(october, b.Id));
        Assert.Equal(["1", "0", "1", "1", "-1"], Cells(october, c.Id));

        var year = await clerk.GetPageAsync("/Reports/Fairness?period=2026");
        Assert.Equal(["4", "3", "1", "1", "1"], Cells(year, a.Id));
        Assert.Equal(["2", "1", "0", "1", "0"], Cells(year, b.Id));
        Assert.Equal(["3", "0", "2", "1", "-1"], Cells(year, c.Id));

        var quarter = await clerk.GetPageAsync("/Reports/Fairness?period=2026-Q3");
        Assert.Equal(["2", "2", "0", "0", "0"], Cells(quarter, a.Id));
        Assert.Empty(quarter.QuerySelectorAll("main .status-warning")); // 2026 is a known year

        using var csv = await clerk.GetAsync("/Reports/Fairness?handler=Csv&period=2026-10");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal("排班,领导,职务,值班次数,节假日前后,替他人值班,被替班,欠班数", lines[0]);
        Assert.Contains($"{rota.RuleName},{c.Name},副市长,1,0,1,1,-1", lines);
        // The spread is per rota: among A, B and C in October, 2 − 1.
        Assert.Contains("值班次数最多与最少相差1次", october.QuerySelector($"#rule-{rota.RuleId}")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task Fairness_UnknownYear_Warns_AndABadPeriodIsExplained()
    {
        using var clerk = await App.LoginAsync("clerk");

        var unknown = await clerk.GetPageAsync("/Reports/Fairness?period=2027-03");
        Assert.Equal("尚未载入2027年的法定节假日安排，该年的节假日前后值班无法统计。", unknown.QuerySelector("main .status-warning")!.TextContent.Trim());

        var bad = await clerk.GetPageAsync("/Reports/Fairness?period=2026-13");
        Assert.Equal("请从列表中选择统计期间。", bad.Summary());
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.GetAsync("/Reports/Fairness?handler=Csv&period=nonsense")).StatusCode);
    }

    [Fact]
    public async Task Reports_OutsideTheScope_AreNotCounted()
    {
        var leaders = await App.LeadersAsync(1, orgCode: "qingshan");
        await App.RotaAsync(leaders, [("2026-06-01", 0, leaders[0])], orgCode: "qingshan");
        var userName = PageTesting.Unique("bh");
        var township = await App.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == "baihe").Select(o => o.Id).SingleAsync());
        await App.CreateUserAsync(userName, Reception.Web.Authorization.Roles.Supervisor, orgUnitId: township);
        using var other = await App.LoginAsync(userName);
        using var city = await App.LoginAsync("supervisor");

        Assert.Null((await other.GetPageAsync("/Reports/PlannedActual?period=2026-06")).QuerySelector($"tr[data-leader='{leaders[0].Id}']"));
        Assert.Null((await other.GetPageAsync("/Reports/Fairness?period=2026-06")).QuerySelector($"tr[data-leader='{leaders[0].Id}']"));
        Assert.NotNull((await city.GetPageAsync("/Reports/PlannedActual?period=2026-06")).QuerySelector($"tr[data-leader='{leaders[0].Id}']"));
        Assert.NotNull((await city.GetPageAsync("/Reports/Fairness?period=2026-06")).QuerySelector($"tr[data-leader='{leaders[0].Id}']"));
    }

    private Task RecordAsync(int assignmentId, int actualLeaderId, int batches, int people) =>
        App.WithDbAsync(async db =>
        {
            var clerk = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync();
            (await db.DutyAssignments.SingleAsync(x => x.Id == assignmentId)).Record(actualLeaderId, batches, people, null, clerk, DateTime.UnixEpoch);
            return await db.SaveChangesAsync();
        });

    private Task LedgerAsync(int rotaMonthId, string json) =>
        App.WithDbAsync(async db =>
        {
            (await db.RotaMonths.SingleAsync(m => m.Id == rotaMonthId)).RecordGeneration(null, json, dutiesChanged: false, DateTime.UnixEpoch);
            return await db.SaveChangesAsync();
        });

    private static async Task OnBehalfAsync(AppClient clerk, int slot, Dictionary<string, string> values)
    {
        var form = await clerk.GetPageAsync($"/Swaps/Create?assignment={slot}");
        await SwapFlowTestsBase.SwapIdAsync(await clerk.SubmitAsync(form, values));
    }

    /// <summary>The numbers of a leader's row (the report's last five columns).</summary>
    private static string[] Cells(IDocument page, int leaderId, string? month = null, int last = 5)
    {
        var selector = month is null ? $"main tr[data-leader='{leaderId}']" : $"main tr[data-leader='{leaderId}'][data-month='{month}']";
        var row = page.QuerySelector(selector) ?? throw new InvalidOperationException($"No row {selector}");
        return row.QuerySelectorAll("td").TakeLast(last).Select(td => td.TextContent.Trim()).ToArray();
    }
}
