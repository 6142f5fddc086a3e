using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Reception.Web.Tests.Features.Rotas;

/// <summary>The venue form (/Rotas/Venue): add, required fields, edit with a stale-edit check, scope.</summary>
public sealed class VenueTests(RotaDemoApp demo) : IClassFixture<RotaDemoApp>
{
    private ReceptionFactory App => demo.App;

    private Task<int> HallIdAsync() =>
        App.WithDbAsync(db => db.Venues.Where(v => v.Name == "市信访局群众来访接待大厅").Select(v => v.Id).SingleAsync());

    [Fact]
    public async Task Create_Valid_IsSavedInTheClerksUnitAndListed()
    {
        using var clerk = await App.LoginAsync("clerk");
        var name = PageTesting.Unique("领导接访室");
        var page = await clerk.GetPageAsync("/Rotas/Venue");
        Assert.Equal((await App.OrgIdAsync("demo")).ToString(), page.ValueOf("Input.OrgUnitId"));

        using var response = await clerk.SubmitAsync(page, new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Address"] = "人民路 1 号二楼" });

        await response.AssertRedirectToAsync("/Rotas");
        var index = await clerk.GetPageAsync("/Rotas");
        Assert.Equal($"已保存“{name}”。", index.StatusMessage());
        var row = index.QuerySelectorAll("main table.grid tbody tr").Single(r => r.TextContent.Contains(name));
        Assert.Equal([name, "人民路 1 号二楼", "演示市", "在用"], row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Create_WithoutNameOrAddress_AsksForThem()
    {
        using var clerk = await App.LoginAsync("clerk");

        using var response = await clerk.OpenAndSubmitAsync("/Rotas/Venue", new Dictionary<string, string> { ["Input.Name"] = "", ["Input.Address"] = " " });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请填写名称。", page.ErrorFor("Input.Name"));
        Assert.Equal("请填写地址。", page.ErrorFor("Input.Address"));
    }

    [Fact]
    public async Task Create_InAUnitOutsideTheClerksScope_IsRefused()
    {
        using var clerk = await App.TownshipClerkAsync();
        var name = PageTesting.Unique("越权场所");

        using var response = await clerk.OpenAndSubmitAsync("/Rotas/Venue", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Address"] = "某处",
            ["Input.OrgUnitId"] = (await App.OrgIdAsync("demo")).ToString(),
        });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请从列表中选择单位。", page.ErrorFor("Input.OrgUnitId"));
        Assert.False(await App.WithDbAsync(db => db.Venues.AnyAsync(v => v.Name == name)));
    }

    [Fact]
    public async Task Edit_StaleAfterAnotherClerkSavedIt_ShowsTheConcurrencyMessage()
    {
        using var clerk = await App.LoginAsync("clerk");
        var name = PageTesting.Unique("接待室");
        using (var created = await clerk.OpenAndSubmitAsync("/Rotas/Venue", new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Address"] = "一楼" }))
            await created.AssertRedirectToAsync("/Rotas");
        var id = await App.WithDbAsync(db => db.Venues.Where(v => v.Name == name).Select(v => v.Id).SingleAsync());
        using var admin = await App.LoginAsync("admin");
        var stale = await clerk.GetPageAsync($"/Rotas/Venue?id={id}");
        using (var saved = await admin.OpenAndSubmitAsync($"/Rotas/Venue?id={id}", new Dictionary<string, string> { ["Input.Address"] = "二楼" }))
            await saved.AssertRedirectToAsync("/Rotas");

        using var response = await clerk.SubmitAsync(stale, new Dictionary<string, string> { ["Input.Address"] = "三楼" });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("在您编辑期间，其他人修改了这条记录。您的修改没有保存；请刷新页面查看最新内容。", page.Summary());
        Assert.Equal("二楼", await App.WithDbAsync(db => db.Venues.Where(v => v.Id == id).Select(v => v.Address).SingleAsync()));
    }

    [Fact]
    public async Task TownshipClerk_CannotOpenOrEditTheCitysVenue()
    {
        using var clerk = await App.TownshipClerkAsync();
        var hall = await HallIdAsync();

        using (var get = await clerk.GetAsync($"/Rotas/Venue?id={hall}"))
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var post = await clerk.PostFormAsync("/Rotas/Venue", new Dictionary<string, string> { ["Input.Name"] = "篡改", ["Input.Address"] = "篡改" }, $"/Rotas/Venue?id={hall}");

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("市信访局群众来访接待大厅", await App.WithDbAsync(db => db.Venues.Where(v => v.Id == hall).Select(v => v.Name).SingleAsync()));
    }
}
