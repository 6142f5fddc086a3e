using Reception.Core.Rotas;

namespace Reception.Web.Tests.Features.Visits;

public sealed class DetailsTests(VisitsDemoApp demo) : IClassFixture<VisitsDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Details_ShowsTheVisitItsConflictsAndTheActions()
    {
        var leader = await App.AddLeaderAsync("详情");
        var id = await App.AddVisitAsync(leader, new DateOnly(2026, 12, 1), "liulin-05");
        await App.AddUnavailabilityAsync(leader, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 1), UnavailabilityReason.Meeting);
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync($"/Visits/Details/{id}");

        Assert.Equal("2026-12-01 星期二 下访 已计划", VisitTesting.Normalize(page.QuerySelector("h1")!.TextContent));
        var fields = page.QuerySelectorAll("main section.card tr").ToDictionary(
            tr => tr.QuerySelector("th")!.TextContent, tr => VisitTesting.Normalize(tr.QuerySelector("td")!.TextContent));
        Assert.StartsWith("详情", fields["领导"]);
        Assert.Equal("柳林乡 · 王家村", fields["下访地点"]);
        Assert.Equal("化解征地补偿信访问题", fields["下访事由"]);
        Assert.Equal("信访局", fields["陪同单位"]);
        Assert.Equal("尚未填写。", fields["下访结果"]);
        Assert.Equal(["会议（2026-12-01 至 2026-12-01）。"], page.Conflicts());
        Assert.NotNull(page.QuerySelector($"main a[href='/Visits/Edit/{id}']"));
        Assert.NotNull(page.QuerySelector($"main a[href='/Visits/Cancel/{id}']"));
        Assert.NotNull(page.QuerySelector($"main a[href='/Visits/Outcome/{id}']"));
    }

    [Fact]
    public async Task Details_Supervisor_ReadsWithoutActions()
    {
        var id = await App.AddVisitAsync(await App.AddLeaderAsync("督查看"), new DateOnly(2026, 12, 2));
        using var client = await App.LoginAsync("supervisor");

        var page = await client.GetPageAsync($"/Visits/Details/{id}");

        Assert.Contains("化解征地补偿信访问题", page.MainText());
        Assert.Empty(page.QuerySelectorAll("main .actions a"));
    }
}
