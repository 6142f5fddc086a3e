using Reception.Core.Jobs;

namespace Reception.Web.Features.Admin.JobRuns;

/// <summary>
/// The job ledger: each occurrence of each job with what it did ("12 reminders, 12 emails queued"), failed or skipped
/// runs with their reasons, and links into the Hangfire dashboard (its schedules, next runs, retries and triggers).
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(JobsAdmin jobs, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Job { get; set; }
    [BindProperty(SupportsGet = true)] public bool Problems { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<JobSummary> Jobs { get; private set; } = [];
    public Paged<JobRun> Runs { get; private set; } = new([], 1, JobsAdmin.PageSize, 0);
    public bool SchedulerEnabled => jobs.SchedulerEnabled;
    public string TimeZoneId => JobCatalog.Zone.Id;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Job is not null && jobs.Jobs.All(j => j.Name != Job)) Job = null;
        Jobs = await jobs.SummariesAsync(ct);
        Runs = await jobs.RunsAsync(Job, Problems, PageNumber, ct);
    }

    public string Label(string name) => l[$"Job.{name}"];

    public string Schedule(ScheduledJob job) => CronText.Describe(job.Cron, l) ?? job.Cron;

    public string Outcome(JobRunOutcome outcome) => l[$"JobRunOutcome.{outcome}"];

    public string Duration(long? ms) => ms switch
    {
        null => "",
        < 1000 => l["{0} ms", ms.Value],
        < 120_000 => l["{0} s", (ms.Value / 1000.0).ToString("0.#", CultureInfo.InvariantCulture)],
        _ => l["{0} min", (ms.Value / 60_000.0).ToString("0.#", CultureInfo.InvariantCulture)],
    };
}
