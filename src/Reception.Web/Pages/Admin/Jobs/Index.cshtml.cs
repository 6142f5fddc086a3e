using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reception.Core.Jobs;
using Reception.Core.Time;
using Reception.Web.Authorization;
using Reception.Web.Jobs;

namespace Reception.Web.Pages.Admin.Jobs;

/// <summary>
/// The scheduled jobs: schedule, state, last and next run, recent failures (the JobRuns ledger and Quartz's execution
/// history); run now, pause, resume. The schedule itself is configuration (Reception:Jobs:{Name}:Cron / :Enabled).
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(JobsAdmin jobs, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<JobStatus> Jobs { get; private set; } = [];
    public bool SchedulerEnabled => jobs.SchedulerEnabled;
    public string TimeZoneId => JobCatalog.Zone.Id;

    public async Task OnGetAsync(CancellationToken ct) => Jobs = await jobs.ListAsync(ct);

    public async Task<IActionResult> OnPostRunAsync(string? name, CancellationToken ct) =>
        Done(name is not null && await jobs.RunNowAsync(name, ct), l["{0} was started; its run appears below when it has finished.", Label(name)]);

    public async Task<IActionResult> OnPostPauseAsync(string? name, CancellationToken ct) =>
        Done(name is not null && await jobs.PauseAsync(name, ct), l["{0} is paused: it does not run until it is resumed.", Label(name)]);

    public async Task<IActionResult> OnPostResumeAsync(string? name, CancellationToken ct) =>
        Done(name is not null && await jobs.ResumeAsync(name, ct), l["{0} is resumed.", Label(name)]);

    private IActionResult Done(bool ok, string message)
    {
        Status.Set(TempData, ok ? message : l["That job is not scheduled on this instance (it is switched off, or the scheduler is off)."], ok ? Status.Success : Status.Error);
        return RedirectToPage();
    }

    private string Label(string? name) => l[$"Job.{name}"];

    public string Schedule(ScheduledJob job) => CronText.Describe(job.Cron, l) ?? job.Cron;

    public string Outcome(JobRunOutcome outcome) => l[$"JobRunOutcome.{outcome}"];

    public static string Local(DateTime utc) => ChinaTime.ToLocal(utc).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public static string Local(DateTimeOffset utc) => Local(utc.UtcDateTime);

    public string Duration(long? ms) => ms switch
    {
        null => "",
        < 1000 => l["{0} ms", ms.Value],
        < 120_000 => l["{0} s", (ms.Value / 1000.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)],
        _ => l["{0} min", (ms.Value / 60_000.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)],
    };
}
