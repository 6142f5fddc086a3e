using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Cases;
using Reception.Web.Authorization;
using Reception.Web.Tests.Features.Cases;
using Reception.Web.Tests.Features.Cases.Board;
using Reception.Web.Tests.Features.Visits;

namespace Reception.Web.Tests.Features.Cases.Notices;

/// <summary>
/// A demo app of its own for the notice tests, at Sunday 2026-11-22 09:00 China time; each test makes its own case (in the
/// demo city, handled by 人社局, whose handler is the demo account "unit").
/// </summary>
public sealed class NoticesApp() : AppFixture(app => app.At(2026, 11, 22));

/// <summary>督办 notices: issuing (with its validation), the list, answering, and who may do what.</summary>
public sealed class NoticeTests(NoticesApp fixture) : IClassFixture<NoticesApp>
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private ReceptionFactory App => fixture.App;

    [Fact]
    public async Task Issue_OffersTheHandlingUnitAndFiveWorkingDays_AndRefusesAnEmptyTextAndADeadlineNotAfterToday()
    {
        var (caseId, rsj) = await CaseOfRsjAsync();
        using var supervisor = await App.LoginAsync("supervisor");
        var form = await supervisor.GetPageAsync($"/Notices/Issue?case={caseId}");
        Assert.Equal(rsj.ToString(), form.ValueOf("Input.ToUnitId"));
        Assert.Equal("2026-11-27", form.ValueOf("Input.ReplyDueOn")); // Mon 23 … Fri 27: five working days after Sunday

        using var response = await supervisor.SubmitAsync(form, new Dictionary<string, string> { ["Input.Text"] = "  ", ["Input.ReplyDueOn"] = "2026-11-22" });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请填写责任单位须办理的事项。", page.ErrorFor("Input.Text"));
        Assert.Equal("回复期限须晚于下发日期。", page.ErrorFor("Input.ReplyDueOn"));
        Assert.Equal("2026-11-22", page.ValueOf("Input.ReplyDueOn")); // what the user typed stays
        Assert.Equal(0, await App.WithDbAsync(db => db.SupervisionNotices.CountAsync(n => n.PetitionCaseId == caseId)));

        using var past = await supervisor.SubmitAsync(form, new Dictionary<string, string> { ["Input.Text"] = "请报告进展", ["Input.ReplyDueOn"] = "2026-11-20" });
        var pastPage = await past.AssertFormReturnedAsync();
        Assert.Equal("", pastPage.ErrorFor("Input.Text"));
        Assert.Equal("回复期限须晚于下发日期。", pastPage.ErrorFor("Input.ReplyDueOn"));
        Assert.Equal("请报告进展", pastPage.ValueOf("Input.Text"));
        Assert.Equal(0, await App.WithDbAsync(db => db.SupervisionNotices.CountAsync(n => n.PetitionCaseId == caseId)));
    }

    [Fact]
    public async Task Issue_HandlerSeesItAndAnswers_AndTheCaseHistoryHasBoth()
    {
        var (caseId, _) = await CaseOfRsjAsync();
        var number = await App.WithDbAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.Number).SingleAsync());
        var unitUser = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "unit").Select(u => u.Id).SingleAsync());
        using var supervisor = await App.LoginAsync("supervisor");

        using var issued = await supervisor.OpenAndSubmitAsync($"/Notices/Issue?case={caseId}",
            new Dictionary<string, string> { ["Input.Text"] = "请于 5 个工作日内报告化解进展" });

        var noticeId = await App.WithDbAsync(db => db.SupervisionNotices.Where(n => n.PetitionCaseId == caseId).Select(n => n.Id).SingleAsync());
        await issued.AssertRedirectToAsync($"/Notices/Details/{noticeId}");
        var details = await supervisor.GetPageAsync($"/Notices/Details/{noticeId}");
        Assert.Equal($"已就案件 {number} 下发督办通知。", details.StatusMessage());
        Assert.Null(details.QuerySelector("main form[method=post] textarea")); // the supervisor does not answer
        var notification = await App.WithDbAsync(db => db.Notifications.Where(n => n.UserId == unitUser && n.Kind == "notice")
            .OrderByDescending(n => n.Id).Select(n => new { n.Title, n.Body }).FirstAsync());
        Assert.Contains(number.ToString(), notification.Title, StringComparison.Ordinal);
        Assert.Contains("2026-11-27", notification.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", notification.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("110101", notification.Body, StringComparison.Ordinal);

        using var unit = await App.LoginAsync("unit");
        var list = await unit.GetPageAsync("/Notices?status=open");
        Assert.Equal("待回复", list.QuerySelector($"tr[data-notice=\"{noticeId}\"] [data-field=status]")!.TextContent.Trim());
        Assert.Equal("Blue", list.QuerySelector($"tr[data-notice=\"{noticeId}\"] [data-colour]")!.GetAttribute("data-colour")); // 5 days to reply
        var form = await unit.GetPageAsync($"/Notices/Details/{noticeId}");
        using var empty = await unit.SubmitAsync(form, new Dictionary<string, string> { ["Input.Reply"] = "" });
        Assert.Equal("请填写责任单位的回复。", (await empty.AssertFormReturnedAsync()).ErrorFor("Input.Reply"));

        using var answered = await unit.SubmitAsync(form, new Dictionary<string, string> { ["Input.Reply"] = "已约谈当事人，正在核实补偿标准" });

        await answered.AssertRedirectToAsync($"/Notices/Details/{noticeId}");
        var after = await unit.GetPageAsync($"/Notices/Details/{noticeId}");
        Assert.Equal($"已回复案件 {number} 的督办通知。", after.StatusMessage());
        Assert.Equal("已约谈当事人，正在核实补偿标准", after.QuerySelector("[data-field=reply]")!.TextContent.Trim());
        Assert.Null(after.QuerySelector("main form[method=post] textarea"));
        var events = await App.WithDbAsync(db => db.CaseEvents.Where(e => e.PetitionCaseId == caseId
                && (e.Kind == CaseEventKind.NoticeIssued || e.Kind == CaseEventKind.NoticeAnswered))
            .OrderBy(e => e.Id).Select(e => new { e.Kind, e.After }).ToListAsync());
        Assert.Equal([CaseEventKind.NoticeIssued, CaseEventKind.NoticeAnswered], events.Select(e => e.Kind));
        Assert.Equal("请于 5 个工作日内报告化解进展", TextOf(events[0].After));
        Assert.Equal("已约谈当事人，正在核实补偿标准", TextOf(events[1].After));
        var answeredList = await supervisor.GetPageAsync("/Notices?status=answered");
        Assert.Equal("已回复", answeredList.QuerySelector($"tr[data-notice=\"{noticeId}\"] [data-field=status]")!.TextContent.Trim());
        Assert.Null((await supervisor.GetPageAsync("/Notices?status=open")).QuerySelector($"tr[data-notice=\"{noticeId}\"]"));
    }

    [Fact]
    public async Task Answer_AStaleSecondForm_ChangesNothing()
    {
        var (caseId, rsj) = await CaseOfRsjAsync();
        var noticeId = await AddNoticeAsync(caseId, rsj, Today, Today.AddDays(5));
        using var unit = await App.LoginAsync("unit");
        var first = await unit.GetPageAsync($"/Notices/Details/{noticeId}");
        var second = await unit.GetPageAsync($"/Notices/Details/{noticeId}");
        using (var ok = await unit.SubmitAsync(first, new Dictionary<string, string> { ["Input.Reply"] = "第一次回复" }))
            await ok.AssertRedirectToAsync($"/Notices/Details/{noticeId}");

        using var stale = await unit.SubmitAsync(second, new Dictionary<string, string> { ["Input.Reply"] = "第二次回复" });

        Assert.Equal("该督办通知已回复。", (await stale.AssertFormReturnedAsync()).Summary());
        Assert.Equal("第一次回复", await App.WithDbAsync(db => db.SupervisionNotices.Where(n => n.Id == noticeId).Select(n => n.ReplyText).SingleAsync()));
        Assert.Equal(1, await App.WithDbAsync(db => db.CaseEvents.CountAsync(e => e.PetitionCaseId == caseId && e.Kind == CaseEventKind.NoticeAnswered)));
    }

    [Fact]
    public async Task List_FiltersOverdue_ColoursByTheReplyDeadline_AndExportsCsv()
    {
        var (caseId, rsj) = await CaseOfRsjAsync();
        var overdue = await AddNoticeAsync(caseId, rsj, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 10)); // 12 days overdue: yellow
        var longOverdue = await AddNoticeAsync(caseId, rsj, new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 9)); // 44 days: red
        var dueSoon = await AddNoticeAsync(caseId, rsj, Today, Today.AddDays(3)); // blue
        var answered = await AddNoticeAsync(caseId, rsj, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 10), answered: true);
        using var clerk = await App.LoginAsync("clerk");

        var page = await clerk.GetPageAsync("/Notices?status=overdue");

        var rows = page.QuerySelectorAll("tr[data-notice]").Select(r => r.GetAttribute("data-notice")).ToList();
        Assert.Contains(overdue.ToString(), rows);
        Assert.Contains(longOverdue.ToString(), rows);
        Assert.DoesNotContain(dueSoon.ToString(), rows);
        Assert.DoesNotContain(answered.ToString(), rows);
        Assert.Equal("Yellow", Colour(page, overdue));
        Assert.Equal("Red", Colour(page, longOverdue));
        Assert.Equal("已逾期", page.QuerySelector($"tr[data-notice=\"{overdue}\"] [data-field=status]")!.TextContent.Trim());
        var open = await clerk.GetPageAsync("/Notices?status=open");
        Assert.Equal("Blue", Colour(open, dueSoon));
        var all = await clerk.GetPageAsync("/Notices");
        Assert.Equal("", Colour(all, answered)); // answered: no colour
        Assert.Equal("已回复", all.QuerySelector($"tr[data-notice=\"{answered}\"] [data-field=status]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync("/Notices?status=nonsense")).StatusCode);

        using var csv = await clerk.GetAsync("/Notices?handler=Csv&status=overdue");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("案件,类别,被督办单位,督办事项,下发日期,回复期限,颜色,状态", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("2026-11-10", StringComparison.Ordinal) && l.Contains("黄牌", StringComparison.Ordinal) && l.Contains("已逾期", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Day(Today.AddDays(3)), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherUnitsHandler_GetsNotFound_AndCannotAnswer()
    {
        var (caseId, rsj) = await CaseOfRsjAsync();
        var noticeId = await AddNoticeAsync(caseId, rsj, Today, Today.AddDays(5));
        var zrzyj = await App.OrgIdAsync("zrzyj");
        var name = PageTesting.Unique("handler");
        await App.CreateUserAsync(name, Roles.UnitHandler, orgUnitId: zrzyj);
        using var other = await App.LoginAsync(name);

        using var get = await other.GetAsync($"/Notices/Details/{noticeId}");
        using var post = await other.PostFormAsync("/Notices", [new("Input.Reply", "越权回复"), new("Input.Version", "0")], action: $"/Notices/Details/{noticeId}");
        var list = await other.GetPageAsync("/Notices");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null(list.QuerySelector($"tr[data-notice=\"{noticeId}\"]"));
        Assert.Null(await App.WithDbAsync(db => db.SupervisionNotices.Where(n => n.Id == noticeId).Select(n => n.ReplyText).SingleAsync()));

        // A clerk sees the notice but does not answer for the unit.
        using var clerk = await App.LoginAsync("clerk");
        Assert.Null((await clerk.GetPageAsync($"/Notices/Details/{noticeId}")).QuerySelector("main form[method=post] textarea"));
        using var clerkPost = await clerk.PostFormAsync("/Notices", [new("Input.Reply", "代为回复"), new("Input.Version", "0")], action: $"/Notices/Details/{noticeId}");
        Assert.Equal(HttpStatusCode.Forbidden, clerkPost.StatusCode);
    }

    [Theory]
    [InlineData("leader01")]
    [InlineData("admin")]
    public async Task LeaderAndAdmin_AreForbiddenTheNoticePagesAndTheBoard(string user)
    {
        var (caseId, rsj) = await CaseOfRsjAsync();
        var noticeId = await AddNoticeAsync(caseId, rsj, Today, Today.AddDays(5));
        using var client = await App.LoginAsync(user);

        foreach (var url in new[] { "/Notices", $"/Notices/Issue?case={caseId}", $"/Notices/Details/{noticeId}", "/Board" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{url}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Issue_IsOnlyForSupervisors_AndACaseOutOfScopeIsNotFound()
    {
        var (caseId, _) = await CaseOfRsjAsync();
        using var clerk = await App.LoginAsync("clerk");
        using var unit = await App.LoginAsync("unit");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync($"/Notices/Issue?case={caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.GetAsync($"/Notices/Issue?case={caseId}")).StatusCode);

        var town = await App.AddTownshipAsync();
        var name = PageTesting.Unique("super");
        await App.CreateUserAsync(name, Roles.Supervisor, orgUnitId: town.Id);
        using var townSupervisor = await App.LoginAsync(name);
        Assert.Equal(HttpStatusCode.NotFound, (await townSupervisor.GetAsync($"/Notices/Issue?case={caseId}")).StatusCode);
        using var post = await townSupervisor.PostFormAsync("/Notices", [new("Input.ToUnitId", town.Id.ToString()), new("Input.Text", "越权"), new("Input.ReplyDueOn", "2026-11-30")],
            action: $"/Notices/Issue?case={caseId}");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.SupervisionNotices.CountAsync(n => n.PetitionCaseId == caseId)));
    }

    private static string Colour(AngleSharp.Dom.IDocument page, int noticeId) =>
        page.QuerySelector($"tr[data-notice=\"{noticeId}\"] [data-colour]")!.GetAttribute("data-colour")!;

    private static string? TextOf(string? json) => System.Text.Json.JsonDocument.Parse(json!).RootElement.GetProperty("text").GetString();

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A case of the demo city accepted and assigned today to 人社局 (the demo handler's unit).</summary>
    private async Task<(int CaseId, int Rsj)> CaseOfRsjAsync()
    {
        var city = await App.OrgIdAsync("demo");
        var rsj = await App.OrgIdAsync("rsj");
        var leader = await App.LeaderIdAsync("张建国");
        return (await App.AddCaseAsync((city, "demo"), Today, accepted: Today, leader: leader, unit: rsj), rsj);
    }

    private Task<int> AddNoticeAsync(int caseId, int unitId, DateOnly issuedOn, DateOnly due, bool answered = false) =>
        App.WithDbAsync(async db =>
        {
            var at = new DateTime(issuedOn.Year, issuedOn.Month, issuedOn.Day, 1, 0, 0, DateTimeKind.Utc);
            var notice = SupervisionNotice.Issue(caseId, unitId, PageTesting.Unique("请报告进展"), issuedOn, due, "supervisor", at).Value!;
            if (answered) Assert.True(notice.Answer("已办理", due, "unit", at.AddDays(1)).Succeeded);
            db.SupervisionNotices.Add(notice);
            await db.SaveChangesAsync();
            return notice.Id;
        });
}
