using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Rotas.Model;
using Reception.Web.Authorization;
using Reception.Web.Tests.Features.Rotas.Duty;

namespace Reception.Web.Tests.Features.Rotas.Swaps;

/// <summary>Every request that must be refused, with the Chinese message the person sees; nothing is created. Clock: 2026-09-15.</summary>
public sealed class SwapRefusalTests(DutyApp demo) : IClassFixture<DutyApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task PastDuty_TheFormIsNotOffered_AndAPostIsRefused()
    {
        var (a, b) = await TwoLeadersAsync();
        var rota = await App.RotaAsync([a, b], [("2026-09-14", 0, a), ("2026-09-21", 0, b)]);
        using var leaderA = await App.LoginAsync(a.UserName);

        var page = await leaderA.GetPageAsync($"/Swaps/Create?assignment={rota.Slot("2026-09-14")}");
        Assert.Equal("2026-09-14的值班已经过去，不能再换班或代班。", page.QuerySelector("main .status-error")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("main form[method=post]"));
        Assert.DoesNotContain("2026-09-14", (await leaderA.GetPageAsync("/Swaps/Create")).QuerySelector("main")!.TextContent);

        // A form taken from another duty and sent for the past one.
        var other = await App.RotaAsync([a, b], [("2026-09-22", 0, a)]);
        var form = await leaderA.GetPageAsync($"/Swaps/Create?assignment={other.Slot("2026-09-22")}");
        using var response = await leaderA.Http.PostAsync($"/Swaps/Create?assignment={rota.Slot("2026-09-14")}", new FormUrlEncodedContent(
        [
            new("Input.Kind", "Cover"), new("Input.CounterpartLeaderId", b.Id.ToString()),
            new(AppClient.AntiforgeryField, form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"main input[name={AppClient.AntiforgeryField}]")!.Value),
        ]));
        var refused = await response.AssertFormReturnedAsync();
        Assert.Equal("2026-09-14的值班已经过去，不能再换班或代班。", refused.Summary());
        await AssertNoRequestAsync(rota.Slot("2026-09-14"));
    }

    [Fact]
    public async Task SwapForAColleaguesPastDuty_Refused()
    {
        var (a, b) = await TwoLeadersAsync();
        var rota = await App.RotaAsync([a, b], [("2026-09-14", 0, b), ("2026-09-21", 0, a)]);

        var page = await AskAsync(a, rota.Slot("2026-09-21"), "Swap", counterpartAssignment: rota.Slot("2026-09-14"));

        Assert.Equal("2026-09-14的值班已经过去，不能再换班或代班。", page.Summary());
        await AssertNoRequestAsync(rota.Slot("2026-09-21"));
    }

    [Fact]
    public async Task ColleagueOnLeaveThatDay_Refused()
    {
        var (a, b) = await TwoLeadersAsync();
        var rota = await App.RotaAsync([a, b], [("2026-09-21", 0, a)]);
        await App.AddUnavailabilityAsync(b, "2026-09-20", "2026-09-22");

        var page = await AskAsync(a, rota.Slot("2026-09-21"), "Cover", counterpartLeader: b.Id);

        Assert.Equal($"{b.Name}在2026-09-21无法值班（请假、出差、开会或下访）。", page.Summary());
        await AssertNoRequestAsync(rota.Slot("2026-09-21"));
    }

    [Fact]
    public async Task ColleagueOnAVillageVisitThatDay_Refused()
    {
        var (a, b) = await TwoLeadersAsync();
        var rota = await App.RotaAsync([a, b], [("2026-09-23", 0, a)]);
        await App.AddVisitAsync(b, "2026-09-23");

        var page = await AskAsync(a, rota.Slot("2026-09-23"), "Cover", counterpartLeader: b.Id);

        Assert.Equal($"{b.Name}在2026-09-23无法值班（请假、出差、开会或下访）。", page.Summary());
    }

    [Fact]
    public async Task Swap_TheRequesterIsUnavailableOnTheColleaguesDay_Refused()
    {
        var (a, b) = await TwoLeadersAsync();
        var rota = await App.RotaAsync([a, b], [("2026-09-21", 0, a), ("2026-09-24", 0, b)]);
        await App.AddUnavailabilityAsync(a, "2026-09-24", "2026-09-24");

        var page = await AskAsync(a, rota.Slot("2026-09-21"), "Swap", counterpartAssignment: rota.Slot("2026-09-24"));

        Assert.Equal($"{a.Name}在2026-09-24无法值班（请假、出差、开会或下访）。", page.Summary());
    }

    [Fact]
    public async Task ColleagueAlreadyOnDutyAtThatTime_Refused()
    {
        var (a, b) = await TwoLeadersAsync();
        var rota = await App.RotaAsync([a, b], [("2026-09-28", 0, a)]);
        await App.RotaAsync([b], [("2026-09-28", 0, b)]); // B receives at another venue all that day

        var page = await AskAsync(a, rota.Slot("2026-09-28"), "Cover", counterpartLeader: b.Id);

        Assert.Equal($"{b.Name}在该时段已有值班（2026-09-28 全天）。", page.Summary());
    }

    [Fact]
    public async Task ColleagueOnDutyInTheOtherSessionOfTheDay_IsAllowed()
    {
        var (a, b) = await TwoLeadersAsync();
        var rota = await App.RotaAsync([a, b], [("2026-09-29", 0, a), ("2026-09-29", 1, b)], twoSessions: true);
        using var leaderA = await App.LoginAsync(a.UserName);
        var form = await leaderA.GetPageAsync($"/Swaps/Create?assignment={rota.Slot("2026-09-29", 0)}");

        using var response = await leaderA.SubmitAsync(form, new Dictionary<string, string> { ["Input.Kind"] = "Cover", ["Input.CounterpartLeaderId"] = b.Id.ToString() });

        Assert.True(await SwapFlowTestsBase.SwapIdAsync(response) > 0); // morning and afternoon do not overlap
    }

    [Fact]
    public async Task AnotherOpenRequestForTheSameDuty_Refused()
    {
        var leaders = await App.LeadersAsync(3);
        var (a, b, c) = (leaders[0], leaders[1], leaders[2]);
        var rota = await App.RotaAsync(leaders, [("2026-09-30", 0, a), ("2026-10-08", 0, c)]);
        using var leaderA = await App.LoginAsync(a.UserName);
        var form = await leaderA.GetPageAsync($"/Swaps/Create?assignment={rota.Slot("2026-09-30")}");
        await SwapFlowTestsBase.SwapIdAsync(await leaderA.SubmitAsync(form, new Dictionary<string, string> { ["Input.Kind"] = "Cover", ["Input.CounterpartLeaderId"] = b.Id.ToString() }));

        var page = await AskAsync(a, rota.Slot("2026-09-30"), "Swap", counterpartAssignment: rota.Slot("2026-10-08"));
        Assert.Equal("2026-09-30的值班已有一个尚未办结的换班申请。", page.Summary());
        Assert.Single(await App.WithDbAsync(db => db.SwapRequests.Where(r => r.AssignmentId == rota.Slot("2026-09-30")).ToListAsync()));
    }

    [Fact]
    public async Task LeaderAskingAboutAnotherLeadersDuty_Refused()
    {
        var (a, b) = await TwoLeadersAsync();
        var rota = await App.RotaAsync([a, b], [("2026-09-21", 0, a), ("2026-09-22", 0, b)]);
        using var leaderA = await App.LoginAsync(a.UserName);

        var page = await leaderA.GetPageAsync($"/Swaps/Create?assignment={rota.Slot("2026-09-22")}");
        Assert.Equal("您只能为自己的值班申请换班或代班。", page.QuerySelector("main .status-error")!.TextContent.Trim());

        // The form of A's own duty, sent for B's duty.
        var form = await leaderA.GetPageAsync($"/Swaps/Create?assignment={rota.Slot("2026-09-21")}");
        using var response = await leaderA.Http.PostAsync($"/Swaps/Create?assignment={rota.Slot("2026-09-22")}", new FormUrlEncodedContent(
        [
            new("Input.Kind", "Swap"), new("Input.CounterpartAssignmentId", rota.Slot("2026-09-21").ToString()),
            new(AppClient.AntiforgeryField, form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"main input[name={AppClient.AntiforgeryField}]")!.Value),
        ]));
        Assert.Equal("您只能为自己的值班申请换班或代班。", (await response.AssertFormReturnedAsync()).Summary());
        await AssertNoRequestAsync(rota.Slot("2026-09-22"));
    }

    [Fact]
    public async Task MissingChoices_AreShownNextToTheFields()
    {
        var (a, b) = await TwoLeadersAsync();
        var rota = await App.RotaAsync([a, b], [("2026-09-21", 0, a)]);

        var swap = await AskAsync(a, rota.Slot("2026-09-21"), "Swap");
        Assert.Equal("请选择要互换的同事值班。", swap.ErrorFor("Input.CounterpartAssignmentId"));
        var cover = await AskAsync(a, rota.Slot("2026-09-21"), "Cover");
        Assert.Equal("请选择代班的同事。", cover.ErrorFor("Input.CounterpartLeaderId"));
        var stranger = await App.WithDbAsync(db => db.Leaders.Where(l => l.OrgUnit!.Code == "qingshan").Select(l => l.Id).FirstAsync());
        var outsider = await AskAsync(a, rota.Slot("2026-09-21"), "Cover", counterpartLeader: stranger);
        Assert.Equal("请从列表中选择该排班的成员。", outsider.ErrorFor("Input.CounterpartLeaderId"));
        var tooLong = await AskAsync(a, rota.Slot("2026-09-21"), "Cover", counterpartLeader: b.Id, reason: new string('长', 201));
        Assert.Equal("事由最多 200 个字。", tooLong.ErrorFor("Input.Reason"));
        await AssertNoRequestAsync(rota.Slot("2026-09-21"));
    }

    [Fact]
    public async Task Approve_WhenTheColleagueHasSinceGoneOnLeave_IsRefusedAndNothingChanges()
    {
        var (a, b) = await TwoLeadersAsync();
        var rota = await App.RotaAsync([a, b], [("2026-10-12", 0, a)]);
        using var leaderA = await App.LoginAsync(a.UserName);
        var form = await leaderA.GetPageAsync($"/Swaps/Create?assignment={rota.Slot("2026-10-12")}");
        var id = await SwapFlowTestsBase.SwapIdAsync(await leaderA.SubmitAsync(form, new Dictionary<string, string> { ["Input.Kind"] = "Cover", ["Input.CounterpartLeaderId"] = b.Id.ToString() }));
        await App.AddUnavailabilityAsync(b, "2026-10-12", "2026-10-12");

        using var clerk = await App.LoginAsync("clerk");
        var response = await clerk.SubmitAsync(await clerk.GetPageAsync($"/Swaps/Detail/{id}"), button: SwapFlowTestsBase.Handler("Approve"));

        Assert.Equal($"{b.Name}在2026-10-12无法值班（请假、出差、开会或下访）。", (await response.AssertFormReturnedAsync()).Summary());
        Assert.Equal(SwapStatus.Requested, (await App.SwapAsync(id)).Status);
        Assert.Equal(a.Id, (await App.AssignmentAsync(rota.Slot("2026-10-12"))).LeaderId);
        Assert.Equal(1, (await App.RotaMonthAsync(rota.MonthIds[DutyFixture.D("2026-10-01")])).PublishedNumber);
    }

    [Fact]
    public async Task Undo_AfterTheSlotWasChangedByHand_IsRefused()
    {
        var (a, b) = await TwoLeadersAsync();
        var c = (await App.LeadersAsync(1))[0];
        var rota = await App.RotaAsync([a, b, c], [("2026-10-14", 0, a)]);
        using var clerk = await App.LoginAsync("clerk");
        var id = await OnBehalfCoverAsync(clerk, rota.Slot("2026-10-14"), b);
        await App.WithDbAsync(async db => // later a clerk puts C on that day by hand
        {
            (await db.DutyAssignments.SingleAsync(x => x.Id == rota.Slot("2026-10-14"))).Reassign(c.Id, DutySource.Manual, DateTime.UnixEpoch);
            return await db.SaveChangesAsync();
        });

        var response = await clerk.SubmitAsync(await clerk.GetPageAsync($"/Swaps/Detail/{id}"), button: SwapFlowTestsBase.Handler("Undo"));

        Assert.Equal("提出申请后排班已发生变化（该次值班已换了领导），请直接在排班中调整。", (await response.AssertFormReturnedAsync()).Summary());
        Assert.Equal(SwapStatus.Approved, (await App.SwapAsync(id)).Status);
        Assert.Equal(c.Id, (await App.AssignmentAsync(rota.Slot("2026-10-14"))).LeaderId);
    }

    [Fact]
    public async Task Undo_AfterTheDuty_IsRefused()
    {
        // An app of its own: the clock moves on to the day after the duty, and the class's shared clock stays put.
        var own = new DutyApp();
        await own.InitializeAsync();
        try
        {
            var app = own.App;
            var leaders = await app.LeadersAsync(2);
            var (a, b) = (leaders[0], leaders[1]);
            var rota = await app.RotaAsync([a, b], [("2026-09-16", 0, a)]);
            using var clerk = await app.LoginAsync("clerk");
            var id = await OnBehalfCoverAsync(clerk, rota.Slot("2026-09-16"), b);
            own.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 17, 9, 0, 0, TimeSpan.FromHours(8)));

            using var nextDay = await app.LoginAsync("clerk"); // yesterday's sign-in has expired
            var page = await nextDay.GetPageAsync($"/Swaps/Detail/{id}");
            var response = await nextDay.SubmitAsync(page, button: SwapFlowTestsBase.Handler("Undo"));

            Assert.Equal("2026-09-16的值班已经过去，不能再换班或代班。", (await response.AssertFormReturnedAsync()).Summary());
            Assert.Equal(b.Id, (await app.AssignmentAsync(rota.Slot("2026-09-16"))).LeaderId);
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task TownshipClerk_CityRequest_NotFoundAndUnchanged()
    {
        var (a, b) = await TwoLeadersAsync();
        var rota = await App.RotaAsync([a, b], [("2026-10-13", 0, a)]);
        using var leaderA = await App.LoginAsync(a.UserName);
        var form = await leaderA.GetPageAsync($"/Swaps/Create?assignment={rota.Slot("2026-10-13")}");
        var id = await SwapFlowTestsBase.SwapIdAsync(await leaderA.SubmitAsync(form, new Dictionary<string, string> { ["Input.Kind"] = "Cover", ["Input.CounterpartLeaderId"] = b.Id.ToString() }));
        var township = await App.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == "qingshan").Select(o => o.Id).SingleAsync());
        var userName = PageTesting.Unique("qs");
        await App.CreateUserAsync(userName, Roles.Clerk, orgUnitId: township);
        using var townshipClerk = await App.LoginAsync(userName);

        Assert.Equal(HttpStatusCode.NotFound, (await townshipClerk.GetAsync($"/Swaps/Detail/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await townshipClerk.GetAsync($"/Swaps/Create?assignment={rota.Slot("2026-10-13")}")).StatusCode);
        var own = await townshipClerk.GetPageAsync("/Swaps/Index?show=all");
        Assert.Null(own.QuerySelector($"main a[href='/Swaps/Detail/{id}']"));
        var token = own.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[name={AppClient.AntiforgeryField}]")!.Value;
        using var approve = await townshipClerk.Http.PostAsync($"/Swaps/Detail/{id}?handler=Approve",
            new FormUrlEncodedContent([new("Version", "0"), new(AppClient.AntiforgeryField, token)]));

        Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        Assert.Equal(SwapStatus.Requested, (await App.SwapAsync(id)).Status);
        Assert.Equal(a.Id, (await App.AssignmentAsync(rota.Slot("2026-10-13"))).LeaderId);
        Assert.Empty(await App.SwapNotificationsAsync(userName)); // the township clerk is not told about city requests
    }

    private static async Task<int> OnBehalfCoverAsync(AppClient clerk, int slot, TestLeader colleague)
    {
        var form = await clerk.GetPageAsync($"/Swaps/Create?assignment={slot}");
        return await SwapFlowTestsBase.SwapIdAsync(await clerk.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Kind"] = "Cover",
            ["Input.CounterpartLeaderId"] = colleague.Id.ToString(),
        }));
    }

    private async Task<(TestLeader A, TestLeader B)> TwoLeadersAsync()
    {
        var leaders = await App.LeadersAsync(2);
        return (leaders[0], leaders[1]);
    }

    /// <summary>The leader fills in the request form of their duty; the form must come back (refused).</summary>
    private async Task<AngleSharp.Dom.IDocument> AskAsync(TestLeader leader, int slot, string kind, int? counterpartAssignment = null, int? counterpartLeader = null, string? reason = null)
    {
        using var client = await App.LoginAsync(leader.UserName);
        var form = await client.GetPageAsync($"/Swaps/Create?assignment={slot}");
        var values = new Dictionary<string, string> { ["Input.Kind"] = kind };
        if (counterpartAssignment is { } ca) values["Input.CounterpartAssignmentId"] = ca.ToString();
        if (counterpartLeader is { } cl) values["Input.CounterpartLeaderId"] = cl.ToString();
        if (reason is not null) values["Input.Reason"] = reason;
        using var response = await client.SubmitAsync(form, values);
        return await response.AssertFormReturnedAsync();
    }

    private async Task AssertNoRequestAsync(int slot) =>
        Assert.False(await App.WithDbAsync(db => db.SwapRequests.AnyAsync(r => r.AssignmentId == slot || r.CounterpartAssignmentId == slot)));
}
