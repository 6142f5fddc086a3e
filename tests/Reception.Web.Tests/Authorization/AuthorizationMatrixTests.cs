using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Authorization;

namespace Reception.Web.Tests.Authorization;

/// <summary>
/// Every page and every handler, for anonymous visitors and for each role: anonymous → login,
/// wrong role → 403, right role → served. The page list is read from the app itself, so a new
/// page that is not classified here fails the test instead of slipping through unchecked.
/// </summary>
[Collection(DemoAppsCollection.Name)]
public sealed class AuthorizationMatrixTests(DemoApps apps)
{
    private static readonly string[] Everyone = [.. Roles.All];
    private static readonly string[] OfficeStaff = [Roles.Admin, Roles.Clerk, Roles.Supervisor];
    private static readonly string[] AdminOrClerk = [Roles.Admin, Roles.Clerk];
    private static readonly string[] AdminOnly = [Roles.Admin];

    /// <summary>三员分立: accounts, roles and scopes are the security administrator's; the audit log is the auditor's alone.</summary>
    private static readonly string[] SecurityAdminOnly = [Roles.SecurityAdmin];
    private static readonly string[] AuditorOnly = [Roles.Auditor];

    /// <summary>Pages anyone may open without signing in.</summary>
    internal static readonly HashSet<string> PublicPages = ["/Account/Login", "/Account/LoginWith2fa", "/Culture", "/Error", "/Rotas/Public/Rota", "/Query/Index"];

