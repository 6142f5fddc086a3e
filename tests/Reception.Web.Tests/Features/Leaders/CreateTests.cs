using Microsoft.EntityFrameworkCore;
using Reception.Core.Organisation;

namespace Reception.Web.Tests.Features.Leaders;

public sealed class CreateTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Create_Get_ProposesTheUsersUnitAndTheNextRotationOrder()
    {
        using var client = await App.LoginAsync("clerk");
        var (cityId, next) = await App.WithDbAsync(async db =>
        {
            var city = await db.OrgUnits.SingleAsync(o => o.Code == "demo");
            return (city.Id, 1 + await db.Leaders.Where(l => l.OrgUnitId == city.Id).MaxAsync(l => l.RotationOrder));
        });

        var page = await client.GetPageAsync("/Leaders/Create");

        Assert.Equal(cityId.ToString(), page.ValueOf("Input.OrgUnitId"));
        Assert.Equal(next.ToString(), page.ValueOf("Input.RotationOrder"));
    }

    [Fact]
    public async Task Create_ValidLeader_RedirectsToTheListSavesItAndSaysSo()
    {
        using var client = await App.LoginAsync("clerk");
        var name = PageTesting.Unique("新领导");
        var qingshanId = await OrgIdAsync("qingshan");

        using var response = await client.OpenAndSubmitAsync("/Leaders/Create", Valid(name, qingshanId));

        await response.AssertRedirectToAsync("/Leaders");
        var saved = await App.WithDbAsync(db => db.Leaders.AsNoTracking().SingleAsync(l => l.Name == name));
        Assert.Equal("副镇长", saved.Title);
        Assert.Equal(LeadingBody.Government, saved.LeadingBody);
        Assert.Equal(qingshanId, saved.OrgUnitId);
        Assert.Equal(7, saved.RotationOrder);
        Assert.Equal("fu@example.com", saved.Email);
        Assert.Equal("13912345678", saved.Phone);
        Assert.True(saved.IsActive);
        var list = await client.GetPageAsync("/Leaders");
        Assert.Equal($"已新增“{name}”。", list.StatusMessage());
        Assert.Contains(IndexTests.Rows(list), r => r.Name == name);
        Assert.Equal("", (await client.GetPageAsync("/Leaders")).StatusMessage()); // shown once
    }

    [Fact]
    public async Task Create_FullWidthAndSpacedContacts_AreSavedNormalised()
    {
        using var client = await App.LoginAsync("clerk");
        var name = PageTesting.Unique("全角");
        var values = Valid(name, await OrgIdAsync("demo"));
        values["Input.Email"] = " ｌｉ＠example.com ";
        values["Input.Phone"] = "１３９ 1234 5678";

        using var response = await client.OpenAndSubmitAsync("/Leaders/Create", values);

        await response.AssertRedirectToAsync("/Leaders");
        var saved = await App.WithDbAsync(db => db.Leaders.AsNoTracking().SingleAsync(l => l.Name == name));
        Assert.Equal("li@example.com", saved.Email);
        Assert.Equal("13912345678", saved.Phone);
    }

    [Theory]
    [InlineData("Input.Name", "", "请填写姓名。")]
    [InlineData("Input.Name", "这是一个非常非常长的名字这是一个非常非常长的名字这是一个非常非常长的名字这是一个非常非常长的名字这是一个非常非常长的名字", "姓名最多 50 个字。")]
    [InlineData("Input.Title", "", "请填写职务。")]
    [InlineData("Input.LeadingBody", "", "请选择所属班子。")]
    [InlineData("Input.Email", "not-an-email", "“not-an-email”不是有效的电子邮箱地址。")]
    [InlineData("Input.Email", "a@b", "“a@b”不是有效的电子邮箱地址。")]
    [InlineData("Input.Phone", "12345", "“12345”不是有效的电话号码：请填写手机号（如 13812345678）或固定电话（如 0371-12345678）。")]
    [InlineData("Input.RotationOrder", "0", "排班顺序必须是 1 到 9999 之间的整数。")]
    [InlineData("Input.RotationOrder", "10000", "排班顺序必须是 1 到 9999 之间的整数。")]
    [InlineData("Input.RotationOrder", "", "请填写排班顺序。")]
    [InlineData("Input.RotationOrder", "abc", "“abc”不是有效的排班顺序。")]
    [InlineData("Input.OrgUnitId", "999999", "请从列表中选择单位。")]
    [InlineData("Input.OrgUnitId", "", "请选择所属单位。")]
    public async Task Create_BadField_ShowsTheChineseMessageNextToItKeepsTheInputAndSavesNothing(string field, string value, string message)
    {
        using var client = await App.LoginAsync("clerk");
        var before = await App.WithDbAsync(db => db.Leaders.CountAsync());
        var name = PageTesting.Unique("坏数据");
        var values = Valid(name, await OrgIdAsync("qingshan"));
        values[field] = value;

        using var response = await client.OpenAndSubmitAsync("/Leaders/Create", values);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(message, page.ErrorFor(field));
        Assert.Equal([field], page.FieldErrors().Keys); // only that field complains
        foreach (var kept in new[] { "Input.Name", "Input.Title", "Input.Email", "Input.Phone" })
            Assert.Equal(values[kept], page.ValueOf(kept));
        if (field != "Input.LeadingBody") Assert.Equal("Government", page.ValueOf("Input.LeadingBody"));
        Assert.Equal(before, await App.WithDbAsync(db => db.Leaders.CountAsync()));
    }

    [Fact]
    public async Task Create_Supervisor_IsForbidden()
    {
        using var client = await App.LoginAsync("supervisor");

        using var response = await client.GetAsync("/Leaders/Create");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }

    private Task<int> OrgIdAsync(string code) =>
        App.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());

    private static Dictionary<string, string> Valid(string name, int orgUnitId) => new()
    {
        ["Input.Name"] = name,
        ["Input.Title"] = "副镇长",
        ["Input.LeadingBody"] = "Government",
        ["Input.OrgUnitId"] = orgUnitId.ToString(),
        ["Input.RotationOrder"] = "7",
        ["Input.Email"] = "fu@example.com",
        ["Input.Phone"] = "13912345678",
    };
}
