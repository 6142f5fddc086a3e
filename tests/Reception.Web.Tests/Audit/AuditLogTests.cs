using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Audit;
using Reception.Web.Audit;
using Reception.Web.Authorization;
using Reception.Web.Features.Audit;
using Reception.Web.Jobs;

namespace Reception.Web.Tests.Audit;

/// <summary>
/// Issue 16 items 1–3: what the audit log records (who, role, unit, address, what, which record, outcome), that it is
/// chained and verifiable (page and command), append-only, archived after its retention period, and readable by the
/// auditor alone.
/// </summary>
public sealed class AuditLogTests(ClockedSecurityApp fixture) : IClassFixture<ClockedSecurityApp>
{
    private ReceptionFactory App => fixture.App;

    [Fact]
    public async Task SignOut_IsRecorded_WithTheUsersRoleUnitAndAddress()
    {
        using var client = (await App.LoginAsync("supervisor")).From("10.2.0.1");

        using (await client.PostFormAsync("/", [], "/Account/Logout")) { }

        var record = (await App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.SignOut);
        Assert.Equal(("supervisor", "Supervisor", "/demo/", "10.2.0.1", AuditOutcome.Success), (record.UserName, record.Role, record.Unit, record.Client, record.Outcome));
        Assert.Equal(fixture.Clock.GetUtcNow().UtcDateTime, record.AtUtc);
    }

    [Fact]
    public async Task CaseDetails_UnmaskedForAClerk_RecordsWhichCaseAndWhichPetitioners_MaskedForALeaderRecordsNothing()
    {
        var (caseId, number, petitioners) = await App.WithDbAsync(async db =>
        {
            var c = await db.Cases.AsNoTracking().Include(x => x.Petitioners).Where(x => x.Petitioners.Any(p => p.IdentityNumber != null)).OrderBy(x => x.Id).FirstAsync();
            return (c.Id, c.Number.ToString(), string.Join(",", c.Petitioners.Select(p => p.Id)));
        });
        using var clerk = await App.LoginAsync("clerk");

        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/Cases/Details/{caseId}")).StatusCode);

        var record = (await App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.PersonalDataView);
        Assert.Equal(("clerk", "case:" + number, "petitioners=" + petitioners), (record.UserName, record.Target, record.Detail));
        var count = (await App.AuditRecordsAsync()).Count(r => r.Action == AuditActions.PersonalDataView);
        using var unit = await App.LoginAsync("unit");
        await unit.GetAsync($"/Cases/Details/{caseId}");
        Assert.Equal(count, (await App.AuditRecordsAsync()).Count(r => r.Action == AuditActions.PersonalDataView));
    }

    [Fact]
    public async Task CaseExport_RecordsTheListTheRowsAndThatPersonalDataWasInIt()
    {
        using var clerk = await App.LoginAsync("clerk");

        using var response = await clerk.GetAsync("/Cases?handler=Csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length;

        var record = (await App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.Export);
        Assert.Equal("list:/Cases/Index", record.Target);
        Assert.Contains($"rows={lines - 1};", record.Detail);
        Assert.EndsWith("personal-data=yes", record.Detail);
    }

    [Fact]
    public async Task AccessRefused_403And404_AreRecordedWithThePage()
    {
        using var leader = await App.LoginAsync("leader01");
        await leader.GetAsync("/Admin/Users");
        await leader.GetAsync("/Cases/Details/99999999");

        var refused = (await App.AuditRecordsAsync()).Where(r => r.Action == AuditActions.AccessRefused && r.UserName == "leader01").ToList();
        Assert.Contains(refused, r => r.Target == "page:/Admin/Users" && r.Detail == "GET 403" && r.Outcome == AuditOutcome.Refused);
        Assert.Contains(refused, r => r.Target == "page:/Cases/Details/99999999" && r.Detail == "GET 404");
    }

    [Fact]
    public async Task RoleChange_IsRecordedWithTheRoleBeforeAndAfter()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("rc."), Roles.Clerk);
        using var security = await App.LoginAsync("security");

        using (var saved = await security.OpenAndSubmitAsync($"/Admin/Users/Edit/{user.Id}", new Dictionary<string, string> { ["Input.Role"] = Roles.Supervisor }))
            await saved.AssertRedirectToAsync("/Admin/Users");

        var record = (await App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.UserChange);
        Assert.Equal(("security", "SecurityAdmin", $"page:/Admin/Users/Edit/{user.Id}", AuditOutcome.Success), (record.UserName, record.Role, record.Target, record.Outcome));
        Assert.Contains("role Clerk→Supervisor", record.Detail);
    }

    [Fact]
    public async Task HolidayChange_IsRecorded()
    {
        using var admin = await App.LoginAsync("admin");
        var page = await admin.GetPageAsync("/Admin/Calendar/Day?date=2026-12-01");

        using (var saved = await admin.SubmitAsync(page, new Dictionary<string, string> { ["Input.Kind"] = "OffDay", ["Input.Name"] = "测试" }))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var record = (await App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.HolidaysChange);
        Assert.Equal(("admin", "page:/Calendar/Holidays/Day/2026-12-01", AuditOutcome.Success), (record.UserName, record.Target, record.Outcome));
    }

    [Fact]
    public async Task AuditorPage_ShowsWhatAnotherAccountDid_FiltersAndExports_AndTheAdministratorCannotRead()
    {
        using (await App.LoginAsync("leader02")) { }
        using var auditor = await App.LoginAsync("auditor");

        var page = await auditor.GetPageAsync("/Audit?user=leader02&action=sign-in");
        var rows = page.QuerySelectorAll("#audit-records tbody tr");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("leader02", r.TextContent));
        Assert.All(rows, r => Assert.Equal("sign-in", r.GetAttribute("data-action")));
        using var csv = await auditor.GetAsync("/Audit?user=leader02&action=sign-in&handler=Csv");
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType!.ToString());
        Assert.Contains("leader02", await csv.Content.ReadAsStringAsync());
        Assert.Contains(await App.AuditRecordsAsync(), r => r.Action == AuditActions.Export && r.UserName == "auditor" && r.Target == "list:/Audit/Index");

        using var admin = await App.LoginAsync("admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/Audit")).StatusCode);
        using var security = await App.LoginAsync("security");
        Assert.Equal(HttpStatusCode.Forbidden, (await security.GetAsync("/Audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/Admin/Users")).StatusCode); // and the auditor cannot administer
    }

    [Fact]
    public async Task AppendOnly_TheAppCannotChangeOrDeleteARecord()
    {
        using (await App.LoginAsync("clerk")) { }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => App.WithDbAsync(async db =>
        {
            var record = await db.AuditRecords.OrderBy(r => r.Id).FirstAsync();
            db.AuditRecords.Remove(record);
            return await db.SaveChangesAsync();
        }));
        Assert.Contains("cannot be changed or deleted", error.Message);
    }
}

