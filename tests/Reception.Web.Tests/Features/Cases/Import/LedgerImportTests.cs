using System.Net;
using System.Text;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Core.Organisation;
using Reception.Web.Audit;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Demo;
using Reception.Web.Infrastructure;
using Reception.Web.Tests.Audit;

namespace Reception.Web.Tests.Features.Cases.Import;

/// <summary>An office of its own for one test (its remembered mapping and case numbers are its own): a township, its leader and clerk.</summary>
public sealed record ImportOffice(string Code, int Id, string Clerk, int LeaderId, string LeaderName);

/// <summary>
/// Bringing an old ledger in (issue 17 item 8), end to end through the pages: upload (GB18030 CSV, .xlsx), map once
/// (remembered), preview with the problems next to each row, all or nothing, scope, the cases' clocks and colours as
/// the case operations compute them, the old number kept and found. On SQLite here and on PostgreSQL in
/// <see cref="LedgerImportPostgresTests"/>.
/// </summary>
public sealed class LedgerImportTests(LedgerImportTests.World world) : IClassFixture<LedgerImportTests.World>
{
    public sealed class World : IAsyncLifetime
    {
        public ListWorld Cases { get; } = new();
        public Task InitializeAsync() => Cases.InitializeAsync();
        public Task DisposeAsync() => Cases.DisposeAsync();
    }

    private readonly ListWorld w = world.Cases;

    [Fact]
    public Task Gb18030Csv_MappedOnce_PreviewedAndImported_WithClocksColoursAndOldNumbers() => LedgerImportFlows.Gb18030FlowAsync(w);

