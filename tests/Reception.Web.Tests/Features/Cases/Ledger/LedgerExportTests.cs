using System.Net;
using System.Text;
using Reception.Core.Audit;
using Reception.Core.Cases;
using Reception.Web.Audit;
using Reception.Web.Features.Cases.Ledger;
using Reception.Web.Tests.Audit;

namespace Reception.Web.Tests.Features.Cases.Ledger;

/// <summary>
/// The 台账 export: the .xlsx read back with openpyxl (headers, frozen header row, widths, date cells, numbers), the CSV
/// with the same columns, masking as the case page masks for the role, and the audit record of each export.
/// </summary>
public sealed class LedgerExportTests(LedgerExportTests.World w) : IClassFixture<LedgerExportTests.World>
{
    public const string IdNumber = "11010519491231002X";
    public const string Phone = "13812345678";

    /// <summary>Three cases of 测试镇 owned by its leader: in progress, collective, replied and evaluated.</summary>
    public sealed class World : IAsyncLifetime
    {
        public ListWorld Cases { get; } = new();

        public async Task InitializeAsync()
        {
            await Cases.InitializeAsync();
            var w = Cases;
            await w.AddAsync(new ListCase
            {
                Received = new(2026, 10, 1), AcceptedOn = new(2026, 10, 3), State = CaseState.InProgress, OwnerLeaderId = w.LeaderId, Category = "labour",
                Summary = "拖欠工资三个月，回电13900001111", PetitionerName = "李桂芳",
            });
            await w.AddAsync(new ListCase { Received = new(2026, 11, 10), People = 6, State = CaseState.Accepted, Summary = "集体反映厂区噪音", ReceivedByLeaderId = w.LeaderId });
            await w.AddAsync(new ListCase
            {
                Received = new(2026, 9, 1), State = CaseState.Evaluated, OwnerLeaderId = w.LeaderId, RepliedOn = new(2026, 9, 20),
                Evaluation = Evaluation.BasicallySatisfied, Summary = "低保资格被取消",
            });
        }

