using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Reception.Core.Common;
using Reception.Core.Rotas;
using Reception.Core.Rotas.Model;
using Reception.Web.Authorization;
using Reception.Web.Features.Demo;
using Reception.Web.Localization;

namespace Reception.Web.Tests.Features.Rotas;

/// <summary>
/// A demo app of its own whose clock stands at 2026-09-15 09:00 in Beijing, so "this month" is
/// 2026-09 and "next month" 2026-10: the seed generates and publishes both (version 1) for the city
/// rule "市领导坐班接访" and the two township rules. October 2026 has the National Day holiday
/// (10-01…10-07 off) with make-up working days on Sunday 09-20 and Saturday 10-10; 2027 is not loaded.
/// The tests of a class share it and each works on its own rule, month or slot.
/// </summary>
public sealed class RotaDemoApp() : AppFixture(app => app.WithClock(NewClock()))
{
    /// <summary>2026-09-15 09:00 China time.</summary>
    public static FakeTimeProvider NewClock() => TestTime.AtChinaTime(2026, 9, 15);
}

/// <summary>Arrangement and reading helpers shared by the rota page tests.</summary>
public static partial class RotaTesting
{
    public const string CityRule = "市领导坐班接访";
    public const string ThisMonth = "2026-09";
    public const string NextMonth = "2026-10";

    public static string MonthUrl(int rule, string month) => $"/Rotas/Month?rule={rule}&month={month}";
    public static string GenerateUrl(int rule, string month) => $"/Rotas/Generate?rule={rule}&month={month}";
    public static string VersionsUrl(int rule, string month) => $"/Rotas/Versions?rule={rule}&month={month}";
    public static string SlotUrl(int rule, string month, string date, int session = 0) =>
        $"/Rotas/Slot?rule={rule}&month={month}&date={date}&session={session}";
    public static string PublishUrl(int rule, string month) => $"/Rotas/Month?rule={rule}&month={month}&handler=Publish";

    public static Task<int> RuleIdAsync(this ReceptionFactory app, string name) =>
        app.WithDbAsync(db => db.DutyRules.Where(r => r.Name == name).Select(r => r.Id).SingleAsync());

    public static Task<int> CityRuleIdAsync(this ReceptionFactory app) => app.RuleIdAsync(CityRule);

    /// <summary>The rule of a township ("qingshan" → 青山镇领导接访).</summary>
    public static Task<int> TownshipRuleIdAsync(this ReceptionFactory app, string code) =>
        app.WithDbAsync(db => (from r in db.DutyRules join o in db.OrgUnits on r.OrgUnitId equals o.Id where o.Code == code select r.Id).SingleAsync());

    /// <summary>
    /// A rule of the demo city at the city's reception hall, stored directly (arrangement): one 全天
    /// session unless told otherwise, the leaders in the given order, fixed weekdays for FixedWeekday.
    /// </summary>
    public static async Task<int> CreateRuleAsync(this ReceptionFactory app, string name, RotaPattern pattern, IEnumerable<int> leaderIds,
        IReadOnlyDictionary<int, DayOfWeek>? fixedDays = null, IEnumerable<DutySession>? sessions = null)
    {
        return await app.WithDbAsync(async db =>
        {
            var city = await db.OrgUnits.SingleAsync(o => o.Code == DemoData.CityCode);
            var venue = await db.Venues.Where(v => v.OrgUnitId == city.Id).OrderBy(v => v.Id).FirstAsync();
            var rule = new DutyRule(city.Id, venue.Id, name, pattern);
            rule.SetSessions(sessions ?? [new DutySession("全天", new TimeOnly(8, 30), new TimeOnly(17, 30))]);
            rule.SetMembers(leaderIds.Select(id => (id, (IReadOnlyCollection<DayOfWeek>)(fixedDays is not null && fixedDays.TryGetValue(id, out var d) ? [d] : []))));
            db.DutyRules.Add(rule);
            await db.SaveChangesAsync();
            return rule.Id;
        });
    }

    /// <summary>A clerk of 青山镇 (a township under the demo city), signed in: their scope is the township only.</summary>
    public static async Task<AppClient> TownshipClerkAsync(this ReceptionFactory app)
    {
        var name = PageTesting.Unique("qsclerk");
        await app.CreateUserAsync(name, Roles.Clerk, orgUnitId: await app.OrgIdAsync("qingshan"));
        return await app.LoginAsync(name);
    }

    public static Task<RotaMonth?> RotaAsync(this ReceptionFactory app, int rule, string month)
    {
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return app.WithDbAsync(db => db.RotaMonths.AsNoTracking().SingleOrDefaultAsync(m => m.DutyRuleId == rule && m.Month == first));
    }

    /// <summary>The working copy's row of a slot (null when the slot has none).</summary>
    public static Task<DutyAssignment?> AssignmentAsync(this ReceptionFactory app, int rule, DateOnly date, int session = 0) =>
        app.WithDbAsync(db => db.DutyAssignments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.RotaMonth!.DutyRuleId == rule && a.Date == date && a.SessionIndex == session));

    /// <summary>
    /// A domain message as a Chinese user sees it, through the app's own localizer; fails when the
    /// resource has no zh-CN text for it (the user would see English).
    /// </summary>
    public static string Zh(this ReceptionFactory app, string key, params object[] args)
    {
        var l = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            var text = l.Text(new LocalizableMessage(key, args));
            Assert.True(Han().IsMatch(text), $"SharedResource.zh-CN.resx has no Chinese text for \"{key}\": a clerk sees \"{text}\".");
            return text;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>The cell of a date in a month grid.</summary>
    public static IElement Day(this IDocument page, string date) =>
        page.QuerySelector($"table.duty-grid td[data-date=\"{date}\"]") ?? throw new InvalidOperationException($"The grid has no cell for {date}.");

    /// <summary>Who the grid shows on duty in a slot (null when no one; an open "(no one)" link counts as no one).</summary>
    public static string? DutyOn(this IDocument page, string date, int session = 0)
    {
        var slot = page.Day(date).QuerySelector($".slot[data-session=\"{session}\"]");
        if (slot is null || slot.ClassList.Contains("open")) return null;
        return (slot.QuerySelector("a") ?? slot.QuerySelector(".who"))?.TextContent.Trim();
    }

    /// <summary>The warnings of a generation preview: (kind, text without the badge).</summary>
    public static IReadOnlyList<(string Kind, string Text)> Warnings(this IDocument page) =>
        page.QuerySelectorAll("#warnings li").Select(li =>
        {
            var badge = li.QuerySelector(".badge")?.TextContent ?? "";
            return (li.GetAttribute("data-kind") ?? "", li.TextContent.Replace(badge, "").Trim());
        }).ToList();

    /// <summary>The index of a leader's row on the rule form (Input.Members[i]).</summary>
    public static int MemberIndex(this IDocument page, int leaderId)
    {
        var hidden = page.QuerySelectorAll("main input[type=hidden]").OfType<IHtmlInputElement>()
            .FirstOrDefault(i => MemberLeaderField().IsMatch(i.Name ?? "") && i.Value == leaderId.ToString(CultureInfo.InvariantCulture))
            ?? throw new InvalidOperationException($"The rule form has no row for leader {leaderId}.");
        return int.Parse(MemberLeaderField().Match(hidden.Name!).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^Input\.Members\[(\d+)\]\.LeaderId$")]
    private static partial Regex MemberLeaderField();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
