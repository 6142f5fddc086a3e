using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Core.Reports;
using Reception.Core.Rotas;
using Reception.Web.Audit;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Reports.Periodic;
using Reception.Web.Tests.Features.Cases;
using Reception.Web.Tests.Audit;
using Reception.Web.Tests.Mail;

namespace Reception.Web.Tests.Features.Reports.Periodic;

/// <summary>The demo at Thursday 2026-12-03 09:00 China time, its mail going to a real SMTP server (aiosmtpd).</summary>
public sealed class PeriodicReportApp() : AppFixture(app => app.At(2026, 12, 3).MailToOwnSmtp());

/// <summary>
/// Issue 19 item 2: the job drafts each office's 通报 once per period; only a Clerk of the unit publishes it, with the next
/// number of the office's 通报 series; its figures are the metrics page's for the same months and scope, and frozen when it is
/// published; two clerks publishing at once get one number; the unit's leaders get it by mail with no petitioner's data.
/// </summary>
public sealed class PeriodicReportTests(PeriodicReportApp fixture) : IClassFixture<PeriodicReportApp>
{
    private static readonly DateTime ArrangedAt = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private ReceptionFactory App => fixture.App;

    private Task<int> DraftAsync(ReportPeriod period, string unit = "demo") => App.WithDbAsync(async db =>
    {
        var id = await db.OrgUnits.Where(o => o.Code == unit).Select(o => o.Id).SingleAsync();
        var report = PeriodicReport.Draft(id, period, ArrangedAt); // the job's drafts carry the app's clock
        db.PeriodicReports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    });

