using System.Net;
using AngleSharp.Dom;
using Reception.Core.Audit;
using Reception.Core.Jobs;
using Reception.Web.Audit;
using Reception.Web.Authorization;
using Reception.Web.Features;
using Reception.Web.Jobs;
using Reception.Web.Tests.Audit;

namespace Reception.Web.Tests.Jobs;

/// <summary>
/// The Hangfire Dashboard at /Admin/Jobs and the app's job-runs page: administrators only (anonymous → sign-in, other
/// roles → 403); in Chinese when the UI is Chinese; the seven recurring jobs listed; an administrator of the root unit
/// triggers a job (a manual occurrence of its own in the ledger), one of a sub-unit only looks; the two link to each other.
/// </summary>
public sealed class JobsDashboardTests : IAsyncLifetime
{
    private readonly ReceptionFactory _app = ReceptionFactory.Build()
        .RunningScheduler()
        .At(2026, 11, 23, 10)
        // Nothing runs by itself during the test: only what it triggers.
        .Settings(JobRegistry.All.ToDictionary(j => $"Reception:Jobs:{j.Name}:Cron", _ => (string?)"0 3 1 1 *"))
        .Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admin_SeesTheDashboardInChinese_WithTheSevenRecurringJobs_AndTriggersOne_WhichTheLedgerRecordsAsManual()
    {
        using var admin = await _app.LoginAsync("admin");
        var home = await admin.GetPageAsync(JobsDashboard.Path);
        Assert.Contains("仪表盘", home.Title ?? "", StringComparison.Ordinal);
        Assert.Equal(JobsDashboard.RunsPage, home.QuerySelector("a[href='/Admin/JobRuns']")?.GetAttribute("href")); // "back to the app"

        var recurring = await admin.GetPageAsync(JobsDashboard.RecurringUrl);
        Assert.Contains("定期作业", recurring.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        foreach (var job in JobRegistry.All)
            Assert.NotNull(recurring.QuerySelector($"input.js-jobs-list-checkbox[value='{job.Name}']"));
        Assert.Contains("立即执行", recurring.QuerySelector("main, #wrap")!.TextContent, StringComparison.Ordinal);

        using var trigger = await PostCommandAsync(admin, recurring, "/recurring/trigger", "Backup");
        Assert.Equal(HttpStatusCode.NoContent, trigger.StatusCode);
        var change = (await _app.AuditRecordsAsync()).Last(r => r.Action == AuditActions.JobChange);
        Assert.Equal(("admin", "jobs:/recurring/trigger", AuditOutcome.Success), (change.UserName, change.Target, change.Outcome));
        var runs = await _app.WaitForRunsAsync("Backup", r => r.Any(x => x.Outcome == JobRunOutcome.Succeeded), TimeSpan.FromSeconds(20));
        var run = Assert.Single(runs);
        Assert.True(run.Manual);
        Assert.Equal($"Backup:manual:{run.BackgroundJobId}", run.OccurrenceKey);

        // The app's page shows the occurrence with what it did, and links to it in the dashboard (and to the dashboard).
        var page = await admin.GetPageAsync(JobsDashboard.RunsPage);
        var row = page.QuerySelector($"table.job-runs tr[data-key='{run.OccurrenceKey}']")!;
        Assert.Contains("个过期备份已删除", row.QuerySelector(".summary")!.TextContent, StringComparison.Ordinal); // stored as a key: shown in Chinese
        Assert.Equal(JobsDashboard.JobUrl(run.BackgroundJobId!), row.QuerySelector("a.dashboard-job")!.GetAttribute("href"));
        Assert.Equal(JobsDashboard.Path, page.QuerySelector("#dashboard-link")!.GetAttribute("href"));
        Assert.Contains("成功", page.QuerySelector("tr[data-job='Backup'] .last-run")!.TextContent, StringComparison.Ordinal);
        var details = await admin.GetPageAsync(JobsDashboard.JobUrl(run.BackgroundJobId!));
        Assert.Contains("Backup", details.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministratorOfASubUnit_SeesTheDashboard_ButCannotTriggerJobs()
    {
        var name = PageTesting.Unique("adm");
        await _app.CreateUserAsync(name, Roles.Admin, orgUnitId: await _app.OrgIdAsync("qingshan"));
        using var township = await _app.LoginAsync(name);

        var recurring = await township.GetPageAsync(JobsDashboard.RecurringUrl);
        Assert.Null(recurring.QuerySelector("button.js-jobs-list-command[data-url$='/recurring/trigger']"));
        using var trigger = await PostCommandAsync(township, recurring, "/recurring/trigger", "Backup");
        Assert.Equal(HttpStatusCode.Unauthorized, trigger.StatusCode);
        var refused = (await _app.AuditRecordsAsync()).Last(r => r.Action == AuditActions.JobChange);
        Assert.Equal((name, "jobs:/recurring/trigger", AuditOutcome.Refused), (refused.UserName, refused.Target, refused.Outcome));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(await _app.RunsAsync("Backup"));
    }

    [Fact]
    public async Task JobRuns_PagerLinks_ReachTheOlderRuns()
    {
        var at = new DateTime(2026, 11, 20, 1, 0, 0, DateTimeKind.Utc);
        await _app.WithDbAsync(async db =>
        {
            for (var i = 0; i <= JobsAdmin.PageSize; i++)
                db.JobRuns.Add(JobRun.Start("Backup", $"Backup:paging:{i:000}", at.AddMinutes(i), false, "test", at.AddMinutes(i)));
            return await db.SaveChangesAsync();
        });
        using var admin = await _app.LoginAsync("admin");

        var first = await admin.GetPageAsync(JobsDashboard.RunsPage);
        Assert.Equal(JobsAdmin.PageSize, first.QuerySelectorAll("table.job-runs tr[data-key]").Length);
        Assert.Null(first.QuerySelector("tr[data-key='Backup:paging:000']"));
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;

        var second = await admin.GetPageAsync(next);
        Assert.NotNull(second.QuerySelector("tr[data-key='Backup:paging:000']")); // the oldest run is on page 2
        Assert.Null(second.QuerySelector("tr[data-key='Backup:paging:050']"));
    }

    [Theory]
    [InlineData("clerk")]
    [InlineData("supervisor")]
    [InlineData("leader01")]
    [InlineData("unit")]
    public async Task OtherRoles_AreRefused(string user)
    {
        using var client = await _app.LoginAsync(user);
        foreach (var url in new[] { JobsDashboard.Path, JobsDashboard.RecurringUrl, JobsDashboard.RunsPage, JobsDashboard.Path + "/stats" })
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_IsSentToTheSignInPage()
    {
        using var anonymous = _app.CreateAppClient();
        foreach (var url in new[] { JobsDashboard.Path, JobsDashboard.RecurringUrl, JobsDashboard.RunsPage })
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>Posts a dashboard command as its script does: the job ids as jobs[], the antiforgery token in the header it names.</summary>
    private static Task<HttpResponseMessage> PostCommandAsync(AppClient client, IDocument page, string command, string jobId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, JobsDashboard.Path + command)
        {
            Content = new FormUrlEncodedContent([new("jobs[]", jobId)]),
        };
        var header = page.QuerySelector("meta[name=csrf-header]")!.GetAttribute("content")!;
        request.Headers.Add(header, page.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content"));
        return client.Http.SendAsync(request);
    }
}
