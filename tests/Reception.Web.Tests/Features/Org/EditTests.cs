using Microsoft.EntityFrameworkCore;
using Reception.Core.Audit;
using Reception.Core.Organisation;
using Reception.Web.Audit;
using Reception.Web.Tests.Audit;

namespace Reception.Web.Tests.Features.Org;

public sealed class EditTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    private const string ConcurrencyMessage = "在您编辑期间，其他人修改了这条记录。您的修改没有保存；请刷新页面查看最新内容。";

    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Edit_Rename_SavesAndGoesBackToTheUnit()
    {
        var unit = await AddUnitAsync("旧名村");
        using var client = await App.LoginAsync("admin");
        var page = await client.GetPageAsync($"/Org/Edit/{unit.Id}");
        Assert.Equal("旧名村", page.ValueOf("Input.Name"));

        using var response = await client.SubmitAsync(page, new Dictionary<string, string> { ["Input.Name"] = " 新名村 ", ["Input.SortOrder"] = "9" });

        await response.AssertRedirectToAsync($"/Org?id={unit.Id}");
        var saved = await UnitAsync(unit.Id);
        Assert.Equal(("新名村", 9, 1, unit.Code), (saved.Name, saved.SortOrder, saved.Version, saved.Code));
        Assert.Equal("已保存“新名村”。", (await client.GetPageAsync($"/Org?id={unit.Id}")).StatusMessage());
        var audited = (await App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.OrgChange);
        Assert.Equal(("admin", $"page:/Org/Edit/{unit.Id}", AuditOutcome.Success), (audited.UserName, audited.Target, audited.Outcome));
        Assert.Contains("name 旧名村→新名村", audited.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_EmptyName_ShowsTheMessageAndChangesNothing()
    {
        var unit = await AddUnitAsync("不改村");
        using var client = await App.LoginAsync("admin");

        using var response = await client.OpenAndSubmitAsync($"/Org/Edit/{unit.Id}", new Dictionary<string, string> { ["Input.Name"] = "", ["Input.SortOrder"] = "10000" });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请填写名称。", page.ErrorFor("Input.Name"));
        Assert.Equal("排列顺序必须是 0 到 9999 之间的整数。", page.ErrorFor("Input.SortOrder"));
        Assert.Equal("10000", page.ValueOf("Input.SortOrder"));
        Assert.Equal("不改村", (await UnitAsync(unit.Id)).Name);
    }

    [Fact]
    public async Task Edit_NameWithStaleVersion_IsRefusedWithTheConcurrencyMessage()
    {
        var unit = await AddUnitAsync("并发村");
        using var first = await App.LoginAsync("admin");
        using var second = await App.LoginAsync("admin");
        var firstForm = await first.GetPageAsync($"/Org/Edit/{unit.Id}");
        var secondForm = await second.GetPageAsync($"/Org/Edit/{unit.Id}");

        using var saved = await first.SubmitAsync(firstForm, new Dictionary<string, string> { ["Input.Name"] = "甲改的名" });
        using var refused = await second.SubmitAsync(secondForm, new Dictionary<string, string> { ["Input.Name"] = "乙改的名" });

        await saved.AssertRedirectToAsync($"/Org?id={unit.Id}");
        var page = await refused.AssertFormReturnedAsync();
        Assert.Contains(ConcurrencyMessage, page.Summary());
        Assert.Equal("乙改的名", page.ValueOf("Input.Name"));
        Assert.Equal("甲改的名", (await UnitAsync(unit.Id)).Name);
    }

    [Fact]
    public async Task Deactivate_AUnit_MarksItDeactivatedAndItIsNoLongerOffered()
    {
        var township = await AddUnitAsync("撤并镇", OrgUnitKind.Township, parentCode: "demo");
        using var client = await App.LoginAsync("admin");
        var page = await client.GetPageAsync($"/Org/Edit/{township.Id}");

        using var response = await client.SubmitAsync(page, button: "button[formaction*='handler=Deactivate']");

        await response.AssertRedirectToAsync($"/Org?id={township.Id}");
        Assert.False((await UnitAsync(township.Id)).IsActive);
        var shown = await client.GetPageAsync($"/Org?id={township.Id}");
        Assert.Equal("“撤并镇”已停用。记录仍然保留，但不能再被选用。", shown.StatusMessage());
        Assert.Contains("此单位已停用。", shown.QuerySelector("main")!.TextContent);
        var leaderForm = await client.GetPageAsync("/Leaders/Create");
        Assert.Empty(leaderForm.QuerySelectorAll($"select[name='Input.OrgUnitId'] option[value='{township.Id}']"));
    }

    [Fact]
    public async Task Activate_ADeactivatedUnit_MakesItActiveAgain()
    {
        var unit = await AddUnitAsync("复用村", active: false);
        using var client = await App.LoginAsync("admin");
        var page = await client.GetPageAsync($"/Org/Edit/{unit.Id}");
        Assert.Null(page.QuerySelector("button[formaction*='handler=Deactivate']"));

        using var response = await client.SubmitAsync(page, button: "button[formaction*='handler=Activate']");

        await response.AssertRedirectToAsync($"/Org?id={unit.Id}");
        Assert.True((await UnitAsync(unit.Id)).IsActive);
        Assert.Equal("“复用村”已重新启用。", (await client.GetPageAsync($"/Org?id={unit.Id}")).StatusMessage());
    }

    [Fact]
    public async Task Deactivate_TheAdminsOwnUnit_IsRefused()
    {
        using var client = await App.LoginAsync("admin");
        var city = await App.WithDbAsync(db => db.OrgUnits.AsNoTracking().SingleAsync(o => o.Code == "demo"));
        var page = await client.GetPageAsync($"/Org/Edit/{city.Id}");
        Assert.Null(page.QuerySelector("button[formaction*='handler=Deactivate']")); // not offered …

        // … and refused when posted anyway.
        using var response = await client.PostFormAsync($"/Org/Edit/{city.Id}",
            new Dictionary<string, string> { ["Input.Name"] = city.Name, ["Input.Version"] = city.Version.ToString() },
            $"/Org/Edit/{city.Id}?handler=Deactivate");

        var refused = await response.AssertFormReturnedAsync();
        Assert.Contains("不能停用自己账号所属的单位。", refused.Summary());
        Assert.True((await UnitAsync(city.Id)).IsActive);
    }

    private async Task<OrgUnit> AddUnitAsync(string name, OrgUnitKind kind = OrgUnitKind.Village, string parentCode = "qingshan", bool active = true)
    {
        var code = PageTesting.Unique("e");
        return await App.WithDbAsync(async db =>
        {
            var parent = await db.OrgUnits.SingleAsync(o => o.Code == parentCode);
            var unit = new OrgUnit(code, name, kind, parent, 50);
            if (!active) unit.Deactivate();
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync();
            return unit;
        });
    }

    private Task<OrgUnit> UnitAsync(int id) => App.WithDbAsync(db => db.OrgUnits.AsNoTracking().SingleAsync(o => o.Id == id));
}
