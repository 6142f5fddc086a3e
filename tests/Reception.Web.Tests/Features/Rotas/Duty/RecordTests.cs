using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;

namespace Reception.Web.Tests.Features.Rotas.Duty;

/// <summary>The duty record (/Duty/Record/{id}) and its list (/Duty/Index). Clock: 2026-09-15 09:00.</summary>
public sealed class RecordTests(DutyApp demo) : IClassFixture<DutyApp>
{
    private const string ConcurrencyMessage = "在您编辑期间，其他人修改了这条记录。您的修改没有保存；请刷新页面查看最新内容。";

    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Record_AfterTheDuty_SavesWhoReceivedAndHowMany()
    {
        var (a, _, rota) = await RotaAsync(("2026-09-14", 0));
        using var clerk = await App.LoginAsync("clerk");
        var form = await clerk.GetPageAsync($"/Duty/Record/{rota.Slot("2026-09-14")}");
        Assert.Equal(a.Id.ToString(), form.ValueOf("Input.ActualLeaderId")); // the planned leader by default

        using var response = await clerk.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Batches"] = "3",
            ["Input.People"] = "12",
            ["Input.Notes"] = "  集体访一批，9人，已登记  ",
        });

        await response.AssertRedirectToAsync("/Duty?month=2026-09");
        var saved = await App.AssignmentAsync(rota.Slot("2026-09-14"));
        Assert.Equal((a.Id, 3, 12, "集体访一批，9人，已登记"), (saved.ActualLeaderId, saved.Batches, saved.People, saved.RecordNotes));
        Assert.NotNull(saved.RecordedAtUtc);
        Assert.Equal(1, saved.Version);
        var list = await clerk.GetPageAsync("/Duty?month=2026-09");
        Assert.Equal("已登记2026-09-14 星期一 全天的值班。", list.StatusMessage());
        var row = Row(list, a.Name);
        Assert.Contains("已登记", row.TextContent);
        Assert.Equal(["3", "12"], row.QuerySelectorAll("td").Skip(5).Take(2).Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Record_AnotherLeaderOfTheUnitReceived_IsShownAsSomeoneElse()
    {
        var (a, b, rota) = await RotaAsync(("2026-09-11", 0));
        using var clerk = await App.LoginAsync("clerk");
        var form = await clerk.GetPageAsync($"/Duty/Record/{rota.Slot("2026-09-11")}");

        using var response = await clerk.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.ActualLeaderId"] = b.Id.ToString(),
            ["Input.Batches"] = "0",
            ["Input.People"] = "0",
        });

        await response.AssertRedirectToAsync("/Duty?month=2026-09");
        Assert.Equal(b.Id, (await App.AssignmentAsync(rota.Slot("2026-09-11"))).ActualLeaderId);
        var row = Row(await clerk.GetPageAsync("/Duty?month=2026-09"), a.Name);
        Assert.Contains(b.Name, row.TextContent);
        Assert.Contains("他人代接", row.TextContent);
    }

    [Theory]
    [InlineData("2026-09-16")] // tomorrow
    [InlineData("2026-09-15")] // today, before the session ends at 17:30
    public async Task Record_BeforeTheDutyHasTakenPlace_IsRefused(string date)
    {
        var (_, b, rota) = await RotaAsync((date, 0));
        using var clerk = await App.LoginAsync("clerk");

        var page = await clerk.GetPageAsync($"/Duty/Record/{rota.Slot(date)}");
        var day = DutyFixture.D(date).DayOfWeek == DayOfWeek.Tuesday ? "星期二" : "星期三";
        var message = $"{date} {day} 全天的值班尚未进行，请在值班结束（{date} 17:30）后再登记。";
        Assert.Equal(message, page.QuerySelector("main .status-warning")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("main form[method=post]"));

        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[name={AppClient.AntiforgeryField}]")!.Value;
        using var response = await clerk.Http.PostAsync($"/Duty/Record/{rota.Slot(date)}", new FormUrlEncodedContent(
        [
            new("Input.ActualLeaderId", b.Id.ToString()), new("Input.Batches", "1"), new("Input.People", "1"), new("Input.Version", "0"),
            new(AppClient.AntiforgeryField, token),
        ]));
        Assert.Equal(message, (await response.AssertFormReturnedAsync()).Summary());
        Assert.Null((await App.AssignmentAsync(rota.Slot(date))).RecordedAtUtc);
    }

    [Theory]
    [InlineData("5", "3", "Input.People", "人次不能少于批次。")]
    [InlineData("-1", "3", "Input.Batches", "批次必须是 0 到 10000 之间的整数。")]
    [InlineData("1", "-2", "Input.People", "人次必须是 0 到 100000 之间的整数。")]
    [InlineData("", "3", "Input.Batches", "请填写批次。")]
    public async Task Record_BadCounts_AreShownNextToTheFieldAndNothingIsSaved(string batches, string people, string field, string message)
    {
        var (_, _, rota) = await RotaAsync(("2026-09-10", 0));
        using var clerk = await App.LoginAsync("clerk");
        var form = await clerk.GetPageAsync($"/Duty/Record/{rota.Slot("2026-09-10")}");

        using var response = await clerk.SubmitAsync(form, new Dictionary<string, string> { ["Input.Batches"] = batches, ["Input.People"] = people });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(message, page.ErrorFor(field));
        Assert.Equal(people, page.ValueOf("Input.People"));
        Assert.Null((await App.AssignmentAsync(rota.Slot("2026-09-10"))).RecordedAtUtc);
    }

    [Fact]
    public async Task Record_NotAWholeNumber_TooLongNotes_LeaderOfAnotherUnit_AreRefused()
    {
        var (_, _, rota) = await RotaAsync(("2026-09-09", 0));
        var outsider = await App.WithDbAsync(db => db.Leaders.Where(l => l.OrgUnit!.Code == "qingshan").Select(l => l.Id).FirstAsync());
        using var clerk = await App.LoginAsync("clerk");
        var form = await clerk.GetPageAsync($"/Duty/Record/{rota.Slot("2026-09-09")}");

        using var response = await clerk.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.ActualLeaderId"] = outsider.ToString(),
            ["Input.Batches"] = "1.5",
            ["Input.People"] = "3",
            ["Input.Notes"] = new string('记', 1001),
        });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请从列表中选择领导。", page.ErrorFor("Input.ActualLeaderId"));
        Assert.NotEqual("", page.ErrorFor("Input.Batches"));
        Assert.Equal("备注最多 1000 个字。", page.ErrorFor("Input.Notes"));
        Assert.Null((await App.AssignmentAsync(rota.Slot("2026-09-09"))).RecordedAtUtc);
    }

    [Fact]
    public async Task Record_TwoClerksAtOnce_TheSecondIsToldAndNothingIsOverwritten()
    {
        var (_, _, rota) = await RotaAsync(("2026-09-08", 0));
        using var first = await App.LoginAsync("clerk");
        using var second = await App.LoginAsync("admin");
        var one = await first.GetPageAsync($"/Duty/Record/{rota.Slot("2026-09-08")}");
        var two = await second.GetPageAsync($"/Duty/Record/{rota.Slot("2026-09-08")}");

        await (await first.SubmitAsync(one, new Dictionary<string, string> { ["Input.Batches"] = "2", ["Input.People"] = "4" }))
            .AssertRedirectToAsync("/Duty?month=2026-09");
        using var late = await second.SubmitAsync(two, new Dictionary<string, string> { ["Input.Batches"] = "7", ["Input.People"] = "7" });

        Assert.Equal(ConcurrencyMessage, (await late.AssertFormReturnedAsync()).Summary());
        Assert.Equal((2, 4), ((await App.AssignmentAsync(rota.Slot("2026-09-08"))).Batches, (await App.AssignmentAsync(rota.Slot("2026-09-08"))).People));
    }

    [Fact]
    public async Task Index_ListsThePastDutiesOfTheMonth_PlannedAgainstActual()
    {
        var (a, _, rota) = await RotaAsync(("2026-09-07", 0), ("2026-09-17", 0));
        using var supervisor = await App.LoginAsync("supervisor");

        var page = await supervisor.GetPageAsync("/Duty?month=2026-09&open=true");

        var rows = page.QuerySelectorAll("main table.grid tbody tr").Where(r => r.TextContent.Contains(a.Name, StringComparison.Ordinal)).ToList();
        Assert.Single(rows); // 09-17 has not come yet
        Assert.Contains("2026-09-07", rows[0].TextContent);
        Assert.Contains("未登记", rows[0].TextContent);
        Assert.Null(rows[0].QuerySelector("a[href^='/Duty/Record']")); // a supervisor reads only
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync($"/Duty/Record/{rota.Slot("2026-09-07")}")).StatusCode);
    }

    [Fact]
    public async Task Record_DutyOutsideTheClerksScope_NotFound()
    {
        var (_, _, rota) = await RotaAsync(("2026-09-04", 0));
        var township = await App.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == "baihe").Select(o => o.Id).SingleAsync());
        var userName = PageTesting.Unique("bh");
        await App.CreateUserAsync(userName, Reception.Web.Authorization.Roles.Clerk, orgUnitId: township);
        using var clerk = await App.LoginAsync(userName);

        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/Duty/Record/{rota.Slot("2026-09-04")}")).StatusCode);
        Assert.DoesNotContain(rota.RuleName, (await clerk.GetPageAsync("/Duty?month=2026-09")).QuerySelector("main")!.TextContent);
    }

    private async Task<(TestLeader A, TestLeader B, TestRota Rota)> RotaAsync(params (string Date, int Session)[] duties)
    {
        var leaders = await App.LeadersAsync(2);
        var rota = await App.RotaAsync(leaders, duties.Select(d => (d.Date, d.Session, leaders[0])));
        return (leaders[0], leaders[1], rota);
    }

    private static IElement Row(IDocument page, string leaderName) =>
        page.QuerySelectorAll("main table.grid tbody tr").Single(r => r.QuerySelectorAll("td")[3].TextContent.Trim() == leaderName);
}
