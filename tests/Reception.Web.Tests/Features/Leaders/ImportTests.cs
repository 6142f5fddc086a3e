using System.Text;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Organisation;

namespace Reception.Web.Tests.Features.Leaders;

public sealed class ImportTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Import_Utf8FileWithBom_ImportsEveryRow()
    {
        var a = PageTesting.Unique("导入甲");
        var b = PageTesting.Unique("导入乙");
        var csv = $"""
            name,title,leading_body,org_code,rotation_order,email,phone
            {a},副市长,政府,demo,40,A@Example.com,13800000040
            {b},镇党委书记,PartyCommittee,qingshan,1,,
            """;
        using var client = await App.LoginAsync("clerk");

        using var response = await UploadAsync(client, Utf8WithBom(csv));

        await response.AssertRedirectToAsync("/Leaders");
        var (first, second) = await App.WithDbAsync(async db => (
            await db.Leaders.AsNoTracking().Include(l => l.OrgUnit).SingleAsync(l => l.Name == a),
            await db.Leaders.AsNoTracking().Include(l => l.OrgUnit).SingleAsync(l => l.Name == b)));
        Assert.Equal(("副市长", LeadingBody.Government, "demo", 40, "A@Example.com", "13800000040"),
            (first.Title, first.LeadingBody, first.OrgUnit!.Code, first.RotationOrder, first.Email, first.Phone));
        Assert.Equal(("镇党委书记", LeadingBody.PartyCommittee, "qingshan", 1, (string?)null, (string?)null),
            (second.Title, second.LeadingBody, second.OrgUnit!.Code, second.RotationOrder, second.Email, second.Phone));
        Assert.Equal("已导入 2 名领导。", (await client.GetPageAsync("/Leaders")).StatusMessage());
    }

    [Fact]
    public async Task Import_Gb18030FileWithChineseHeaders_ImportsTheChineseTextCorrectly()
    {
        var a = PageTesting.Unique("国标甲");
        var b = PageTesting.Unique("国标乙");
        var csv = $"""
            姓名,职务,班子,单位代码,排序,邮箱,电话
            {a},白河镇党委书记,党委,baihe,1,,0371-12345678
            {b},白河镇人大主席,人大,baihe,2,bai@example.com,
            """;
        var bytes = Gb18030().GetBytes(csv);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes)); // really not UTF-8
        using var client = await App.LoginAsync("clerk");

        using var response = await UploadAsync(client, bytes);

        await response.AssertRedirectToAsync("/Leaders");
        var saved = await App.WithDbAsync(db => db.Leaders.AsNoTracking().Include(l => l.OrgUnit)
            .Where(l => l.Name == a || l.Name == b).OrderBy(l => l.RotationOrder).ToListAsync());
        Assert.Equal([a, b], saved.Select(l => l.Name));
        Assert.Equal(["白河镇党委书记", "白河镇人大主席"], saved.Select(l => l.Title));
        Assert.Equal([LeadingBody.PartyCommittee, LeadingBody.PeoplesCongress], saved.Select(l => l.LeadingBody));
        Assert.All(saved, l => Assert.Equal("baihe", l.OrgUnit!.Code));
        Assert.Equal("0371-12345678", saved[0].Phone);
        Assert.Equal("bai@example.com", saved[1].Email);
    }

    [Fact]
    public async Task Import_TwoBadRows_ListsBothLineNumbersAndSavesNothing()
    {
        var good = PageTesting.Unique("好行");
        var csv = $"""
            name,title,leading_body,org_code,rotation_order,email,phone
            {good}1,副市长,政府,demo,41,,
            坏行一,副市长,政府,demo,42,not-an-email,
            坏行二,副市长,常委,nowhere,0,,
            {good}2,副市长,政府,demo,43,,
            """;
        using var client = await App.LoginAsync("clerk");
        var before = await LeaderCountAsync();

        using var response = await UploadAsync(client, Encoding.UTF8.GetBytes(csv));

        var page = await response.AssertFormReturnedAsync();
        var list = page.QuerySelector("main .errors-list")!;
        Assert.Contains("未导入任何数据。请改正以下 4 处问题后重新上传：", list.TextContent);
        Assert.Equal(
        [
            "第 3 行：“not-an-email”不是有效的电子邮箱地址。",
            "第 4 行：未知的班子“常委”；请填写党委、人大、政府或政协。",
            "第 4 行：找不到单位代码“nowhere”。",
            "第 4 行：rotation_order“0”不是 1 到 9999 之间的整数。",
        ], list.QuerySelectorAll("li").Select(li => li.TextContent.Trim()));
        Assert.Equal(before, await LeaderCountAsync());
        Assert.False(await App.WithDbAsync(db => db.Leaders.AnyAsync(l => l.Name.StartsWith(good))));
    }

    [Fact]
    public async Task Import_UnitOutsideTheUsersArea_IsReportedAsNotFound()
    {
        // A township clerk may only import leaders into 青山镇 and below.
        var qingshanId = await App.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == "qingshan").Select(o => o.Id).SingleAsync());
        var clerk = PageTesting.Unique("qs-");
        await App.CreateUserAsync(clerk, Reception.Web.Authorization.Roles.Clerk, orgUnitId: qingshanId);
        using var client = await App.LoginAsync(clerk);
        var before = await LeaderCountAsync();

        using var response = await UploadAsync(client, Encoding.UTF8.GetBytes("name,title,leading_body,org_code,rotation_order\n越权,副市长,政府,demo,1\n"));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(["第 2 行：找不到单位代码“demo”。"], page.QuerySelectorAll("main .errors-list li").Select(li => li.TextContent.Trim()));
        Assert.Equal(before, await LeaderCountAsync());
    }

    [Fact]
    public async Task Import_NoFileChosen_AsksForAFile()
    {
        using var client = await App.LoginAsync("clerk");
        var before = await LeaderCountAsync();

        using var response = await client.OpenAndSubmitAsync("/Leaders/Import");

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请选择要上传的 CSV 文件。", page.ErrorFor("Upload"));
        Assert.Equal(before, await LeaderCountAsync());
    }

    [Fact]
    public async Task Import_EmptyFile_AsksForAFile()
    {
        using var client = await App.LoginAsync("clerk");

        using var response = await UploadAsync(client, []);

        Assert.Equal("请选择要上传的 CSV 文件。", (await response.AssertFormReturnedAsync()).ErrorFor("Upload"));
    }

    [Fact]
    public async Task Import_HeaderOnly_SaysTheFileHasNoRows()
    {
        using var client = await App.LoginAsync("clerk");

        using var response = await UploadAsync(client, Encoding.UTF8.GetBytes("name,title,leading_body,org_code,rotation_order\r\n"));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(["第 2 行：文件中没有数据行。"], page.QuerySelectorAll("main .errors-list li").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public async Task Import_BinaryFile_SaysItIsNotText()
    {
        using var client = await App.LoginAsync("clerk");

        using var response = await UploadAsync(client, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x01]);

        Assert.Equal("文件不是文本（CSV）文件。", (await response.AssertFormReturnedAsync()).ErrorFor("Upload"));
    }

    private Task<int> LeaderCountAsync() => App.WithDbAsync(db => db.Leaders.CountAsync());

    private static async Task<HttpResponseMessage> UploadAsync(AppClient client, byte[] content)
    {
        var page = await client.GetPageAsync("/Leaders/Import");
        return await client.SubmitAsync(page, file: new UploadFile("Upload", "leaders.csv", content));
    }

    internal static byte[] Utf8WithBom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    internal static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