        public async Task DisposeAsync() => await Cases.DisposeAsync();
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string user, string url)
    {
        using var client = await w.Cases.App.LoginAsync(user);
        var response = await client.GetAsync(url);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Xlsx_IsARealWorkbook_FrozenHeader_Widths_DatesAsDates_NumbersAsNumbers_UnmaskedForTheClerk()
    {
        var (response, body) = await GetAsync("cs-clerk", "/Cases?handler=Xlsx&sort=received");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LedgerExport.XlsxContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("cases-2026-11-22.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);

        var sheet = await XlsxReader.ReadAsync(body);
        Assert.Equal("台账", sheet.Title);
        Assert.Equal("A2", sheet.FreezePanes);
        Assert.Equal(["事项编号", "登记日期", "信访形式", "登记单位", "信访人", "身份证号", "联系电话", "住址", "人数", "集体访", "类别", "摘要",
            "责任单位", "协办单位", "转送单位", "包案领导", "督查专员", "受理日期", "交办日期", "当前时限", "起算日", "截止日期", "延期天数",
            "状态", "颜色", "最近进展", "答复日期", "评价", "办结日期", "标记"], sheet.Headers);
        Assert.Equal(3, sheet.Rows.Count); // oldest first: replied, in progress, collective
        Assert.True(sheet.Widths["A"] >= 20, "the case number column is wide enough");

        var received = sheet.Cell(0, "登记日期");
        Assert.True(received.IsDate, $"登记日期 is a {received.Type}");
        Assert.Equal("2026-09-01", received.Value);
        Assert.Equal("2026-09-20", sheet.Cell(0, "答复日期").Value);
        Assert.True(sheet.Cell(0, "答复日期").IsDate);
        Assert.Equal("基本满意", sheet.Cell(0, "评价").Value);
        Assert.Equal("钱测试", sheet.Cell(0, "包案领导").Value);

        Assert.Equal("李桂芳", sheet.Cell(1, "信访人").Value);
        Assert.Equal(IdNumber, sheet.Cell(1, "身份证号").Value);
        Assert.Equal(Phone, sheet.Cell(1, "联系电话").Value);
        Assert.Equal("拖欠工资三个月，回电13900001111", sheet.Cell(1, "摘要").Value);
        Assert.Equal("2026-10-03", sheet.Cell(1, "受理日期").Value);
        Assert.True(sheet.Cell(1, "截止日期").IsDate);
        Assert.Equal("测试局", sheet.Cell(1, "责任单位").Value);

        Assert.Equal("int", sheet.Cell(2, "人数").Type);
        Assert.Equal("6", sheet.Cell(2, "人数").Value);
        Assert.Equal("是", sheet.Cell(2, "集体访").Value);
        Assert.Contains("集体访", sheet.Cell(2, "标记").Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_HasTheSameColumnsAsTheWorkbook_DatesAsIsoText()
    {
        var (xlsxResponse, xlsx) = await GetAsync("cs-clerk", "/Cases?handler=Xlsx&sort=received");
        var (response, body) = await GetAsync("cs-clerk", "/Cases?handler=Csv&sort=received");
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetPreamble(), body[..3]);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var lines = Encoding.UTF8.GetString(body.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        var sheet = await XlsxReader.ReadAsync(xlsx);
        Assert.Equal(string.Join(',', sheet.Headers), lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith(sheet.Cell(0, "事项编号").Value + ",2026-09-01,", lines[1], StringComparison.Ordinal);
        Assert.Contains(IdNumber, lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leader_GetsTheLedgerMasked_AsTheCasePageShowsIt()
    {
        var (response, body) = await GetAsync("cs-leader", "/MyCases?handler=Xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sheet = await XlsxReader.ReadAsync(body);
        Assert.Equal(3, sheet.Rows.Count);
        var row = sheet.Rows.Select((r, i) => i).Single(i => sheet.Cell(i, "信访人").Value == "李桂芳");

        Assert.Equal(PrivacyMask.IdentityNumber(IdNumber), sheet.Cell(row, "身份证号").Value);
        Assert.Equal(PrivacyMask.Phone(Phone), sheet.Cell(row, "联系电话").Value);
        Assert.Equal(PrivacyMask.Address("测试镇测试一村8号"), sheet.Cell(row, "住址").Value);
        Assert.Equal(PrivacyMask.FreeText("拖欠工资三个月，回电13900001111"), sheet.Cell(row, "摘要").Value);
        var all = string.Join("|", sheet.Rows.SelectMany(r => r.Select(c => c.Value)));
        Assert.DoesNotContain(IdNumber, all, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, all, StringComparison.Ordinal);
        Assert.DoesNotContain("13900001111", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachExport_IsAudited_WithListRowsAndPersonalData()
    {
        var (clerk, _) = await GetAsync("cs-clerk", "/Cases?handler=Xlsx");
        Assert.Equal(HttpStatusCode.OK, clerk.StatusCode);
        var record = (await w.Cases.App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.Export);
        Assert.Equal("list:/Cases/Index", record.Target);
        Assert.Equal(AuditOutcome.Success, record.Outcome);
        Assert.Equal("list=/Cases/Index?handler=Xlsx; file=cases-2026-11-22.xlsx; rows=3; personal-data=yes", record.Detail);
        Assert.Equal("cs-clerk", record.UserName);

        var (leader, _) = await GetAsync("cs-leader", "/MyCases?handler=Xlsx");
        Assert.Equal(HttpStatusCode.OK, leader.StatusCode);
        record = (await w.Cases.App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.Export);
        Assert.Equal("list=/Cases/MyCases/Index?handler=Xlsx; file=my-ledger-2026-11-22.xlsx; rows=3; personal-data=masked", record.Detail);
    }

    [Fact]
    public async Task UnitHandler_CannotExportTheCaseList()
    {
        var (response, _) = await GetAsync("cs-unit", "/Cases?handler=Xlsx");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
