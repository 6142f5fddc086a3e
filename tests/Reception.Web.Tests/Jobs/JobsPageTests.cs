using System.Net;
using Microsoft.EntityFrameworkCore;
using Quartz;
using Reception.Core.Jobs;
using Reception.Web.Jobs;
using Reception.Web.Tests.Infrastructure;
using Xunit;

namespace Reception.Web.Tests.Jobs;

/// <summary>The admin jobs page: every registered job with its schedule and next run; run now, pause and resume; admins only.</summary>
public sealed class JobsPageTests : IAsyncLifetime
{
    private readonly ReceptionFactory _app = new() { RunScheduler = true };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Admin_SeesEveryJob_RunsOneNow_PausesAndResumes()
    {
        var admin = await _app.LoginAsync("admin");
        var page = await admin.GetPageAsync("/Admin/Jobs");
        foreach (var job in JobRegistry.All)
        {
            var row = page.QuerySelector($"tr[data-job='{job.Name}']");
            Assert.NotNull(row);
            Assert.Contains(job.DefaultCron, row!.TextContent);
            Assert.Matches(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", row.QuerySelector(".next-run")!.TextContent);
        }
        Assert.Contains("每天 02:30", page.QuerySelector("tr[data-job='Backup']")!.TextContent);
        Assert.Contains("Asia/Shanghai", page.QuerySelector("tr[data-job='Backup']")!.TextContent);

        // Run now: the backup runs as an occurrence of its own and lands in the ledger.
        var run = await admin.PostFormAsync("/Admin/Jobs", [], "/Admin/Jobs?handler=Run&name=Backup");
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        var runs = await _app.WaitForRunsAsync("Backup", r => r.Any(x => x.Outcome != JobRunOutcome.Running), TimeSpan.FromSeconds(20));
        var manual = Assert.Single(runs);
        Assert.True(manual.Manual);
        Assert.StartsWith("Backup:manual:", manual.OccurrenceKey);
        Assert.Equal(JobRunOutcome.Succeeded, manual.Outcome);
        Assert.Single(Directory.GetFiles(_app.BackupDirectory(), "reception-*.db"));
        page = await admin.GetPageAsync("/Admin/Jobs");
        Assert.Contains("成功", page.QuerySelector("tr[data-job='Backup'] .last-run")!.TextContent);

        // Pause and resume change the trigger's state, and the page says so.
        var scheduler = await _app.SchedulerAsync();
        var key = new TriggerKey("Backup", JobCatalog.Group);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/Jobs", [], "/Admin/Jobs?handler=Pause&name=Backup")).StatusCode);
        Assert.Equal(TriggerState.Paused, await scheduler.GetTriggerState(key));
        page = await admin.GetPageAsync("/Admin/Jobs");
        Assert.Equal("已暂停", page.QuerySelector("tr[data-job='Backup'] .state")!.TextContent.Trim());
        Assert.Contains("恢复", page.QuerySelector("tr[data-job='Backup']")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/Admin/Jobs", [], "/Admin/Jobs?handler=Resume&name=Backup")).StatusCode);
        Assert.Equal(TriggerState.Normal, await scheduler.GetTriggerState(key));
        page = await admin.GetPageAsync("/Admin/Jobs");
        Assert.Equal("正常", page.QuerySelector("tr[data-job='Backup'] .state")!.TextContent.Trim());
    }

    [Fact]
    public async Task Clerk_IsRefused()
    {
        var clerk = await _app.LoginAsync("clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/Admin/Jobs")).StatusCode);
        var anonymous = _app.CreateAppClient();
        var response = await anonymous.GetAsync("/Admin/Jobs");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }
}
