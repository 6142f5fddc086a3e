using System.Net;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Tests.Features.Visits;

public sealed class OutcomeTests(VisitsDemoApp demo) : IClassFixture<VisitsDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Outcome_VisitOnThePastOrToday_MarksItDoneWithTheOutcome()
    {
        var past = await App.AddVisitAsync(await App.AddLeaderAsync("结果"), new DateOnly(2026, 11, 5));
        var today = await App.AddVisitAsync(await App.AddLeaderAsync("今天"), VisitsDemoApp.Today);
        using var client = await App.LoginAsync("clerk");

        using var response = await client.OpenAndSubmitAsync($"/Visits/Outcome/{past}", new Dictionary<string, string> { ["Input.Outcome"] = "接待群众 12 人次，现场化解 2 件" });

        await response.AssertRedirectToAsync($"/Visits/Details/{past}");
        var visit = await App.VisitAsync(past);
        Assert.Equal(VisitStatus.Done, visit.Status);
        Assert.Equal("接待群众 12 人次，现场化解 2 件", visit.Outcome);
        var details = await client.GetPageAsync($"/Visits/Details/{past}");
        Assert.Equal("已填写 2026-11-05 下访的结果。", details.StatusMessage());
        Assert.Equal("接待群众 12 人次，现场化解 2 件", details.QuerySelector("[data-field=outcome]")!.TextContent);
        Assert.Equal("已完成", details.QuerySelector("h1 .badge")!.TextContent);
        using var sameDay = await client.OpenAndSubmitAsync($"/Visits/Outcome/{today}", new Dictionary<string, string> { ["Input.Outcome"] = "当天完成" });
        await sameDay.AssertRedirectToAsync($"/Visits/Details/{today}");
        Assert.Equal(VisitStatus.Done, (await App.VisitAsync(today)).Status);
    }

    [Fact]
    public async Task Outcome_DoneVisit_CanBeCorrected()
    {
        var id = await App.AddVisitAsync(await App.AddLeaderAsync("更正"), new DateOnly(2026, 11, 3), status: VisitStatus.Done);
        using var client = await App.LoginAsync("clerk");
        var page = await client.GetPageAsync($"/Visits/Outcome/{id}");
        Assert.Equal("已当面答复", page.ValueOf("Input.Outcome"));

        using var response = await client.SubmitAsync(page, new Dictionary<string, string> { ["Input.Outcome"] = "已当面答复，并于次日书面回复" });

        await response.AssertRedirectToAsync($"/Visits/Details/{id}");
        Assert.Equal("已当面答复，并于次日书面回复", (await App.VisitAsync(id)).Outcome);
    }

    [Theory]
    [InlineData("", "请填写下访结果。")]
    [InlineData("LONG", "下访结果最多 2000 个字。")]
    public async Task Outcome_BadText_ShowsTheMessageAndChangesNothing(string value, string message)
    {
        var id = await App.AddVisitAsync(await App.AddLeaderAsync("坏"), new DateOnly(2026, 11, 4));
        using var client = await App.LoginAsync("clerk");

        using var response = await client.OpenAndSubmitAsync($"/Visits/Outcome/{id}",
            new Dictionary<string, string> { ["Input.Outcome"] = value == "LONG" ? new string('果', 2001) : value });

        Assert.Equal(message, (await response.AssertFormReturnedAsync()).ErrorFor("Input.Outcome"));
        Assert.Equal(VisitStatus.Planned, (await App.VisitAsync(id)).Status);
    }

    [Fact]
    public async Task Outcome_FutureVisit_IsRefusedUntilTheDay()
    {
        var id = await App.AddVisitAsync(await App.AddLeaderAsync("未到"), VisitsDemoApp.Today.AddDays(1));
        using var client = await App.LoginAsync("clerk");
        var page = await client.GetPageAsync($"/Visits/Outcome/{id}");
        Assert.Contains("下访当天（2026-11-11）起才能填写下访结果。", page.MainText());

        using var response = await client.SubmitAsync(page, new Dictionary<string, string> { ["Input.Outcome"] = "提前填写" });

        Assert.Equal("下访当天（2026-11-11）起才能填写下访结果。", (await response.AssertFormReturnedAsync()).ErrorFor("Input.Outcome"));
        Assert.Equal(VisitStatus.Planned, (await App.VisitAsync(id)).Status);
    }

    [Fact]
    public async Task Outcome_CancelledVisit_GoesBackWithAMessage()
    {
        var id = await App.AddVisitAsync(await App.AddLeaderAsync("取消了"), new DateOnly(2026, 11, 2), status: VisitStatus.Cancelled);
        using var client = await App.LoginAsync("clerk");

        using var response = await client.GetAsync($"/Visits/Outcome/{id}");

        await response.AssertRedirectToAsync($"/Visits/Details/{id}");
        Assert.Equal("已取消的下访没有结果可填。", (await client.GetPageAsync($"/Visits/Details/{id}")).StatusMessage());
    }

    [Fact]
    public async Task Outcome_LeaderOwnVisit_WorksAndAnothersIsNotFound()
    {
        var own = await App.AddVisitAsync(await App.LeaderIdAsync("刘晓红"), new DateOnly(2026, 11, 6));
        var others = await App.AddVisitAsync(await App.LeaderIdAsync("杨国栋"), new DateOnly(2026, 11, 6));
        using var client = await App.LoginAsync("leader08");

        using (var response = await client.OpenAndSubmitAsync($"/Visits/Outcome/{own}", new Dictionary<string, string> { ["Input.Outcome"] = "本人填写" }))
            await response.AssertRedirectToAsync($"/Visits/Details/{own}");
        using var forbidden = await client.PostFormAsync($"/Visits/Outcome/{own}",
            [new("Input.Outcome", "越权"), new("Input.Version", "0")], action: $"/Visits/Outcome/{others}");

        Assert.Equal("本人填写", (await App.VisitAsync(own)).Outcome);
        Assert.Equal(HttpStatusCode.NotFound, forbidden.StatusCode);
        Assert.Null((await App.VisitAsync(others)).Outcome);
    }
}
