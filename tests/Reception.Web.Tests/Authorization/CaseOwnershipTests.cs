using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Web.Audit;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Demo;
using Reception.Web.Tests.Audit;

namespace Reception.Web.Tests.Authorization;

/// <summary>
/// The demo city with clerks of 青山镇 (which registers the cases here), of 白河镇 (another subtree) and of 人社局 (the
/// handling unit, a department of the city), beside the demo's city clerk and supervisor and 人社局's unit handler.
/// </summary>
public sealed class CaseOwnershipApp() : AppFixture(app => app)
{
    public int HandlingUnitId { get; private set; }
    public int LeaderId { get; private set; }
    public string OwningClerkUserId { get; private set; } = "";

    public const string Phone = "13812345678";
    public const string IdNumber = "11010519491231002X";

    protected override async Task ArrangeAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        HandlingUnitId = await db.OrgUnits.Where(o => o.Code == "rsj").Select(o => o.Id).SingleAsync();
        LeaderId = await db.Leaders.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync();
        foreach (var (name, code) in new[] { ("qs-clerk", "qingshan"), ("bh-clerk", "baihe"), ("rsj-clerk", "rsj") })
        {
            var unit = await db.OrgUnits.Where(o => o.Code == code).Select(o => o.Id).SingleAsync();
            var user = new AppUser { UserName = name, DisplayName = name, OrgUnitId = unit };
            Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Clerk)).Succeeded);
            if (name == "qs-clerk") OwningClerkUserId = user.Id;
        }
    }

    /// <summary>A case registered by 青山镇, assigned to 人社局 and in progress, with an extension requested by 青山镇's clerk.</summary>
    public async Task<PetitionCase> CaseAsync(string summary = "反映拖欠工资") =>
        await App.NewCase().At("qingshan").RegisteredBy("qs-clerk").Summary(summary)
            .Petitioner(new CasePetitioner("李四", IdNumber, Phone, "青山镇松林村", "青山镇松林村8组12号"))
            .Then((c, s) =>
            {
                CaseBuilding.Ok(c.Accept(OwningClerkUserId, s.UtcNow));
                CaseBuilding.Ok(c.Assign(LeaderId, HandlingUnitId, [], null, null, OwningClerkUserId, s.UtcNow));
                CaseBuilding.Ok(c.StartHandling(OwningClerkUserId, s.UtcNow));
                CaseBuilding.Ok(c.RequestExtension(10, "调查取证", OwningClerkUserId, s.UtcNow));
            })
            .SaveAsync();

    public Task<PetitionCase> ReloadAsync(int id) =>
        App.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Events).Include(c => c.Petitioners).SingleAsync(c => c.Id == id));
}

/// <summary>
/// Issue 16 item 4 in the authorization matrix: a case belongs to the unit that registered it. The staff of its scope and of
/// the units above manage it; a handling unit's handler and clerk record their unit's work and nothing more (403 on a
/// posted management form); a clerk of another subtree does not reach it (404); personal data is unmasked for the owning
/// scope only, and anyone else on the case reveals one petitioner's contact details with a reason, which is audited.
/// </summary>
public sealed class CaseOwnershipTests(CaseOwnershipApp t) : IClassFixture<CaseOwnershipApp>
{
    private static readonly string[] ManagementForms = ["SetFlag", "ChangeNumberOfPeople", "ApproveExtension", "RefuseExtension", "Close", "Transfer", "SetListed", "Resolve", "FileAppeal"];

    private Dictionary<string, string> ManagementFields(PetitionCase c, CaseFlags flag = CaseFlags.Key) => new()
    {
        ["Version"] = c.Version.ToString(CultureInfo.InvariantCulture),
        ["Input.Flag"] = flag.ToString(),
        ["Input.FlagOn"] = "true",
        ["Input.NumberOfPeople"] = "9",
        ["Input.TransferUnitId"] = t.HandlingUnitId.ToString(CultureInfo.InvariantCulture),
        ["Input.Listed"] = "true",
        ["Input.ListingReason"] = "越权测试",
        ["Input.ResolvedOn"] = "2026-01-01",
    };

