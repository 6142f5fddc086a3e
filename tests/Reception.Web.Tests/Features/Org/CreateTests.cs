using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Audit;
using Reception.Core.Organisation;
using Reception.Web.Audit;
using Reception.Web.Tests.Audit;

namespace Reception.Web.Tests.Features.Org;

public sealed class CreateTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Create_Get_OffersOnlyTheKindsThatFitUnderTheParent()
    {
        using var client = await App.LoginAsync("admin");
        var qingshan = await UnitAsync("qingshan");

        var page = await client.GetPageAsync($"/Org/Create?parentId={qingshan.Id}");

        Assert.Equal(["Village", "Community", "Department"],
            page.QuerySelectorAll("select[name='Input.Kind'] option").Select(o => o.GetAttribute("value")));
        Assert.Contains("在“青山镇”下新增单位", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Create_VillageUnderATownship_SavesItUnderTheTownshipAndShowsItThere()
    {
        using var client = await App.LoginAsync("admin");
        var qingshan = await UnitAsync("qingshan");
        var code = Code();

        using var response = await client.OpenAndSubmitAsync($"/Org/Create?parentId={qingshan.Id}", new Dictionary<string, string>
        {
            ["Input.Name"] = "新建村",
            ["Input.Code"] = "  " + code.ToUpperInvariant() + " ",
            ["Input.Kind"] = "Village",
            ["Input.SortOrder"] = "6",
        });

        await response.AssertRedirectToAsync($"/Org?id={qingshan.Id}");
        var saved = await UnitAsync(code); // the code is stored trimmed and in lower case
        Assert.Equal(("新建村", OrgUnitKind.Village, qingshan.Id, $"/demo/qingshan/{code}/", 6, true),
            (saved.Name, saved.Kind, saved.ParentId, saved.Path, saved.SortOrder, saved.IsActive));
        var township = await client.GetPageAsync($"/Org?id={qingshan.Id}");
        Assert.Equal("已新增“新建村”。", township.StatusMessage());
        Assert.Contains(township.QuerySelectorAll("main table.grid tbody tr"), tr => tr.TextContent.Contains(code));
        var audited = (await App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.OrgChange);
        Assert.Equal(("admin", "Admin", "page:/Org/Create", AuditOutcome.Success), (audited.UserName, audited.Role, audited.Target, audited.Outcome));
        Assert.Contains($"unit=/demo/qingshan/{code}/; added", audited.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_DuplicateCode_ShowsTheMessageNextToCodeKeepsTheInputAndSavesNothing()
    {
        using var client = await App.LoginAsync("admin");
        var qingshan = await UnitAsync("qingshan");
        var before = await CountAsync();

        using var response = await client.OpenAndSubmitAsync($"/Org/Create?parentId={qingshan.Id}", new Dictionary<string, string>
        {
            ["Input.Name"] = "重复村",
            ["Input.Code"] = "qingshan-01",
            ["Input.Kind"] = "Village",
        });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("代码“qingshan-01”已存在。", page.ErrorFor("Input.Code"));
        Assert.Equal("重复村", page.ValueOf("Input.Name"));
        Assert.Equal("qingshan-01", page.ValueOf("Input.Code"));
        Assert.Equal("Village", page.ValueOf("Input.Kind"));
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData("-abc", "请使用 2–20 位小写字母、数字或连字符，并以字母或数字开头。")]
    [InlineData("新村", "请使用 2–20 位小写字母、数字或连字符，并以字母或数字开头。")]
    [InlineData("a", "请使用 2–20 位小写字母、数字或连字符，并以字母或数字开头。")]
    [InlineData("", "请填写代码。")]
    [InlineData("abcdefghijklmnopqrstu", "代码最多 20 个字。")]
    public async Task Create_BadCode_ShowsTheMessageNextToCode(string code, string message)
    {
        using var client = await App.LoginAsync("admin");
        var qingshan = await UnitAsync("qingshan");
        var before = await CountAsync();

        using var response = await client.OpenAndSubmitAsync($"/Org/Create?parentId={qingshan.Id}", new Dictionary<string, string>
        {
            ["Input.Name"] = "坏代码村",
            ["Input.Code"] = code,
            ["Input.Kind"] = "Village",
        });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(message, page.ErrorFor("Input.Code"));
        Assert.Equal("坏代码村", page.ValueOf("Input.Name"));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Create_MissingNameAndBadSortOrder_ShowsBothMessages()
    {
        using var client = await App.LoginAsync("admin");
        var qingshan = await UnitAsync("qingshan");
        var code = Code();

        using var response = await client.OpenAndSubmitAsync($"/Org/Create?parentId={qingshan.Id}", new Dictionary<string, string>
        {
            ["Input.Name"] = " ",
            ["Input.Code"] = code,
            ["Input.Kind"] = "Village",
            ["Input.SortOrder"] = "-1",
        });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请填写名称。", page.ErrorFor("Input.Name"));
        Assert.Equal("排列顺序必须是 0 到 9999 之间的整数。", page.ErrorFor("Input.SortOrder"));
        Assert.Equal(code, page.ValueOf("Input.Code"));
        Assert.False(await App.WithDbAsync(db => db.OrgUnits.AnyAsync(o => o.Code == code)));
    }

    [Theory]
    [InlineData("Township", "“乡镇”不能设在“乡镇”之下。")]
    [InlineData("City", "“市”不能设在“乡镇”之下。")]
    [InlineData("42", "“42”无效。")]
    public async Task Create_KindThatCannotSitUnderTheParent_IsRefusedNextToKind(string kind, string message)
    {
        // The select offers only fitting kinds; a hand-made post must still be refused.
        using var client = await App.LoginAsync("admin");
        var qingshan = await UnitAsync("qingshan");
        var code = Code();

        using var response = await client.OpenAndSubmitAsync($"/Org/Create?parentId={qingshan.Id}", new Dictionary<string, string>
        {
            ["Input.Name"] = "错层单位",
            ["Input.Code"] = code,
            ["Input.Kind"] = kind,
        });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(message, page.ErrorFor("Input.Kind"));
        Assert.False(await App.WithDbAsync(db => db.OrgUnits.AnyAsync(o => o.Code == code)));
    }

    [Fact]
    public async Task Create_UnderAVillage_Answers404BecauseNothingFitsThere()
    {
        using var client = await App.LoginAsync("admin");
        var village = await UnitAsync("qingshan-01");

        using var response = await client.GetAsync($"/Org/Create?parentId={village.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string Code() => PageTesting.Unique("t");

    private Task<int> CountAsync() => App.WithDbAsync(db => db.OrgUnits.CountAsync());

    private Task<OrgUnit> UnitAsync(string code) => App.WithDbAsync(db => db.OrgUnits.AsNoTracking().SingleAsync(o => o.Code == code));
}
