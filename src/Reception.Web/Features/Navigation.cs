namespace Reception.Web.Features;

/// <summary>One entry of the main navigation and of the role home pages.</summary>
/// <param name="Page">A Razor page ("/Org/Index"), or — with <paramref name="Url"/> — the folder it highlights.</param>
/// <param name="Url">An address that is not a Razor page (the Hangfire dashboard).</param>
/// <param name="RootOnly">A global setting: shown to administrators of a root unit only (<see cref="GlobalSettings"/>).</param>
public sealed record NavItem(string Page, string Label, string Description, IReadOnlyList<string> Roles, string? Url = null, bool RootOnly = false)
{
    /// <summary>The page's folder ("/Org"); any page in it highlights this entry.</summary>
    public string Folder => Page[..Page.LastIndexOf('/')];
}

/// <summary>
/// What exists, by role. The layout and the home page both read this list, so a page that a role
/// cannot open is never offered to it (the page's own [Authorize] still decides).
/// </summary>
public static class Navigation
{
    public static readonly IReadOnlyList<NavItem> Items =
    [
        new("/Cases/Index", "Cases", "Register, assign and follow petition cases until they are resolved.", [Roles.Clerk, Roles.Supervisor]),
        new("/Rotas/Mine/Index", "My duties", "Your coming duties and visits; ask to swap or be covered.", [Roles.Leader]),
        new("/Cases/MyCases/Index", "My cases", "The cases you own or received: due soon, overdue, and your figures.", [Roles.Leader]),
        new("/Cases/Queue/Index", "Our unit's cases", "Cases assigned or transferred to your unit: progress, replies, objections.", [Roles.UnitHandler]),
        new("/Cases/Board/Index", "Supervision board", "Open cases by colour, unit and leader.", [Roles.Clerk, Roles.Supervisor]),
        new("/Cases/Notices/Index", "Supervision notices", "督办 notices to units, with their reply deadlines.", [Roles.Clerk, Roles.Supervisor, Roles.UnitHandler]),
        new("/Cases/Metrics/Index", "Case metrics", "Resolution, on-time and satisfaction rates; counts and trends.", [Roles.Clerk, Roles.Supervisor, Roles.Leader]),
        new("/Reports/Periodic/Index", "Periodic reports", "Monthly, quarterly, half-year and yearly 通报: review, publish, print.", [Roles.Clerk, Roles.Supervisor, Roles.Leader]),
        new("/Reports/Assessment/Index", "Leaders' assessment", "Each leader's duties, visits and cases for a quarter or year, scored with versioned weights.", [Roles.Clerk, Roles.Supervisor, Roles.Leader]),
        new("/Rotas/Index", "Duty rota", "Duty rules, monthly rotas, publishing and versions.", [Roles.Admin, Roles.Clerk, Roles.Supervisor]),
        new("/Org/Index", "Organisation", "Counties, townships, villages and departments.", [Roles.Admin, Roles.Clerk, Roles.Supervisor]),
        new("/Leaders/Index", "Leaders", "Leaders, their leading bodies and rotation order.", [Roles.Admin, Roles.Clerk, Roles.Supervisor]),
        new("/Visits/Index", "Visits", "Village visits: plan them, record outcomes, check compliance and coverage.", [Roles.Admin, Roles.Clerk, Roles.Leader, Roles.Supervisor]),
        new("/Rotas/Unavailability/Index", "Leave, travel and meetings", "Days on which a leader cannot take duty.", [Roles.Admin, Roles.Clerk, Roles.Leader, Roles.Supervisor]),
        new("/Rotas/Swaps/Index", "Swaps and cover", "Ask a colleague to swap or cover a duty; accept, approve and undo.", [Roles.Admin, Roles.Clerk, Roles.Leader]),
        new("/Calendar/Feeds/Index", "Calendar feeds", "Subscribe to duties and visits in the calendar on your phone or computer.", [Roles.Clerk, Roles.Leader, Roles.Supervisor]),
        new("/Rotas/Duty/Index", "Duty record", "Who actually received after each duty, with batches and people.", [Roles.Admin, Roles.Clerk, Roles.Supervisor]),
        new("/Rotas/Reports/Index", "Reports", "Planned against actual duties, and the fairness of the rota.", [Roles.Admin, Roles.Clerk, Roles.Supervisor]),
        new("/Admin/Users/Index", "Users", "Accounts, roles, org units and passwords.", [Roles.SecurityAdmin]),
        new("/Audit/Index", "Audit log", "Who signed in, viewed personal data, exported or changed what, and when; the chain's verification.", [Roles.Auditor]),
        new("/Calendar/Holidays/Index", "Holiday calendar", "Official holidays and make-up working days.", [Roles.Admin], RootOnly: true),
        new("/Cases/Settings/Index", "Case settings", "Case categories and the case-ownership checklist.", [Roles.Admin], RootOnly: true),
        new("/Admin/Jobs/Index", "Scheduled jobs", "The job dashboard: schedules, next runs, running and failed jobs, retries; trigger a job now.", [Roles.Admin], Url: Reception.Web.Jobs.JobsDashboard.Path),
        new("/Admin/JobRuns/Index", "Job runs", "What each run of a reminder, alert, bulletin or backup did, in the ledger that makes it happen once.", [Roles.Admin]),
        new("/Admin/Outbox/Index", "Mail outbox", "Every email sent or waiting: status, attempts, errors; resend a dead letter.", [Roles.Admin], RootOnly: true),
    ];

    public static IEnumerable<NavItem> For(CurrentUser user) =>
        Items.Where(i => i.Roles.Any(user.IsInRole) && (!i.RootOnly || user.IsRootAdministrator));

    /// <summary>
    /// The entry the current page belongs to: the one with the deepest folder containing it, so that
    /// "/Cases/Board/Index" highlights the board and not the case list of "/Cases".
    /// </summary>
    public static NavItem? Active(IEnumerable<NavItem> items, string? currentPage) =>
        currentPage is null ? null : items
            .Where(i => i.Url is null && currentPage.StartsWith(i.Folder + "/", StringComparison.Ordinal))
            .MaxBy(i => i.Folder.Length);
}