    private async Task<int> RunJobAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PeriodicReportJob>().RunAsync();
    }

    [Fact]
    public async Task Job_DraftsLastMonth_ForEachOfficeWithAClerk_OncePerPeriodAndUnit()
    {
        var offices = await App.WithDbAsync(db => PeriodicReportJob.OfficesAsync(db, default));
        var demo = await App.OrgIdAsync("demo");
        Assert.Contains(demo, offices);

        await RunJobAsync();
        Assert.Equal(0, await RunJobAsync()); // run again (a retry, a second instance): nothing more
        var november = await App.WithDbAsync(db => db.PeriodicReports.Where(r => r.Kind == PeriodKind.Month && r.Year == 2026 && r.Number == 11)
            .GroupBy(r => r.OrgUnitId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        Assert.All(november, g => Assert.Equal(1, g.Count));
        Assert.Equal(offices.Order(), november.Select(g => g.Key).Order());
        // On 3 December only November is due: no quarter (it ended on 30 September, drafted on 1 October).
        Assert.False(await App.WithDbAsync(db => db.PeriodicReports.AnyAsync(r => r.Kind != PeriodKind.Month && r.DraftedAtUtc != ArrangedAt)));

        // The office's clerk is told once, in the app and by mail, with a link to the archive; the second run told nobody again.
        var clerkId = await App.UserIdAsync("clerk");
        var told = await App.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.UserId == clerkId && n.OccurrenceKey != null && n.OccurrenceKey.StartsWith("periodic-report-draft:")).ToListAsync());
        var notice = Assert.Single(told);
        Assert.Equal("2026年11月工作通报已起草，请审核并发布", notice.Title);
        Assert.Equal("/Reports/Periodic?year=2026", notice.Link);
        Assert.True(await App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.IdempotencyKey.StartsWith(notice.OccurrenceKey!) && m.RecipientUserId == clerkId)));
        var leaderId = await App.UserIdAsync("leader05");
        Assert.False(await App.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == leaderId && n.OccurrenceKey!.StartsWith("periodic-report-draft:"))));

        // The clerk finds it in the archive, as a draft.
        using var clerk = await App.LoginAsync("clerk");
        var archive = await clerk.GetPageAsync("/Reports/Periodic?year=2026&kind=Month");
        var row = archive.QuerySelector($"tr[data-period='2026-11']");
        Assert.NotNull(row);
        Assert.Equal("草稿", row!.QuerySelector("[data-field=state]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Figures_EqualTheMetricsPage_ForTheSameMonthsAndScope()
    {
        var id = await DraftAsync(ReportPeriod.Quarter(2026, 3));
        using var clerk = await App.LoginAsync("clerk");
        var report = await clerk.GetPageAsync($"/Reports/Periodic/Report/{id}");
        var metrics = await clerk.GetPageAsync("/Metrics?from=2026-07&to=2026-09");

        string Figure(string key) => report.QuerySelector($"[data-field=figures] tr[data-figure={key}] td")!.TextContent.Trim();
        string Rate(string key) => metrics.QuerySelector($"tr[data-rate={key}] td[data-value]")!.TextContent.Trim();
        Assert.Equal(Rate("resolution"), Figure("resolution-rate"));
        Assert.Equal(Rate("on-time"), Figure("on-time-rate"));
        Assert.Equal(Rate("satisfaction"), Figure("satisfaction"));
        Assert.Contains(Figure("total"), metrics.QuerySelector("[data-figure=total]")!.TextContent, StringComparison.Ordinal);
        Assert.NotEqual("0", Figure("total")); // the demo has cases in the quarter: the comparison compares something

        // And the whole content against CaseMetrics for the clerk's scope, record by record.
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = await db.OrgUnits.SingleAsync(o => o.Code == "demo");
        var content = await scope.ServiceProvider.GetRequiredService<PeriodicReportBuilder>().BuildAsync(unit, ReportPeriod.Quarter(2026, 3));
        var clerkScope = UserScope.For(Roles.Clerk, unit.Id, unit.Path);
        var expected = await scope.ServiceProvider.GetRequiredService<CaseMetrics>()
            .ReportAsync(db.Cases.AsNoTracking().VisibleTo(db, clerkScope), MonthRange.Between(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 1))!.Value, unit.Path);
        Assert.Equal(expected.Figures, content.Figures);
        Assert.Equal(expected.ByCategory, content.ByCategory);
        Assert.Equal(expected.ByTownship, content.ByTownship);
        Assert.Equal(expected.ByChannel, content.ByChannel);
        Assert.Equal(expected.ByMonth, content.ByMonth);
        Assert.Equal(expected.Trends, content.Trends);
        // The charts are drawn from the same counts: each has its data table.
        Assert.Equal(4, report.QuerySelectorAll("figure.chart table.chart-data").Length);
        Assert.Equal(expected.ByCategory.Count, report.QuerySelectorAll("#chart-category tbody tr").Length);
    }

    [Fact]
    public async Task OnlyAClerkOfTheUnit_Publishes_OthersGet404Or403()
    {
        var id = await DraftAsync(ReportPeriod.Month(2026, 8));
        var url = $"/Reports/Periodic/Report/{id}";
        var form = new Dictionary<string, string> { ["Input.Commentary"] = "越权发布", ["Input.Version"] = "0" };

        var other = await App.AddOtherCityAsync();
        var outsider = PageTesting.Unique("oclerk");
        await App.CreateUserAsync(outsider, Roles.Clerk, orgUnitId: other.OrgUnitId);
        using (var client = await App.LoginAsync(outsider))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/Reports/Periodic", form, url)).StatusCode);
            Assert.Null((await client.GetPageAsync("/Reports/Periodic")).QuerySelector($"tr[data-report='{id}']"));
        }
        // A leader and a supervisor of the city do not see a draft at all.
        foreach (var user in new[] { "leader01", "supervisor" })
        {
            using var client = await App.LoginAsync(user);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/Reports/Periodic", form, url)).StatusCode);
        }
        // A township's clerk is not the city's clerk.
        var townClerk = PageTesting.Unique("tclerk");
        await App.CreateUserAsync(townClerk, Roles.Clerk, orgUnitId: await App.OrgIdAsync("qingshan"));
        using (var client = await App.LoginAsync(townClerk))
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);

        using (var clerk = await App.LoginAsync("clerk"))
            await (await clerk.OpenAndSubmitAsync(url, new Dictionary<string, string> { ["Input.Commentary"] = "八月份总体平稳。" }))
                .AssertRedirectToAsync(url);

        // Published: the leader reads it, and still cannot publish.
        using var leader = await App.LoginAsync("leader01");
        var page = await leader.GetPageAsync(url);
        Assert.Null(page.QuerySelector("form[data-field=publish-form]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostFormAsync("/Reports/Periodic", form, url)).StatusCode);
        Assert.NotNull((await leader.GetPageAsync("/Reports/Periodic")).QuerySelector($"tr[data-report='{id}']"));
    }

    [Fact]
    public async Task Publishing_ValidatesTheCommentary_NumbersIt_FreezesTheFigures_AndMailsTheLeaders()
    {
        var id = await DraftAsync(ReportPeriod.Month(2026, 10));
        var url = $"/Reports/Periodic/Report/{id}";
        using var clerk = await App.LoginAsync("clerk");

        // Empty: refused next to the field, nothing published, no number used.
        var refused = await AppClient.ParseAsync(await clerk.OpenAndSubmitAsync(url, new Dictionary<string, string> { ["Input.Commentary"] = "  " }));
        Assert.Contains("请填写工作点评", refused.QuerySelector("[data-valmsg-for='Input.Commentary']")!.TextContent, StringComparison.Ordinal);
        Assert.False(await App.WithDbAsync(db => db.PeriodicReports.AnyAsync(r => r.Id == id && r.State == PeriodicReportState.Published)));
        // Too long: refused, and what was typed is kept.
        var tooLong = new string('字', PeriodicReport.CommentaryMaxLength + 1);
        var kept = await AppClient.ParseAsync(await clerk.SubmitAsync(refused, new Dictionary<string, string> { ["Input.Commentary"] = tooLong }));
        Assert.Equal(tooLong, kept.QuerySelector("textarea[name='Input.Commentary']")!.TextContent.Trim());
        Assert.NotEmpty(kept.QuerySelector("[data-valmsg-for='Input.Commentary']")!.TextContent.Trim());

        await (await clerk.SubmitAsync(kept, new Dictionary<string, string> { ["Input.Commentary"] = "十月份信访总量平稳，红牌事项需加快化解。" }))
            .AssertRedirectToAsync(url);
        var published = await clerk.GetPageAsync(url);
        var number = published.QuerySelector("[data-field=document-number]")!.TextContent.Trim();
        Assert.Matches(@"^演示信通〔2026〕\d+号$", number);
        Assert.Equal("十月份信访总量平稳，红牌事项需加快化解。", published.QuerySelector("[data-field=commentary]")!.TextContent.Trim());
        Assert.Null(published.QuerySelector("[data-field=draft]"));
        Assert.Null(published.QuerySelector("form[data-field=publish-form]"));
        string Total(AngleSharp.Dom.IDocument d) => d.QuerySelector("[data-field=figures] tr[data-figure=total] td")!.TextContent.Trim();
        var before = Total(published);

        // Publishing is in the audit log, with the number; the refused attempts are there as refused.
        var audit = (await App.AuditRecordsAsync()).Where(r => r.Action == AuditActions.ReportPublish && r.Target == "page:" + url).ToList();
        Assert.Contains(audit, r => r.Outcome == Reception.Core.Audit.AuditOutcome.Success && r.Detail!.Contains($"number={number}", StringComparison.Ordinal) && r.UserName == "clerk");
        Assert.Contains(audit, r => r.Outcome == Reception.Core.Audit.AuditOutcome.Failure);

        // A case received in October, registered now: the metrics page counts it, the published report does not.
        var metricsBefore = (await clerk.GetPageAsync("/Metrics?from=2026-10&to=2026-10")).QuerySelector("[data-figure=total]")!.TextContent;
        await App.NewCase().At("demo").Received(new DateOnly(2026, 10, 15)).Summary("十月补登的事项").SaveIdAsync();
        var metricsAfter = (await clerk.GetPageAsync("/Metrics?from=2026-10&to=2026-10")).QuerySelector("[data-figure=total]")!.TextContent;
        Assert.NotEqual(metricsBefore, metricsAfter);
        Assert.Equal(before, Total(await clerk.GetPageAsync(url)));
        using (var leader = await App.LoginAsync("leader02"))
            Assert.Equal(before, Total(await leader.GetPageAsync(url)));

        // The city's leaders got it by mail: number and figures, no petitioner.
        await App.DispatchAsync();
        var key = $"periodic-report:{id}";
        var mails = fixture.Smtp.Deliveries().Where(d => d.Key is { } k && k.StartsWith(key + "/", StringComparison.Ordinal)).ToList();
        var demo = await App.OrgIdAsync("demo");
        var leaders = await App.WithDbAsync(async db =>
        {
            var ids = await db.Leaders.Where(x => x.OrgUnitId == demo && x.IsActive).Select(x => (int?)x.Id).ToListAsync();
            return await db.Users.CountAsync(u => ids.Contains(u.LeaderId) && u.IsActive && u.Email != null);
        });
        Assert.True(leaders > 0);
        Assert.Equal(leaders, mails.Count);
        Assert.All(mails, m =>
        {
            Assert.Contains(number, m.Subject, StringComparison.Ordinal);
            var text = m.Part("text/plain").Content;
            Assert.Contains("化解率", text, StringComparison.Ordinal);
            Assert.DoesNotContain("李四", text, StringComparison.Ordinal);
            Assert.DoesNotContain("13900001111", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task TwoClerksPublishingAtOnce_OneWins_TheOtherIsToldAndUsesNoNumber()
    {
        var id = await DraftAsync(ReportPeriod.Month(2026, 7));
        var url = $"/Reports/Periodic/Report/{id}";
        var second = PageTesting.Unique("clerk2");
        await App.CreateUserAsync(second, Roles.Clerk, orgUnitId: await App.OrgIdAsync("demo"));
        using var a = await App.LoginAsync("clerk");
        using var b = await App.LoginAsync(second);
        var pageA = await a.GetPageAsync(url);
        var pageB = await b.GetPageAsync(url);

        await (await a.SubmitAsync(pageA, new Dictionary<string, string> { ["Input.Commentary"] = "甲的点评" })).AssertRedirectToAsync(url);
        var counter = await App.WithDbAsync(db => db.DocumentNumberCounters.Where(c => c.Series == ReportNumber.Series && c.Year == 2026).Select(c => c.LastSequence).SingleAsync());

        var stale = await AppClient.ParseAsync(await b.SubmitAsync(pageB, new Dictionary<string, string> { ["Input.Commentary"] = "乙的点评" }));
        Assert.Contains("他人", stale.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        var report = await App.WithDbAsync(db => db.PeriodicReports.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal("甲的点评", report.Commentary);
        Assert.Equal(counter, await App.WithDbAsync(db => db.DocumentNumberCounters.Where(c => c.Series == ReportNumber.Series && c.Year == 2026).Select(c => c.LastSequence).SingleAsync()));
        // The 督办通知书 keep their own series.
        Assert.True(await App.WithDbAsync(db => db.DocumentNumberCounters.AnyAsync(c => c.Series == NoticeNumber.Series)));
    }
}
