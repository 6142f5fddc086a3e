using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Jobs;
using Reception.Core.Notifications;
using Reception.Web.Jobs;

namespace Reception.Web.Tests.Jobs;

/// <summary>
/// `dotnet run` on an empty database: the demo city is seeded and its alert jobs run once straight away, so the demo's
/// alerts are in the leaders' notification lists and, after the MailDispatch job, .eml files in {data}/mail.
/// </summary>
public sealed class DemoStartTests : IAsyncLifetime
{
    private readonly ReceptionFactory _app = ReceptionFactory.Build().RunningScheduler().Setting("Reception:Jobs:RunAlertsAfterDemoSeed", "true").Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task FirstStart_RunsTheAlertJobsOnce_AlertsReachTheListsAndTheMailFolder()
    {
        _ = _app.Services; // starts the app: migrations, the demo seed, the scheduler
        foreach (var name in Reception.Web.Features.FeatureSetup.DemoStartJobs)
        {
            var runs = await _app.WaitForRunsAsync(name, r => r.Any(x => x.Outcome != JobRunOutcome.Running), TimeSpan.FromSeconds(60));
            var run = Assert.Single(runs);
            Assert.True(run.Manual);
            Assert.Equal(JobRunOutcome.Succeeded, run.Outcome);
        }

        // The demo has red cases with owning leaders: the scan alerted each of them (urgent, so at any hour).
        var alerted = await _app.WithDbAsync(db => (from n in db.Notifications
                                                    join u in db.Users on n.UserId equals u.Id
                                                    where n.Kind == NotificationKinds.Escalation.Key
                                                    select u.UserName!).Distinct().ToListAsync());
        Assert.NotEmpty(alerted);
        var leader = await _app.LoginAsync(alerted[0]);
        var list = await leader.GetPageAsync("/Notifications");
        Assert.NotNull(list.QuerySelector($"li.unread[data-kind='{NotificationKinds.Escalation.Key}']"));
        Assert.Contains("已亮红牌", list.QuerySelector("ul.notifications")!.TextContent, StringComparison.Ordinal);

        // The MailDispatch job (every 15 s) writes them to the pickup folder.
        var folder = Path.Combine(_app.DataDirectory, "mail");
        var until = DateTime.UtcNow.AddSeconds(60);
        string[] files;
        do
        {
            await Task.Delay(500);
            files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [];
        }
        while (files.Length == 0 && DateTime.UtcNow < until);
        Assert.Contains(files, f => File.ReadAllText(f).Contains("X-Reception-Key: escalation:", StringComparison.Ordinal));

        // Asked once: a restart of the scheduler asks for nothing more.
        Assert.Empty(_app.Services.GetRequiredService<StartupJobs>().Take());
    }
}
