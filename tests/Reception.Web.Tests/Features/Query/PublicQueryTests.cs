using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Cases;
using Reception.Web.Infrastructure;

namespace Reception.Web.Tests.Features.Query;

/// <summary>A demo app at Sunday 2026-11-22 09:00 China time, with a rate limit high enough for the tests that share it.</summary>
public sealed class PublicQueryApp() : AppFixture(app => app.At(2026, 11, 22).Setting("Reception:PublicQuery:PermitLimit", "1000"));

/// <summary>
/// The petitioner's public page (issue 17 items 6 and 7): the number and query code show the matter without staff names or
/// anyone's personal data; a wrong number and a wrong code are answered alike; the address is rate-limited; the petitioner
/// evaluates once after the reply, and a 不满意 shows on the case and the clerk's agenda.
/// </summary>
public sealed class PublicQueryTests(PublicQueryApp fixture) : IClassFixture<PublicQueryApp>
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private ReceptionFactory App => fixture.App;

    [Fact]
    public async Task RightNumberAndCode_ShowStageUnitsDeadlinesAndSteps_WithoutStaffNamesOrPersonalData()
    {
        var (id, number) = await App.RepliedCaseAsync(Today.AddDays(-20));
        var code = await App.IssueCodeAsync(id);
        using var anonymous = App.CreateAppClient();

        using var response = await anonymous.QueryAsync(number.ToUpperInvariant(), QueryCode.Display(code).ToLowerInvariant()); // typed loosely

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("答复", page.QuerySelector("[data-field=stage]")!.TextContent.Trim());
        Assert.Equal("人力资源和社会保障局", page.QuerySelector("[data-field=units]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("[data-field=clocks] tr[data-clock=handle]"));
        var steps = page.QuerySelectorAll("[data-field=steps] li").Select(li => li.GetAttribute("data-kind")).ToList();
        Assert.Equal(["Registered", "Accepted", "Assigned", "HandlingStarted", "Replied"], steps);
        Assert.Contains("2026-11-21", page.QuerySelector("[data-field=reply-date]")!.TextContent);
        var text = page.Body!.TextContent;
        foreach (var secret in new[] { PublicQueryTesting.Leader, PublicQueryTesting.Petitioner, PublicQueryTesting.IdentityNumber, PublicQueryTesting.Phone, "补偿款已于本月发放", "clerk", "unit" })
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        foreach (var staff in await App.WithDbAsync(db => db.Users.Select(u => u.DisplayName).ToListAsync()))
            Assert.DoesNotContain(staff, text, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore); // the code is in the page: never cached
        Assert.NotNull(page.QuerySelector("form[data-field=evaluate-form]")); // replied, not yet evaluated
    }

    [Fact]
    public async Task WrongCode_WrongNumber_NoCode_AreAnsweredAlike()
    {
        var (id, number) = await App.RepliedCaseAsync(Today.AddDays(-20));
        var code = await App.IssueCodeAsync(id);
        var (withoutCode, withoutCodeNumber) = await App.RepliedCaseAsync(Today.AddDays(-20));
        Assert.True(withoutCode > 0);
        var wrong = code[0] == 'A' ? "B" + code[1..] : "A" + code[1..];
        using var anonymous = App.CreateAppClient();

        var answers = new List<(HttpStatusCode Status, string Summary, bool Matter)>();
        foreach (var (n, c) in new[] { (number, wrong), ("demo-2026-999999", code), ("not a number", code), (withoutCodeNumber, code), (number, "ABC") })
        {
            using var response = await anonymous.QueryAsync(n, c);
            var page = await AppClient.ParseAsync(response);
            answers.Add((response.StatusCode, page.Summary(), page.QuerySelector("[data-field=matter]") is not null));
        }

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, "没有与该事项编号和查询码相符的信访事项，请对照回执核对后重试。", false), a));
        using var right = await anonymous.QueryAsync(number, code);
        Assert.NotNull((await AppClient.ParseAsync(right)).QuerySelector("[data-field=matter]"));
    }

    [Fact]
    public async Task TheCodeIsStoredOnlyAsASaltedHash_AndANewCodeInvalidatesTheOld()
    {
        var (id, number) = await App.RepliedCaseAsync(Today.AddDays(-20));
        var first = await App.IssueCodeAsync(id);
        var stored = await App.WithDbAsync(db => db.CaseQueryCodes.Where(q => q.PetitionCaseId == id).Select(q => q.Hash).SingleAsync());
        Assert.DoesNotContain(first, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(QueryCode.Display(first), stored, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("pbkdf2-sha256$", stored, StringComparison.Ordinal);

        var second = await App.IssueCodeAsync(id);
        using var anonymous = App.CreateAppClient();
        using (var old = await anonymous.QueryAsync(number, first))
            Assert.Null((await AppClient.ParseAsync(old)).QuerySelector("[data-field=matter]"));
        using (var current = await anonymous.QueryAsync(number, second))
            Assert.NotNull((await AppClient.ParseAsync(current)).QuerySelector("[data-field=matter]"));
        Assert.Equal(1, await App.WithDbAsync(db => db.CaseQueryCodes.CountAsync(q => q.PetitionCaseId == id)));
    }

    [Fact]
    public async Task EvaluationIsValidated_AndKeepsWhatWasTyped()
    {
        var (id, number) = await App.RepliedCaseAsync(Today.AddDays(-20));
        var code = await App.IssueCodeAsync(id);
        using var anonymous = App.CreateAppClient();
        var page = await (await anonymous.QueryAsync(number, code)).AssertFormReturnedAsync();

        using var none = await anonymous.SubmitAsync(page, new Dictionary<string, string> { ["Evaluation.Comment"] = "态度很好" }, form: "form[data-field=evaluate-form]");
        var back = await none.AssertFormReturnedAsync();
        Assert.Equal("请选择满意程度。", back.ErrorFor("Evaluation.Value"));
        Assert.Equal("态度很好", back.QuerySelector("textarea[name='Evaluation.Comment']")!.TextContent);

        using var tooLong = await anonymous.SubmitAsync(page, new Dictionary<string, string> { ["Evaluation.Value"] = "Satisfied", ["Evaluation.Comment"] = new string('长', 501) },
            form: "form[data-field=evaluate-form]");
        Assert.NotEqual("", (await tooLong.AssertFormReturnedAsync()).ErrorFor("Evaluation.Comment"));
        Assert.Null(await App.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.Evaluation).SingleAsync()));
    }

    [Fact]
    public async Task ACaseNotYetReplied_OffersNoEvaluation_AndRefusesOne()
    {
        var (id, number) = await App.RepliedCaseAsync(Today.AddDays(-20), replied: false);
        var code = await App.IssueCodeAsync(id);
        using var anonymous = App.CreateAppClient();
        var page = await (await anonymous.QueryAsync(number, code)).AssertFormReturnedAsync();
        Assert.Null(page.QuerySelector("form[data-field=evaluate-form]"));
        Assert.Equal("办理中", page.QuerySelector("[data-field=stage]")!.TextContent.Trim());

        using var forced = await anonymous.PostFormAsync("/query", new Dictionary<string, string>
        {
            ["Input.Number"] = number, ["Input.Code"] = code, ["Evaluation.Value"] = "Satisfied",
        }, "/query?handler=Evaluate");
        Assert.Equal("收到书面答复后方可评价。", (await forced.AssertFormReturnedAsync()).Summary());
        Assert.Null(await App.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.Evaluation).SingleAsync()));
    }
}

