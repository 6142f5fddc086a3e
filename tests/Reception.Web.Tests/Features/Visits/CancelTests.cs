using System.Net;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Tests.Features.Visits;

public sealed class CancelTests(VisitsDemoApp demo) : IClassFixture<VisitsDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Cancel_PlannedVisit_AsksThenCancelsAndKeepsTheRecord()
    {
        var leader = await App.AddLeaderAsync("取消");
        var id = await App.AddVisitAsync(leader, new DateOnly(2026, 12, 2), "xicheng-02");
        using var client = await App.LoginAsync("clerk");
        var page = await client.GetPageAsync($"/Visits/Cancel/{id}");
        Assert.Contains("于 2026-12-02 到友谊社区的下访吗？", page.MainText());
        Assert.Equal(VisitStatus.Planned, (await App.VisitAsync(id)).Status); // asking changes nothing

        using var response = await client.SubmitAsync(page);

        await response.AssertRedirectToAsync($"/Visits/Details/{id}");
        var visit = await App.VisitAsync(id);
        Assert.Equal(VisitStatus.Cancelled, visit.Status);
        Assert.Equal(1, visit.Sequence);
        var details = await client.GetPageAsync($"/Visits/Details/{id}");
        Assert.Equal("已取消 2026-12-02 的下访。", details.StatusMessage());
        Assert.Equal("已取消", details.QuerySelector("h1 .badge")!.TextContent);
        Assert.Null(details.QuerySelector("main a[href^='/Visits/Edit/']"));
    }

    [Fact]
    public async Task Cancel_DoneVisit_IsRefusedWithAMessage()
    {
        var id = await App.AddVisitAsync(await App.AddLeaderAsync("已完成"), new DateOnly(2026, 11, 2), status: VisitStatus.Done);
        using var client = await App.LoginAsync("clerk");

        using var get = await client.GetAsync($"/Visits/Cancel/{id}");
        using var post = await client.PostFormAsync($"/Visits/Details/{id}", [new("Version", "1")], action: $"/Visits/Cancel/{id}");

        await get.AssertRedirectToAsync($"/Visits/Details/{id}");
        await post.AssertRedirectToAsync($"/Visits/Details/{id}");
        Assert.Equal(VisitStatus.Done, (await App.VisitAsync(id)).Status);
        Assert.Equal("只有计划中的下访可以取消。", (await client.GetPageAsync($"/Visits/Details/{id}")).StatusMessage());
    }

    [Fact]
    public async Task Cancel_StaleConfirmation_IsRefused()
    {
        var id = await App.AddVisitAsync(await App.AddLeaderAsync("过期"), new DateOnly(2026, 12, 3));
        using var client = await App.LoginAsync("clerk");
        var stale = await client.GetPageAsync($"/Visits/Cancel/{id}");
        using (var edit = await client.OpenAndSubmitAsync($"/Visits/Edit/{id}", new Dictionary<string, string> { ["Input.Purpose"] = "已改" }))
            await edit.AssertRedirectToAsync($"/Visits/Details/{id}");

        using var response = await client.SubmitAsync(stale);

        Assert.Contains("其他人修改了这条记录", (await response.AssertFormReturnedAsync()).Summary());
        Assert.Equal(VisitStatus.Planned, (await App.VisitAsync(id)).Status);
    }

    [Fact]
    public async Task Cancel_LeaderOwnVisit_WorksAndAnothersIsNotFound()
    {
        var own = await App.AddVisitAsync(await App.LeaderIdAsync("李明华"), new DateOnly(2026, 12, 4));
        var others = await App.AddVisitAsync(await App.LeaderIdAsync("陈立新"), new DateOnly(2026, 12, 4));
        using var client = await App.LoginAsync("leader05");

        using (var response = await client.OpenAndSubmitAsync($"/Visits/Cancel/{own}"))
            await response.AssertRedirectToAsync($"/Visits/Details/{own}");
        using var get = await client.GetAsync($"/Visits/Cancel/{others}");
        using var post = await client.PostFormAsync($"/Visits/Details/{own}", [new("Version", "0")], action: $"/Visits/Cancel/{others}");

        Assert.Equal(VisitStatus.Cancelled, (await App.VisitAsync(own)).Status);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(VisitStatus.Planned, (await App.VisitAsync(others)).Status);
    }
}