    /// <summary>Which roles may use each signed-in page (DESIGN.md "People and access").</summary>
    internal static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["/Home/Index"] = Everyone,
        ["/Account/ChangePassword"] = Everyone,
        ["/Account/Logout"] = Everyone,
        ["/Account/TwoFactor"] = Everyone,
        ["/Audit/Index"] = AuditorOnly,
        ["/Audit/Verify"] = AuditorOnly,
        ["/Org/Index"] = OfficeStaff,
        ["/Org/Create"] = AdminOnly,
        ["/Org/Edit"] = AdminOnly,
        ["/Org/Robot"] = AdminOnly,
        ["/Org/Import"] = AdminOnly,
        ["/Leaders/Index"] = OfficeStaff,
        ["/Leaders/Create"] = AdminOrClerk,
        ["/Leaders/Edit"] = AdminOrClerk,
        ["/Leaders/Import"] = AdminOrClerk,
        ["/Admin/Users/Index"] = SecurityAdminOnly,
        ["/Admin/Users/Create"] = SecurityAdminOnly,
        ["/Admin/Users/Edit"] = SecurityAdminOnly,
        ["/Calendar/Holidays/Index"] = AdminOnly,
        ["/Calendar/Holidays/Day"] = AdminOnly,
        ["/Calendar/Holidays/Import"] = AdminOnly,
        ["/Calendar/Holidays/Notice"] = AdminOnly,
        ["/Cases/Settings/Index"] = AdminOnly,
        ["/Cases/Settings/Category"] = AdminOnly,
        ["/Cases/Settings/Item"] = AdminOnly,
        ["/Admin/JobRuns/Index"] = AdminOnly,
        ["/Admin/Outbox/Index"] = AdminOnly,
        ["/Rotas/Unavailability/Index"] = [.. OfficeStaff, Roles.Leader],
        ["/Rotas/Unavailability/Create"] = [.. AdminOrClerk, Roles.Leader],
        ["/Rotas/Unavailability/Delete"] = [.. AdminOrClerk, Roles.Leader],
        ["/Visits/Index"] = [.. OfficeStaff, Roles.Leader],
        ["/Visits/Details"] = [.. OfficeStaff, Roles.Leader],
        ["/Visits/Create"] = [.. AdminOrClerk, Roles.Leader],
        ["/Visits/Edit"] = [.. AdminOrClerk, Roles.Leader],
        ["/Visits/Cancel"] = [.. AdminOrClerk, Roles.Leader],
        ["/Visits/Outcome"] = [.. AdminOrClerk, Roles.Leader],
        ["/Visits/Compliance"] = OfficeStaff,
        ["/Visits/Coverage"] = OfficeStaff,
        ["/Rotas/Index"] = OfficeStaff,
        ["/Rotas/Venue"] = AdminOrClerk,
        ["/Rotas/Rule"] = AdminOrClerk,
        ["/Rotas/Month"] = [.. OfficeStaff, Roles.Leader],
        ["/Rotas/Generate"] = AdminOrClerk,
        ["/Rotas/Slot"] = AdminOrClerk,
        ["/Rotas/Versions"] = [.. OfficeStaff, Roles.Leader],
        ["/Rotas/Mine/Index"] = [Roles.Leader],
        ["/Rotas/Swaps/Index"] = [.. AdminOrClerk, Roles.Leader],
        ["/Rotas/Swaps/Create"] = [.. AdminOrClerk, Roles.Leader],
        ["/Rotas/Swaps/Detail"] = [.. AdminOrClerk, Roles.Leader],
        ["/Notifications/Index"] = Everyone,
        ["/Notifications/Preferences"] = Everyone,
        ["/Rotas/Duty/Index"] = OfficeStaff,
        ["/Rotas/Duty/Record"] = AdminOrClerk,
        ["/Rotas/Reports/Index"] = OfficeStaff,
        ["/Rotas/Reports/PlannedActual"] = OfficeStaff,
        ["/Rotas/Reports/Fairness"] = OfficeStaff,
        ["/Cases/Index"] = [Roles.Clerk, Roles.Supervisor],
        ["/Cases/MyCases/Index"] = [Roles.Leader],
        ["/Cases/Queue/Index"] = [Roles.UnitHandler],
        ["/Cases/Metrics/Index"] = [Roles.Clerk, Roles.Supervisor, Roles.Leader],
        ["/Cases/Register"] = [Roles.Clerk],
        ["/Cases/Import/Index"] = [Roles.Clerk],
        ["/Cases/Import/Map"] = [Roles.Clerk],
        ["/Cases/Import/Preview"] = [Roles.Clerk],
        ["/Cases/Import/Batch"] = [Roles.Clerk, Roles.Supervisor],
        ["/Cases/Assign"] = [Roles.Clerk],
        ["/Cases/Details"] = [Roles.Clerk, Roles.Leader, Roles.Supervisor, Roles.UnitHandler],
        ["/Cases/Petitioner"] = [Roles.Clerk, Roles.Leader, Roles.Supervisor, Roles.UnitHandler],
        ["/Cases/Attachments/File"] = [Roles.Clerk, Roles.Leader, Roles.Supervisor, Roles.UnitHandler],
        ["/Cases/Attachments/Upload"] = [Roles.Clerk, Roles.Supervisor, Roles.UnitHandler],
        ["/Cases/Board/Index"] = [Roles.Clerk, Roles.Supervisor],
        ["/Cases/Notices/Index"] = [Roles.Clerk, Roles.Supervisor, Roles.UnitHandler],
        ["/Cases/Notices/Issue"] = [Roles.Supervisor],
        ["/Cases/Notices/Details"] = [Roles.Clerk, Roles.Supervisor, Roles.UnitHandler],
        ["/Calendar/Feeds/Index"] = [Roles.Clerk, Roles.Leader, Roles.Supervisor],
        ["/Cases/Papers/Receipt"] = [Roles.Clerk],
        ["/Cases/Papers/Acceptance"] = [Roles.Clerk, Roles.UnitHandler],
        ["/Cases/Papers/Assignment"] = [Roles.Clerk, Roles.Leader, Roles.Supervisor, Roles.UnitHandler],
        ["/Cases/Papers/Reply"] = [Roles.Clerk, Roles.UnitHandler],
        ["/Cases/Notices/Paper"] = [Roles.Clerk, Roles.Supervisor, Roles.UnitHandler],
        ["/Reports/Periodic/Index"] = [Roles.Clerk, Roles.Supervisor, Roles.Leader],
        ["/Reports/Periodic/Report"] = [Roles.Clerk, Roles.Supervisor, Roles.Leader],
        ["/Reports/Assessment/Index"] = [Roles.Clerk, Roles.Supervisor, Roles.Leader],
        ["/Reports/Assessment/Leader"] = [Roles.Clerk, Roles.Supervisor, Roles.Leader],
        ["/Reports/Assessment/Weights"] = [.. OfficeStaff, Roles.Leader],
    };

    internal static readonly Dictionary<string, string> DemoUserFor = new()
    {
        [Roles.Admin] = "admin",
        [Roles.Clerk] = "clerk",
        [Roles.Supervisor] = "supervisor",
        [Roles.Leader] = "leader01",
        [Roles.UnitHandler] = "unit",
        [Roles.SecurityAdmin] = "security",
        [Roles.Auditor] = "auditor",
    };

    [Fact]
    public void EveryPageOfTheApp_IsClassified()
    {
        var pages = PageHandlers().Select(p => p.Page).ToHashSet();

        var unclassified = pages.Where(p => !Allowed.ContainsKey(p) && !PublicPages.Contains(p)).ToList();
        var stale = Allowed.Keys.Concat(PublicPages).Where(p => !pages.Contains(p)).ToList();

        Assert.True(unclassified.Count == 0, "Pages missing from the authorization matrix: " + string.Join(", ", unclassified));
        Assert.True(stale.Count == 0, "Matrix entries for pages that no longer exist: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Anonymous_EveryPageAndHandler_RedirectsToLogin()
    {
        var app = apps.Sqlite;
        var urls = await UrlsAsync(app);
        using var client = app.CreateAppClient();
        var failures = new List<string>();

        foreach (var (page, handler, verb) in PageHandlers().Where(h => !PublicPages.Contains(h.Page)))
        {
            var url = WithHandler(urls[page], handler);
            using var response = verb == "GET"
                ? await client.GetAsync(url)
                : await client.Http.PostAsync(url, new FormUrlEncodedContent([]));
            var location = response.Headers.Location?.ToString() ?? "";
            if (response.StatusCode != HttpStatusCode.Redirect || !location.Contains("/Account/Login", StringComparison.Ordinal))
                failures.Add($"{verb} {url}: {(int)response.StatusCode} {location}");
        }

        Assert.True(failures.Count == 0, "Not sent to the login page:\n" + string.Join("\n", failures));
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Clerk)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Leader)]
    [InlineData(Roles.UnitHandler)]
    [InlineData(Roles.SecurityAdmin)]
    [InlineData(Roles.Auditor)]
    public async Task EachRole_EveryPageAndHandler_ServedOnlyWhenAllowed(string role)
    {
        var app = apps.Sqlite;
        var urls = await UrlsAsync(app);
        using var client = await app.LoginAsync(DemoUserFor[role]);
        var failures = new List<string>();

        foreach (var (page, allowed) in Allowed)
        {
            var mayUse = allowed.Contains(role);
            using var get = await client.GetAsync(urls[page]);
            var getOk = mayUse
                ? get.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect && !IsLoginRedirect(get)
                : get.StatusCode == HttpStatusCode.Forbidden;
            if (!getOk) failures.Add($"GET {urls[page]}: {(int)get.StatusCode} {get.Headers.Location}");

            if (mayUse) continue; // what allowed posts do is covered by each page's own tests
            foreach (var (_, handler, _) in PageHandlers().Where(h => h.Page == page && h.Verb == "POST"))
            {
                var url = WithHandler(urls[page], handler);
                using var post = await client.Http.PostAsync(url, new FormUrlEncodedContent([]));
                if (post.StatusCode != HttpStatusCode.Forbidden) failures.Add($"POST {url}: {(int)post.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, $"As {role}:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task ForbiddenPage_IsExplainedInTheUsersLanguage()
    {
        using var client = await apps.Sqlite.LoginAsync("leader01");

        using var response = await client.GetAsync("/Admin/Users/Index");
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权访问", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAddress_Answers404InTheUsersLanguage()
    {
        using var client = await apps.Sqlite.LoginAsync("clerk");
        client.UseCulture("en");

        using var response = await client.GetAsync("/No/Such/Page");
        var page = await AppClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    private static bool IsLoginRedirect(HttpResponseMessage r) =>
        r.Headers.Location?.ToString().Contains("/Account/Login", StringComparison.Ordinal) == true;

    internal static string WithHandler(string url, string? handler) =>
        handler is null ? url : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;

    /// <summary>A concrete address for every page (ids of demo records where a page needs one).</summary>
    internal static async Task<Dictionary<string, string>> UrlsAsync(ReceptionFactory app)
    {
        var (cityId, leaderId, clerkId) = await app.WithDbAsync(async db => (
            await db.OrgUnits.Where(o => o.Code == "demo").Select(o => o.Id).SingleAsync(),
            await db.Leaders.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync(),
            await db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync()));
        // A page's address from the app's own routes (a page's name is its place in Features/, not always its URL).
        var links = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.LinkGenerator>();
        var urls = Allowed.Keys.Concat(PublicPages).ToDictionary(p => p, p => links.GetPathByPage(p) ?? p);
        urls["/Org/Create"] = $"/Org/Create?parentId={cityId}";
        urls["/Org/Edit"] = $"/Org/Edit/{cityId}";
        urls["/Org/Robot"] = $"/Org/Robot/{cityId}";
        urls["/Leaders/Edit"] = $"/Leaders/Edit/{leaderId}";
        urls["/Reports/Assessment/Leader"] = $"/Reports/Assessment/{leaderId}"; // leader01's own sheet
        urls["/Admin/Users/Edit"] = $"/Admin/Users/Edit/{clerkId}";
        urls["/Calendar/Holidays/Day"] = "/Admin/Calendar/Day?date=2026-10-01";
        var (categoryId, checklistItemId) = await app.WithDbAsync(async db => (
            await db.CaseCategories.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(),
            await db.ChecklistItems.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync()));
        urls["/Cases/Settings/Category"] = $"/Admin/Casework/Category/{categoryId}";
        urls["/Cases/Settings/Item"] = $"/Admin/Casework/Item/{checklistItemId}";
        var (visitId, unavailabilityId) = await LeaderRecordsAsync(app, leaderId, clerkId);
        urls["/Visits/Details"] = $"/Visits/Details/{visitId}";
        urls["/Visits/Edit"] = $"/Visits/Edit/{visitId}";
        urls["/Visits/Cancel"] = $"/Visits/Cancel/{visitId}";
        urls["/Visits/Outcome"] = $"/Visits/Outcome/{visitId}";
        urls["/Visits/Compliance"] = "/Visits/Compliance?month=2026-11";
        urls["/Visits/Coverage"] = "/Visits/Coverage?quarter=2026Q4";
        urls["/Rotas/Unavailability/Delete"] = $"/Unavailability/Delete/{unavailabilityId}";
        var (ruleId, month, slotDate) = await app.WithDbAsync(async db =>
        {
            var rota = await db.RotaMonths.Where(m => m.DutyRule!.OrgUnitId == cityId).OrderBy(m => m.Month).FirstAsync();
            var date = await db.DutyAssignments.Where(a => a.RotaMonthId == rota.Id).OrderBy(a => a.Date).Select(a => a.Date).FirstAsync();
            return (rota.DutyRuleId, rota.Month.ToString("yyyy-MM"), date.ToString("yyyy-MM-dd"));
        });
        urls["/Rotas/Rule"] = $"/Rotas/Rule?id={ruleId}";
        urls["/Rotas/Month"] = $"/Rotas/Month?rule={ruleId}&month={month}";
        urls["/Rotas/Generate"] = $"/Rotas/Generate?rule={ruleId}&month={month}";
        urls["/Rotas/Slot"] = $"/Rotas/Slot?rule={ruleId}&month={month}&date={slotDate}&session=0";
        urls["/Rotas/Versions"] = $"/Rotas/Versions?rule={ruleId}&month={month}";
        urls["/Rotas/Public/Rota"] = "/rota/demo";
        var (swapId, dutyId) = await SwapRecordsAsync(app, clerkId);
        urls["/Rotas/Swaps/Detail"] = $"/Swaps/Detail/{swapId}";
        urls["/Rotas/Duty/Record"] = $"/Duty/Record/{dutyId}";
        urls["/Cases/Assign"] = $"/Cases/Assign/{await AssignRecordAsync(app)}";
        var (noticeCaseId, noticeId) = await NoticeRecordsAsync(app);
        urls["/Cases/Notices/Issue"] = $"/Notices/Issue?case={noticeCaseId}";
        urls["/Cases/Details"] = $"/Cases/Details/{noticeCaseId}"; // owned by leader01, handled by the demo unit: every allowed role sees it
        urls["/Cases/Notices/Details"] = $"/Notices/Details/{noticeId}";
        urls["/Cases/Notices/Paper"] = $"/Notices/Paper/{noticeId}";
        urls["/Cases/Papers/Receipt"] = $"/Cases/Papers/Receipt/{noticeCaseId}";
        urls["/Cases/Papers/Acceptance"] = $"/Cases/Papers/Acceptance/{noticeCaseId}";
        urls["/Cases/Papers/Assignment"] = $"/Cases/Papers/Assignment/{noticeCaseId}";
        urls["/Cases/Papers/Reply"] = $"/Cases/Papers/Reply/{await ReplyRecordAsync(app)}";
        urls["/Query/Index"] = "/query";
        urls["/Cases/Import/Batch"] = $"/Cases/Import/Batch/{await app.WithDbAsync(async db =>
        {
            var batch = new Reception.Core.Cases.Import.CaseImportBatch(cityId, clerkId, "matrix.xlsx", 0, DateTime.UtcNow);
            db.CaseImportBatches.Add(batch);
            await db.SaveChangesAsync();
            return batch.Id;
        })}";
        urls["/Reports/Periodic/Report"] = $"/Reports/Periodic/Report/{await PublishedReportAsync(app)}"; // published: every allowed role reads it
        // The petitioner page of that case's first petitioner: every allowed role sees the case, so the page too.
        urls["/Cases/Petitioner"] = $"/Cases/Petitioner/{await app.WithDbAsync(db => db.CasePetitioners
            .Where(p => EF.Property<int>(p, "PetitionCaseId") == noticeCaseId).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync())}";
        urls["/Cases/Attachments/Upload"] = $"/Cases/Attachments/Upload/{noticeCaseId}";
        urls["/Cases/Attachments/File"] = $"/Cases/Attachments/{await app.WithDbAsync(async db =>
        {
            var pdf = "%PDF-1.4\n"u8.ToArray();
            var hash = Reception.Core.Cases.Attachments.CaseAttachment.HashOf(pdf);
            if (!await db.AttachmentBlobs.AnyAsync(b => b.Hash == hash)) db.AttachmentBlobs.Add(new(hash, pdf, null, DateTime.UtcNow));
            var attachment = new Reception.Core.Cases.Attachments.CaseAttachment(noticeCaseId, null, "a.pdf", Reception.Core.Cases.Attachments.AttachmentType.Pdf, pdf.Length, hash, "matrix", DateTime.UtcNow);
            db.CaseAttachments.Add(attachment);
            await db.SaveChangesAsync();
            return attachment.Id;
        })}";
        return urls;
    }

    /// <summary>
    /// A swap request of leader01 with leader02 (their first demo duties), created once, so the request page
    /// has an address every allowed role reaches (leader01 as the requester). Only swap pages show it.
    /// </summary>
    private static Task<(int SwapId, int AssignmentId)> SwapRecordsAsync(ReceptionFactory app, string clerkId) =>
        app.WithDbAsync(async db =>
        {
            var leaders = await db.Users.Where(u => u.UserName == "leader01" || u.UserName == "leader02").OrderBy(u => u.UserName)
                .Select(u => u.LeaderId!.Value).ToListAsync();
            var mine = await db.DutyAssignments.Where(a => a.LeaderId == leaders[0]).OrderBy(a => a.Date).FirstAsync();
            var swapId = await db.SwapRequests.Where(r => r.RequesterLeaderId == leaders[0]).Select(r => (int?)r.Id).FirstOrDefaultAsync();
            if (swapId is null)
            {
                var theirs = await db.DutyAssignments.Where(a => a.LeaderId == leaders[1] && a.RotaMonthId == mine.RotaMonthId).OrderBy(a => a.Date).FirstAsync();
                var swap = Reception.Core.Rotas.Model.SwapRequest.Ask(Reception.Core.Rotas.Model.SwapKind.Swap, mine.Id, leaders[0], leaders[1], theirs.Id, "授权矩阵测试",
                    clerkId, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
                db.SwapRequests.Add(swap);
                await db.SaveChangesAsync();
                swapId = swap.Id;
            }
            return (swapId.Value, mine.Id);
        });

    /// <summary>
    /// A case of the demo city handled by the demo unit handler's department (人社局), with a 督办 notice to it, created once
    /// (number demo-2000-900004, no running clock, so it is on no board), so the notice pages have an address every allowed
    /// role reaches.
    /// </summary>
    /// <summary>A published 通报 of the demo city (January 2000, numbered in 2000's series), created once.</summary>
    private static async Task<int> PublishedReportAsync(ReceptionFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Reception.Web.Data.AppDbContext>();
        var city = await db.OrgUnits.SingleAsync(o => o.Code == "demo");
        var period = Reception.Core.Rotas.ReportPeriod.Month(2000, 1);
        if (await db.PeriodicReports.Where(r => r.OrgUnitId == city.Id && r.Kind == period.Kind && r.Year == 2000 && r.Number == 1).Select(r => (int?)r.Id)
                .SingleOrDefaultAsync() is { } existing) return existing;
        var content = await scope.ServiceProvider.GetRequiredService<Reception.Web.Features.Reports.Periodic.PeriodicReportBuilder>().BuildAsync(city, period);
        var at = new DateTime(2000, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        var report = Reception.Core.Reports.PeriodicReport.Draft(city.Id, period, at);
        report.Publish("矩阵测试", "演示信通", 2000, 1, content.ToJson(), "matrix", new DateOnly(2000, 2, 1), at);
        db.PeriodicReports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    }

    private static Task<(int CaseId, int NoticeId)> NoticeRecordsAsync(ReceptionFactory app) =>
        app.WithDbAsync(async db =>
        {
            var number = new Reception.Core.Cases.CaseNumber("demo", 2000, 900_004);
            var at = new DateTime(2000, 1, 4, 0, 0, 0, DateTimeKind.Utc);
            var existing = await db.Cases.Where(c => c.Number == number).Select(c => (int?)c.Id).SingleOrDefaultAsync();
            if (existing is null)
            {
                var city = await db.OrgUnits.Where(o => o.Code == "demo").Select(o => o.Id).SingleAsync();
                var rsj = await db.OrgUnits.Where(o => o.Code == "rsj").Select(o => o.Id).SingleAsync();
                var leader = await db.Leaders.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
                var c = Reception.Core.Cases.PetitionCase.Register(new Reception.Core.Cases.CaseIntake(number, city, Reception.Core.Cases.Channel.Letter, new DateOnly(2000, 1, 4), "other",
                    "授权矩阵测试", null, 1, [new Reception.Core.Cases.CasePetitioner("测试", null, null, null, null)]), "system", at).Value!;
                c.Accept("system", at);
                c.Assign(leader, rsj, null, null, null, "system", at);
                db.Cases.Add(c);
                await db.SaveChangesAsync();
                var notice = Reception.Core.Cases.SupervisionNotice.Issue(c.Id, rsj, "授权矩阵测试", new DateOnly(2000, 1, 4), new DateOnly(2000, 1, 11), "system", at).Value!;
                db.SupervisionNotices.Add(notice);
                await db.SaveChangesAsync();
                existing = c.Id;
            }
            return (existing.Value, await db.SupervisionNotices.Where(n => n.PetitionCaseId == existing.Value).Select(n => n.Id).FirstAsync());
        });

    /// <summary>A replied case of the demo city owned by leader01 and handled by 人社局 (demo-2000-900031, created once), for the reply cover.</summary>
    private static Task<int> ReplyRecordAsync(ReceptionFactory app) =>
        DemoCityCaseAsync(app, 900_031, async (db, c, at) =>
        {
            var rsj = await db.OrgUnits.Where(o => o.Code == "rsj").Select(o => o.Id).SingleAsync();
            var leader = await db.Leaders.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
            c.Assign(leader, rsj, null, null, null, "system", at);
            c.StartHandling("system", at);
            c.Reply("授权矩阵测试", new DateOnly(2000, 1, 5), "system", at.AddDays(1));
        });

    /// <summary>An accepted case of the demo city (number demo-2000-900021, created once), so the assignment page has an address.</summary>
    private static Task<int> AssignRecordAsync(ReceptionFactory app) => DemoCityCaseAsync(app, 900_021, (_, _, _) => Task.CompletedTask);

    /// <summary>
    /// An accepted letter case of the demo city numbered demo-2000-{sequence}, taken further by <paramref name="then"/>;
    /// created once, its id returned on later calls.
    /// </summary>
    private static Task<int> DemoCityCaseAsync(ReceptionFactory app, int sequence, Func<Reception.Web.Data.AppDbContext, Reception.Core.Cases.PetitionCase, DateTime, Task> then) =>
        app.WithDbAsync(async db =>
        {
            var number = new Reception.Core.Cases.CaseNumber("demo", 2000, sequence);
            var existing = await db.Cases.Where(c => c.Number == number).Select(c => (int?)c.Id).SingleOrDefaultAsync();
            if (existing is not null) return existing.Value;
            var at = new DateTime(2000, 1, 4, 0, 0, 0, DateTimeKind.Utc);
            var city = await db.OrgUnits.Where(o => o.Code == "demo").Select(o => o.Id).SingleAsync();
            var c = Reception.Core.Cases.PetitionCase.Register(new Reception.Core.Cases.CaseIntake(number, city, Reception.Core.Cases.Channel.Letter, new DateOnly(2000, 1, 4), "other",
                "授权矩阵测试", null, 1, [new Reception.Core.Cases.CasePetitioner("测试", null, null, null, null)]), "system", at).Value!;
            c.Accept("system", at);
            await then(db, c, at);
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });

    /// <summary>
    /// A planned visit and an unavailability of the first demo leader (leader01's), so the pages that show one
    /// have an address every allowed role reaches. Created once, in January 2000, far from any month the other
    /// read-only tests look at; the matrix only opens them (allowed roles) or is refused (the others).
    /// </summary>
    private static Task<(int VisitId, int UnavailabilityId)> LeaderRecordsAsync(ReceptionFactory app, int leaderId, string clerkId) =>
        app.WithDbAsync(async db =>
        {
            var day = new DateOnly(2000, 1, 3);
            var arranged = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            if (!await db.Visits.AnyAsync(v => v.LeaderId == leaderId && v.Date == day))
            {
                var township = await db.OrgUnits.Where(o => o.Code == "qingshan").Select(o => o.Id).SingleAsync();
                db.Visits.Add(new Reception.Core.Rotas.Model.Visit(leaderId, day, township, "授权矩阵测试", null, arranged));
                db.Unavailabilities.Add(new Reception.Core.Rotas.Model.Unavailability(leaderId, day, day.AddDays(1),
                    Reception.Core.Rotas.UnavailabilityReason.Leave, null, clerkId, arranged));
                await db.SaveChangesAsync();
            }
            return (await db.Visits.Where(v => v.LeaderId == leaderId && v.Date == day).Select(v => v.Id).FirstAsync(),
                    await db.Unavailabilities.Where(u => u.LeaderId == leaderId && u.From == day).Select(u => u.Id).FirstAsync());
        });

    /// <summary>Every page model's handlers (OnGet, OnPostDeactivate, …), found by reflection over the web assembly.</summary>
    internal static IEnumerable<(string Page, string? Handler, string Verb)> PageHandlers()
    {
        const string root = "Reception.Web.Features";
        foreach (var type in typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract))
        {
            var page = type.FullName![root.Length..].Replace('.', '/');
            page = page[..^"Model".Length];
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^5] : method.Name;
                foreach (var verb in new[] { "Get", "Post" })
                {
                    if (!name.StartsWith("On" + verb, StringComparison.Ordinal)) continue;
                    var handler = name[(2 + verb.Length)..];
                    yield return (page, handler.Length == 0 ? null : handler, verb.ToUpperInvariant());
                }
            }
        }
    }
}