/// <summary>The parts that touch the database's SQL, on both providers: evaluating once, and the agenda's 不满意 line.</summary>
public sealed class PublicEvaluationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ThePetitionerEvaluatesOnce_Dissatisfied_ShowsOnTheCaseAndTheClerksAgenda_AndCountsInTheMetrics(DatabaseProvider provider)
    {
        await using var app = ReceptionFactory.Build().On(provider).At(2026, 11, 22).Create();
        var today = new DateOnly(2026, 11, 22);
        var (id, number) = await app.RepliedCaseAsync(today.AddDays(-20));
        var code = await app.IssueCodeAsync(id);
        using var clerk = await app.LoginAsync("clerk");
        var agendaBefore = AgendaCount(await clerk.GetPageAsync("/"));
        using var anonymous = app.CreateAppClient();
        var page = await (await anonymous.QueryAsync(number, code)).AssertFormReturnedAsync();

        using var evaluated = await anonymous.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Evaluation.Value"] = nameof(Evaluation.Dissatisfied), ["Evaluation.Comment"] = "补偿标准偏低",
        }, form: "form[data-field=evaluate-form]");

        var after = await evaluated.AssertFormReturnedAsync();
        Assert.NotNull(after.QuerySelector("[data-field=evaluated-now]"));
        Assert.Equal("不满意", after.QuerySelector("[data-field=evaluation]")!.TextContent.Trim());
        Assert.Null(after.QuerySelector("form[data-field=evaluate-form]"));
        Assert.Contains("2026-12-21", after.QuerySelector("[data-field=appeal-window]")!.TextContent); // 30 days from the reply of 11-21

        // Once: a second evaluation (e.g. the old page submitted again) changes nothing.
        using var again = await anonymous.SubmitAsync(page, new Dictionary<string, string> { ["Evaluation.Value"] = nameof(Evaluation.Satisfied) },
            form: "form[data-field=evaluate-form]");
        Assert.Equal("该事项的办理情况已评价过。", (await again.AssertFormReturnedAsync()).Summary());
        var (evaluation, comment, state, events) = await app.WithDbAsync(async db =>
        {
            var c = await db.Cases.SingleAsync(x => x.Id == id);
            var e = await db.CaseEvents.Where(x => x.PetitionCaseId == id && x.Kind == CaseEventKind.Evaluated).Select(x => x.UserId).ToListAsync();
            return (c.Evaluation, c.EvaluationComment, c.State, e);
        });
        Assert.Equal(Evaluation.Dissatisfied, evaluation);
        Assert.Equal("补偿标准偏低", comment);
        Assert.Equal(CaseState.Evaluated, state);
        Assert.Equal([PetitionCase.PetitionerUserId], events);

        var details = await clerk.GetPageAsync($"/Cases/Details/{id}");
        Assert.NotNull(details.QuerySelector("[data-field=dissatisfied]"));
        Assert.Equal("补偿标准偏低", details.QuerySelector("[data-field=evaluation-comment]")!.TextContent.Trim());
        Assert.Contains("2026-12-21", details.QuerySelector("[data-field=review-window]")!.TextContent);
        var home = await clerk.GetPageAsync("/");
        Assert.Equal(agendaBefore + 1, AgendaCount(home));
        var link = home.QuerySelector("[data-agenda=dissatisfied] a")!.GetAttribute("href")!;
        var list = await clerk.GetPageAsync(link);
        Assert.Contains(number, list.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(AgendaCount(home), list.QuerySelectorAll("tbody tr[data-case]").Length);
    }

    private static int AgendaCount(AngleSharp.Dom.IDocument home) =>
        int.Parse(home.QuerySelector("[data-agenda=dissatisfied] .agenda-value")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The per-address rate limit of the public page's POSTs (its own app: the limit is 3 here).</summary>
public sealed class PublicQueryRateLimitTests
{
    [Fact]
    public async Task AnAddressGetsALimitedNumberOfAttempts_ThenA429InChinese_WhileTheEmptyFormStillOpens()
    {
        await using var app = ReceptionFactory.Build().At(2026, 11, 22).Setting("Reception:PublicQuery:PermitLimit", "3").Create();
        using var anonymous = app.CreateAppClient();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await anonymous.QueryAsync("demo-2026-999999", "ABCD-EFGH");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await anonymous.QueryAsync("demo-2026-999999", "ABCD-EFGH");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("您所在地址的尝试次数过多，请稍候几分钟再试。", await refused.Content.ReadAsStringAsync());
        Assert.True(refused.Headers.RetryAfter is not null);
        using var form = await anonymous.GetAsync("/query");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }
}
