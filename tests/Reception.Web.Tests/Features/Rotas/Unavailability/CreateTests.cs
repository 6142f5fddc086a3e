using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Rotas;
using Reception.Web.Tests.Features.Visits;

namespace Reception.Web.Tests.Features.Rotas.Unavailability;

public sealed class CreateTests(VisitsDemoApp demo) : IClassFixture<VisitsDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Create_ClerkValidEntry_SavesRedirectsToTheMonthAndSaysSo()
    {
        var leader = await App.AddLeaderAsync("出差");
        var name = await NameAsync(leader);
        using var client = await App.LoginAsync("clerk");

        using var response = await client.OpenAndSubmitAsync("/Unavailability/Create", Valid(leader, "2027-02-01", "2027-02-05", "Travel", " 赴京学习 "));

        await response.AssertRedirectToAsync("/Unavailability?month=2027-02");
        var saved = await App.WithDbAsync(db => db.Unavailabilities.AsNoTracking().SingleAsync(u => u.LeaderId == leader));
        Assert.Equal(new DateOnly(2027, 2, 1), saved.From);
        Assert.Equal(new DateOnly(2027, 2, 5), saved.To);
        Assert.Equal(UnavailabilityReason.Travel, saved.Reason);
        Assert.Equal("赴京学习", saved.Note);
        Assert.Equal(await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync()), saved.CreatedByUserId);
        Assert.Equal(new DateTime(2026, 11, 10, 1, 0, 0, DateTimeKind.Utc), saved.CreatedAtUtc); // the app's clock, not the machine's
        var list = await client.GetPageAsync("/Unavailability?month=2027-02");
        Assert.Equal($"已登记{name}的出差（2027-02-01 至 2027-02-05）。", list.StatusMessage());
        Assert.Contains(IndexTests.Rows(list), r => r[0].StartsWith(name, StringComparison.Ordinal) && r[3] == "5" && r[4] == "出差");
    }

    [Fact]
    public async Task Create_Get_OffersLeaveTravelAndMeetingButNotVisit()
    {
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Unavailability/Create");

        Assert.Equal(["", "Leave", "Travel", "Meeting"], page.QuerySelectorAll("select[name='Input.Reason'] option").Select(o => o.GetAttribute("value")));
        Assert.Equal(["— 请选择 —", "请假", "出差", "会议"], page.QuerySelectorAll("select[name='Input.Reason'] option").Select(o => o.TextContent));
    }

    [Theory]
    [InlineData("Input.To", "2027-03-09", "结束日期不能早于开始日期。")]
    [InlineData("Input.To", "2028-03-10", "一次登记最多 366 天。")]
    [InlineData("Input.To", "2101-01-01", "请填写 2000-01-01 至 2100-12-31 之间的日期。")]
    [InlineData("Input.From", "1999-12-31", "请填写 2000-01-01 至 2100-12-31 之间的日期。")]
    [InlineData("Input.From", "", "请填写开始日期。")]
    [InlineData("Input.From", "abc", "“abc”不是有效的开始日期。")]
    [InlineData("Input.To", "", "请填写结束日期。")]
    [InlineData("Input.LeaderId", "", "请选择领导。")]
    [InlineData("Input.LeaderId", "987654", "请从列表中选择领导。")]
    [InlineData("Input.Reason", "", "请选择事由。")]
    [InlineData("Input.Reason", "Visit", "请从列表中选择事由。")]
    [InlineData("Input.Note", "LONG", "备注最多 200 个字。")]
    public async Task Create_BadField_ShowsTheChineseMessageNextToItKeepsTheInputAndSavesNothing(string field, string value, string message)
    {
        using var client = await App.LoginAsync("clerk");
        var before = await CountAsync();
        var values = Valid(await App.AddLeaderAsync("坏"), "2027-03-10", "2027-03-12", "Leave", "年休假");
        values[field] = value == "LONG" ? new string('注', 201) : value;

        using var response = await client.OpenAndSubmitAsync("/Unavailability/Create", values);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(message, page.ErrorFor(field));
        Assert.Equal([field], page.FieldErrors().Keys);
        if (field != "Input.Note") Assert.Equal("年休假", page.ValueOf("Input.Note"));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Create_ExactlyAYearOf366Days_IsAccepted()
    {
        using var client = await App.LoginAsync("clerk");

        using var response = await client.OpenAndSubmitAsync("/Unavailability/Create", Valid(await App.AddLeaderAsync("长假"), "2028-01-01", "2028-12-31", "Leave"));

        await response.AssertRedirectToAsync("/Unavailability?month=2028-01");
    }

    [Fact]
    public async Task Create_OverlappingTheSameLeadersEntry_IsRefusedWithTheRangeShown()
    {
        var leader = await App.AddLeaderAsync("重叠");
        await App.AddUnavailabilityAsync(leader, new DateOnly(2027, 4, 10), new DateOnly(2027, 4, 12), UnavailabilityReason.Travel);
        using var client = await App.LoginAsync("clerk");

        using var response = await client.OpenAndSubmitAsync("/Unavailability/Create", Valid(leader, "2027-04-12", "2027-04-15", "Leave"));

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("与该领导已登记的出差（2027-04-10 至 2027-04-12）时间重叠。", page.ErrorFor("Input.From"));
        Assert.Equal(1, await CountAsync(leader));
    }

    [Fact]
    public async Task Create_AdjacentDaysOrAnotherLeadersSameDays_AreAccepted()
    {
        var leader = await App.AddLeaderAsync("相邻");
        var other = await App.AddLeaderAsync("同日");
        await App.AddUnavailabilityAsync(leader, new DateOnly(2027, 4, 10), new DateOnly(2027, 4, 12));
        using var client = await App.LoginAsync("clerk");

        using var before = await client.OpenAndSubmitAsync("/Unavailability/Create", Valid(leader, "2027-04-08", "2027-04-09", "Meeting"));
        using var after = await client.OpenAndSubmitAsync("/Unavailability/Create", Valid(leader, "2027-04-13", "2027-04-13", "Meeting"));
        using var sameDays = await client.OpenAndSubmitAsync("/Unavailability/Create", Valid(other, "2027-04-10", "2027-04-12", "Leave"));

        await before.AssertRedirectToAsync("/Unavailability?month=2027-04");
        await after.AssertRedirectToAsync("/Unavailability?month=2027-04");
        await sameDays.AssertRedirectToAsync("/Unavailability?month=2027-04");
        Assert.Equal(3, await CountAsync(leader));
    }

    [Fact]
    public async Task Create_Leader_RecordsTheirOwnWithoutChoosingALeader()
    {
        var own = await App.LeaderIdAsync("王志强");
        using var client = await App.LoginAsync("leader07");
        var page = await client.GetPageAsync("/Unavailability/Create");
        Assert.Null(page.QuerySelector("select[name='Input.LeaderId']"));
        Assert.Contains("领导：王志强", page.MainText());

        using var response = await client.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.From"] = "2027-05-06",
            ["Input.To"] = "2027-05-07",
            ["Input.Reason"] = "Meeting",
            ["Input.Note"] = "全省政法工作会议",
        });

        await response.AssertRedirectToAsync("/Unavailability?month=2027-05");
        Assert.Equal(1, await CountAsync(own));
    }

    [Fact]
    public async Task Create_LeaderForAnotherLeader_NotFoundAndNothingSaved()
    {
        var other = await App.LeaderIdAsync("张建国");
        var before = await CountAsync();
        using var client = await App.LoginAsync("leader07");
        var page = await client.GetPageAsync("/Unavailability/Create");

        using var response = await client.SubmitAsync(page, Valid(other, "2027-05-10", "2027-05-11", "Leave"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Create_Supervisor_IsForbidden()
    {
        using var client = await App.LoginAsync("supervisor");

        using var response = await client.GetAsync("/Unavailability/Create");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private Task<int> CountAsync(int? leaderId = null) =>
        App.WithDbAsync(db => db.Unavailabilities.CountAsync(u => leaderId == null || u.LeaderId == leaderId));

    private Task<string> NameAsync(int leaderId) => App.WithDbAsync(db => db.Leaders.Where(l => l.Id == leaderId).Select(l => l.Name).SingleAsync());

    private static Dictionary<string, string> Valid(int leaderId, string from, string to, string reason, string note = "") => new()
    {
        ["Input.LeaderId"] = leaderId.ToString(),
        ["Input.From"] = from,
        ["Input.To"] = to,
        ["Input.Reason"] = reason,
        ["Input.Note"] = note,
    };
}
