using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Core.Organisation;
using Reception.Web.Audit;
using Reception.Web.Features.Cases;
using Reception.Web.Tests.Audit;
using Reception.Web.Tests.Features.Visits;

namespace Reception.Web.Tests.Features.Cases;

/// <summary>A demo app of its own for the intake and assignment tests, its clock at 2026-11-22 (a Sunday) 09:00 China time.</summary>
public sealed class RegisterTestApp() : AppFixture(app => app.At(Today.Year, Today.Month, Today.Day))
{
    public static readonly DateOnly Today = new(2026, 11, 22);
}

/// <summary>Arrangement of cases straight through the domain and <see cref="CaseService"/>, for the intake and assignment tests.</summary>
public static class RegisterTesting
{
    /// <summary>A valid resident ID number no other test uses (random birth date and sequence, correct check character).</summary>
    public static string NewIdentityNumber()
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 18_000));
        var first17 = "330102" + birth.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + Random.Shared.Next(0, 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + IdentityNumber.CheckCharacter(first17);
    }

    /// <summary>A case registered at <paramref name="orgCode"/> with one petitioner, optionally accepted, with its clock stored.</summary>
    public static Task<int> AddCaseAsync(this ReceptionFactory app, string orgCode = "demo", string? identityNumber = null,
        bool accept = false, string? locality = null, string summary = "征地补偿款未到位") =>
        app.NewCase().At(orgCode).Summary(summary, "较早的事项")
            .Petitioner(new CasePetitioner("李四", identityNumber, "13900001111", locality, "某某路 1 号"))
            .RegisteredBy("arranged")
            .Then((c, cases) =>
            {
                if (accept) Assert.True(c.Accept("arranged", cases.UtcNow).Succeeded);
            })
            .SaveIdAsync();

    /// <summary>A region of its own (another city, outside the demo clerk's scope) with one leader.</summary>
    public static Task<(int OrgUnitId, string Code, int LeaderId)> AddOtherCityAsync(this ReceptionFactory app) =>
        app.WithDbAsync(async db =>
        {
            var city = new OrgUnit(PageTesting.Unique("x"), PageTesting.Unique("外市"), OrgUnitKind.City, null);
            db.OrgUnits.Add(city);
            await db.SaveChangesAsync();
            var leader = new Leader(PageTesting.Unique("外市领导"), "市长", LeadingBody.Government, city.Id, 1, null, null);
            db.Leaders.Add(leader);
            await db.SaveChangesAsync();
            return (city.Id, city.Code, leader.Id);
        });

    public static Task<PetitionCase> CaseAsync(this ReceptionFactory app, int id) =>
        app.WithDbAsync(db => db.Cases.AsNoTracking().Include(c => c.Petitioners).Include(c => c.Events).Include(c => c.CoHandlingUnits)
            .AsSplitQuery().SingleAsync(c => c.Id == id));

    public static Task<int> CaseCountAsync(this ReceptionFactory app) => app.WithDbAsync(db => db.Cases.CountAsync());

    /// <summary>The case id in a redirect to /Cases/Details/{id}.</summary>
    public static int DetailsId(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var match = Regex.Match(response.Headers.Location!.OriginalString, @"^/Cases/Details/(\d+)$");
        Assert.True(match.Success, $"Not a redirect to a case page: {response.Headers.Location}");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class RegisterTests(RegisterTestApp fixture) : IClassFixture<RegisterTestApp>
{
    private ReceptionFactory App => fixture.App;

    private static Dictionary<string, string> Petition(string identityNumber, string name = "张三", string summary = "征地补偿款长期未发放") => new()
    {
        ["Input.Channel"] = nameof(Channel.Visit),
        ["Input.ReceivedOn"] = "2026-11-19",
        ["Input.Petitioners[0].Name"] = name,
        ["Input.Petitioners[0].IdentityNumber"] = identityNumber,
        ["Input.Petitioners[0].Phone"] = "13800001234",
        ["Input.Petitioners[0].HouseholdLocality"] = "青山镇松林村",
        ["Input.Petitioners[0].Address"] = "青山镇松林村三组 5 号",
        ["Input.CategoryCode"] = "land",
        ["Input.Summary"] = summary,
        ["Input.Content"] = "反映 2024 年征地补偿款至今未发放到户。",
    };

    private static async Task<HttpResponseMessage> RegisterAsync(AppClient client, IReadOnlyDictionary<string, string> values, string url = "/Cases/Register") =>
        await client.SubmitAsync(await client.GetPageAsync(url), values);

    [Fact]
    public async Task Register_ValidPetition_AllocatesTheNumberRecordsTheEventAndStoresTheClock()
    {
        using var client = await App.LoginAsync("clerk");
        var id = RegisterTesting.NewIdentityNumber();
        var form = await client.GetPageAsync("/Cases/Register");
        Assert.Equal("2026-11-22", form.ValueOf("Input.ReceivedOn")); // today in Asia/Shanghai

        using var response = await client.SubmitAsync(form, Petition(id.ToLowerInvariant()));

        var caseId = RegisterTesting.DetailsId(response);
        var c = await App.CaseAsync(caseId);
        var city = await App.OrgIdAsync("demo");
        var counter = await App.WithDbAsync(db => db.CaseNumberCounters.SingleAsync(n => n.OrgUnitId == city && n.Year == 2026));
        Assert.Matches(@"^demo-2026-\d{6}$", c.Number.ToString());
        Assert.Equal(counter.LastSequence, c.Number.Sequence); // the number just handed out
        Assert.Equal(city, c.OrgUnitId);
        Assert.Equal(CaseState.Registered, c.State);
        Assert.Equal(Channel.Visit, c.Channel);
        Assert.Equal(new DateOnly(2026, 11, 19), c.ReceivedOn);
        Assert.Equal(1, c.NumberOfPeople);
        Assert.Equal(CaseFlags.None, c.Flags);
        var p = Assert.Single(c.Petitioners);
        Assert.Equal(("张三", id, "青山镇松林村"), (p.Name, p.IdentityNumber, p.HouseholdLocality)); // the ID normalised (x → X)
        Assert.Equal(CaseEventKind.Registered, c.Events.OrderBy(e => e.Id).First().Kind);
        var clerkId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "clerk").Select(u => u.Id).SingleAsync());
        Assert.Equal(clerkId, c.Events.First(e => e.Kind == CaseEventKind.Registered).UserId);
        Assert.Equal("route", c.ClockCode);
        Assert.Equal(new DateOnly(2026, 12, 4), c.DueOn); // 转送/交办 within 15 days of receipt (Art. 22)
        Assert.Equal(SupervisionColour.Green, c.Colour);

        var details = await client.GetPageAsync($"/Cases/Details/{caseId}");
        Assert.Equal($"已登记事项 {c.Number}。", details.StatusMessage());
    }

    [Fact]
    public async Task Register_InvalidPhone_ShowsTheChineseErrorNextToThatField_AndSavesNothing_ALandlineWithAreaCodeIsAccepted()
    {
        using var client = await App.LoginAsync("clerk");
        var values = Petition(RegisterTesting.NewIdentityNumber());
        values["Input.Petitioners[0].Phone"] = "5551234";
        var before = await App.CaseCountAsync();

        using var response = await RegisterAsync(client, values);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("请填写大陆手机号（13–19 开头的 11 位数字）或带区号的固定电话，如 010-12345678。", page.ErrorFor("Input.Petitioners[0].Phone"));
        Assert.Equal("5551234", page.ValueOf("Input.Petitioners[0].Phone"));
        Assert.Equal(before, await App.CaseCountAsync());

        values["Input.Petitioners[0].Phone"] = "(0571) 8765 4321";
        using var accepted = await RegisterAsync(client, values);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(before + 1, await App.CaseCountAsync());
    }

    [Fact]
    public async Task Register_InvalidIdNumber_ShowsTheChineseErrorNextToThatRow_KeepsEverything_AndSavesNothing()
    {
        using var client = await App.LoginAsync("clerk");
        var good = RegisterTesting.NewIdentityNumber();
        var valid = RegisterTesting.NewIdentityNumber();
        var expected = valid[17];
        var wrongCheck = valid[..17] + (expected == '0' ? '1' : '0');
        var values = Petition(good);
        values["Input.Petitioners[1].Name"] = "王五";
        values["Input.Petitioners[1].IdentityNumber"] = wrongCheck;
        values["Input.Petitioners[1].Phone"] = "13700002222";
        var before = await App.CaseCountAsync();

        using var response = await RegisterAsync(client, values);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal($"身份证号码校验位不符（应为 {expected}）。", page.ErrorFor("Input.Petitioners[1].IdentityNumber"));
        Assert.Equal("", page.ErrorFor("Input.Petitioners[0].IdentityNumber"));
        Assert.Single(page.FieldErrors());
        Assert.Equal(wrongCheck, page.ValueOf("Input.Petitioners[1].IdentityNumber"));
        Assert.Equal("王五", page.ValueOf("Input.Petitioners[1].Name"));
        Assert.Equal("13700002222", page.ValueOf("Input.Petitioners[1].Phone"));
        Assert.Equal(good, page.ValueOf("Input.Petitioners[0].IdentityNumber"));
        Assert.Equal("征地补偿款长期未发放", page.ValueOf("Input.Summary"));
        Assert.Equal("反映 2024 年征地补偿款至今未发放到户。", page.ValueOf("Input.Content"));
        Assert.Equal("land", page.ValueOf("Input.CategoryCode"));
        Assert.Equal(nameof(Channel.Visit), page.ValueOf("Input.Channel"));
        Assert.Equal(before, await App.CaseCountAsync());
    }

    [Fact]
    public async Task Register_BadBirthDateAndMissingName_AreAllReportedAtOnce()
    {
        using var client = await App.LoginAsync("clerk");
        var values = Petition("330102" + "20261301" + "0011");
        values["Input.Petitioners[0].Name"] = "";
        values["Input.Summary"] = "";
        values["Input.CategoryCode"] = "";

        using var response = await RegisterAsync(client, values);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("身份证号码中的出生日期（20261301）不是有效日期。", page.ErrorFor("Input.Petitioners[0].IdentityNumber"));
        Assert.Equal("请填写信访人姓名。", page.ErrorFor("Input.Petitioners[0].Name"));
        Assert.Equal("请填写摘要。", page.ErrorFor("Input.Summary"));
        Assert.Equal("请选择类别。", page.ErrorFor("Input.CategoryCode"));
        Assert.Equal("13800001234", page.ValueOf("Input.Petitioners[0].Phone"));
    }

    [Fact]
    public async Task Register_ReceivedDateInTheFutureOrNotADate_IsRefusedInChinese()
    {
        using var client = await App.LoginAsync("clerk");
        var before = await App.CaseCountAsync();
        var future = Petition(RegisterTesting.NewIdentityNumber());
        future["Input.ReceivedOn"] = "2026-11-23";
        var notADate = Petition(RegisterTesting.NewIdentityNumber());
        notADate["Input.ReceivedOn"] = "2026-02-30";

        using var tomorrow = await RegisterAsync(client, future);
        using var impossible = await RegisterAsync(client, notADate);

        Assert.Equal("登记日期不能晚于今天（今天是 2026-11-22）。", (await tomorrow.AssertFormReturnedAsync()).ErrorFor("Input.ReceivedOn"));
        Assert.Equal("“2026-02-30”不是有效的登记日期。", (await impossible.AssertFormReturnedAsync()).ErrorFor("Input.ReceivedOn"));
        Assert.Equal(before, await App.CaseCountAsync());
    }

    [Fact]
    public async Task Register_FewerPeopleThanPetitioners_IsRefused()
    {
        using var client = await App.LoginAsync("clerk");
        var values = Petition(RegisterTesting.NewIdentityNumber());
        values["Input.Petitioners[1].Name"] = "王五";
        values["Input.NumberOfPeople"] = "1";
        var before = await App.CaseCountAsync();

        using var response = await RegisterAsync(client, values);

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal("人数不能少于 2。", page.ErrorFor("Input.NumberOfPeople"));
        Assert.Equal(before, await App.CaseCountAsync());
    }

    [Fact]
    public async Task Register_FivePeople_IsMarkedCollective_AndTwoPetitionersDefaultToTwoPeople()
    {
        using var client = await App.LoginAsync("clerk");
        var five = Petition(RegisterTesting.NewIdentityNumber());
        five["Input.NumberOfPeople"] = "5";
        var two = Petition(RegisterTesting.NewIdentityNumber());
        two["Input.Petitioners[1].Name"] = "王五";

        using var fiveResponse = await RegisterAsync(client, five);
        using var twoResponse = await RegisterAsync(client, two);

        var collective = await App.CaseAsync(RegisterTesting.DetailsId(fiveResponse));
        var pair = await App.CaseAsync(RegisterTesting.DetailsId(twoResponse));
        Assert.Equal((5, CaseFlags.Collective), (collective.NumberOfPeople, collective.Flags));
        Assert.Equal((2, CaseFlags.None), (pair.NumberOfPeople, pair.Flags));
        Assert.Equal(2, pair.Petitioners.Count);
    }

    [Fact]
    public async Task AddAnotherPetitioner_ComesBackWithOneMoreRow_KeepingWhatWasTyped_WithoutErrorsOrSaving()
    {
        using var client = await App.LoginAsync("clerk");
        var before = await App.CaseCountAsync();
        var values = Petition("not checked yet");
        values["Input.NumberOfPeople"] = "6";

        using var response = await client.SubmitAsync(await client.GetPageAsync("/Cases/Register"), values, button: "button[formaction*='AddPetitioner']");

        var page = await response.AssertFormReturnedAsync();
        Assert.Equal(2, page.QuerySelectorAll("fieldset[data-petitioner]").Length);
        Assert.Equal("", page.ValueOf("Input.Petitioners[1].Name"));
        Assert.Equal("张三", page.ValueOf("Input.Petitioners[0].Name"));
        Assert.Equal("not checked yet", page.ValueOf("Input.Petitioners[0].IdentityNumber"));
        Assert.Equal("征地补偿款长期未发放", page.ValueOf("Input.Summary"));
        Assert.Empty(page.FieldErrors());
        Assert.Contains("共 6 人，该事项将标记为集体访。", page.QuerySelector("[data-collective]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await App.CaseCountAsync());
    }

    [Fact]
    public async Task Register_SameIdNumberAsAnOpenCaseBelow_OffersTheEarlierCase_ThenLinksItAsARepeatAndKeepsLevelSkipping()
    {
        var id = RegisterTesting.NewIdentityNumber();
        var earlier = await App.AddCaseAsync("qingshan", id, accept: true, summary: "宅基地确权纠纷");
        var earlierNumber = (await App.CaseAsync(earlier)).Number.ToString();
        using var client = await App.LoginAsync("clerk");
        var before = await App.CaseCountAsync();

        using var first = await RegisterAsync(client, Petition(id));

        var asked = await first.AssertFormReturnedAsync();
        Assert.Equal(before, await App.CaseCountAsync()); // nothing registered before the clerk answers
        var row = asked.QuerySelector($"tr[data-candidate='{earlier}']")!;
        Assert.Contains(earlierNumber, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("宅基地确权纠纷", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("受理", row.TextContent, StringComparison.Ordinal);
        Assert.Contains($"同一信访人的事项 {earlierNumber} 仍在下级办理期限内。", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(id, row.TextContent, StringComparison.Ordinal); // the ID number appears masked only
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)asked.QuerySelector("input[name='Input.LevelSkipping']")!).IsChecked);
        Assert.Equal("征地补偿款长期未发放", asked.ValueOf("Input.Summary"));
        var check = (await App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.RepeatCheck);
        Assert.Equal(("clerk", "Clerk", "intake", "id-numbers=1; earlier cases found=1; outside scope=0"), (check.UserName, check.Role, check.Target, check.Detail));
        Assert.DoesNotContain(id, check.Target + check.Detail, StringComparison.Ordinal); // the record never holds the number

        using var unanswered = await client.SubmitAsync(asked);
        var again = await unanswered.AssertFormReturnedAsync();
        Assert.Equal("请选择是否与此前的某个事项为同一事项。", again.ErrorFor("Input.RepeatOf"));
        Assert.Equal(before, await App.CaseCountAsync());

        using var linked = await client.SubmitAsync(again, new Dictionary<string, string> { ["Input.RepeatOf"] = earlier.ToString() });

        var c = await App.CaseAsync(RegisterTesting.DetailsId(linked));
        Assert.Equal(earlier, c.RepeatOfCaseId);
        Assert.Equal(CaseFlags.Repeat | CaseFlags.LevelSkipping, c.Flags);
    }

    [Fact]
    public async Task Register_ATownshipClerk_WhoseIdMatchesACaseOfAnotherTownship_SeesOnlyHowManyAndTheCommonOffice()
    {
        var id = RegisterTesting.NewIdentityNumber();
        var elsewhere = await App.AddCaseAsync("baihe", id, accept: true, summary: "白河镇宅基地纠纷");
        var elsewhereNumber = (await App.CaseAsync(elsewhere)).Number.ToString();
        var sameTownship = await App.AddCaseAsync("qingshan", id, summary: "青山镇道路修缮");
        var clerkName = PageTesting.Unique("qsclerk");
        await App.CreateUserAsync(clerkName, Reception.Web.Authorization.Roles.Clerk, orgUnitId: await App.OrgIdAsync("qingshan"));
        var city = await App.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == "demo").Select(o => o.Name).SingleAsync());
        using var client = await App.LoginAsync(clerkName);
        var before = await App.CaseCountAsync();

        using var first = await RegisterAsync(client, Petition(id));

        var asked = await first.AssertFormReturnedAsync();
        Assert.Equal(before, await App.CaseCountAsync());
        var findings = asked.QuerySelector("section.findings")!;
        // The case of its own township is shown as before; the other township's only as a count and the office that sees it.
        Assert.NotNull(findings.QuerySelector($"tr[data-candidate='{sameTownship}']"));
        Assert.Null(findings.QuerySelector($"tr[data-candidate='{elsewhere}']"));
        Assert.Null(findings.QuerySelector($"input[name='Input.RepeatOf'][value='{elsewhere}']"));
        var notice = findings.QuerySelector("[data-elsewhere]")!;
        Assert.Equal("1", notice.GetAttribute("data-elsewhere"));
        Assert.Equal($"此人在您的辖区以外另有 1 件事项，只有{city}能查看；如需了解，请向其询问。", notice.TextContent.Trim());
        var text = asked.QuerySelector("main")!.TextContent;
        foreach (var secret in new[] { elsewhereNumber, "白河镇宅基地纠纷", "白河镇" })
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        var check = (await App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.RepeatCheck && r.UserName == clerkName);
        Assert.Equal(("Clerk", "intake", "id-numbers=1; earlier cases found=2; outside scope=1"), (check.Role, check.Target, check.Detail));
        Assert.DoesNotContain(id, check.Target + check.Detail, StringComparison.Ordinal);

        // With only a match elsewhere, the clerk sees the notice once and registers on the second submit, nothing linked.
        var onlyElsewhere = RegisterTesting.NewIdentityNumber();
        await App.AddCaseAsync("baihe", onlyElsewhere, accept: true);
        using var second = await RegisterAsync(client, Petition(onlyElsewhere));
        var told = await second.AssertFormReturnedAsync();
        Assert.Equal("1", told.QuerySelector("[data-elsewhere]")!.GetAttribute("data-elsewhere"));
        Assert.Empty(told.QuerySelectorAll("tr[data-candidate], input[name='Input.RepeatOf'], input[name='Input.LevelSkipping'], input[name='Input.NoLongerAccepted']"));
        using var registered = await client.SubmitAsync(told);
        var c = await App.CaseAsync(RegisterTesting.DetailsId(registered));
        Assert.Null(c.RepeatOfCaseId);
        Assert.Equal(CaseFlags.None, c.Flags);
    }

    [Fact]
    public async Task Register_NotTheSameMatter_WithTheSuggestionUnticked_RegistersWithoutFlags()
    {
        var id = RegisterTesting.NewIdentityNumber();
        await App.AddCaseAsync("baihe", id, accept: true);
        using var client = await App.LoginAsync("clerk");
        using var first = await RegisterAsync(client, Petition(id));
        var asked = await first.AssertFormReturnedAsync();
        var values = new Dictionary<string, string> { ["Input.RepeatOf"] = "0" };
        var fields = asked.QuerySelectorAll("main form input[name='Input.LevelSkipping']").ToList();
        Assert.Single(fields);
        fields[0].RemoveAttribute("checked"); // the clerk unticks 越级访

        using var response = await client.SubmitAsync(asked, values);

        var c = await App.CaseAsync(RegisterTesting.DetailsId(response));
        Assert.Null(c.RepeatOfCaseId);
        Assert.Equal(CaseFlags.None, c.Flags);
    }

    [Fact]
    public async Task Register_FromADuty_ShowsAndRecordsTheSource_AndADutyOutsideTheScopeIsNotFound()
    {
        var leader = await App.AddLeaderAsync("坐班");
        var (dutyId, _, _) = await App.AddDutyAsync(leader, new DateOnly(2026, 11, 20), published: true);
        var leaderName = await App.WithDbAsync(db => db.Leaders.Where(l => l.Id == leader).Select(l => l.Name).SingleAsync());
        using var clerk = await App.LoginAsync("clerk");
        var townshipClerkName = PageTesting.Unique("qsclerk");
        await App.CreateUserAsync(townshipClerkName, Reception.Web.Authorization.Roles.Clerk, orgUnitId: await App.OrgIdAsync("qingshan"));
        using var townshipClerk = await App.LoginAsync(townshipClerkName);

        // The clerk starts from the duty record page; an administrator, who cannot register cases, has no such button.
        var record = await clerk.GetPageAsync($"/Duty/Record/{dutyId}");
        var link = record.QuerySelector("a#register-case")?.GetAttribute("href");
        Assert.Equal($"/Cases/Register?duty={dutyId}", link);
        Assert.Equal("0", record.QuerySelector("[data-registered-cases]")?.GetAttribute("data-registered-cases"));
        using (var admin = await App.LoginAsync("admin"))
        {
            var adminRecord = await admin.GetPageAsync($"/Duty/Record/{dutyId}");
            Assert.Null(adminRecord.QuerySelector("#register-case"));
            Assert.Null(adminRecord.QuerySelector("[data-registered-cases]")); // administrators see no cases
        }
        var form = await clerk.GetPageAsync(link!);
        Assert.Contains($"来自 {leaderName} 于 2026-11-20 星期五 上午 的坐班接访。", form.QuerySelector("[data-source]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(nameof(Channel.LeaderReception), form.ValueOf("Input.Channel"));
        Assert.Equal("2026-11-20", form.ValueOf("Input.ReceivedOn"));
        var values = Petition(RegisterTesting.NewIdentityNumber());
        values.Remove("Input.Channel");
        values.Remove("Input.ReceivedOn");
        using var response = await clerk.SubmitAsync(form, values);
        using var outside = await townshipClerk.GetAsync($"/Cases/Register?duty={dutyId}");

        var c = await App.CaseAsync(RegisterTesting.DetailsId(response));
        Assert.Equal((dutyId, (int?)null, leader), (c.SourceDutyAssignmentId, c.SourceVisitId, c.ReceivedByLeaderId));
        Assert.Equal((Channel.LeaderReception, new DateOnly(2026, 11, 20)), (c.Channel, c.ReceivedOn));
        // The duty record lists it, and the month's duty records count it.
        var after = await clerk.GetPageAsync($"/Duty/Record/{dutyId}");
        Assert.Equal("1", after.QuerySelector("[data-registered-cases]")!.GetAttribute("data-registered-cases"));
        Assert.Equal(c.Number.ToString(), after.QuerySelector($"[data-registered-cases] a[href='/Cases/Details/{c.Id}']")!.TextContent);
        var month = await clerk.GetPageAsync("/Duty?month=2026-11");
        Assert.Equal("1", month.QuerySelector($"tr[data-duty='{dutyId}'] [data-cases]")!.GetAttribute("data-cases"));
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task Register_FromAVisit_RecordsTheVisitAndItsLeader()
    {
        var leader = await App.AddLeaderAsync("下访");
        var visit = await App.AddVisitAsync(leader, new DateOnly(2026, 11, 18), "qingshan-02");
        using var client = await App.LoginAsync("clerk");

        var link = (await client.GetPageAsync($"/Visits/Details/{visit}")).QuerySelector("a#register-case")?.GetAttribute("href");
        Assert.Equal($"/Cases/Register?visit={visit}", link);
        var form = await client.GetPageAsync(link!);
        Assert.Contains("到松林村的下访", form.QuerySelector("[data-source]")!.TextContent, StringComparison.Ordinal);
        var values = Petition(RegisterTesting.NewIdentityNumber());
        values.Remove("Input.Channel");
        using var response = await client.SubmitAsync(form, values);
        using var missing = await client.GetAsync("/Cases/Register?visit=987654");

        var c = await App.CaseAsync(RegisterTesting.DetailsId(response));
        Assert.Equal(((int?)null, visit, leader, Channel.FoundOnVisit), (c.SourceDutyAssignmentId, c.SourceVisitId, c.ReceivedByLeaderId, c.Channel));
        var details = await client.GetPageAsync($"/Visits/Details/{visit}");
        Assert.Equal("1", details.QuerySelector("[data-registered-cases]")!.GetAttribute("data-registered-cases"));
        Assert.NotNull(details.QuerySelector($"[data-registered-cases] a[href='/Cases/Details/{c.Id}']"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("leader01")]
    [InlineData("unit")]
    [InlineData("supervisor")]
    [InlineData("admin")]
    public async Task Register_OtherRoles_AreForbidden(string user)
    {
        using var client = await App.LoginAsync(user);
        var before = await App.CaseCountAsync();

        using var get = await client.GetAsync("/Cases/Register");
        using var post = await client.PostFormAsync("/", Petition(RegisterTesting.NewIdentityNumber()), action: "/Cases/Register");

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(before, await App.CaseCountAsync());
    }
}
