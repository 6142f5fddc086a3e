using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Cases;
using Reception.Web.Infrastructure;
using Reception.Web.Tests.Audit;
using Reception.Web.Tests.Features.Query;

namespace Reception.Web.Tests.Features.Cases.Papers;

/// <summary>A demo app at Sunday 2026-11-22 09:00 China time for the printed papers.</summary>
public sealed class PaperApp() : AppFixture(app => app.At(2026, 11, 22).Setting("Reception:PublicQuery:PermitLimit", "1000"));

/// <summary>
/// The printed papers (issue 17 item 4) and the query code at intake (item 6): who may print what (as the case page: role,
/// then scope), personal data only on the papers addressed to the petitioner, the office and the date in China, the receipt's
/// code shown once and re-issued (audited), and the 督办通知书's number of the office's own sequence.
/// </summary>
public sealed class PaperTests(PaperApp fixture) : IClassFixture<PaperApp>
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private ReceptionFactory App => fixture.App;

    [Fact]
    public async Task Registering_IssuesAQueryCode_ThatTheReceiptShowsOnce_AndAReissueReplacesIt_Audited()
    {
        using var clerk = await App.LoginAsync("clerk");
        using var registered = await clerk.SubmitAsync(await clerk.GetPageAsync("/Cases/Register"), new Dictionary<string, string>
        {
            ["Input.Channel"] = nameof(Channel.Visit),
            ["Input.ReceivedOn"] = "2026-11-22",
            ["Input.Petitioners[0].Name"] = "王秀英",
            ["Input.CategoryCode"] = "land",
            ["Input.Summary"] = "宅基地确权纠纷",
        });
        var id = RegisterTesting.DetailsId(registered);
        var number = await App.WithDbAsync(db => db.Cases.Where(c => c.Id == id).Select(c => c.Number).SingleAsync());
        var details = await clerk.GetPageAsync($"/Cases/Details/{id}");
        Assert.NotNull(details.QuerySelector("[data-field=receipt-ready]"));

        var receipt = await clerk.GetPageAsync($"/Cases/Papers/Receipt/{id}");
        var code = receipt.QuerySelector("[data-field=query-code]")!.TextContent.Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        Assert.Equal(number.ToString(), receipt.QuerySelector("[data-field=number]")!.TextContent.Trim());
        Assert.Equal("王秀英：", receipt.QuerySelector("[data-field=addressee]")!.TextContent.Trim()); // addressed to the petitioner
        Assert.Equal("演示市", receipt.QuerySelector("[data-field=office]")!.TextContent.Trim());
        Assert.Equal("2026年11月22日", receipt.QuerySelector("[data-field=date]")!.TextContent.Trim());
        var stored = await App.WithDbAsync(db => db.CaseQueryCodes.Where(q => q.PetitionCaseId == id).Select(q => q.Hash).SingleAsync());
        Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), stored, StringComparison.OrdinalIgnoreCase);
        using var anonymous = App.CreateAppClient();
        Assert.NotNull((await AppClient.ParseAsync(await anonymous.QueryAsync(number.ToString(), code))).QuerySelector("[data-field=matter]"));

        // Printed once: a reprint says how to get a new code, and shows none.
        var reprint = await clerk.GetPageAsync($"/Cases/Papers/Receipt/{id}");
        Assert.Null(reprint.QuerySelector("[data-field=query-code]"));
        Assert.NotNull(reprint.QuerySelector("[data-field=no-code]"));

        using var reissued = await clerk.SubmitAsync(reprint, form: "form[action*=Reissue]");
        var fresh = (await reissued.AssertFormReturnedAsync()).QuerySelector("[data-field=query-code]")!.TextContent.Trim();
        Assert.NotEqual(code, fresh);
        Assert.Null((await AppClient.ParseAsync(await anonymous.QueryAsync(number.ToString(), code))).QuerySelector("[data-field=matter]"));
        Assert.NotNull((await AppClient.ParseAsync(await anonymous.QueryAsync(number.ToString(), fresh))).QuerySelector("[data-field=matter]"));
        var audit = (await App.AuditRecordsAsync()).Last(r => r.Action == Reception.Web.Audit.AuditActions.QueryCodeIssue);
        Assert.Equal("case:" + number, audit.Target);
        Assert.DoesNotContain(fresh, audit.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Papers_AreCheckedLikeTheCasePage_RoleThenScope()
    {
        var (id, _) = await App.RepliedCaseAsync(Today.AddDays(-20));
        var township = await App.OrgIdAsync("qingshan");
        var townClerk = PageTesting.Unique("tclerk");
        await App.CreateUserAsync(townClerk, Roles.Clerk, orgUnitId: township);
        var otherHandler = PageTesting.Unique("hdl");
        await App.CreateUserAsync(otherHandler, Roles.UnitHandler, orgUnitId: await App.OrgIdAsync("qingshan"));
        string[] papers = ["Receipt", "Acceptance", "Assignment", "Reply"];

        using (var clerk = await App.LoginAsync("clerk"))
            foreach (var paper in papers) Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/Cases/Papers/{paper}/{id}")).StatusCode);
        using (var outside = await App.LoginAsync(townClerk))
            foreach (var paper in papers) Assert.Equal(HttpStatusCode.NotFound, (await outside.GetAsync($"/Cases/Papers/{paper}/{id}")).StatusCode);
        using (var unit = await App.LoginAsync("unit")) // 人社局 handles it
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await unit.GetAsync($"/Cases/Papers/Receipt/{id}")).StatusCode);
            foreach (var paper in papers[1..]) Assert.Equal(HttpStatusCode.OK, (await unit.GetAsync($"/Cases/Papers/{paper}/{id}")).StatusCode);
        }
        using (var other = await App.LoginAsync(otherHandler))
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Cases/Papers/Assignment/{id}")).StatusCode);
        using (var supervisor = await App.LoginAsync("supervisor"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync($"/Cases/Papers/Receipt/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/Cases/Papers/Assignment/{id}")).StatusCode);
        }
        using (var anonymous = App.CreateAppClient())
            Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/Cases/Papers/Receipt/{id}")).StatusCode);
    }

    [Fact]
    public async Task PersonalData_OnlyOnThePapersAddressedToThePetitioner()
    {
        var (id, number) = await App.RepliedCaseAsync(Today.AddDays(-20));
        using var clerk = await App.LoginAsync("clerk");

        foreach (var paper in new[] { "Receipt", "Acceptance", "Reply" })
        {
            var page = await clerk.GetPageAsync($"/Cases/Papers/{paper}/{id}");
            Assert.Equal(PublicQueryTesting.Petitioner + "：", page.QuerySelector("[data-field=addressee]")!.TextContent.Trim());
            Assert.DoesNotContain(PublicQueryTesting.IdentityNumber, page.Body!.TextContent, StringComparison.Ordinal);
        }

        var sheet = await clerk.GetPageAsync($"/Cases/Papers/Assignment/{id}");
        Assert.Equal(number, sheet.QuerySelector("[data-field=number]")!.TextContent.Trim());
        Assert.Contains(PublicQueryTesting.Leader, sheet.QuerySelector("[data-field=owner]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("人力资源和社会保障局", sheet.QuerySelector("[data-field=handling]")!.TextContent.Trim());
        Assert.NotNull(sheet.QuerySelector("[data-field=checklist] li"));
        foreach (var personal in new[] { PublicQueryTesting.Petitioner, PublicQueryTesting.IdentityNumber, PublicQueryTesting.Phone })
            Assert.DoesNotContain(personal, sheet.Body!.TextContent, StringComparison.Ordinal);

        var acceptance = await clerk.GetPageAsync($"/Cases/Papers/Acceptance/{id}");
        Assert.Equal("信访事项受理告知书", acceptance.QuerySelector("[data-field=title]")!.TextContent.Trim());
        var reply = await clerk.GetPageAsync($"/Cases/Papers/Reply/{id}");
        Assert.Contains("2026-12-21", reply.QuerySelector("[data-field=appeal-window]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAcceptancePaper_ExistsOnlyOnceDecided_AndANonAcceptanceGivesTheReason()
    {
        var registered = await App.NewCase().SaveIdAsync();
        var refused = await App.NewCase().Then((c, cases) => CaseBuilding.Ok(c.RejectAcceptance("属于诉讼程序处理的事项", "clerk", cases.UtcNow))).SaveIdAsync();
        using var clerk = await App.LoginAsync("clerk");

        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/Cases/Papers/Acceptance/{registered}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/Cases/Papers/Assignment/{registered}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/Cases/Papers/Reply/{registered}")).StatusCode);
        var page = await clerk.GetPageAsync($"/Cases/Papers/Acceptance/{refused}");
        Assert.Equal("信访事项不予受理告知书", page.QuerySelector("[data-field=title]")!.TextContent.Trim());
        Assert.Equal("属于诉讼程序处理的事项", page.QuerySelector("[data-field=reason]")!.TextContent.Trim());
    }

    [Fact]
    public async Task SupervisionNotices_AreNumberedInTheOfficesOwnSequence_AndPrinted()
    {
        var (id, number) = await App.RepliedCaseAsync(Today.AddDays(-20), replied: false);
        using var supervisor = await App.LoginAsync("supervisor");
        var numbers = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var issued = await supervisor.OpenAndSubmitAsync($"/Notices/Issue?case={id}",
                new Dictionary<string, string> { ["Input.Text"] = "请于 5 个工作日内报告化解进展" + i });
            Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
            var noticeId = int.Parse(issued.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
            var paper = await supervisor.GetPageAsync($"/Notices/Paper/{noticeId}");
            numbers.Add(paper.QuerySelector("[data-field=document-number]")!.TextContent.Trim());
            Assert.Equal("人力资源和社会保障局：", paper.QuerySelector("[data-field=addressee]")!.TextContent.Trim());
            Assert.Equal("演示市", paper.QuerySelector("[data-field=office]")!.TextContent.Trim());
            Assert.Contains(number, paper.Body!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(PublicQueryTesting.Petitioner, paper.Body!.TextContent, StringComparison.Ordinal);
        }

        var sequences = numbers.Select(n => System.Text.RegularExpressions.Regex.Match(n, @"^演示信督〔2026〕(\d+)号$")).ToList();
        Assert.All(sequences, m => Assert.True(m.Success, string.Join(", ", numbers)));
        var first = int.Parse(sequences[0].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(first + 1, int.Parse(sequences[1].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var counter = await App.WithDbAsync(db => db.DocumentNumberCounters.SingleAsync(c => c.Series == NoticeNumber.Series && c.Year == 2026 && c.OrgUnitId == db.OrgUnits.Single(o => o.Code == "demo").Id));
        Assert.Equal(first + 1, counter.LastSequence);

        using var unitUser = await App.LoginAsync("unit");
        var noticeIds = await App.WithDbAsync(db => db.SupervisionNotices.Where(n => n.PetitionCaseId == id).Select(n => n.Id).ToListAsync());
        Assert.Equal(HttpStatusCode.OK, (await unitUser.GetAsync($"/Notices/Paper/{noticeIds[0]}")).StatusCode);
        var townClerk = PageTesting.Unique("tclerk");
        await App.CreateUserAsync(townClerk, Roles.Clerk, orgUnitId: await App.OrgIdAsync("qingshan"));
        using var outside = await App.LoginAsync(townClerk);
        Assert.Equal(HttpStatusCode.NotFound, (await outside.GetAsync($"/Notices/Paper/{noticeIds[0]}")).StatusCode);
    }
}

/// <summary>The 督办通知书 counter on both databases: concurrent issues get distinct, gapless numbers; a rolled-back one uses none.</summary>
public sealed class NoticeNumberTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ConcurrentAllocations_AreDistinctAndGapless_AndARollbackUsesNoNumber(DatabaseProvider provider)
    {
        await using var app = ReceptionFactory.Build().On(provider).At(2026, 3, 2).Create();
        const int year = 2031, parallel = 12;

        async Task<int?> AllocateAsync(bool commit)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var cases = scope.ServiceProvider.GetRequiredService<CaseService>();
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync();
                var office = await db.OrgUnits.SingleAsync(o => o.Code == "demo");
                var sequence = await cases.AllocateNoticeNumberAsync(office, year);
                if (!commit) return (int?)null; // disposed without commit: rolled back
                await tx.CommitAsync();
                return sequence;
            });
        }

        await app.OrgIdAsync("demo"); // the app (and its database) starts once, before the parallel requests
        var results = await Task.WhenAll(Enumerable.Range(0, parallel).Select(i => Task.Run(() => AllocateAsync(commit: i != 3))));
        var after = await AllocateAsync(commit: true);

        var handedOut = results.OfType<int>().Append(after!.Value).Order().ToList();
        Assert.Equal(Enumerable.Range(1, parallel), handedOut); // 11 committed + 1 after: 1..12, no duplicate, no gap
        Assert.Equal(parallel, await app.WithDbAsync(db => db.DocumentNumberCounters.Where(c => c.Series == NoticeNumber.Series && c.Year == year).Select(c => c.LastSequence).SingleAsync()));
    }
}
