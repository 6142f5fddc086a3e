using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Reception.Web.Data.Seed;
using Reception.Web.Features.Calendar;
using Reception.Web.Features.Calendar.Feeds;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Demo;
using Reception.Web.Features.Home;
using Reception.Web.Features.Org;
using Reception.Web.Features.Query;
using Reception.Web.Features.Rotas;
using Reception.Web.Features.Visits;

namespace Reception.Web.Features;

/// <summary>
/// Wires the features into the app: their services, jobs, endpoints and hooks. The plumbing (Infrastructure, Data,
/// Jobs, Mail, Notifications, Authorization) knows no feature; it is composed with them here, from Program.cs.
/// </summary>
public static class FeatureSetup
{
    /// <summary>The alert jobs the demo's first start runs at once, so its reminders and alerts show straight away.</summary>
    public static readonly IReadOnlyList<string> DemoStartJobs = [DeadlineScan.Name, DutyReminders.Name, VisitReminders.Name, Reports.Periodic.PeriodicReportJob.Name];

    /// <summary>Index pages whose URL is not their place in Features/, and the "…/Index" address they also answer.</summary>
    private static readonly (string Page, string Url)[] IndexAliases =
    [
        ("/Cases/Board/Index", "Board/Index"), ("/Cases/MyCases/Index", "MyCases/Index"), ("/Cases/Queue/Index", "Queue/Index"),
        ("/Cases/Notices/Index", "Notices/Index"), ("/Cases/Metrics/Index", "Metrics/Index"), ("/Cases/Settings/Index", "Admin/Casework/Index"),
        ("/Calendar/Holidays/Index", "Admin/Calendar/Index"), ("/Calendar/Feeds/Index", "Feeds/Index"), ("/Rotas/Duty/Index", "Duty/Index"),
        ("/Rotas/Reports/Index", "Reports/Index"), ("/Rotas/Swaps/Index", "Swaps/Index"), ("/Rotas/Unavailability/Index", "Unavailability/Index"),
        ("/Home/Index", "Index"),
    ];

    public static void AddFeatures(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        // A calendar feed's path holds its secret token: no log writes request paths, whatever the configuration says.
        FeedLogging.KeepRequestPathsOutOfLogs(builder.Logging);

        services.AddScoped<Notifier>();
        services.AddScoped<UnitRobots>();
        services.AddScoped<IMailSendTimes, WorkingHoursSendTimes>();
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddScoped<OrgChoices>();
        services.AddScoped<HomeAgenda>();
        services.AddScoped<RotaPlanner>();
        services.AddScoped<RotaRepairs>();
        services.AddSingleton<HolidayCalendarService>();
        services.AddScoped<HolidayArrangementStore>();
        services.AddSingleton(CaseRules.FromConfiguration(configuration));
        services.AddScoped<CaseService>();
        services.AddScoped<Reception.Web.Features.Cases.Import.LedgerImportService>();
        services.AddScoped<CaseMetrics>();
        services.AddScoped<Reports.Periodic.PeriodicReportBuilder>();
        services.AddScoped<Reports.Periodic.PeriodicReports>();
        services.AddScoped<Reception.Web.Features.Cases.Papers.QueryCodes>();
        services.AddScoped<Reception.Web.Features.Cases.Papers.CasePapers>();
        services.AddPublicQueryRateLimit(configuration);
        services.AddScoped<Reception.Web.Features.Cases.Attachments.AttachmentStore>();
        services.Configure<Reception.Web.Features.Cases.Attachments.AttachmentOptions>(configuration.GetSection(Reception.Web.Features.Cases.Attachments.AttachmentOptions.Section));
        services.AddReceptionFeeds(configuration);
        services.AddSingleton<Reception.Web.Features.Rotas.Public.PublicRotaCache>();
        // Unchanged feeds and public rota pages are answered before routing (one statement, bytes from memory).
        services.AddSingleton<IEarlyAnswer, Calendar.Feeds.FeedEndpoints.Early>();
        services.AddSingleton<IEarlyAnswer, Reception.Web.Features.Rotas.Public.PublicRotaCache.Early>();
        services.AddSingleton<IInterceptor>(FeedVersionInterceptor.Instance);
        services.Configure<AlertOptions>(configuration.GetSection(AlertOptions.Section));
        services.AddScoped<VisitComplianceQuery>();
        services.AddScoped<Reports.Assessment.LeaderAssessmentQuery>();
        services.AddScoped<IDemoSeeder, DemoSeeder>();

        // Pages that live inside a feature but keep the address they always had (e.g. /Board): the page says its route
        // (@page "/Board"); its "/Board/Index" form, which Razor Pages gives every index page, is kept here.
        services.Configure<RazorPagesOptions>(o =>
        {
            // The old "/X/Index" addresses still answer, but links are always generated as "/X".
            foreach (var (page, url) in IndexAliases)
                o.Conventions.AddPageRouteModelConvention(page, model => model.Selectors.Add(new SelectorModel
                {
                    AttributeRouteModel = new AttributeRouteModel { Template = url, SuppressLinkGeneration = true },
                }));
        });

        foreach (var job in JobRegistry.All) services.AddReceptionJob(job);
        services.AddSingleton(new StartupJobs { AfterDemoSeed = DemoStartJobs });
    }

    public static void MapFeatures(this WebApplication app) => app.MapFeeds();
}
