using System.Net;
using Reception.Core.Rotas.Model;
using Reception.Web.Authorization;

namespace Reception.Web.Tests.Features.Visits;

public sealed class EditTests(VisitsDemoApp demo) : IClassFixture<VisitsDemoApp>
{
    private const string ConcurrencyMessage = "在您编辑期间，其他人修改了这条记录。您的修改没有保存；请刷新页面查看最新内容。";

    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Edit_Get_ShowsTheVisitsValues()
    {
        var leader = await App.AddLeaderAsync("查看");
        var id = await App.AddVisitAsync(leader, new DateOnly(2026, 12, 2), "qingshan-03");
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync($"/Visits/Edit/{id}");

        Assert.Equal(leader.ToString(), page.ValueOf("Input.LeaderId"));
        Assert.Equal("2026-12-02", page.ValueOf("Input.Date"));
        Assert.Equal((await App.OrgIdAsync("qingshan-03")).ToString(), page.ValueOf("Input.DestinationId"));
        Assert.Equal("化解征地补偿信访问题", page.ValueOf("Input.Purpose"));
        Assert.Equal("信访局", page.ValueOf("Input.AccompanyingUnits"));
        Assert.Equal("0", page.ValueOf("Input.Version"));
        Assert.Empty(page.Conflicts()); // the visit itself is no conflict
    }

