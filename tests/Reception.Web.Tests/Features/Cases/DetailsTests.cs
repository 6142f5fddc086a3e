using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Web.Data;
using Reception.Web.Features.Cases;

namespace Reception.Web.Tests.Features.Cases;

/// <summary>The case page: what each role sees of one case (masking, scope), its clocks and its timeline.</summary>
public sealed class DetailsTests(CaseDemoApp demo) : IClassFixture<CaseDemoApp>
{
    [Fact]
    public async Task Details_MasksPersonalData_ForLeaderAndUnitHandler_ButNotForClerk()
    {
        var id = await demo.AddCaseAsync((c, w) => CaseTesting.AcceptAndAssign(c, w));

        using var clerk = await demo.App.LoginAsync("clerk");
        var clerkPage = await clerk.GetPageAsync($"/Cases/Details/{id}");
        Assert.Equal(CaseTesting.IdNumber, Field(clerkPage, "id-number"));
        Assert.Equal(CaseTesting.Phone, Field(clerkPage, "phone"));
        Assert.Equal(CaseTesting.Address, Field(clerkPage, "address"));

        foreach (var user in new[] { "leader01", "unit" })
        {
            using var client = await demo.App.LoginAsync(user);
            using var response = await client.GetAsync($"/Cases/Details/{id}");
            var html = await response.Content.ReadAsStringAsync();
            var page = await AppClient.ParseAsync(response);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("1101**********002X", Field(page, "id-number"));
            Assert.Equal("138****5678", Field(page, "phone"));
            Assert.Equal("演示市青山镇****", Field(page, "address"));
            Assert.DoesNotContain(CaseTesting.IdNumber, html, StringComparison.Ordinal);
            Assert.DoesNotContain("19491231", html, StringComparison.Ordinal);
            Assert.DoesNotContain(CaseTesting.Phone, html, StringComparison.Ordinal);
            Assert.DoesNotContain("3组15号", html, StringComparison.Ordinal);
            Assert.Contains("征地补偿款未到位", page.MainText(), StringComparison.Ordinal); // the case itself is shown
        }
    }

