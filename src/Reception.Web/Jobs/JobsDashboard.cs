using System.Security.Claims;
using Hangfire;
using Hangfire.Dashboard;

namespace Reception.Web.Jobs;

/// <summary>
/// The Hangfire Dashboard at <see cref="Path"/>, for administrators: the endpoint requires the app's own sign-in and the
/// Admin role (anonymous → the sign-in page, another role → 403, as for every admin page), and the dashboard's own
/// authorization filter checks the role again. Administrators of a sub-unit may look but not trigger, delete or
/// requeue (read-only); only an administrator of a root unit acts. The dashboard speaks the request's UI culture
/// (Hangfire ships Chinese), and its "back to site" link leads to the app's job-runs page, which links back here.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/Admin/Jobs";

    /// <summary>The app's page of occurrences and their outcomes (the ledger), which the dashboard does not show.</summary>
    public const string RunsPage = "/Admin/JobRuns";

    public static string RecurringUrl => Path + "/recurring";

    public static string JobUrl(string backgroundJobId) => $"{Path}/jobs/details/{Uri.EscapeDataString(backgroundJobId)}";

    public static void MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new AdminFilter()],
            IsReadOnlyFunc = context => !IsRootAdministrator(context.GetHttpContext().User),
            AppPath = RunsPage,
            DashboardTitle = "领导接访排班与包案跟踪 · Jobs",
            DisplayStorageConnectionString = false,
            TimeZoneResolver = new DefaultTimeZoneResolver(),
        }).RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Admin });
    }

    /// <summary>An administrator whose org unit is a root of the tree ("/demo/"): the global settings are theirs.</summary>
    public static bool IsRootAdministrator(ClaimsPrincipal user) => GlobalSettings.IsRootAdministrator(user);

    private sealed class AdminFilter : IDashboardAsyncAuthorizationFilter
    {
        public Task<bool> AuthorizeAsync(DashboardContext context) => Task.FromResult(context.GetHttpContext().User.IsInRole(Roles.Admin));
    }
}