    [Theory]
    [InlineData("unit")]
    [InlineData("rsj-clerk")]
    public async Task HandlingUnitStaff_RecordProgress_ButCannotAssignFlagExtendOrClose(string user)
    {
        var c = await t.CaseAsync();
        using var client = await t.App.LoginAsync(user);
        var url = $"/Cases/Details/{c.Id}";

        var page = await client.GetPageAsync(url);
        Assert.NotNull(page.QuerySelector("form[data-operation=AddProgress]"));
        foreach (var op in ManagementForms) Assert.Null(page.QuerySelector($"form[data-operation={op}]"));
        Assert.Null(page.QuerySelector($"a[href='/Cases/Assign/{c.Id}']"));

        foreach (var op in ManagementForms)
        {
            using var refused = await client.PostFormAsync(url, ManagementFields(c), $"{url}?handler={op}");
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{user} {op}: {(int)refused.StatusCode}");
        }
        using (var assign = await client.GetAsync($"/Cases/Assign/{c.Id}")) Assert.Equal(HttpStatusCode.Forbidden, assign.StatusCode);
        using (var assign = await client.PostFormAsync(url, new Dictionary<string, string>
               {
                   ["Input.OwnerLeaderId"] = t.LeaderId.ToString(CultureInfo.InvariantCulture),
                   ["Input.HandlingUnitId"] = t.HandlingUnitId.ToString(CultureInfo.InvariantCulture),
                   ["Input.Version"] = c.Version.ToString(CultureInfo.InvariantCulture),
               }, $"/Cases/Assign/{c.Id}"))
            Assert.Equal(HttpStatusCode.Forbidden, assign.StatusCode);

        var unchanged = await t.ReloadAsync(c.Id);
        Assert.Equal((c.Version, c.Flags, c.IsListed, c.NumberOfPeople, c.State, c.ExtensionDays), (unchanged.Version, unchanged.Flags, unchanged.IsListed, unchanged.NumberOfPeople, unchanged.State, unchanged.ExtensionDays));

        using var progress = await client.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Version"] = c.Version.ToString(CultureInfo.InvariantCulture),
            ["Input.Progress"] = "已约谈当事人",
        }, $"{url}?handler=AddProgress");
        Assert.Equal(HttpStatusCode.Redirect, progress.StatusCode);
        Assert.Contains((await t.ReloadAsync(c.Id)).Events, e => e.Kind == CaseEventKind.ProgressAdded);
    }

    [Fact]
    public async Task ClerkOfAnotherSubtree_CannotReachTheCase()
    {
        var c = await t.CaseAsync();
        using var client = await t.App.LoginAsync("bh-clerk");
        var url = $"/Cases/Details/{c.Id}";

        using (var get = await client.GetAsync(url)) Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using (var get = await client.GetAsync($"/Cases/Assign/{c.Id}")) Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        foreach (var op in new[] { "AddProgress", "SetFlag", "Reveal" })
        {
            using var post = await client.PostFormAsync("/Cases", new Dictionary<string, string>
            {
                ["Version"] = c.Version.ToString(CultureInfo.InvariantCulture),
                ["Input.Progress"] = "越权",
                ["Input.Flag"] = nameof(CaseFlags.Key),
                ["Input.FlagOn"] = "true",
                ["Input.RevealPetitionerId"] = c.Petitioners[0].Id.ToString(CultureInfo.InvariantCulture),
                ["Input.RevealReason"] = "越权",
            }, $"{url}?handler={op}");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        Assert.Equal(c.Version, (await t.ReloadAsync(c.Id)).Version);
    }

    [Fact]
    public async Task ParentUnitStaff_AndTheOwningClerk_Manage_AndSeePersonalData()
    {
        var c = await t.CaseAsync();
        var url = $"/Cases/Details/{c.Id}";

        using (var supervisor = await t.App.LoginAsync("supervisor")) // the city's: the unit above 青山镇
        {
            var page = await supervisor.GetPageAsync(url);
            Assert.NotNull(page.QuerySelector("form[data-operation=SetListed]"));
            Assert.NotNull(page.QuerySelector("form[data-operation=ApproveExtension]"));
            Assert.Equal(CaseOwnershipApp.Phone, page.QuerySelector("[data-field=phone]")!.TextContent.Trim());
            using var listed = await supervisor.PostFormAsync(url, ManagementFields(c), $"{url}?handler=SetListed");
            Assert.Equal(HttpStatusCode.Redirect, listed.StatusCode);
            c = await t.ReloadAsync(c.Id);
            Assert.True(c.IsListed);
            using var approved = await supervisor.PostFormAsync(url, ManagementFields(c), $"{url}?handler=ApproveExtension");
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
            c = await t.ReloadAsync(c.Id);
            Assert.Equal(10, c.ExtensionDays);
        }

        foreach (var (user, flag) in new[] { ("clerk", CaseFlags.Key), ("qs-clerk", CaseFlags.Backlog) }) // the city's clerk and the registering township's
        {
            using var clerk = await t.App.LoginAsync(user);
            var page = await clerk.GetPageAsync(url);
            Assert.NotNull(page.QuerySelector($"a[href='/Cases/Assign/{c.Id}']"));
            Assert.Null(page.QuerySelector("form[data-reveal-form]"));
            Assert.Equal(CaseOwnershipApp.IdNumber, page.QuerySelector("[data-field=id-number]")!.TextContent.Trim());
            using (var assign = await clerk.GetAsync($"/Cases/Assign/{c.Id}")) Assert.Equal(HttpStatusCode.OK, assign.StatusCode);
            using var flagged = await clerk.PostFormAsync(url, ManagementFields(c, flag), $"{url}?handler=SetFlag");
            Assert.Equal(HttpStatusCode.Redirect, flagged.StatusCode);
            c = await t.ReloadAsync(c.Id);
            Assert.True(c.Flags.HasFlag(flag), user);
        }

        using var owner = await t.App.LoginAsync("qs-clerk");
        using var reveal = await owner.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Input.RevealPetitionerId"] = c.Petitioners[0].Id.ToString(CultureInfo.InvariantCulture),
            ["Input.RevealReason"] = "无需",
        }, $"{url}?handler=Reveal");
        Assert.Equal(HttpStatusCode.Forbidden, reveal.StatusCode); // the owning scope sees it all already: nothing to reveal
    }

    [Fact]
    public async Task HandlingUnit_RevealsOnePetitionersContacts_WithAReason_WhichIsAudited_ForThatResponseOnly()
    {
        var c = await t.CaseAsync();
        var petitioner = c.Petitioners[0].Id;
        var url = $"/Cases/Details/{c.Id}";
        using var client = await t.App.LoginAsync("unit");

        var page = await client.GetPageAsync(url);
        Assert.NotEqual(CaseOwnershipApp.Phone, page.QuerySelector("[data-field=phone]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector($"form[data-reveal-form='{petitioner}']"));
        var before = (await t.App.AuditRecordsAsync()).Count(r => r.Action == AuditActions.PersonalDataReveal);

        using (var missing = await client.PostFormAsync(url, new Dictionary<string, string>
               {
                   ["Input.RevealPetitionerId"] = petitioner.ToString(CultureInfo.InvariantCulture),
                   ["Input.RevealReason"] = "  ",
               }, $"{url}?handler=Reveal"))
        {
            Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
            var refused = await AppClient.ParseAsync(missing);
            var form = refused.QuerySelector($"form[data-reveal-form='{petitioner}']")!;
            Assert.Contains("请填写需要该信访人联系方式的理由", form.TextContent, StringComparison.Ordinal);
            Assert.NotEqual(CaseOwnershipApp.Phone, refused.QuerySelector("[data-field=phone]")!.TextContent.Trim());
        }
        Assert.Equal(before, (await t.App.AuditRecordsAsync()).Count(r => r.Action == AuditActions.PersonalDataReveal));

        using (var revealed = await client.PostFormAsync(url, new Dictionary<string, string>
               {
                   ["Input.RevealPetitionerId"] = petitioner.ToString(CultureInfo.InvariantCulture),
                   ["Input.RevealReason"] = "电话回访核实诉求",
               }, $"{url}?handler=Reveal"))
        {
            Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
            Assert.Contains("no-store", revealed.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            var shown = await AppClient.ParseAsync(revealed);
            Assert.Equal(CaseOwnershipApp.Phone, shown.QuerySelector("[data-field=phone]")!.TextContent.Trim());
            Assert.Equal("青山镇松林村8组12号", shown.QuerySelector("[data-field=address]")!.TextContent.Trim());
            Assert.NotEqual(CaseOwnershipApp.IdNumber, shown.QuerySelector("[data-field=id-number]")!.TextContent.Trim()); // not a contact detail
            Assert.NotNull(shown.QuerySelector($"[data-revealed='{petitioner}']"));
        }

        var record = (await t.App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.PersonalDataReveal);
        Assert.Equal(("unit", Roles.UnitHandler, "case:" + c.Number, $"petitioner={petitioner}; reason=电话回访核实诉求"),
            (record.UserName, record.Role, record.Target, record.Detail));
        Assert.Equal(before + 1, (await t.App.AuditRecordsAsync()).Count(r => r.Action == AuditActions.PersonalDataReveal));

        var again = await client.GetPageAsync(url); // for that response only
        Assert.NotEqual(CaseOwnershipApp.Phone, again.QuerySelector("[data-field=phone]")!.TextContent.Trim());
    }

    [Fact]
    public async Task LedgerExport_UnmasksPersonalData_OnlyOnTheCasesTheReadersScopeOwns()
    {
        var c = await t.CaseAsync($"反映拖欠工资，联系电话{CaseOwnershipApp.Phone}");
        var masked = PrivacyMask.IdentityNumber(CaseOwnershipApp.IdNumber);

        using (var handlingClerk = await t.App.LoginAsync("rsj-clerk")) // sees the case (its unit handles it) but does not own it
        {
            var csv = await handlingClerk.Http.GetStringAsync("/Cases?handler=Csv&sort=received");
            Assert.Contains(c.Number.ToString(), csv, StringComparison.Ordinal);
            Assert.DoesNotContain(CaseOwnershipApp.IdNumber, csv, StringComparison.Ordinal);
            Assert.DoesNotContain(CaseOwnershipApp.Phone, csv, StringComparison.Ordinal);
            Assert.Contains(masked, csv, StringComparison.Ordinal);
            var list = await handlingClerk.Http.GetStringAsync($"/Cases?q={c.Number}");
            Assert.Contains(PrivacyMask.Phone(CaseOwnershipApp.Phone), list, StringComparison.Ordinal); // the summary, masked in the list too
            Assert.DoesNotContain(CaseOwnershipApp.Phone, list, StringComparison.Ordinal);
        }

        using var owningClerk = await t.App.LoginAsync("qs-clerk");
        var owned = await owningClerk.Http.GetStringAsync("/Cases?handler=Csv&sort=received");
        Assert.Contains(CaseOwnershipApp.IdNumber, owned, StringComparison.Ordinal);
        Assert.Contains(CaseOwnershipApp.Phone, owned, StringComparison.Ordinal);
        Assert.Contains(CaseOwnershipApp.Phone, await owningClerk.Http.GetStringAsync($"/Cases?q={c.Number}"), StringComparison.Ordinal);
    }
}