/// <summary>Tampering, verification (page and command), retention; each on an app of its own (they change the log).</summary>
public sealed class AuditChainTests
{
    [Fact]
    public async Task Verify_AfterARecordIsChangedInTheDatabase_NamesThatRecord_OnThePageAndTheCommandLine()
    {
        var clock = TestTime.AtChinaTime(2026, 11, 23, 10);
        await using var app = SecurityTesting.Factory(clock);
        for (var i = 0; i < 3; i++) using (await app.LoginAsync("clerk")) { }
        using var auditor = await app.LoginAsync("auditor");
        Assert.Equal("true", await VerifyOnPageAsync(auditor));
        var victim = (await app.AuditRecordsAsync()).First(r => r.Action == AuditActions.SignIn && r.UserName == "clerk").Id;

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditRecords\" SET \"UserName\" = 'someone' WHERE \"Id\" = {0}", victim));

        Assert.Equal("false", await VerifyOnPageAsync(auditor));
        var output = new StringWriter();
        var exit = await AuditCommand.RunCommandAsync(["audit", "verify", "--data-dir", app.DataDirectory], clock, output, new StringWriter(), ReceptionFactory.CommandSettings);
        Assert.Equal(1, exit);
        Assert.Contains($"first broken record No. {victim} (RecordChanged)", output.ToString());
    }

    [Fact]
    public async Task Verify_AfterARecordIsDeleted_NamesTheRecordAfterTheGap()
    {
        var clock = TestTime.AtChinaTime(2026, 11, 23, 10);
        await using var app = SecurityTesting.Factory(clock);
        for (var i = 0; i < 3; i++) using (await app.LoginAsync("clerk")) { }
        var records = await app.AuditRecordsAsync();

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditRecords\" WHERE \"Id\" = {0}", records[1].Id));

        var result = await app.WithDbAsync(db => AuditVerification.VerifyAsync(db));
        Assert.Equal((records[2].Id, AuditBreak.Gap), (result.FirstBrokenId, result.Reason));
    }

    [Fact]
    public async Task ArchiveJob_MovesRecordsOlderThanTheRetentionToAFile_AndTheRestStillVerifies()
    {
        var clock = TestTime.AtChinaTime(2026, 1, 5, 10);
        await using var app = SecurityTesting.Factory(clock);
        for (var i = 0; i < 3; i++) using (await app.LoginAsync("clerk")) { }
        var old = await app.AuditRecordsAsync();
        clock.Advance(TimeSpan.FromDays(181));
        using (await app.LoginAsync("supervisor")) { }

        var summary = await RunArchiveAsync(app, clock);

        var file = Directory.GetFiles(Path.Combine(app.DataDirectory, "audit-archive")).Single();
        Assert.Equal(old.Count, File.ReadAllLines(file).Length);
        Assert.Contains(old[^1].Hash, File.ReadAllText(file));
        var left = await app.AuditRecordsAsync();
        Assert.DoesNotContain(left, r => r.Id <= old[^1].Id);
        Assert.Contains(left, r => r.Action == AuditActions.AuditArchive && r.Target == "audit:" + old[^1].Id);
        Assert.True((await app.WithDbAsync(db => AuditVerification.VerifyAsync(db))).IsIntact, summary);
    }

    [Fact]
    public async Task RetentionBelow180Days_StopsStartUp()
    {
        await using var app = SecurityTesting.Factory(TestTime.AtChinaTime(2026, 11, 23, 10), settings: new Dictionary<string, string?> { ["Reception:Audit:RetentionDays"] = "90" });

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        Assert.Contains("RetentionDays must be at least 180", error.ToString());
    }

    private static async Task<string?> VerifyOnPageAsync(AppClient auditor)
    {
        using var response = await auditor.PostFormAsync("/Audit/Verify", []);
        return (await AppClient.ParseAsync(response)).QuerySelector("#verify-result")?.GetAttribute("data-intact");
    }

    private static async Task<string?> RunArchiveAsync(ReceptionFactory app, TimeProvider clock)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var job = ActivatorUtilities.CreateInstance<AuditArchiveJob>(scope.ServiceProvider);
        var now = clock.GetUtcNow();
        return await job.RunAsync(new JobOccurrence(AuditArchiveJob.Name, JobOccurrence.KeyFor(AuditArchiveJob.Name, now), now.UtcDateTime, Manual: true, Urgent: true), CancellationToken.None);
    }
}