    [Fact]
    public async Task AProblemRow_ImportsNothing_AndItsProblemIsShownNextToIt()
    {
        var office = await LedgerImportFlows.NewOfficeAsync(w);
        var csv = $"""
            编号,登记日期,姓名,身份证号,问题类别,摘要
            A-1,2026-11-02,张好,11010519491231002X,劳动社保,工资
            A-2,2026-11-03,李错,110105194912310021,劳动社保,工资
            A-3,2026-11-33,王错,,外星类别,工资
            """;
        using var client = await w.App.LoginAsync(office.Clerk);

        var preview = await LedgerImportFlows.UploadToPreviewAsync(client, Encoding.UTF8.GetBytes(csv), "ledger.csv");

        Assert.Null(preview.QuerySelector("form[action*='handler=Import']"));
        Assert.Contains("3 行中有 2 行存在问题（共 3 处）", preview.QuerySelector("[data-problems-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("无误", Problems(preview, 2).Single());
        Assert.Equal(["身份证号“110105194912310021”：身份证号码校验位不符（应为 X）。"], Problems(preview, 3));
        Assert.Equal(["登记日期“2026-11-33”不是日期；请写作 2026-03-05、2026/3/5 或 2026年3月5日。", "问题类别“外星类别”不是本系统的问题类别。"], Problems(preview, 4));
        Assert.NotNull(preview.QuerySelector("tr[data-row='3'] td.problem"));

        // Posting the import anyway (an old tab, a crafted request) imports nothing.
        var path = new Uri(preview.Url).PathAndQuery;
        using var post = await client.PostFormAsync(path, [new("__IdempotencyKey", Guid.NewGuid().ToString("N"))], action: path + "&handler=Import");
        var page = await post.AssertFormReturnedAsync();
        Assert.Contains("未导入任何数据：有 2 行存在问题。", page.Summary(), StringComparison.Ordinal);
        Assert.Equal(0, await w.App.WithDbAsync(db => db.Cases.CountAsync(c => c.OrgUnitId == office.Id)));
    }

    [Fact]
    public async Task TheMapping_IsRememberedForTheOffice_SoTheNextFileGoesStraightToThePreview()
    {
        var office = await LedgerImportFlows.NewOfficeAsync(w);
        var csv = Encoding.UTF8.GetBytes("""
            序号,收文日,当事人,事由,类型
            7,2026-11-02,张三,工资,劳动社保
            """);
        using var client = await w.App.LoginAsync(office.Clerk);

        using var first = await LedgerImportFlows.UploadAsync(client, csv, "a.csv");
        Assert.StartsWith("/Cases/Import/Map?upload=", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var map = await client.GetPageAsync(first.Headers.Location.OriginalString);
        Assert.Equal("PetitionerName", map.QuerySelector("#field-2 option[selected]")!.GetAttribute("value"));
        using var saved = await client.SubmitAsync(map, new Dictionary<string, string>
        {
            ["Fields[0]"] = "ExternalReference", ["Fields[1]"] = "ReceivedOn", ["Fields[3]"] = "Summary", ["Fields[4]"] = "Category",
        });
        Assert.StartsWith("/Cases/Import/Preview?upload=", saved.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var second = await LedgerImportFlows.UploadAsync(client, csv, "b.csv");
        Assert.StartsWith("/Cases/Import/Preview?upload=", second.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var preview = await client.GetPageAsync(second.Headers.Location.OriginalString);
        Assert.NotNull(preview.QuerySelector("[data-ready]"));
        Assert.Equal("ExternalReference", preview.QuerySelector("[data-preview] thead th[data-field]")!.GetAttribute("data-field"));

        // Another office's clerk starts from the guesses, and cannot open this clerk's upload.
        var other = await LedgerImportFlows.NewOfficeAsync(w);
        using var otherClient = await w.App.LoginAsync(other.Clerk);
        using var theirs = await LedgerImportFlows.UploadAsync(otherClient, csv, "c.csv");
        Assert.StartsWith("/Cases/Import/Map?upload=", theirs.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var peek = await otherClient.GetAsync(second.Headers.Location.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, peek.StatusCode);
        Assert.Equal("/Cases/Import", peek.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task UnitsAndLeadersOutsideTheClerksArea_AreRefused()
    {
        var office = await LedgerImportFlows.NewOfficeAsync(w);
        var csv = $"""
            登记日期,姓名,问题类别,摘要,责任单位,包案领导,受理日期
            2026-11-02,张三,劳动社保,工资,测试局,钱测试,2026-11-03
            2026-11-02,李四,劳动社保,工资,{office.Code}镇,{office.LeaderName},2026-11-03
            """;
        using var client = await w.App.LoginAsync(office.Clerk);

        var preview = await LedgerImportFlows.UploadToPreviewAsync(client, Encoding.UTF8.GetBytes(csv), "scope.csv");

        Assert.Equal(["责任单位“测试局”不是您辖区内的责任单位。", "包案领导“钱测试”不是您辖区内的领导。"], Problems(preview, 2));
        Assert.Equal("无误", Problems(preview, 3).Single());
    }

    [Fact]
    public async Task OnlyClerks_Import()
    {
        using var leader = await w.App.LoginAsync("cs-leader");
        using var response = await leader.GetAsync("/Cases/Import");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public Task TheAppsOwnXlsxLedger_ReimportsWithTheDefaultMapping() => LedgerImportFlows.XlsxRoundTripAsync(w);

    [Fact]
    public async Task TooManyRows_AndNotASpreadsheet_AreRefusedAtUpload()
    {
        var office = await LedgerImportFlows.NewOfficeAsync(w);
        using var client = await w.App.LoginAsync(office.Clerk);
        var big = new StringBuilder("登记日期,姓名,问题类别,摘要\n");
        for (int i = 0; i < 5001; i++) big.Append("2026-11-02,张三,劳动社保,工资\n");

        using var tooMany = await LedgerImportFlows.UploadAsync(client, Encoding.UTF8.GetBytes(big.ToString()), "big.csv");
        Assert.Equal("文件有 5001 行，一次最多导入 5000 行。请拆分为较小的文件。", (await tooMany.AssertFormReturnedAsync()).ErrorFor("Upload"));

        using var xls = await LedgerImportFlows.UploadAsync(client, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "old.xls");
        Assert.Contains(".xls", (await xls.AssertFormReturnedAsync()).ErrorFor("Upload"), StringComparison.Ordinal);
    }

    internal static IReadOnlyList<string> Problems(IDocument preview, int row) =>
        [.. preview.QuerySelectorAll($"tr[data-row='{row}'] [data-row-problems] li, tr[data-row='{row}'] [data-row-problems] span").Select(e => e.TextContent.Trim())];
}

/// <summary>The same flows on PostgreSQL.</summary>
public sealed class LedgerImportPostgresTests(LedgerImportPostgresTests.World w) : IClassFixture<LedgerImportPostgresTests.World>
{
    public sealed class World : IAsyncLifetime
    {
        public ListWorld Cases { get; } = new(DatabaseProvider.Postgres);
        public Task InitializeAsync() => Cases.InitializeAsync();
        public Task DisposeAsync() => Cases.DisposeAsync();
    }

    [Fact]
    public Task Gb18030Csv_MappedOnce_PreviewedAndImported_WithClocksColoursAndOldNumbers() => LedgerImportFlows.Gb18030FlowAsync(w.Cases);

    [Fact]
    public Task TheAppsOwnXlsxLedger_ReimportsWithTheDefaultMapping() => LedgerImportFlows.XlsxRoundTripAsync(w.Cases);
}

internal static class LedgerImportFlows
{
    public static async Task<ImportOffice> NewOfficeAsync(ListWorld w)
    {
        var code = "im" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = w.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var city = await db.OrgUnits.SingleAsync(o => o.Code == DemoData.CityCode);
        var town = new OrgUnit(code, code + "镇", OrgUnitKind.Township, city, 95);
        db.OrgUnits.Add(town);
        await db.SaveChangesAsync();
        var leader = new Leader("包" + code, "镇长", LeadingBody.Government, town.Id, 1, null, null);
        db.Leaders.Add(leader);
        await db.SaveChangesAsync();
        var clerk = new AppUser { UserName = code + "-clerk", DisplayName = code + "-clerk", OrgUnitId = town.Id };
        Assert.True((await users.CreateAsync(clerk, DemoData.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(clerk, Roles.Clerk)).Succeeded);
        return new ImportOffice(code, town.Id, clerk.UserName, leader.Id, leader.Name);
    }

    public static async Task<HttpResponseMessage> UploadAsync(AppClient client, byte[] content, string fileName)
    {
        var page = await client.GetPageAsync("/Cases/Import");
        return await client.SubmitAsync(page, file: new UploadFile("Upload", fileName, content,
            fileName.EndsWith(".xlsx", StringComparison.Ordinal) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv"));
    }

    /// <summary>Uploads, accepts the proposed mapping when asked, and opens the preview.</summary>
    public static async Task<IDocument> UploadToPreviewAsync(AppClient client, byte[] content, string fileName)
    {
        using var uploaded = await UploadAsync(client, content, fileName);
        var location = uploaded.Headers.Location?.OriginalString ?? throw new InvalidOperationException(
            "The upload was refused: " + (await AppClient.ParseAsync(uploaded)).ErrorFor("Upload"));
        if (location.StartsWith("/Cases/Import/Map", StringComparison.Ordinal))
        {
            using var mapped = await client.SubmitAsync(await client.GetPageAsync(location));
            location = mapped.Headers.Location?.OriginalString ?? throw new InvalidOperationException(
                "The mapping was refused: " + (await AppClient.ParseAsync(mapped)).Summary());
        }
        Assert.StartsWith("/Cases/Import/Preview?upload=", location, StringComparison.Ordinal);
        return await client.GetPageAsync(location);
    }

    /// <summary>Imports from a preview without problems; returns the batch page.</summary>
    public static async Task<IDocument> ImportAsync(AppClient client, IDocument preview)
    {
        using var imported = await client.SubmitAsync(preview, form: "form[action*='handler=Import']");
        var location = imported.Headers.Location?.OriginalString ?? throw new InvalidOperationException(
            "The import was refused: " + (await AppClient.ParseAsync(imported)).Summary());
        Assert.StartsWith("/Cases/Import/Batch/", location, StringComparison.Ordinal);
        return await client.GetPageAsync(location);
    }

    public static async Task Gb18030FlowAsync(ListWorld w)
    {
        var office = await NewOfficeAsync(w);
        var unit = office.Code + "镇";
        // An office's own headers, GB18030 as Chinese Excel saves CSV: the content column is the summary; dates in three spellings.
        var csv = $"""
            编号,登记日期,姓名,身份证号,联系电话,诉求内容,问题类别,责任单位,包案领导,受理日期,办理期限
            青信〔2026〕31号,2026/11/2,李桂芳,11010519491231002X,13812345678,拖欠工资三个月,劳动社保,,,,2026-11-17
            青信〔2026〕32号,2026年10月1日,张三、李四,；110105194912310038,,征地补偿款未到位,征地拆迁,{unit},{office.LeaderName},2026-10-08,2026-12-07
            青信〔2026〕33号,46266,王五,,,邻里纠纷,其他,,,46268,
            """;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(csv);
        using var client = await w.App.LoginAsync(office.Clerk);

        var preview = await UploadToPreviewAsync(client, bytes, "旧台账.csv");
        Assert.NotNull(preview.QuerySelector("[data-ready]"));
        Assert.Equal("李桂芳", preview.QuerySelector("tr[data-row='2'] td:nth-of-type(3)")!.TextContent);
        var batchPage = await ImportAsync(client, preview);

        Assert.Equal("已导入 3 件事项。", batchPage.StatusMessage());
        Assert.Equal(["青信〔2026〕31号", "青信〔2026〕32号", "青信〔2026〕33号"],
            batchPage.QuerySelectorAll("[data-imported] tbody td[data-field='external-reference']").Select(td => td.TextContent).Order(StringComparer.Ordinal));

        var imported = await w.App.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Petitioners)
            .Where(c => c.OrgUnitId == office.Id).OrderBy(c => c.ExternalReference).ToListAsync());
        Assert.Equal(3, imported.Count);
        var (wages, land, neighbours) = (imported[0], imported[1], imported[2]);
        Assert.All(imported, c => Assert.StartsWith(office.Code + "-2026-", c.Number.ToString(), StringComparison.Ordinal));
        Assert.All(imported, c => Assert.NotNull(c.ImportBatchId));

        Assert.Equal((CaseState.Registered, new DateOnly(2026, 11, 2), "labour", "拖欠工资三个月"), (wages.State, wages.ReceivedOn, wages.CategoryCode, wages.Summary));
        Assert.Equal(("11010519491231002X", "13812345678"), (wages.Petitioners.Single().IdentityNumber, wages.Petitioners.Single().Phone));
        Assert.Equal((CaseState.Assigned, office.LeaderId, office.Id), (land.State, land.OwnerLeaderId, land.HandlingUnitId));
        Assert.Equal(["张三", "李四"], land.Petitioners.OrderBy(p => p.Id).Select(p => p.Name));
        Assert.Equal([null, "110105194912310038"], land.Petitioners.OrderBy(p => p.Id).Select(p => p.IdentityNumber));
        Assert.Equal((CaseState.Accepted, new DateOnly(2026, 9, 1)), (neighbours.State, neighbours.ReceivedOn)); // Excel serial 46266

        // The clocks and colours: exactly those of cases with the same dates driven through the case operations.
        var twins = new[]
        {
            await w.AddAsync(new ListCase { Unit = office.Code, Received = new(2026, 11, 2), Category = "labour" }),
            await w.AddAsync(new ListCase { Unit = office.Code, HandlingUnit = office.Code, Received = new(2026, 10, 1), AcceptedOn = new(2026, 10, 8),
                State = CaseState.Assigned, OwnerLeaderId = office.LeaderId, Category = "land" }),
            await w.AddAsync(new ListCase { Unit = office.Code, Received = new(2026, 9, 1), AcceptedOn = new(2026, 9, 3), State = CaseState.Accepted, Category = "other" }),
        };
        var expected = await w.App.WithDbAsync(db => db.Cases.AsNoTracking().Where(c => twins.Contains(c.Id)).OrderBy(c => c.Id)
            .Select(c => new { c.ClockCode, c.ClockStartOn, c.DueOn, c.Colour }).ToListAsync());
        Assert.Equal(expected, imported.Select(c => new { c.ClockCode, c.ClockStartOn, c.DueOn, c.Colour }));
        Assert.All(imported, c => Assert.NotNull(c.Colour));

        // The old number is on the case page and finds the case in the search box; the import is audited without personal data.
        var details = await client.GetPageAsync($"/Cases/Details/{land.Id}");
        Assert.Equal("青信〔2026〕32号", details.QuerySelector("[data-field='external-reference']")!.TextContent);
        var found = await client.GetPageAsync("/Cases?q=" + Uri.EscapeDataString("青信〔2026〕32号"));
        Assert.Equal([land.Number.ToString()], found.QuerySelectorAll("table.case-list tbody tr").Select(tr => tr.GetAttribute("data-number")));
        var audit = (await w.App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.CaseImport && r.UserName == office.Clerk);
        Assert.Equal($"office={office.Code}; rows=3; file-rows=3", audit.Detail);
        Assert.DoesNotContain("李桂芳", audit.Detail ?? "", StringComparison.Ordinal);

        // The upload is gone: the same preview cannot import twice.
        using var again = await client.GetAsync(new Uri(preview.Url).PathAndQuery);
        Assert.Equal("/Cases/Import", again.Headers.Location!.OriginalString);
    }

    public static async Task XlsxRoundTripAsync(ListWorld w)
    {
        var office = await NewOfficeAsync(w);
        await w.AddAsync(new ListCase { Unit = office.Code, HandlingUnit = office.Code, Received = new(2026, 10, 1), AcceptedOn = new(2026, 10, 8),
            State = CaseState.Assigned, OwnerLeaderId = office.LeaderId, Category = "labour", PetitionerName = "赵往返", People = 6 });
        await w.AddAsync(new ListCase { Unit = office.Code, Received = new(2026, 11, 20), Channel = Channel.Letter, Category = "property", Summary = "楼顶漏水" });
        using var client = await w.App.LoginAsync(office.Clerk);
        using var export = await client.GetAsync("/Cases?handler=Xlsx&sort=received");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var xlsx = await export.Content.ReadAsByteArrayAsync();
        var originals = await w.App.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Petitioners).Where(c => c.OrgUnitId == office.Id).OrderBy(c => c.ReceivedOn).ToListAsync());

        var preview = await UploadToPreviewAsync(client, xlsx, "台账.xlsx");
        Assert.True(preview.QuerySelector("[data-ready]") is not null, preview.QuerySelector("[data-preview]")?.TextContent);
        await ImportAsync(client, preview);

        var copies = await w.App.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Petitioners).Where(c => c.OrgUnitId == office.Id && c.ImportBatchId != null)
            .OrderBy(c => c.ReceivedOn).ToListAsync());
        Assert.Equal(originals.Select(c => c.Number.ToString()), copies.Select(c => c.ExternalReference));
        Assert.Equal(
            originals.Select(c => (c.ReceivedOn, c.Channel, c.CategoryCode, c.Summary, c.NumberOfPeople, c.State, c.OwnerLeaderId, c.HandlingUnitId, c.DueOn, c.Colour,
                c.Petitioners.Single().Name, c.Petitioners.Single().IdentityNumber, c.Petitioners.Single().Phone, c.Petitioners.Single().Address)),
            copies.Select(c => (c.ReceivedOn, c.Channel, c.CategoryCode, c.Summary, c.NumberOfPeople, c.State, c.OwnerLeaderId, c.HandlingUnitId, c.DueOn, c.Colour,
                c.Petitioners.Single().Name, c.Petitioners.Single().IdentityNumber, c.Petitioners.Single().Phone, c.Petitioners.Single().Address)));
    }
}
