using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Rotas.Model;
using Reception.Web.Tests.Features.Rotas.Duty;

namespace Reception.Web.Tests.Features.Rotas.Swaps;

/// <summary>
/// The whole way of a request through real forms: a leader asks, the colleague accepts, a clerk approves
/// (the rota changes and a new version is published), or undoes it; a clerk acting on someone's behalf.
/// The clock stands at 2026-09-15.
/// </summary>
public sealed class SwapFlowTests(DutyApp demo) : SwapFlowTestsBase(demo), IClassFixture<DutyApp>;

public sealed class SwapFlowPostgresTests(PostgresDutyApp demo) : SwapFlowTestsBase(demo), IClassFixture<PostgresDutyApp>;

public abstract class SwapFlowTestsBase(DutyApp demo)
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Swap_AskAcceptApprove_ExchangesTheDutiesPublishesANewVersionAndTellsEveryParty()
    {
        var (a, b, c) = await ThreeLeadersAsync();
        var rota = await App.RotaAsync([a, b, c], [("2026-09-21", 0, a), ("2026-09-22", 0, b), ("2026-09-23", 0, c)]);
        var september = rota.MonthIds[DutyFixture.D("2026-09-01")];
        Assert.Equal(1, (await App.RotaMonthAsync(september)).PublishedNumber);

        // A asks B to swap 09-21 for 09-22.
        using var leaderA = await App.LoginAsync(a.UserName);
        var list = await leaderA.GetPageAsync("/Swaps/Create");
        Assert.Contains("2026-09-21", list.QuerySelector("main table")!.TextContent);
        var form = await leaderA.GetPageAsync($"/Swaps/Create?assignment={rota.Slot("2026-09-21")}");
        using var asked = await leaderA.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "Swap",
            ["Input.CounterpartAssignmentId"] = rota.Slot("2026-09-22").ToString(),
            ["Input.Reason"] = "赴省参加会议",
        });
        var id = await SwapIdAsync(asked);
        var requested = await App.SwapAsync(id);
        Assert.Equal(SwapStatus.Requested, requested.Status);
        Assert.Equal((a.Id, b.Id, rota.Slot("2026-09-22")), (requested.RequesterLeaderId, requested.CounterpartLeaderId, requested.CounterpartAssignmentId));
        Assert.Equal($"申请已发送给{b.Name}。{b.Name}同意后，由信访办工作人员审批。", (await leaderA.GetPageAsync($"/Swaps/Detail/{id}")).StatusMessage());
        Assert.Single(await App.SwapNotificationsAsync(b.UserName, id));
        Assert.Single(await App.SwapNotificationsAsync("clerk", id));
        Assert.Empty(await App.SwapNotificationsAsync(a.UserName, id)); // nobody is told what they did themselves

        // B sees it waiting and accepts.
        using var leaderB = await App.LoginAsync(b.UserName);
        var waiting = await leaderB.GetPageAsync("/Swaps/Index?show=forme");
        Assert.NotNull(waiting.QuerySelector($"main a[href='/Swaps/Detail/{id}']"));
        await (await leaderB.SubmitAsync(await leaderB.GetPageAsync($"/Swaps/Detail/{id}"), button: Handler("Accept")))
            .AssertRedirectToAsync($"/Swaps/Detail/{id}");
        Assert.Equal(SwapStatus.Accepted, (await App.SwapAsync(id)).Status);
        // The duties do not change before a clerk approves.
        Assert.Equal(a.Id, (await App.AssignmentAsync(rota.Slot("2026-09-21"))).LeaderId);

        // The clerk finds it waiting for approval and approves.
        using var clerk = await App.LoginAsync("clerk");
        var approvals = await clerk.GetPageAsync("/Swaps/Index");
        Assert.NotNull(approvals.QuerySelector($"main a[href='/Swaps/Detail/{id}']"));
        var detail = await clerk.GetPageAsync($"/Swaps/Detail/{id}");
        await (await clerk.SubmitAsync(detail, button: Handler("Approve"))).AssertRedirectToAsync($"/Swaps/Detail/{id}");

        var mine = await App.AssignmentAsync(rota.Slot("2026-09-21"));
        var theirs = await App.AssignmentAsync(rota.Slot("2026-09-22"));
        Assert.Equal((b.Id, DutySource.Swap), (mine.LeaderId, mine.Source));
        Assert.Equal((a.Id, DutySource.Swap), (theirs.LeaderId, theirs.Source));
        var month = await App.RotaMonthAsync(september);
        Assert.Equal(2, month.PublishedNumber);
        Assert.False(month.HasUnpublishedChanges);
        var published = await App.LatestVersionAsync(september);
        Assert.Equal(2, published.Number);
        Assert.Equal("王秀兰（信访局）", published.PublishedBy);
        Assert.Equal(b.Name, published.Duties.Single(d => d.Date == DutyFixture.D("2026-09-21")).LeaderName);
        Assert.Equal(a.Name, published.Duties.Single(d => d.Date == DutyFixture.D("2026-09-22")).LeaderName);

        var approved = await App.SwapAsync(id);
        Assert.Equal(SwapStatus.Approved, approved.Status);
        Assert.Equal([SwapAction.Requested, SwapAction.Accepted, SwapAction.Approved], approved.Events.OrderBy(e => e.Id).Select(e => e.Action));
        // Each party heard of every step they did not take themselves.
        Assert.Equal(2, (await App.SwapNotificationsAsync(a.UserName, id)).Count);
        Assert.Equal(2, (await App.SwapNotificationsAsync(b.UserName, id)).Count);
        Assert.Equal(2, (await App.SwapNotificationsAsync("clerk", id)).Count);
        var last = (await App.SwapNotificationsAsync(a.UserName, id))[^1];
        Assert.Equal($"换班申请 #{id}：批准", last.Title);
        Assert.Equal($"{a.Name}（2026-09-21 全天）与{b.Name}（2026-09-22 全天）互换值班。操作人：王秀兰（信访局）。", last.Body);
        Assert.Equal($"/Swaps/Detail/{id}", last.Link);
        // The rota-change notice names the day, the session and old → new leader.
        var changed = await App.WithDbAsync(db => db.Notifications.SingleAsync(n => n.Kind == Reception.Core.Notifications.NotificationKinds.RotaChanged.Key
            && n.Title.Contains("第 2 版") && db.Users.Any(u => u.Id == n.UserId && u.UserName == b.UserName)));
        Assert.Equal($"值班调整：9月21日 星期一 全天：{a.Name} → {b.Name}；9月22日 星期二 全天：{b.Name} → {a.Name}。", changed.Body);

        // The request's page shows the whole history: who, when, what.
        var history = await clerk.GetPageAsync($"/Swaps/Detail/{id}");
        Assert.Equal("已批准：排班已调整，并发布为第2版。", history.StatusMessage());
        var rows = HistoryRows(history);
        Assert.Equal(["提出申请", "同意", "批准"], rows.Select(r => r[1]));
        Assert.Equal([a.UserName, b.UserName, "王秀兰（信访局）"], rows.Select(r => r[2])); // the accounts' display names
        Assert.Equal("2026-09-15 09:00", rows[0][0]);
        Assert.Null(history.QuerySelector(Handler("Approve"))); // approved: only undo is left
        Assert.NotNull(history.QuerySelector(Handler("Undo")));
    }

    [Fact]
    public async Task Cover_AskAcceptApprove_TheColleagueTakesTheDuty()
    {
        var (a, b, c) = await ThreeLeadersAsync();
        var rota = await App.RotaAsync([a, b, c], [("2026-10-08", 0, a), ("2026-10-09", 0, b)]);
        var october = rota.MonthIds[DutyFixture.D("2026-10-01")];

        using var leaderA = await App.LoginAsync(a.UserName);
        var form = await leaderA.GetPageAsync($"/Swaps/Create?assignment={rota.Slot("2026-10-08")}");
        Assert.Contains(c.Name, form.QuerySelector("select[name='Input.CounterpartLeaderId']")!.TextContent);
        Assert.DoesNotContain(a.Name, form.QuerySelector("select[name='Input.CounterpartLeaderId']")!.TextContent);
        var id = await SwapIdAsync(await leaderA.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "Cover",
            ["Input.CounterpartLeaderId"] = c.Id.ToString(),
        }));

        using var leaderC = await App.LoginAsync(c.UserName);
        await (await leaderC.SubmitAsync(await leaderC.GetPageAsync($"/Swaps/Detail/{id}"), button: Handler("Accept"))).AssertRedirectToAsync($"/Swaps/Detail/{id}");
        using var clerk = await App.LoginAsync("clerk");
        await (await clerk.SubmitAsync(await clerk.GetPageAsync($"/Swaps/Detail/{id}"), button: Handler("Approve"))).AssertRedirectToAsync($"/Swaps/Detail/{id}");

        var slot = await App.AssignmentAsync(rota.Slot("2026-10-08"));
        Assert.Equal((c.Id, DutySource.Swap, 1), (slot.LeaderId, slot.Source, slot.Sequence));
        Assert.Equal(b.Id, (await App.AssignmentAsync(rota.Slot("2026-10-09"))).LeaderId);
        Assert.Equal(2, (await App.RotaMonthAsync(october)).PublishedNumber);
        Assert.Equal(c.Name, (await App.LatestVersionAsync(october)).Duties.Single(d => d.Date == DutyFixture.D("2026-10-08")).LeaderName);
        var told = (await App.SwapNotificationsAsync(a.UserName, id)).Select(n => n.Body).ToList();
        Assert.Equal(2, told.Count);
        Assert.All(told, body => Assert.StartsWith($"{c.Name}代{a.Name}值2026-10-08 全天的班。", body));
        Assert.Equal(2, (await App.SwapNotificationsAsync(c.UserName, id)).Count);
        Assert.Equal(2, (await App.SwapNotificationsAsync("clerk", id)).Count);
    }

    [Fact]
    public async Task Undo_ApprovedSwap_PutsBothDutiesBackAndPublishesAgain()
    {
        var (a, b, c) = await ThreeLeadersAsync();
        var rota = await App.RotaAsync([a, b, c], [("2026-09-28", 0, a), ("2026-09-29", 0, b)]);
        var september = rota.MonthIds[DutyFixture.D("2026-09-01")];
        using var clerk = await App.LoginAsync("clerk");
        var id = await OnBehalfAsync(clerk, rota.Slot("2026-09-28"), new() { ["Input.Kind"] = "Swap", ["Input.CounterpartAssignmentId"] = rota.Slot("2026-09-29").ToString() });
        Assert.Equal(b.Id, (await App.AssignmentAsync(rota.Slot("2026-09-28"))).LeaderId);

        await (await clerk.SubmitAsync(await clerk.GetPageAsync($"/Swaps/Detail/{id}"), button: Handler("Undo"))).AssertRedirectToAsync($"/Swaps/Detail/{id}");

        Assert.Equal(a.Id, (await App.AssignmentAsync(rota.Slot("2026-09-28"))).LeaderId);
        Assert.Equal(b.Id, (await App.AssignmentAsync(rota.Slot("2026-09-29"))).LeaderId);
        var swap = await App.SwapAsync(id);
        Assert.Equal(SwapStatus.Undone, swap.Status);
        Assert.Equal([SwapAction.DoneByClerk, SwapAction.Undone], swap.Events.OrderBy(e => e.Id).Select(e => e.Action));
        Assert.Equal(3, (await App.RotaMonthAsync(september)).PublishedNumber);
        Assert.Equal(a.Name, (await App.LatestVersionAsync(september)).Duties.Single(d => d.Date == DutyFixture.D("2026-09-28")).LeaderName);
        Assert.Equal(2, (await App.SwapNotificationsAsync(a.UserName, id)).Count);
        Assert.Equal(2, (await App.SwapNotificationsAsync(b.UserName, id)).Count);
        var page = await clerk.GetPageAsync($"/Swaps/Detail/{id}");
        Assert.Equal("已撤销：值班已恢复原状，并发布为第3版。", page.StatusMessage());
        Assert.Null(page.QuerySelector(Handler("Undo")));
    }

    [Fact]
    public async Task Clerk_OnBehalf_CreatesAndApprovesInOneStep()
    {
        var (a, b, c) = await ThreeLeadersAsync();
        var rota = await App.RotaAsync([a, b, c], [("2026-09-30", 0, a)]);
        using var clerk = await App.LoginAsync("clerk");
        var list = await clerk.GetPageAsync("/Swaps/Create?month=2026-09");
        Assert.NotNull(list.QuerySelector($"main a[href='/Swaps/Create?assignment={rota.Slot("2026-09-30")}']"));

        var id = await OnBehalfAsync(clerk, rota.Slot("2026-09-30"), new() { ["Input.Kind"] = "Cover", ["Input.CounterpartLeaderId"] = b.Id.ToString(), ["Input.Reason"] = "电话请假" });

        var swap = await App.SwapAsync(id);
        Assert.Equal((SwapStatus.Approved, a.Id, b.Id, "电话请假"), (swap.Status, swap.RequesterLeaderId, swap.CounterpartLeaderId, swap.Reason));
        Assert.Equal([SwapAction.DoneByClerk], swap.Events.Select(e => e.Action));
        Assert.Equal(b.Id, (await App.AssignmentAsync(rota.Slot("2026-09-30"))).LeaderId);
        Assert.Equal(2, (await App.RotaMonthAsync(rota.MonthIds[DutyFixture.D("2026-09-01")])).PublishedNumber);
        Assert.Single(await App.SwapNotificationsAsync(a.UserName, id));
        Assert.Single(await App.SwapNotificationsAsync(b.UserName, id));
        Assert.Empty(await App.SwapNotificationsAsync("clerk", id));
        var page = await clerk.GetPageAsync($"/Swaps/Detail/{id}");
        Assert.Equal("已完成：排班已调整，并发布为第2版。", page.StatusMessage());
        Assert.Equal(["工作人员代为办理"], HistoryRows(page).Select(r => r[1]));
    }

    [Fact]
    public async Task Decline_And_Withdraw_EndTheRequestWithoutChangingTheRota()
    {
        var (a, b, c) = await ThreeLeadersAsync();
        var rota = await App.RotaAsync([a, b, c], [("2026-09-21", 0, a), ("2026-09-22", 0, a)]);
        using var leaderA = await App.LoginAsync(a.UserName);
        var first = await AskCoverAsync(leaderA, rota.Slot("2026-09-21"), b);
        var second = await AskCoverAsync(leaderA, rota.Slot("2026-09-22"), c);

        using var leaderB = await App.LoginAsync(b.UserName);
        await (await leaderB.SubmitAsync(await leaderB.GetPageAsync($"/Swaps/Detail/{first}"), button: Handler("Decline"))).AssertRedirectToAsync($"/Swaps/Detail/{first}");
        await (await leaderA.SubmitAsync(await leaderA.GetPageAsync($"/Swaps/Detail/{second}"), button: Handler("Withdraw"))).AssertRedirectToAsync($"/Swaps/Detail/{second}");

        Assert.Equal(SwapStatus.Declined, (await App.SwapAsync(first)).Status);
        Assert.Equal(SwapStatus.Withdrawn, (await App.SwapAsync(second)).Status);
        Assert.Equal(a.Id, (await App.AssignmentAsync(rota.Slot("2026-09-21"))).LeaderId);
        Assert.Equal(1, (await App.RotaMonthAsync(rota.MonthIds[DutyFixture.D("2026-09-01")])).PublishedNumber);
        // The requester's list filters by status.
        var declined = await leaderA.GetPageAsync("/Swaps/Index?show=mine&status=Declined");
        Assert.NotNull(declined.QuerySelector($"main a[href='/Swaps/Detail/{first}']"));
        Assert.Null(declined.QuerySelector($"main a[href='/Swaps/Detail/{second}']"));
        // A finished request offers no buttons.
        var finished = await leaderB.GetPageAsync($"/Swaps/Detail/{first}");
        Assert.Null(finished.QuerySelector("main form[method=post] button"));
        Assert.Contains("同事已拒绝", finished.QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task Answer_AfterTheRequestWasWithdrawn_IsRefusedWithTheCurrentStatus()
    {
        var (a, b, c) = await ThreeLeadersAsync();
        var rota = await App.RotaAsync([a, b, c], [("2026-09-23", 0, a)]);
        using var leaderA = await App.LoginAsync(a.UserName);
        var id = await AskCoverAsync(leaderA, rota.Slot("2026-09-23"), b);
        using var leaderB = await App.LoginAsync(b.UserName);
        var stale = await leaderB.GetPageAsync($"/Swaps/Detail/{id}"); // B opens it …
        await (await leaderA.SubmitAsync(await leaderA.GetPageAsync($"/Swaps/Detail/{id}"), button: Handler("Withdraw"))).AssertRedirectToAsync($"/Swaps/Detail/{id}");

        var response = await leaderB.SubmitAsync(stale, button: Handler("Accept")); // … and accepts after A withdrew

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("该申请当前状态为“已撤回”，无法进行此操作。", page.Summary());
        Assert.Equal(SwapStatus.Withdrawn, (await App.SwapAsync(id)).Status);
    }

    [Fact]
    public async Task Detail_LeaderWhoIsNoParty_NotFound_AndALeaderCannotApprove()
    {
        var (a, b, c) = await ThreeLeadersAsync();
        var rota = await App.RotaAsync([a, b, c], [("2026-09-24", 0, a)]);
        using var leaderA = await App.LoginAsync(a.UserName);
        var id = await AskCoverAsync(leaderA, rota.Slot("2026-09-24"), b);

        using var leaderC = await App.LoginAsync(c.UserName);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await leaderC.GetAsync($"/Swaps/Detail/{id}")).StatusCode);
        var own = await leaderA.GetPageAsync($"/Swaps/Detail/{id}");
        Assert.Null(own.QuerySelector(Handler("Approve")));
        Assert.Null(own.QuerySelector(Handler("Accept")));
        var forged = await leaderA.Http.PostAsync($"/Swaps/Detail/{id}?handler=Approve", new FormUrlEncodedContent(
            [new("Version", "0"), new(AppClient.AntiforgeryField, own.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[name={AppClient.AntiforgeryField}]")!.Value)]));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(SwapStatus.Requested, (await App.SwapAsync(id)).Status);
    }

    private async Task<(TestLeader A, TestLeader B, TestLeader C)> ThreeLeadersAsync()
    {
        var leaders = await App.LeadersAsync(3);
        return (leaders[0], leaders[1], leaders[2]);
    }

    private static async Task<int> AskCoverAsync(AppClient client, int slot, TestLeader colleague)
    {
        var form = await client.GetPageAsync($"/Swaps/Create?assignment={slot}");
        return await SwapIdAsync(await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "Cover",
            ["Input.CounterpartLeaderId"] = colleague.Id.ToString(),
        }));
    }

    private static async Task<int> OnBehalfAsync(AppClient clerk, int slot, Dictionary<string, string> values)
    {
        var form = await clerk.GetPageAsync($"/Swaps/Create?assignment={slot}");
        Assert.Equal("调整并发布", form.QuerySelector("main form button[type=submit]")!.TextContent.Trim());
        return await SwapIdAsync(await clerk.SubmitAsync(form, values));
    }

    /// <summary>The id of the request the response redirects to (asserting the redirect).</summary>
    internal static async Task<int> SwapIdAsync(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        if (!location.StartsWith("/Swaps/Detail/", StringComparison.Ordinal)) await response.AssertRedirectToAsync("/Swaps/Detail/{id}");
        return int.Parse(location["/Swaps/Detail/".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static string Handler(string name) => $"button[formaction*='handler={name}']";

    private static List<string[]> HistoryRows(IDocument page) =>
        page.QuerySelectorAll("main table.grid tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToList();
}
