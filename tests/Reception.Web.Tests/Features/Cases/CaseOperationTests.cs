using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Web.Authorization;

namespace Reception.Web.Tests.Features.Cases;

/// <summary>The lifecycle operations of the case page, through real HTTP over a real database.</summary>
public sealed class CaseOperationTests(CaseDemoApp demo) : IClassFixture<CaseDemoApp>
{
    private const string StaleMessage = "其他人修改了这条记录";

    [Fact]
    public async Task Reply_BeforeAcceptance_IsRefusedWithTheChineseMessage_KeepsTheText_AndSavesNothing()
    {
        var id = await demo.AddCaseAsync();
        var before = await demo.CaseAsync(id);
        using var clerk = await demo.App.LoginAsync("clerk");

        using var response = await clerk.PostHandlerAsync(id, "Reply", new Dictionary<string, string>
        {
            ["Input.ReplyText"] = "经核实，补偿款将于月底前发放。",
            ["Input.ReplyDate"] = "2026-11-02",
        });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("事项受理前不能记录答复。", page.ErrorFor("Input.ReplyText"));
        Assert.Equal("经核实，补偿款将于月底前发放。", page.ValueOf("Input.ReplyText"));
        var after = await demo.CaseAsync(id);
        Assert.Equal(CaseState.Registered, after.State);
        Assert.Null(after.ReplyText);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Events.Count, after.Events.Count);
    }

    [Fact]
    public async Task Reply_DatedInTheFuture_IsRefused()
    {
        var id = await demo.AddCaseAsync(CaseTesting.InProgress);
        using var unit = await demo.App.LoginAsync("unit");

        using var response = await unit.ActAsync(id, "Reply", new Dictionary<string, string>
        {
            ["Input.ReplyText"] = "答复意见",
            ["Input.ReplyDate"] = "2026-11-03",
        });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("日期不能晚于今天。", page.ErrorFor("Input.ReplyText"));
        Assert.Equal(CaseState.InProgress, (await demo.CaseAsync(id)).State);
    }

    [Fact]
    public async Task RequestExtension_Second_IsRefused()
    {
        var id = await demo.AddCaseAsync((c, w) =>
        {
            CaseTesting.InProgress(c, w);
            CaseTesting.Ok(c.RequestExtension(10, "需要补充调查取证", w.UnitHandler, w.Now));
            CaseTesting.Ok(c.ApproveExtension(w.Clerk, w.Now));
        });
        using var unit = await demo.App.LoginAsync("unit");
        var shown = await unit.GetPageAsync($"/Cases/Details/{id}");
        Assert.Null(shown.QuerySelector("main form[data-operation=RequestExtension]")); // not offered again
        Assert.Contains("已延期 10 日。", shown.QuerySelector("tr[data-clock=handle]")!.TextContent, StringComparison.Ordinal);

        using var response = await unit.PostHandlerAsync(id, "RequestExtension", new Dictionary<string, string>
        {
            ["Input.ExtensionDays"] = "5",
            ["Input.ExtensionReason"] = "再次延期",
        });

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("该事项已延期过一次。", page.ErrorFor("Input.ExtensionReason"));
        Assert.Equal("再次延期", page.ValueOf("Input.ExtensionReason"));
        var c = await demo.CaseAsync(id);
        Assert.Equal(10, c.ExtensionDays);
        Assert.Null(c.ExtensionRequestedDays);
        Assert.Single(c.Events, e => e.Kind == CaseEventKind.ExtensionRequested);
    }

    [Fact]
    public async Task StaleEdit_TwoClerks_TheSecondIsRefused_AndTheFirstIsKept()
    {
        var id = await demo.AddCaseAsync(CaseTesting.InProgress);
        var second = await demo.App.CreateUserAsync(PageTesting.Unique("clerk"), Roles.Clerk);
        using var clerkA = await demo.App.LoginAsync("clerk");
        using var clerkB = await demo.App.LoginAsync(second.UserName!);
        var pageA = await clerkA.GetPageAsync($"/Cases/Details/{id}");
        var pageB = await clerkB.GetPageAsync($"/Cases/Details/{id}");

        using (var first = await clerkA.SubmitAsync(pageA, new Dictionary<string, string> { ["Input.Progress"] = "甲：已约谈信访人" }, form: "main form[data-operation=AddProgress]"))
            await first.AssertRedirectToAsync($"/Cases/Details/{id}");
        using var response = await clerkB.SubmitAsync(pageB, new Dictionary<string, string> { ["Input.Progress"] = "乙：已实地核查" }, form: "main form[data-operation=AddProgress]");

        var page = await response.AssertFormReturnedAsync();
        Assert.Contains(StaleMessage, page.Summary(), StringComparison.Ordinal);
        Assert.Equal("乙：已实地核查", page.ValueOf("Input.Progress"));
        Assert.Contains("甲：已约谈信访人", page.QuerySelector("table.timeline")!.TextContent, StringComparison.Ordinal); // the page now shows the current case
        var progress = (await demo.CaseAsync(id)).Events.Where(e => e.Kind == CaseEventKind.ProgressAdded).Select(e => e.After).ToList();
        Assert.Equal(["甲：已约谈信访人"], progress);
    }

    [Fact]
    public async Task RecordObjection_WithinFiveWorkingDays_IsRecorded_AfterThem_IsRefused_CountingTheMakeUpWorkingDay()
    {
        // Transferred on Friday 2026-09-18. Sunday 09-20 is a make-up working day (调休) before 中秋/国庆, so the five working
        // days are 09-20, 21, 22, 23 and 24: the last day is Thursday 09-24 (a Monday–Friday count would wrongly allow 09-25).
        await using var demo = await AppFixture.StartAsync(app => app.At(2026, 9, 18, 10));
        void Transfer(PetitionCase c, CaseWorld w) => CaseTesting.Ok(c.Transfer(w.Rsj, w.Clerk, w.Now));
        var inTime = await demo.AddCaseAsync(Transfer);
        var late = await demo.AddCaseAsync(Transfer);
        var reason = new Dictionary<string, string> { ["Input.ObjectionReason"] = "该事项属于自然资源局职责" };

        demo.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 24, 17, 0, 0, TimeSpan.FromHours(8)));
        using var unit = await demo.App.LoginAsync("unit"); // signed in "now": a sign-in cookie does not last for days
        var shown = await unit.GetPageAsync($"/Cases/Details/{inTime}");
        Assert.Contains("2026-09-24", shown.QuerySelector("main form[data-operation=RecordObjection]")!.TextContent, StringComparison.Ordinal);
        using (var ok = await unit.ActAsync(inTime, "RecordObjection", reason))
            await ok.AssertRedirectToAsync($"/Cases/Details/{inTime}");

        demo.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 25, 9, 0, 0, TimeSpan.FromHours(8)));
        using var unitNextDay = await demo.App.LoginAsync("unit");
        var lateShown = await unitNextDay.GetPageAsync($"/Cases/Details/{late}");
        Assert.Null(lateShown.QuerySelector("main form[data-operation=RecordObjection]"));
        using var refused = await unitNextDay.PostHandlerAsync(late, "RecordObjection", reason);

        var page = await refused.AssertFormReturnedAsync();
        Assert.Equal("对本次转送提出异议的期限已于 2026-09-24 届满，不能再提出异议。", page.ErrorFor("Input.ObjectionReason"));
        Assert.Equal("该事项属于自然资源局职责", (await demo.CaseAsync(inTime)).ObjectionReason);
        var lateCase = await demo.CaseAsync(late);
        Assert.Null(lateCase.ObjectionReason);
        Assert.DoesNotContain(lateCase.Events, e => e.Kind == CaseEventKind.ObjectionRecorded);
        // The receiving unit may still accept it.
        using (var accepted = await unitNextDay.ActAsync(late, "Accept"))
            await accepted.AssertRedirectToAsync($"/Cases/Details/{late}");
        Assert.Equal(CaseState.Accepted, (await demo.CaseAsync(late)).State);
    }

    [Fact]
    public async Task Instruction_ReachesTheClerksAndTheHandlingUnit_AndShowsAtTheTopOfTheCasePage()
    {
        var id = await demo.AddCaseAsync();
        await demo.ChangeCaseAsync(id, (c, w) => CaseTesting.Ok(c.Accept(w.Clerk, w.Now)));
        await demo.ChangeCaseAsync(id, (c, w) => CaseTesting.Ok(c.Assign(w.Leader01, w.Rsj, [], null, null, w.Clerk, w.Now)));
        var number = (await demo.CaseAsync(id)).Number.ToString();
        using var leader = await demo.App.LoginAsync("leader01");

        using (var response = await leader.ActAsync(id, "AddInstruction", new Dictionary<string, string> { ["Input.Instruction"] = "请人社局十日内拿出方案，信访人电话13812345678" }))
            await response.AssertRedirectToAsync($"/Cases/Details/{id}");

        var link = $"/Cases/Details/{id}";
        var notes = await demo.App.WithDbAsync(db => (from n in db.Notifications.AsNoTracking()
                                                      join u in db.Users on n.UserId equals u.Id
                                                      where n.Link == link && n.Kind == "instruction"
                                                      select new { u.UserName, n.Title, n.Body, n.ReadAtUtc }).ToListAsync());
        Assert.Contains(notes, n => n.UserName == "clerk");
        Assert.Contains(notes, n => n.UserName == "unit");
        Assert.DoesNotContain(notes, n => n.UserName == "leader01");
        var note = notes.First(n => n.UserName == "unit");
        Assert.Equal($"案件 {number} 有领导批示", note.Title);
        Assert.StartsWith($"张建国对案件 {number}（", note.Body, StringComparison.Ordinal);
        Assert.EndsWith("）作出批示：请人社局十日内拿出方案，信访人电话" + PrivacyMask.FreeText("13812345678"), note.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(notes, n => n.Body.Contains("13812345678", StringComparison.Ordinal)); // mail and in-app notices never carry the number

        using var unit = await demo.App.LoginAsync("unit");
        var page = await unit.GetPageAsync(link);
        var top = page.QuerySelector("main [data-section=instructions]")!;
        Assert.Contains("请人社局十日内拿出方案", top.QuerySelector("[data-instruction]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("张建国", top.TextContent, StringComparison.Ordinal);
        // At the top: before the intake section.
        var main = page.QuerySelector("main")!.InnerHtml;
        Assert.True(main.IndexOf("data-section=\"instructions\"", StringComparison.Ordinal) < main.IndexOf("intake-title", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HappyPath_AcceptAssignStartProgressReplyEvaluateClose_TimelineShowsEachStep()
    {
        var id = await demo.AddCaseAsync();
        using var clerk = await demo.App.LoginAsync("clerk");
        using var unit = await demo.App.LoginAsync("unit");
        using var leader = await demo.App.LoginAsync("leader01");

        await Step(clerk, "Accept", null, "事项已受理。");
        await demo.ChangeCaseAsync(id, (c, w) => CaseTesting.Ok(c.Assign(w.Leader01, w.Rsj, [w.Zrzyj], null, null, w.Clerk, w.Now)));
        await Step(unit, "StartHandling", null, "已开始办理。");
        await Step(unit, "AddProgress", new() { ["Input.Progress"] = "已约谈信访人，核实补偿标准" }, "办理进展已记录。");
        await Step(leader, "AddInstruction", new() { ["Input.Instruction"] = "请人社局依法依规尽快答复" }, "批示已记录。");
        await Step(unit, "Reply", new() { ["Input.ReplyText"] = "补偿款已于本月发放到位。", ["Input.ReplyDate"] = "2026-11-02" }, "答复已记录。");
        await Step(unit, "Evaluate", new() { ["Input.Evaluation"] = nameof(Evaluation.Satisfied) }, "评价已记录。");
        await Step(clerk, "Close", null, "事项已办结。");

        var c = await demo.CaseAsync(id);
        Assert.Equal(CaseState.Closed, c.State);
        Assert.Equal(Evaluation.Satisfied, c.Evaluation);
        Assert.Null(c.Colour); // no clock runs after the reply
        var page = await clerk.GetPageAsync($"/Cases/Details/{id}");
        Assert.Equal("办结", page.QuerySelector("h1 [data-state]")!.TextContent.Trim());
        var rows = page.QuerySelectorAll("table.timeline tbody tr").Where(r => r.GetAttribute("data-event") != nameof(CaseEventKind.ColourChanged)).ToList();
        Assert.Equal(
            ["Registered", "Accepted", "Assigned", "HandlingStarted", "ProgressAdded", "InstructionAdded", "Replied", "Evaluated", "Closed"],
            rows.Select(r => r.GetAttribute("data-event")));
        string Row(string kind) => CaseTesting.Normalize(rows.Single(r => r.GetAttribute("data-event") == kind).TextContent);
        Assert.Contains("登记 → 受理", Row("Accepted"), StringComparison.Ordinal);
        Assert.Contains("包案领导：张建国（市委书记）", Row("Assigned"), StringComparison.Ordinal);
        Assert.Contains("人力资源和社会保障局", Row("Assigned"), StringComparison.Ordinal);
        Assert.Contains("协办单位：自然资源局", Row("Assigned"), StringComparison.Ordinal);
        Assert.Contains("马俊（人社局）", Row("ProgressAdded"), StringComparison.Ordinal);
        Assert.Contains("已约谈信访人，核实补偿标准", Row("ProgressAdded"), StringComparison.Ordinal);
        Assert.Contains("张建国（市委书记）：请人社局依法依规尽快答复", Row("InstructionAdded"), StringComparison.Ordinal);
        Assert.Contains("补偿款已于本月发放到位。", Row("Replied"), StringComparison.Ordinal);
        Assert.Contains("评价：满意", Row("Evaluated"), StringComparison.Ordinal);
        Assert.Contains("评价 → 办结", Row("Closed"), StringComparison.Ordinal);
        // The handling clock was met in time, and the petitioner's review window runs 30 days from the reply.
        Assert.Equal("MetInTime", page.QuerySelector("tr[data-clock=handle]")!.GetAttribute("data-status"));
        Assert.Equal("信访人可在 2026-12-02 前申请复查。", CaseTesting.Normalize(page.QuerySelector("[data-field=appeal-window]")!.TextContent));

        async Task Step(AppClient client, string operation, Dictionary<string, string>? values, string message)
        {
            using var response = await client.ActAsync(id, operation, values);
            await response.AssertRedirectToAsync($"/Cases/Details/{id}");
            Assert.Equal(message, (await client.GetPageAsync($"/Cases/Details/{id}")).StatusMessage());
        }
    }

    [Fact]
    public async Task FileAppeal_Review_CreatesALinkedCaseWithItsOwnNumberAndClock()
    {
        var id = await demo.AddCaseAsync((c, w) =>
        {
            CaseTesting.InProgress(c, w);
            CaseTesting.Ok(c.Reply("答复意见", new DateOnly(2026, 11, 2), w.UnitHandler, w.Now));
            CaseTesting.Ok(c.Evaluate(Evaluation.Dissatisfied, w.Clerk, w.Now));
        });
        var city = await demo.App.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == "demo").Select(o => o.Id).SingleAsync());
        using var clerk = await demo.App.LoginAsync("clerk");

        using var response = await clerk.ActAsync(id, "FileAppeal", new Dictionary<string, string>
        {
            ["Input.AppealUnitId"] = city.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.AppealChannel"] = nameof(Channel.Letter),
            ["Input.AppealRequestedOn"] = "2026-11-02",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var appealId = int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(id, appealId);
        var appeal = await demo.CaseAsync(appealId);
        var original = await demo.CaseAsync(id);
        Assert.Equal(id, appeal.ParentCaseId);
        Assert.Equal(AppealLevel.Review, appeal.AppealLevel);
        Assert.Equal(CaseState.Registered, appeal.State);
        Assert.StartsWith("demo-2026-", appeal.Number.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(original.Number, appeal.Number);
        Assert.Equal(DeadlineRules.Route, appeal.ClockCode);
        Assert.Equal(new DateOnly(2026, 11, 17), appeal.DueOn);
        Assert.Equal(SupervisionColour.Green, appeal.Colour);
        Assert.True(original.IsAppealed);
        Assert.Contains(original.Events, e => e.Kind == CaseEventKind.AppealFiled);

        var page = await clerk.GetPageAsync($"/Cases/Details/{appealId}");
        Assert.Equal($"复查/复核申请已登记为事项 {appeal.Number}。", page.StatusMessage());
        Assert.Equal($"/Cases/Details/{id}", page.QuerySelector("[data-related=AppealOf] a")!.GetAttribute("href"));
        Assert.Equal("复查", page.QuerySelector("[data-field=appeal-level]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("tr[data-clock=route][data-status=Running]"));

        // Accepted, the review runs on its own clock: 30 days from the request (Art. 35).
        using (var accepted = await clerk.ActAsync(appealId, "Accept"))
            await accepted.AssertRedirectToAsync($"/Cases/Details/{appealId}");
        appeal = await demo.CaseAsync(appealId);
        Assert.Equal(DeadlineRules.ReviewAnswer, appeal.ClockCode);
        Assert.Equal(new DateOnly(2026, 12, 2), appeal.DueOn);
        var accepted2 = await clerk.GetPageAsync($"/Cases/Details/{appealId}");
        Assert.Equal("《信访工作条例》第三十五条", accepted2.QuerySelector("tr[data-clock=review-answer] [data-field=article]")!.TextContent.Trim());
        var originalPage = await clerk.GetPageAsync($"/Cases/Details/{id}");
        Assert.Equal($"/Cases/Details/{appealId}", originalPage.QuerySelector("[data-related=Appeal] a")!.GetAttribute("href"));
        Assert.Null(originalPage.QuerySelector("main form[data-operation=FileAppeal]")); // once per case
    }

    [Fact]
    public async Task SetListed_BySupervisor_MakesTheCaseRed_AndTakingItOffTheListRestoresTheColour()
    {
        var id = await demo.AddCaseAsync(CaseTesting.InProgress);
        Assert.Equal(SupervisionColour.Green, (await demo.CaseAsync(id)).Colour);
        using var supervisor = await demo.App.LoginAsync("supervisor");

        using (var listed = await supervisor.ActAsync(id, "SetListed", new Dictionary<string, string> { ["Input.ListingReason"] = "群众反映强烈，挂牌督办" }))
            await listed.AssertRedirectToAsync($"/Cases/Details/{id}");

        var c = await demo.CaseAsync(id);
        Assert.True(c.IsListed);
        Assert.Equal(SupervisionColour.Red, c.Colour);
        var page = await supervisor.GetPageAsync($"/Cases/Details/{id}");
        Assert.Equal("Red", page.QuerySelector("h1 [data-colour]")!.GetAttribute("data-colour"));
        Assert.Contains("群众反映强烈，挂牌督办", page.QuerySelector("tr[data-event=Listed]")!.TextContent, StringComparison.Ordinal);

        using (var unlisted = await supervisor.ActAsync(id, "SetListed"))
            await unlisted.AssertRedirectToAsync($"/Cases/Details/{id}");
        Assert.Equal(SupervisionColour.Green, (await demo.CaseAsync(id)).Colour);
    }

    [Fact]
    public async Task ExtensionRequestedByTheClerk_TheClerkCannotApproveIt_TheSupervisorDoes()
    {
        var id = await demo.AddCaseAsync(CaseTesting.InProgress);
        using var clerk = await demo.App.LoginAsync("clerk");
        using (var requested = await clerk.PostHandlerAsync(id, "RequestExtension", new Dictionary<string, string>
               {
                   ["Input.ExtensionDays"] = "10",
                   ["Input.ExtensionReason"] = "需要补充调查取证",
               }))
            await requested.AssertRedirectToAsync($"/Cases/Details/{id}");

        var shown = await clerk.GetPageAsync($"/Cases/Details/{id}");
        Assert.Null(shown.QuerySelector("main form[data-operation=ApproveExtension]"));
        using (var own = await clerk.PostHandlerAsync(id, "ApproveExtension", new Dictionary<string, string>()))
            Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Null((await demo.CaseAsync(id)).ExtensionDays);

        using var supervisor = await demo.App.LoginAsync("supervisor");
        Assert.NotNull((await supervisor.GetPageAsync($"/Cases/Details/{id}")).QuerySelector("main form[data-operation=ApproveExtension]"));
        using (var approved = await supervisor.PostHandlerAsync(id, "ApproveExtension", new Dictionary<string, string>()))
            await approved.AssertRedirectToAsync($"/Cases/Details/{id}");
        Assert.Equal(10, (await demo.CaseAsync(id)).ExtensionDays);
    }

    [Fact]
    public async Task Operations_OfAnotherRole_AreForbidden_AndChangeNothing()
    {
        var id = await demo.AddCaseAsync(CaseTesting.InProgress);
        using var leader = await demo.App.LoginAsync("leader01");
        using var unit = await demo.App.LoginAsync("unit");
        using var clerk = await demo.App.LoginAsync("clerk");

        using var reply = await leader.PostHandlerAsync(id, "Reply", new Dictionary<string, string> { ["Input.ReplyText"] = "领导代答", ["Input.ReplyDate"] = "2026-11-02" });
        using var listed = await clerk.PostHandlerAsync(id, "SetListed", new Dictionary<string, string> { ["Input.Listed"] = "true", ["Input.ListingReason"] = "x" });
        using var flag = await unit.PostHandlerAsync(id, "SetFlag", new Dictionary<string, string> { ["Input.Flag"] = "Key", ["Input.FlagOn"] = "true" });
        using var instruction = await clerk.PostHandlerAsync(id, "AddInstruction", new Dictionary<string, string> { ["Input.Instruction"] = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, reply.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, listed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, flag.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, instruction.StatusCode);
        var c = await demo.CaseAsync(id);
        Assert.Equal(CaseState.InProgress, c.State);
        Assert.False(c.IsListed);
        Assert.False(c.Flags.HasFlag(CaseFlags.Key));
    }

    [Fact]
    public async Task FlagsAndChecklist_ClerkMarksKey_OwningLeaderTicksAnItem()
    {
        var id = await demo.AddCaseAsync(CaseTesting.InProgress);
        using var clerk = await demo.App.LoginAsync("clerk");
        using var leader = await demo.App.LoginAsync("leader01");

        using (var key = await clerk.ActAsync(id, "SetFlag", extraSelector: "[data-flag=Key]"))
            await key.AssertRedirectToAsync($"/Cases/Details/{id}");
        var shown = await leader.GetPageAsync($"/Cases/Details/{id}");
        var item = shown.QuerySelector("main form[data-operation=SetChecklistItem]")!.GetAttribute("data-item")!;
        using (var tick = await leader.ActAsync(id, "SetChecklistItem", extraSelector: $"[data-item='{item}']"))
            await tick.AssertRedirectToAsync($"/Cases/Details/{id}");

        var c = await demo.CaseAsync(id);
        Assert.True(c.Flags.HasFlag(CaseFlags.Key));
        Assert.Contains(c.Checklist, e => e.ItemId.ToString(System.Globalization.CultureInfo.InvariantCulture) == item && e.IsDone);
        var page = await clerk.GetPageAsync($"/Cases/Details/{id}");
        Assert.Equal("重点", page.QuerySelector(".case-header [data-flag=Key]")!.TextContent.Trim());
        Assert.Equal("true", page.QuerySelector($"li[data-item='{item}']")!.GetAttribute("data-done"));
        Assert.Contains("张建国", page.QuerySelector($"li[data-item='{item}']")!.TextContent, StringComparison.Ordinal);
    }
}
