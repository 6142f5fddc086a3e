using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Cases;

namespace Reception.Web.Tests.Features.Cases;

public sealed class AssignTests(RegisterTestApp fixture) : IClassFixture<RegisterTestApp>
{
    private ReceptionFactory App => fixture.App;

    private Task<int> LeaderOfAsync(string userName) =>
        App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.LeaderId!.Value).SingleAsync());

    private Task<string> UserIdOfAsync(string userName) =>
        App.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private async Task<Dictionary<string, string>> AssignmentAsync(string leaderUser = "leader01") => new()
    {
        ["Input.OwnerLeaderId"] = (await LeaderOfAsync(leaderUser)).ToString(),
        ["Input.HandlingUnitId"] = (await App.OrgIdAsync("rsj")).ToString(),
        ["Input.SupervisorUserId"] = await UserIdOfAsync("supervisor"),
    };

    [Fact]
    public async Task Assign_AcceptedCase_SavesEveryRole_DefaultsStabilityToTheHouseholdLocality_AndTellsTheLeader()
    {
        var identity = RegisterTesting.NewIdentityNumber();
        var id = await App.AddCaseAsync(identityNumber: identity, accept: true, locality: "青山镇松林村");
        var number = (await App.CaseAsync(id)).Number.ToString();
        var songlin = await App.OrgIdAsync("qingshan-02");
        using var client = await App.LoginAsync("clerk");
        var page = await client.GetPageAsync($"/Cases/Assign/{id}");
        Assert.Equal(songlin.ToString(), page.ValueOf("Input.StabilityControlUnitId")); // 松林村, the most specific unit named
        var values = await AssignmentAsync();
        var coHandling = await App.OrgIdAsync("zjj");
        var form = page.QuerySelector($"main form input[name='Input.CoHandlingUnitIds'][value='{coHandling}']")!;
        form.SetAttribute("checked", "checked");

        using var response = await client.SubmitAsync(page, values);

        await response.AssertRedirectToAsync($"/Cases/Details/{id}");
        var c = await App.CaseAsync(id);
        var leader = await LeaderOfAsync("leader01");
        Assert.Equal(CaseState.Assigned, c.State);
        Assert.Equal(leader, c.OwnerLeaderId);
        Assert.Equal(await App.OrgIdAsync("rsj"), c.HandlingUnitId);
        Assert.Equal([coHandling], c.CoHandlingUnitIds);
        Assert.Equal(songlin, c.StabilityControlUnitId);
        Assert.Equal(await UserIdOfAsync("supervisor"), c.SupervisorUserId);
        Assert.Contains(c.Events, e => e.Kind == CaseEventKind.Assigned);
        Assert.Equal("handle", c.ClockCode);

        var leaderUser = await UserIdOfAsync("leader01");
        var note = await App.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == leaderUser && n.Link == $"/Cases/Details/{id}"));
        Assert.Equal($"事项 {number} 已交由您包案", note.Title);
        Assert.Contains(number, note.Body, StringComparison.Ordinal);
        Assert.Contains("征地拆迁", note.Body, StringComparison.Ordinal); // the category
        foreach (var personal in new[] { "李四", identity, "13900001111", "某某路" })
            Assert.DoesNotContain(personal, note.Title + note.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assign_TellsTheHandlersOfEachUnitNewlyGivenTheCase_AndWarnsOfAUnitWithoutAHandlerAccount()
    {
        var id = await App.AddCaseAsync(accept: true);
        var number = (await App.CaseAsync(id)).Number.ToString();
        var coHandling = await App.OrgIdAsync("zjj"); // 住建局: no unit handler account in the demo
        using var client = await App.LoginAsync("clerk");
        var page = await client.GetPageAsync($"/Cases/Assign/{id}");
        Assert.EndsWith("（无经办人账号）", page.QuerySelector($"main select[name='Input.HandlingUnitId'] option[value='{coHandling}']")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("无经办人账号", page.QuerySelector($"main select[name='Input.HandlingUnitId'] option[value='{await App.OrgIdAsync("rsj")}']")!.TextContent, StringComparison.Ordinal);
        page.QuerySelector($"main form input[name='Input.CoHandlingUnitIds'][value='{coHandling}']")!.SetAttribute("checked", "checked");

        using var response = await client.SubmitAsync(page, await AssignmentAsync());

        await response.AssertRedirectToAsync($"/Cases/Details/{id}");
        var details = await client.GetPageAsync($"/Cases/Details/{id}");
        var status = details.QuerySelector(".status")!;
        Assert.Contains("注意：住房和城乡建设局没有启用的责任单位经办人账号", status.TextContent, StringComparison.Ordinal);
        var handler = await UserIdOfAsync("unit"); // 人社局's handler
        var note = await App.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == handler && n.Link == $"/Cases/Details/{id}"));
        Assert.Equal($"案件 {number} 已交办你单位", note.Title);
        Assert.Contains("作为办理责任单位", note.Body, StringComparison.Ordinal);

        // Reassigning to the same units tells nobody again.
        var again = await client.GetPageAsync($"/Cases/Assign/{id}");
        using (var second = await client.SubmitAsync(again, await AssignmentAsync())) await second.AssertRedirectToAsync($"/Cases/Details/{id}");
        Assert.Equal(1, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == handler && n.Link == $"/Cases/Details/{id}")));
    }

    [Fact]
    public async Task Assign_BeforeAcceptance_IsRefusedWithTheCasesMessage()
    {
        var id = await App.AddCaseAsync();
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync($"/Cases/Assign/{id}");
        using var response = await client.PostFormAsync($"/Cases/Assign/{id}", [.. await AssignmentAsync(), new("Input.Version", "0")]);

        Assert.Equal("事项须先受理，才能交办。", page.QuerySelector("[data-refusal]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("main form select[name='Input.OwnerLeaderId']"));
        Assert.Contains("事项须先受理，才能交办。", (await response.AssertFormReturnedAsync()).Summary(), StringComparison.Ordinal);
        var c = await App.CaseAsync(id);
        Assert.Equal((CaseState.Registered, (int?)null), (c.State, c.OwnerLeaderId));
    }

    [Fact]
    public async Task Assign_TwoClerksAtOnce_TheSecondGetsTheStaleEditMessage_AndTheFirstsChoiceStays()
    {
        var id = await App.AddCaseAsync(accept: true);
        using var first = await App.LoginAsync("clerk");
        using var second = await App.LoginAsync("clerk");
        var firstPage = await first.GetPageAsync($"/Cases/Assign/{id}");
        var secondPage = await second.GetPageAsync($"/Cases/Assign/{id}");

        using var firstResponse = await first.SubmitAsync(firstPage, await AssignmentAsync("leader02"));
        using var secondResponse = await second.SubmitAsync(secondPage, await AssignmentAsync("leader03"));

        await firstResponse.AssertRedirectToAsync($"/Cases/Details/{id}");
        Assert.Contains("其他人修改了这条记录", (await secondResponse.AssertFormReturnedAsync()).Summary(), StringComparison.Ordinal);
        var c = await App.CaseAsync(id);
        Assert.Equal(await LeaderOfAsync("leader02"), c.OwnerLeaderId);
        Assert.Single(c.Events, e => e.Kind is CaseEventKind.Assigned or CaseEventKind.Reassigned);
        var leader03 = await UserIdOfAsync("leader03");
        Assert.False(await App.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == leader03 && n.Link == $"/Cases/Details/{id}")));
    }

    [Fact]
    public async Task Assign_CaseOutsideTheScope_IsNotFound()
    {
        var (_, code, _) = await App.AddOtherCityAsync();
        var id = await App.AddCaseAsync(code, accept: true);
        using var client = await App.LoginAsync("clerk");

        using var get = await client.GetAsync($"/Cases/Assign/{id}");
        using var post = await client.PostFormAsync("/", [.. await AssignmentAsync(), new("Input.Version", "0")], action: $"/Cases/Assign/{id}");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null((await App.CaseAsync(id)).OwnerLeaderId);
    }

    [Fact]
    public async Task Assign_TamperedChoicesFromAnotherScope_AreRefusedNextToTheirFields()
    {
        var (otherUnit, _, otherLeader) = await App.AddOtherCityAsync();
        var id = await App.AddCaseAsync(accept: true);
        using var client = await App.LoginAsync("clerk");
        var values = await AssignmentAsync();
        values["Input.OwnerLeaderId"] = otherLeader.ToString();
        values["Input.HandlingUnitId"] = otherUnit.ToString();
        values["Input.SupervisorUserId"] = await UserIdOfAsync("admin");

        using var response = await client.OpenAndSubmitAsync($"/Cases/Assign/{id}", values);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请从列表中选择领导。", page.ErrorFor("Input.OwnerLeaderId"));
        Assert.Equal("请从列表中选择单位。", page.ErrorFor("Input.HandlingUnitId"));
        Assert.Equal("请从列表中选择督查专员。", page.ErrorFor("Input.SupervisorUserId"));
        var c = await App.CaseAsync(id);
        Assert.Equal((CaseState.Accepted, (int?)null), (c.State, c.OwnerLeaderId));
    }

    [Fact]
    public async Task Assign_AssignedCase_IsReassignedAndOnlyANewOwnerIsTold()
    {
        var id = await App.AddCaseAsync(accept: true);
        using var client = await App.LoginAsync("clerk");
        using (var first = await client.OpenAndSubmitAsync($"/Cases/Assign/{id}", await AssignmentAsync("leader04")))
            await first.AssertRedirectToAsync($"/Cases/Details/{id}");

        var page = await client.GetPageAsync($"/Cases/Assign/{id}");
        Assert.Equal((await LeaderOfAsync("leader04")).ToString(), page.ValueOf("Input.OwnerLeaderId"));
        using var second = await client.SubmitAsync(page, await AssignmentAsync("leader05"));

        await second.AssertRedirectToAsync($"/Cases/Details/{id}");
        var c = await App.CaseAsync(id);
        Assert.Equal((CaseState.Assigned, await LeaderOfAsync("leader05")), (c.State, c.OwnerLeaderId));
        Assert.Contains(c.Events, e => e.Kind == CaseEventKind.Reassigned);
        var leader05 = await UserIdOfAsync("leader05");
        Assert.True(await App.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == leader05 && n.Link == $"/Cases/Details/{id}")));
    }

    [Theory]
    [InlineData("leader01")]
    [InlineData("unit")]
    [InlineData("supervisor")]
    [InlineData("admin")]
    public async Task Assign_OtherRoles_AreForbidden(string user)
    {
        var id = await App.AddCaseAsync(accept: true);
        using var client = await App.LoginAsync(user);

        using var get = await client.GetAsync($"/Cases/Assign/{id}");
        using var post = await client.PostFormAsync("/", [.. await AssignmentAsync(), new("Input.Version", "0")], action: $"/Cases/Assign/{id}");

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Null((await App.CaseAsync(id)).OwnerLeaderId);
    }
}