    [Fact]
    public async Task Edit_ValidChange_SavesRaisesTheSequenceAndRedirectsToTheVisit()
    {
        var leader = await App.AddLeaderAsync("改");
        var id = await App.AddVisitAsync(leader, new DateOnly(2026, 12, 3));
        using var client = await App.LoginAsync("clerk");

        using var response = await client.OpenAndSubmitAsync($"/Visits/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.Date"] = "2026-12-04",
            ["Input.DestinationId"] = (await App.OrgIdAsync("shiqiao")).ToString(),
            ["Input.Purpose"] = "回访石桥镇积案",
            ["Input.AccompanyingUnits"] = "",
        });

        await response.AssertRedirectToAsync($"/Visits/Details/{id}");
        var visit = await App.VisitAsync(id);
        Assert.Equal(new DateOnly(2026, 12, 4), visit.Date);
        Assert.Equal("回访石桥镇积案", visit.Purpose);
        Assert.Null(visit.AccompanyingUnits);
        Assert.Equal(1, visit.Sequence);
        Assert.Equal(1, visit.Version);
        Assert.Equal("已保存 2026-12-04 的下访。", (await client.GetPageAsync($"/Visits/Details/{id}")).StatusMessage());
    }

    [Fact]
    public async Task Edit_MovedOntoADuty_IsFlaggedThenSavedWhenConfirmed()
    {
        var leader = await App.AddLeaderAsync("挪");
        var id = await App.AddVisitAsync(leader, new DateOnly(2026, 12, 7));
        var (_, venue, _) = await App.AddDutyAsync(leader, new DateOnly(2026, 12, 8));
        using var client = await App.LoginAsync("clerk");

        using var first = await client.OpenAndSubmitAsync($"/Visits/Edit/{id}", new Dictionary<string, string> { ["Input.Date"] = "2026-12-08" });
        var page = await first.AssertFormReturnedAsync();
        Assert.Single(page.Conflicts(), c => c.Contains(venue, StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2026, 12, 7), (await App.VisitAsync(id)).Date);
        var seen = page.QuerySelector("input[name='Input.ConfirmedConflicts']")!.GetAttribute("value")!;
        using var confirmed = await client.SubmitAsync(page, new Dictionary<string, string> { ["Input.ConfirmedConflicts"] = seen });

        await confirmed.AssertRedirectToAsync($"/Visits/Details/{id}");
        Assert.Equal(new DateOnly(2026, 12, 8), (await App.VisitAsync(id)).Date);
        var details = await client.GetPageAsync($"/Visits/Details/{id}");
        Assert.Equal("已保存 2026-12-08 的下访；请注意该领导当天另有安排。", details.StatusMessage());
        Assert.Single(details.Conflicts(), c => c.Contains(venue, StringComparison.Ordinal)); // still shown on the visit
    }

    [Fact]
    public async Task Edit_EmptyPurpose_ShowsTheMessageAndChangesNothing()
    {
        var id = await App.AddVisitAsync(await App.AddLeaderAsync("空"), new DateOnly(2026, 12, 9));
        using var client = await App.LoginAsync("clerk");

        using var response = await client.OpenAndSubmitAsync($"/Visits/Edit/{id}", new Dictionary<string, string> { ["Input.Purpose"] = "" });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请填写下访事由。", page.ErrorFor("Input.Purpose"));
        Assert.Equal("化解征地补偿信访问题", (await App.VisitAsync(id)).Purpose);
    }

    [Fact]
    public async Task Edit_TwoClerksSaveTheSameVisit_TheSecondIsRefused()
    {
        var id = await App.AddVisitAsync(await App.AddLeaderAsync("并发"), new DateOnly(2026, 12, 10));
        var second = PageTesting.Unique("clerk-");
        await App.CreateUserAsync(second, Roles.Clerk);
        using var first = await App.LoginAsync("clerk");
        using var other = await App.LoginAsync(second);
        var firstForm = await first.GetPageAsync($"/Visits/Edit/{id}");
        var otherForm = await other.GetPageAsync($"/Visits/Edit/{id}");

        using var saved = await first.SubmitAsync(firstForm, new Dictionary<string, string> { ["Input.Purpose"] = "第一位" });
        using var refused = await other.SubmitAsync(otherForm, new Dictionary<string, string> { ["Input.Purpose"] = "第二位" });

        await saved.AssertRedirectToAsync($"/Visits/Details/{id}");
        var page = await refused.AssertFormReturnedAsync();
        Assert.Contains(ConcurrencyMessage, page.Summary());
        Assert.Equal("第二位", page.ValueOf("Input.Purpose"));
        Assert.Equal("第一位", (await App.VisitAsync(id)).Purpose);
    }

    [Fact]
    public async Task Edit_CancelledVisit_GoesBackToTheVisitAndSaysWhy()
    {
        var id = await App.AddVisitAsync(await App.AddLeaderAsync("已取消"), new DateOnly(2026, 12, 11), status: VisitStatus.Cancelled);
        using var client = await App.LoginAsync("clerk");

        using var get = await client.GetAsync($"/Visits/Edit/{id}");
        using var post = await client.PostFormAsync($"/Visits/Details/{id}", new Dictionary<string, string> { ["Input.Purpose"] = "改" }, action: $"/Visits/Edit/{id}");

        await get.AssertRedirectToAsync($"/Visits/Details/{id}");
        await post.AssertRedirectToAsync($"/Visits/Details/{id}");
        Assert.Equal("已取消的下访不能修改。", (await client.GetPageAsync($"/Visits/Details/{id}")).StatusMessage());
        Assert.Equal("化解征地补偿信访问题", (await App.VisitAsync(id)).Purpose);
    }

    [Fact]
    public async Task Edit_LeaderOwnVisit_SavesButCannotHandItToAnotherLeader()
    {
        var own = await App.LeaderIdAsync("吴建平");
        var other = await App.LeaderIdAsync("张建国");
        var id = await App.AddVisitAsync(own, new DateOnly(2027, 6, 14)); // a month without demo duties: no conflict to confirm
        using var client = await App.LoginAsync("leader04");

        using (var saved = await client.OpenAndSubmitAsync($"/Visits/Edit/{id}", new Dictionary<string, string> { ["Input.Purpose"] = "本人修改" }))
            await saved.AssertRedirectToAsync($"/Visits/Details/{id}");
        using var handedOver = await client.OpenAndSubmitAsync($"/Visits/Edit/{id}", new Dictionary<string, string> { ["Input.LeaderId"] = other.ToString() });

        Assert.Equal(HttpStatusCode.NotFound, handedOver.StatusCode);
        var visit = await App.VisitAsync(id);
        Assert.Equal(own, visit.LeaderId);
        Assert.Equal("本人修改", visit.Purpose);
    }

    [Fact]
    public async Task Edit_AnotherLeadersVisitAsLeader_NotFound()
    {
        var id = await App.AddVisitAsync(await App.LeaderIdAsync("张建国"), new DateOnly(2026, 12, 15));
        using var client = await App.LoginAsync("leader04");

        using var get = await client.GetAsync($"/Visits/Edit/{id}");
        using var details = await client.GetAsync($"/Visits/Details/{id}");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
    }
}
