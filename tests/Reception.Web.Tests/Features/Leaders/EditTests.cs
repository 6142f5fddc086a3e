using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Organisation;
using Reception.Web.Authorization;

namespace Reception.Web.Tests.Features.Leaders;

public sealed class EditTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    private const string ConcurrencyMessage = "在您编辑期间，其他人修改了这条记录。您的修改没有保存；请刷新页面查看最新内容。";

    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Edit_Get_ShowsTheLeadersCurrentValues()
    {
        var id = await AddLeaderAsync("查看", email: "kan@example.com");
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync($"/Leaders/Edit/{id}");

        Assert.StartsWith("查看", page.ValueOf("Input.Name"));
        Assert.Equal("副市长", page.ValueOf("Input.Title"));
        Assert.Equal("Government", page.ValueOf("Input.LeadingBody"));
        Assert.Equal("30", page.ValueOf("Input.RotationOrder"));
        Assert.Equal("kan@example.com", page.ValueOf("Input.Email"));
        Assert.Equal("0", page.ValueOf("Input.Version"));
    }

    [Fact]
    public async Task Edit_ValidChange_SavesRedirectsAndSaysSo()
    {
        var id = await AddLeaderAsync("改职务");
        using var client = await App.LoginAsync("clerk");
        var page = await client.GetPageAsync($"/Leaders/Edit/{id}");

        using var response = await client.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.Title"] = "常务副市长",
            ["Input.LeadingBody"] = "PartyCommittee",
            ["Input.RotationOrder"] = "31",
            ["Input.Phone"] = "0371-12345678",
        });

        await response.AssertRedirectToAsync("/Leaders");
        var saved = await LeaderAsync(id);
        Assert.Equal("常务副市长", saved.Title);
        Assert.Equal(LeadingBody.PartyCommittee, saved.LeadingBody);
        Assert.Equal(31, saved.RotationOrder);
        Assert.Equal("0371-12345678", saved.Phone);
        Assert.Equal(1, saved.Version);
        Assert.Equal($"已保存“{saved.Name}”。", (await client.GetPageAsync("/Leaders")).StatusMessage());
    }

    [Fact]
    public async Task Edit_BadPhoneAndEmptyTitle_ShowsBothMessagesKeepsTheInputAndChangesNothing()
    {
        var id = await AddLeaderAsync("改坏");
        using var client = await App.LoginAsync("clerk");
        var page = await client.GetPageAsync($"/Leaders/Edit/{id}");

        using var response = await client.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.Title"] = "",
            ["Input.Phone"] = "电话号码",
            ["Input.Email"] = "new@example.com",
        });

        var form = await response.AssertFormReturnedAsync();
        Assert.Equal("请填写职务。", form.ErrorFor("Input.Title"));
        Assert.StartsWith("“电话号码”不是有效的电话号码", form.ErrorFor("Input.Phone"));
        Assert.Equal("电话号码", form.ValueOf("Input.Phone"));
        Assert.Equal("new@example.com", form.ValueOf("Input.Email"));
        var unchanged = await LeaderAsync(id);
        Assert.Equal("副市长", unchanged.Title);
        Assert.Null(unchanged.Email);
        Assert.Equal(0, unchanged.Version);
    }

    [Fact]
    public async Task Edit_TwoClerksSaveTheSameLeader_TheSecondIsRefusedAndTheFirstsValueStays()
    {
        var id = await AddLeaderAsync("并发");
        var second = PageTesting.Unique("clerk-");
        await App.CreateUserAsync(second, Roles.Clerk);
        using var first = await App.LoginAsync("clerk");
        using var other = await App.LoginAsync(second);
        var firstForm = await first.GetPageAsync($"/Leaders/Edit/{id}");
        var otherForm = await other.GetPageAsync($"/Leaders/Edit/{id}");

        using var saved = await first.SubmitAsync(firstForm, new Dictionary<string, string> { ["Input.Title"] = "第一位的职务" });
        using var refused = await other.SubmitAsync(otherForm, new Dictionary<string, string> { ["Input.Title"] = "第二位的职务" });

        await saved.AssertRedirectToAsync("/Leaders");
        var page = await refused.AssertFormReturnedAsync();
        Assert.Contains(ConcurrencyMessage, page.Summary());
        Assert.Equal("第二位的职务", page.ValueOf("Input.Title")); // what they typed is still there to copy
        var leader = await LeaderAsync(id);
        Assert.Equal("第一位的职务", leader.Title);
        Assert.Equal(1, leader.Version);
    }

    [Fact]
    public async Task Edit_StaleFormAfterReload_SavesAgain()
    {
        var id = await AddLeaderAsync("重新加载");
        using var client = await App.LoginAsync("clerk");
        var stale = await client.GetPageAsync($"/Leaders/Edit/{id}");
        using (var first = await client.OpenAndSubmitAsync($"/Leaders/Edit/{id}", new Dictionary<string, string> { ["Input.Title"] = "甲" }))
            await first.AssertRedirectToAsync("/Leaders");
        using (var refused = await client.SubmitAsync(stale, new Dictionary<string, string> { ["Input.Title"] = "乙" }))
            Assert.Contains(ConcurrencyMessage, (await refused.AssertFormReturnedAsync()).Summary());

        using var reloaded = await client.OpenAndSubmitAsync($"/Leaders/Edit/{id}", new Dictionary<string, string> { ["Input.Title"] = "乙" });

        await reloaded.AssertRedirectToAsync("/Leaders");
        Assert.Equal("乙", (await LeaderAsync(id)).Title);
    }

    [Fact]
    public async Task Deactivate_HidesTheLeaderFromTheListUnlessDeactivatedAreShown()
    {
        var id = await AddLeaderAsync("停用");
        var name = (await LeaderAsync(id)).Name;
        using var client = await App.LoginAsync("clerk");
        var page = await client.GetPageAsync($"/Leaders/Edit/{id}");

        using var response = await client.SubmitAsync(page, button: "button[formaction*='handler=Deactivate']");

        await response.AssertRedirectToAsync("/Leaders");
        Assert.False((await LeaderAsync(id)).IsActive);
        var list = await client.GetPageAsync("/Leaders?q=" + Uri.EscapeDataString(name));
        Assert.Equal($"“{name}”已停用。以往的值班和案件记录仍保留其姓名。", list.StatusMessage());
        Assert.Empty(IndexTests.Rows(list));
        var withInactive = await client.GetPageAsync($"/Leaders?q={Uri.EscapeDataString(name)}&inactive=true");
        var row = Assert.Single(IndexTests.Rows(withInactive));
        Assert.Equal("已停用", row.Status);
        Assert.Equal("inactive", withInactive.QuerySelector("main table.grid tbody tr")!.ClassName);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)withInactive.QuerySelector("input[name=inactive]")!).IsChecked);
    }

    [Fact]
    public async Task Activate_DeactivatedLeader_IsListedAgain()
    {
        var id = await AddLeaderAsync("启用", active: false);
        var name = (await LeaderAsync(id)).Name;
        using var client = await App.LoginAsync("clerk");
        var page = await client.GetPageAsync($"/Leaders/Edit/{id}");
        Assert.Contains("这名领导已停用，不再安排新的值班。", page.QuerySelector("main")!.TextContent);
        Assert.Null(page.QuerySelector("button[formaction*='handler=Deactivate']"));

        using var response = await client.SubmitAsync(page, button: "button[formaction*='handler=Activate']");

        await response.AssertRedirectToAsync("/Leaders");
        Assert.True((await LeaderAsync(id)).IsActive);
        var list = await client.GetPageAsync("/Leaders?q=" + Uri.EscapeDataString(name));
        Assert.Equal($"“{name}”已重新启用。", list.StatusMessage());
        Assert.Equal("在用", Assert.Single(IndexTests.Rows(list)).Status);
    }

    [Fact]
    public async Task Deactivate_FromAStaleForm_IsRefused()
    {
        var id = await AddLeaderAsync("过期停用");
        using var client = await App.LoginAsync("clerk");
        var stale = await client.GetPageAsync($"/Leaders/Edit/{id}");
        using (var edit = await client.OpenAndSubmitAsync($"/Leaders/Edit/{id}", new Dictionary<string, string> { ["Input.Title"] = "新职务" }))
            await edit.AssertRedirectToAsync("/Leaders");

        using var response = await client.SubmitAsync(stale, button: "button[formaction*='handler=Deactivate']");

        Assert.Contains(ConcurrencyMessage, (await response.AssertFormReturnedAsync()).Summary());
        Assert.True((await LeaderAsync(id)).IsActive);
    }

    [Fact]
    public async Task Edit_UnknownLeader_Answers404()
    {
        using var client = await App.LoginAsync("clerk");

        using var response = await client.GetAsync("/Leaders/Edit/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<int> AddLeaderAsync(string prefix, string? email = null, bool active = true)
    {
        var name = PageTesting.Unique(prefix);
        return await App.WithDbAsync(async db =>
        {
            var city = await db.OrgUnits.SingleAsync(o => o.Code == "demo");
            var leader = new Leader(name, "副市长", LeadingBody.Government, city.Id, 30, email, null);
            if (!active) leader.Deactivate();
            db.Leaders.Add(leader);
            await db.SaveChangesAsync();
            return leader.Id;
        });
    }

    private Task<Leader> LeaderAsync(int id) => App.WithDbAsync(db => db.Leaders.AsNoTracking().SingleAsync(l => l.Id == id));
}
