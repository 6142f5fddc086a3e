namespace Reception.Web.Jobs;

/// <summary>
/// Jobs asked to run once as soon as the scheduler has started, as if someone had pressed "run now". The demo city's
/// first start asks for the alert jobs (Reception:Jobs:RunAlertsAfterDemoSeed, default true), so that its reminders and
/// alerts are in the notification lists and the mail folder at once rather than at the next scheduled time. Occurrence
/// keys still apply: a later scheduled run sends nothing twice.
/// </summary>
public sealed class StartupJobs
{
    /// <summary>The jobs whose messages the demo shows at first start (the features name them).</summary>
    public IReadOnlyList<string> AfterDemoSeed { get; init; } = [];

    private readonly List<string> _requested = [];

    public void Request(IEnumerable<string> names)
    {
        lock (_requested) _requested.AddRange(names.Except(_requested));
    }

    /// <summary>The requested jobs, once: a second call returns none.</summary>
    public IReadOnlyList<string> Take()
    {
        lock (_requested)
        {
            var names = _requested.ToList();
            _requested.Clear();
            return names;
        }
    }
}
