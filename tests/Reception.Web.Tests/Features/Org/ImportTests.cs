using System.Text;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Organisation;

namespace Reception.Web.Tests.Features.Org;

public sealed class ImportTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Import_ParentDefinedLaterInTheFile_ImportsEveryUnitUnderTheRightParent()
    {
        var town = PageTesting.Unique("z");
        var csv = $"""
            code,name,kind,parent_code
            {town}-01,新庄村,村,{town}
            {town}-02,新庄社区,Community,{town}
            {town},新庄镇,乡镇,demo
            {town}-rsb,新庄镇人社所,部门,{town}
            """;
        using var client = await App.LoginAsync("admin");

        using var response = await UploadAsync(client, Encoding.UTF8.GetBytes(csv));

        await response.AssertRedirectToAsync("/Org");
        var units = await App.WithDbAsync(db => db.OrgUnits.AsNoTracking().Include(o => o.Parent)
            .Where(o => o.Code.StartsWith(town)).ToDictionaryAsync(o => o.Code));
        Assert.Equal(4, units.Count);
        Assert.Equal((OrgUnitKind.Township, "demo", $"/demo/{town}/"), (units[town].Kind, units[town].Parent!.Code, units[town].Path));
        Assert.Equal((OrgUnitKind.Village, town, "新庄村"), (units[$"{town}-01"].Kind, units[$"{town}-01"].Parent!.Code, units[$"{town}-01"].Name));
        Assert.Equal((OrgUnitKind.Community, town), (units[$"{town}-02"].Kind, units[$"{town}-02"].Parent!.Code));
        Assert.Equal((OrgUnitKind.Department, town), (units[$"{town}-rsb"].Kind, units[$"{town}-rsb"].Parent!.Code));
        Assert.Equal($"/demo/{town}/{town}-01/", units[$"{town}-01"].Path);
        Assert.Equal("已导入 4 个单位。", (await client.GetPageAsync("/Org")).StatusMessage());
    }

    [Fact]
    public async Task Import_Gb18030FileWithChineseHeaders_ImportsTheChineseNames()
    {
        var code = PageTesting.Unique("g");
        var bytes = Leaders.ImportTests.Gb18030().GetBytes($"代码,名称,类型,上级代码\r\n{code},石桥镇新华村,村,shiqiao\r\n");
        using var client = await App.LoginAsync("admin");

        using var response = await UploadAsync(client, bytes);

        await response.AssertRedirectToAsync("/Org");
        var unit = await App.WithDbAsync(db => db.OrgUnits.AsNoTracking().Include(o => o.Parent).SingleAsync(o => o.Code == code));
        Assert.Equal(("石桥镇新华村", OrgUnitKind.Village, "shiqiao"), (unit.Name, unit.Kind, unit.Parent!.Code));
    }

    [Fact]
    public async Task Import_BadRows_ListsEveryLineNumberAndSavesNothing()
    {
        var ok = PageTesting.Unique("k");
        var csv = $"""
            code,name,kind,parent_code
            {ok},好村,村,qingshan
            qingshan-01,重复村,村,qingshan
            {ok}-b,城堡,城堡,qingshan
            {ok}-c,错层村,村,demo
            {ok}-d,无上级村,村,nowhere
            {ok},又一个,村,qingshan
            """;
        using var client = await App.LoginAsync("admin");
        var before = await CountAsync();

        using var response = await UploadAsync(client, Encoding.UTF8.GetBytes(csv));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(
        [
            "第 3 行：代码“qingshan-01”已存在。",
            "第 4 行：未知的类型“城堡”；请填写省、市、县/区、乡镇、街道、村、社区或部门。",
            "第 5 行：“村”不能设在“市”之下。",
            "第 6 行：找不到单位代码“nowhere”。",
            $"第 7 行：代码“{ok}”在文件中重复出现（首次在第 2 行）。",
        ], page.QuerySelectorAll("main .errors-list li").Select(li => li.TextContent.Trim()));
        Assert.Contains("未导入任何数据。请改正以下 5 处问题后重新上传：", page.QuerySelector("main .errors-list")!.TextContent);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Import_CodeTakenOutsideTheUsersArea_IsReportedAndNothingSaved()
    {
        // A township admin cannot see 白河镇, but its codes are still taken.
        var qingshanId = await App.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == "qingshan").Select(o => o.Id).SingleAsync());
        var admin = PageTesting.Unique("qsadmin-");
        await App.CreateUserAsync(admin, Reception.Web.Authorization.Roles.Admin, orgUnitId: qingshanId);
        var ok = PageTesting.Unique("k");
        using var client = await App.LoginAsync(admin);
        var before = await CountAsync();

        using var response = await UploadAsync(client, Encoding.UTF8.GetBytes($"code,name,kind,parent_code\n{ok},好村,村,qingshan\nbaihe-01,白河村,村,qingshan\n"));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(["第 3 行：代码“baihe-01”已存在。"], page.QuerySelectorAll("main .errors-list li").Select(li => li.TextContent.Trim()));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Import_RowWithoutParent_IsRefusedBecauseItWouldLeaveTheUsersArea()
    {
        var code = PageTesting.Unique("r");
        using var client = await App.LoginAsync("admin");
        var before = await CountAsync();

        using var response = await UploadAsync(client, Encoding.UTF8.GetBytes($"code,name,kind\n{code},新县,县\n"));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(["第 2 行：请填写上级代码：新单位必须位于您的管辖范围内。"], page.QuerySelectorAll("main .errors-list li").Select(li => li.TextContent.Trim()));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Import_MissingColumn_IsReported()
    {
        using var client = await App.LoginAsync("admin");

        using var response = await UploadAsync(client, Encoding.UTF8.GetBytes("code,name\nabc,某村\n"));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(["第 1 行：缺少列 类型 (kind)。"], page.QuerySelectorAll("main .errors-list li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task Import_NoFileChosen_AsksForAFile()
    {
        using var client = await App.LoginAsync("admin");

        using var response = await client.OpenAndSubmitAsync("/Org/Import");

        Assert.Equal("请选择要上传的 CSV 文件。", (await response.AssertFormReturnedAsync()).ErrorFor("Upload"));
    }

    private Task<int> CountAsync() => App.WithDbAsync(db => db.OrgUnits.CountAsync());

    private static async Task<HttpResponseMessage> UploadAsync(AppClient client, byte[] content)
    {
        var page = await client.GetPageAsync("/Org/Import");
        return await client.SubmitAsync(page, file: new UploadFile("Upload", "units.csv", content));
    }
}