    [Fact]
    public async Task Details_FreeText_HasIdAndPhoneNumbersMasked_ForAUnitHandler_ButNotForTheOwningClerk()
    {
        const string otherId = "420106198503151234";
        const string landline = "0371-12345678";
        var now = demo.App.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var world = await demo.App.WithDbAsync(db => CaseTesting.WorldAsync(db, now));
        var id = await demo.App.NewCase().At(world.City).Summary("征地补偿款未到位，电话13912345678", $"本人身份证{CaseTesting.IdNumber}，母亲身份证{otherId}，联系电话{CaseTesting.Phone}。")
            .Petitioner(new CasePetitioner("张三", CaseTesting.IdNumber, CaseTesting.Phone, "青山镇青山村", CaseTesting.Address))
            .RegisteredBy(world.Clerk, world.Now)
            .Then(c =>
            {
                CaseTesting.InProgress(c, world);
                CaseTesting.Ok(c.AddProgress($"已电话联系 {landline}，核对身份证 {otherId}", world.UnitHandler, world.Now));
                CaseTesting.Ok(c.Reply($"经核实，答复已送达（手机{CaseTesting.Phone}）。", new DateOnly(2026, 11, 2), world.UnitHandler, world.Now));
            })
            .SaveIdAsync();
        string[] clear = [CaseTesting.IdNumber, otherId, CaseTesting.Phone, landline, "13912345678"];

        using var unit = await demo.App.LoginAsync("unit");
        using var response = await unit.GetAsync($"/Cases/Details/{id}");
        var html = await response.Content.ReadAsStringAsync();
        var page = await AppClient.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var value in clear) Assert.DoesNotContain(value, html, StringComparison.Ordinal);
        var content = page.QuerySelector("[data-field=content]")!.TextContent;
        Assert.Contains("本人身份证1101**********002X，母亲身份证4201**********1234，联系电话138****5678。", content, StringComparison.Ordinal);
        Assert.Contains("电话139****5678", page.QuerySelector("[data-field=summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("（手机138****5678）", page.QuerySelector("[data-field=reply]")!.TextContent, StringComparison.Ordinal);
        var progress = page.QuerySelector("table.timeline tr[data-event=ProgressAdded]")!.TextContent;
        Assert.Contains("已电话联系 037******5678，核对身份证 4201**********1234", progress, StringComparison.Ordinal);
        // The queue the handler works from, and its export, show the summary masked too.
        foreach (var url in new[] { "/Queue", "/Queue?handler=Csv" })
        {
            using var queue = await unit.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
            var body = await queue.Content.ReadAsStringAsync();
            Assert.DoesNotContain("13912345678", body, StringComparison.Ordinal);
            Assert.Contains("电话139****5678", body, StringComparison.Ordinal);
        }

        using var clerk = await demo.App.LoginAsync("clerk");
        var clerkHtml = await (await clerk.GetAsync($"/Cases/Details/{id}")).Content.ReadAsStringAsync();
        foreach (var value in clear) Assert.Contains(value, clerkHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_OutsideScope_Answers404_ForLeaderWhoNeitherOwnsNorReceivedIt_AndForAnotherUnitsHandler()
    {
        // Owned by leader02, handled by 自然资源局: leader01 and the 人社局 handler have nothing to do with it.
        var id = await demo.AddCaseAsync((c, w) => CaseTesting.AcceptAndAssign(c, w, owner: w.Leader02, handling: w.Zrzyj));
        var received = await demo.AddCaseAsync(receivedBy: await demo.Leader01IdAsync());

        using var leader = await demo.App.LoginAsync("leader01");
        using var unit = await demo.App.LoginAsync("unit");
        using var leader02 = await demo.App.LoginAsync("leader02");

        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/Cases/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await unit.GetAsync($"/Cases/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader02.GetAsync($"/Cases/Details/{id}")).StatusCode); // the owner does see it
        // A POST outside scope is not found either, and changes nothing.
        using var post = await unit.PostFormAsync("/", [new("Version", "0"), new("Input.Progress", "越权")], $"/Cases/Details/{id}?handler=AddProgress");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        // The leader who received the petitioner (on duty) sees that case without owning it.
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/Cases/Details/{received}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await unit.GetAsync($"/Cases/Details/{received}")).StatusCode);
    }

    [Fact]
    public async Task Details_ShowsClocksWithArticle_AndTheUnknownYearWarning()
    {
        // Received 2026-11-02 and accepted now: the handling clock runs 60 days to 2027-01-01 (元旦), moved to the next working
        // day — which depends on the 2027 arrangement, not known yet, so the page must say so.
        var id = await demo.AddCaseAsync((c, w) => CaseTesting.Ok(c.Accept(w.Clerk, w.Now)));
        using var clerk = await demo.App.LoginAsync("clerk");

        var page = await clerk.GetPageAsync($"/Cases/Details/{id}");

        var handle = page.QuerySelector("tr[data-clock=handle]")!;
        Assert.Equal("Running", handle.GetAttribute("data-status"));
        Assert.Equal("《信访工作条例》第三十四条", handle.QuerySelector("[data-field=article]")!.TextContent.Trim());
        Assert.Contains("办理信访事项并出具答复意见", handle.TextContent, StringComparison.Ordinal);
        Assert.NotNull(handle.QuerySelector("[data-field=warning]"));
        Assert.Contains("2027", handle.QuerySelector("[data-field=warning]")!.TextContent, StringComparison.Ordinal);
        var route = page.QuerySelector("tr[data-clock=route]")!;
        Assert.Equal("MetInTime", route.GetAttribute("data-status"));
        Assert.Equal("《信访工作条例》第二十二条", route.QuerySelector("[data-field=article]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Details_Timeline_NamesWhoDidWhat_AndTheSystemForColourChanges()
    {
        var id = await demo.AddCaseAsync((c, w) => CaseTesting.Ok(c.Accept(w.Clerk, w.Now)));
        using var clerk = await demo.App.LoginAsync("clerk");

        var page = await clerk.GetPageAsync($"/Cases/Details/{id}");

        var rows = page.QuerySelectorAll("table.timeline tbody tr").ToList();
        Assert.Equal(["Registered", "Accepted", "ColourChanged"], rows.Select(r => r.GetAttribute("data-event")));
        Assert.Equal("王秀兰（信访局）", rows[1].QuerySelector("[data-field=by]")!.TextContent.Trim());
        Assert.Contains("登记 → 受理", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("系统", rows[2].QuerySelector("[data-field=by]")!.TextContent.Trim());
        Assert.Contains("— → 绿牌", rows[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-11-02 09:00", rows[0].TextContent, StringComparison.Ordinal); // Beijing time, not UTC
    }

    private static string Field(IDocument page, string name) =>
        page.QuerySelector($"tr[data-petitioner] [data-field={name}]")!.TextContent.Trim();
}

/// <summary>
/// A demo app of its own for the case tests, with a clock standing at 2026-11-02 09:00 China time. Each test creates the
/// cases it needs, so tests share the app without depending on each other; a test that moves the clock starts an app of
/// its own (<see cref="AppFixture.StartAsync(Func{ReceptionBuilder, ReceptionBuilder})"/>), since the clock only moves forward.
/// </summary>
public sealed class CaseDemoApp() : AppFixture(app => app.At(Start))
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8));
}

/// <summary>Who is who in the demo city, for arranging cases through the domain.</summary>
public sealed record CaseWorld(string Clerk, string UnitHandler, int Leader01, int Leader02, int City, int Rsj, int Zrzyj, DateTime Now);

/// <summary>Arranging cases straight through the domain and CaseService, and working the case page as a browser would.</summary>
public static class CaseTesting
{
    public const string IdNumber = "11010519491231002X";
    public const string Phone = "13812345678";
    public const string Address = "演示市青山镇青山村3组15号";

    public static void Ok(CaseResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException("Arrangement refused: " + result);
    }

    /// <summary>Accepts and assigns (owner leader01 and the 人社局 of the demo unit handler, unless told otherwise).</summary>
    public static void AcceptAndAssign(PetitionCase c, CaseWorld w, int? owner = null, int? handling = null, IEnumerable<int>? coHandling = null)
    {
        Ok(c.Accept(w.Clerk, w.Now));
        Ok(c.Assign(owner ?? w.Leader01, handling ?? w.Rsj, coHandling, null, null, w.Clerk, w.Now));
    }

    public static void InProgress(PetitionCase c, CaseWorld w)
    {
        AcceptAndAssign(c, w);
        Ok(c.StartHandling(w.UnitHandler, w.Now));
    }

    public static Task<int> Leader01IdAsync(this AppFixture demo) =>
        demo.App.WithDbAsync(db => db.Users.Where(u => u.UserName == "leader01").Select(u => u.LeaderId!.Value).SingleAsync());

    /// <summary>A case registered at the demo city today (by the clock), with one petitioner with full personal data.</summary>
    public static async Task<int> AddCaseAsync(this AppFixture demo, Action<PetitionCase, CaseWorld>? arrange = null, int? receivedBy = null)
    {
        var now = demo.App.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var world = await demo.App.WithDbAsync(db => WorldAsync(db, now));
        return await demo.App.NewCase().At(world.City).Summary("征地补偿款未到位", "2019 年征地，补偿款至今未发放。")
            .Petitioner(new CasePetitioner("张三", IdNumber, Phone, "青山镇青山村", Address))
            .RegisteredBy(world.Clerk, world.Now)
            .Then(c =>
            {
                if (receivedBy is not null) c.SetSource(null, null, receivedBy);
                arrange?.Invoke(c, world);
            })
            .SaveIdAsync();
    }

    /// <summary>Runs domain operations on a saved case (as another user would have, meanwhile) and saves it.</summary>
    public static async Task ChangeCaseAsync(this AppFixture demo, int id, Action<PetitionCase, CaseWorld> change)
    {
        await using var scope = demo.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var cases = scope.ServiceProvider.GetRequiredService<CaseService>();
        var c = await db.Cases.Include(x => x.Events.OrderBy(e => e.Id)).Include(x => x.Petitioners).Include(x => x.CoHandlingUnits).Include(x => x.Checklist)
            .SingleAsync(x => x.Id == id);
        change(c, await WorldAsync(db, cases.UtcNow));
        await cases.RefreshClockAsync(c);
        await db.SaveChangesAsync();
    }

    public static Task<PetitionCase> CaseAsync(this AppFixture demo, int id) =>
        demo.App.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Events.OrderBy(e => e.Id)).Include(c => c.Checklist).SingleAsync(c => c.Id == id));

    public static async Task<CaseWorld> WorldAsync(AppDbContext db, DateTime now)
    {
        var users = await db.Users.Where(u => u.UserName == "clerk" || u.UserName == "unit" || u.UserName == "leader01" || u.UserName == "leader02")
            .ToDictionaryAsync(u => u.UserName!);
        var orgs = await db.OrgUnits.Where(o => o.Code == "demo" || o.Code == "rsj" || o.Code == "zrzyj").ToDictionaryAsync(o => o.Code, o => o.Id);
        return new CaseWorld(users["clerk"].Id, users["unit"].Id, users["leader01"].LeaderId!.Value, users["leader02"].LeaderId!.Value,
            orgs["demo"], orgs["rsj"], orgs["zrzyj"], now);
    }

    /// <summary>Opens the case page and submits the form of <paramref name="operation"/> (as shown) with <paramref name="values"/>.</summary>
    public static async Task<HttpResponseMessage> ActAsync(this AppClient client, int id, string operation,
        IReadOnlyDictionary<string, string>? values = null, string? extraSelector = null)
    {
        var page = await client.GetPageAsync($"/Cases/Details/{id}");
        return await client.SubmitAsync(page, values, form: $"main form[data-operation={operation}]{extraSelector}");
    }

    /// <summary>Posts to a handler directly (the form may not be shown), with the version the page shows now unless told otherwise.</summary>
    public static async Task<HttpResponseMessage> PostHandlerAsync(this AppClient client, int id, string handler,
        IReadOnlyDictionary<string, string>? values = null, int? version = null)
    {
        var page = await client.GetPageAsync($"/Cases/Details/{id}");
        var shown = version ?? VersionOf(page);
        var fields = (values ?? new Dictionary<string, string>()).Append(new("Version", shown.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return await client.PostFormAsync($"/Cases/Details/{id}", fields, $"/Cases/Details/{id}?handler={handler}");
    }

    /// <summary>The version the page's forms carry.</summary>
    public static int VersionOf(IDocument page) =>
        page.QuerySelector("main form input[name=Version]") is IHtmlInputElement input
            ? int.Parse(input.Value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    public static string MainText(this IDocument page) => Normalize(page.QuerySelector("main")!.TextContent);

    public static string Normalize(string text) => string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
