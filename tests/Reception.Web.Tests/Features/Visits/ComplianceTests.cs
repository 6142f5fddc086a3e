using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Rotas.Model;
using Reception.Web.Features.Visits;

namespace Reception.Web.Tests.Features.Visits;

public sealed class ComplianceTests(VisitsDemoApp demo) : IClassFixture<VisitsDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Compliance_CountsVisitDaysAppointmentsAndCarriedCases_AndJudgesThemAgainstTheQuota()
    {
        var arranged = await ArrangeJanuary2027Async(App);
        var retired = await App.AddLeaderAsync("退休", active: false);
        await App.AddVisitAsync(retired, new DateOnly(2027, 1, 12));
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Visits/Compliance?month=2027-01");

        AssertJanuary2027(arranged, Rows(page));
        Assert.DoesNotContain(retired, Rows(page).Keys);
        var active = await App.WithDbAsync(db => db.Leaders.CountAsync(l => l.IsActive));
        Assert.Equal(active, Rows(page).Count);
        // The summary agrees with the rows it summarises.
        var below = page.QuerySelectorAll("tr.below-quota").Length;
        var notSubject = page.QuerySelectorAll("tr.not-subject").Length;
        Assert.Equal($"{active - notSubject} 名领导中有 {below} 名未达标。", page.QuerySelector("[data-summary=below]")!.TextContent);
        Assert.Equal($"另有 {notSubject} 名领导本月不适用。", page.QuerySelector("[data-summary=not-subject]")!.TextContent);
        Assert.True(below >= 4 && notSubject >= 2);
    }

    /// <summary>
    /// Leaders of their own (so the demo cases do not interfere), each showing one rule, in January 2027:
    /// Met — one village visit day (two visits on 1-05 carrying cases X, Y and X again; a cancelled one carrying Z does not
    /// count) and one appointment about X (a cancelled appointment does not count): 1 day, 1 appointment, 2 carried cases.
    /// OnlyAppointments — two appointments, no village visit: short of visit days (an appointment is not a visit day).
    /// Carrier — one done village visit carrying one case: the carried case meets the appointment figure.
    /// VisitNoCase — a village visit without cases: short of appointments.
    /// Owner — owns an open case, no visit: short of both. Idle — nothing: not subject.
    /// LaterOwner — owns a case only received in February: not subject in January.
    /// </summary>
    internal static async Task<Dictionary<string, int>> ArrangeJanuary2027Async(ReceptionFactory app)
    {
        var ids = new Dictionary<string, int>();
        foreach (var name in new[] { "Met", "OnlyAppointments", "Carrier", "VisitNoCase", "Owner", "Idle", "LaterOwner" })
            ids[name] = await app.AddLeaderAsync("考核" + name);
        var x = (await app.AddCaseAsync()).Id;
        var y = (await app.AddCaseAsync()).Id;
        var z = (await app.AddCaseAsync()).Id;
        await app.AddVisitWithCasesAsync(ids["Met"], new DateOnly(2027, 1, 5), VisitKind.Village, x, y);
        await app.AddVisitWithCasesAsync(ids["Met"], new DateOnly(2027, 1, 5), VisitKind.Village, x);
        await app.AddVisitWithCasesAsync(ids["Met"], new DateOnly(2027, 1, 7), VisitKind.Village, VisitStatus.Cancelled, z);
        await app.AddVisitWithCasesAsync(ids["Met"], new DateOnly(2027, 1, 10), VisitKind.Appointment, x);
        await app.AddVisitWithCasesAsync(ids["Met"], new DateOnly(2027, 1, 11), VisitKind.Appointment, VisitStatus.Cancelled, y);
        await app.AddVisitWithCasesAsync(ids["OnlyAppointments"], new DateOnly(2027, 1, 12), VisitKind.Appointment, x);
        await app.AddVisitWithCasesAsync(ids["OnlyAppointments"], new DateOnly(2027, 1, 13), VisitKind.Appointment, y);
        await app.AddVisitWithCasesAsync(ids["Carrier"], new DateOnly(2027, 1, 20), VisitKind.Village, VisitStatus.Done, z);
        await app.AddVisitWithCasesAsync(ids["Carrier"], new DateOnly(2027, 2, 3), VisitKind.Appointment, z); // another month
        await app.AddVisitWithCasesAsync(ids["VisitNoCase"], new DateOnly(2027, 1, 31), VisitKind.Village);
        await app.AddCaseAsync(ids["Owner"], receivedOn: new DateOnly(2026, 12, 20));
        await app.AddCaseAsync(ids["LaterOwner"], receivedOn: new DateOnly(2027, 2, 1));
        return ids;
    }

    internal static void AssertJanuary2027(Dictionary<string, int> ids, Dictionary<int, Row> rows)
    {
        Assert.Equal(new Row("1 / 1", "0", "1", "2", "3 / 1", "已达标", false), rows[ids["Met"]] with { Name = "" });
        Assert.Equal(new Row("0 / 1", "0", "2", "0", "2 / 1", "未达标：下访少 1 天", true), rows[ids["OnlyAppointments"]] with { Name = "" });
        Assert.Equal(new Row("1 / 1", "1", "0", "1", "1 / 1", "已达标", false), rows[ids["Carrier"]] with { Name = "" });
        Assert.Equal(new Row("1 / 1", "0", "0", "0", "0 / 1", "未达标：约访少 1 次", true), rows[ids["VisitNoCase"]] with { Name = "" });
        Assert.Equal(new Row("0 / 1", "0", "0", "0", "0 / 1", "未达标：下访少 1 天、约访少 1 次", true), rows[ids["Owner"]] with { Name = "" });
        Assert.Equal(new Row("0 / 1", "0", "0", "0", "0 / 1", "本月不适用", false), rows[ids["Idle"]] with { Name = "" });
        Assert.Equal(new Row("0 / 1", "0", "0", "0", "0 / 1", "本月不适用", false), rows[ids["LaterOwner"]] with { Name = "" });
    }

    [Fact]
    public async Task Compliance_SaysWhomTheQuotaAppliesToAndHowAppointmentsAreCounted()
    {
        using var client = await App.LoginAsync("supervisor");

        var page = await client.GetPageAsync("/Visits/Compliance?month=2027-02");

        Assert.Equal("要求：每月至少下访 1 天、约访 1 次。", page.QuerySelector("[data-note=rule]")!.TextContent);
        Assert.Contains("下访天数按有计划或已完成下访（不含约访）的不同日期计算；已取消的下访不计。", page.MainText());
        Assert.Contains("当月有在办包案案件的领导", page.QuerySelector("[data-note=quota-applies]")!.TextContent);
        Assert.Contains("带案下访，同一案件只计一次", page.QuerySelector("[data-note=appointments]")!.TextContent);
        Assert.DoesNotContain("随案件模块上线", page.MainText());
        Assert.Equal("/Visits/Compliance?month=2027-01", page.QuerySelector("main a[rel=prev]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Compliance_NoMonth_IsTheCurrentMonthAndSaysItIsNotOver()
    {
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Visits/Compliance");

        Assert.Equal("下访达标情况 2026-11", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("本月尚未结束", page.MainText());
    }

    [Fact]
    public async Task Compliance_MonthInProgress_IsOnTrackOrAtRisk_NotFailedOnItsTenthDay()
    {
        var leader = await App.AddLeaderAsync("进行中");
        await App.AddCaseAsync(leader, receivedOn: new DateOnly(2026, 11, 2));
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Visits/Compliance?month=2026-11");

        // 2026-11-10: 15 of November's 21 working days are left, so a leader with nothing planned yet is on track.
        Assert.StartsWith("本月进行中：共 21 个工作日，尚余 15 个。", VisitTesting.Normalize(page.QuerySelector("[data-summary=progress]")!.TextContent));
        var badge = page.QuerySelector($"tr[data-leader='{leader}'] [data-verdict]")!;
        Assert.Equal("on-track", badge.GetAttribute("data-verdict"));
        Assert.Equal("进度正常（目前下访少 1 天、约访少 1 次）", VisitTesting.Normalize(badge.TextContent));
        Assert.DoesNotContain(page.QuerySelectorAll("[data-verdict]"), b => b.GetAttribute("data-verdict") is "below" or "met");
        // A finished month is still judged met or below, and says nothing of progress.
        var october = await client.GetPageAsync("/Visits/Compliance?month=2026-10");
        Assert.Null(october.QuerySelector("[data-summary=progress]"));
        Assert.DoesNotContain(october.QuerySelectorAll("[data-verdict]"), b => b.GetAttribute("data-verdict") is "on-track" or "at-risk");
    }

    [Fact]
    public async Task Compliance_ConfiguredQuotaOfTwoDays_FlagsALeaderWithOneDay()
    {
        var leader = await App.AddLeaderAsync("两天");
        await App.AddVisitAsync(leader, new DateOnly(2027, 3, 9));
        await App.AddVisitWithCasesAsync(leader, new DateOnly(2027, 3, 10), VisitKind.Appointment, (await App.AddCaseAsync()).Id);
        using var twoDays = App.WithWebHostBuilder(b => b
            .UseSetting(VisitComplianceQuery.VisitDaysSetting, "2")
            .UseSetting(VisitComplianceQuery.AppointmentsSetting, "3"));
        using var client = new AppClient(twoDays);
        using (var login = await client.LoginAsync("clerk", Reception.Web.Features.Demo.DemoData.Password)) Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var page = await client.GetPageAsync("/Visits/Compliance?month=2027-03");

        Assert.Equal(new Row("1 / 2", "0", "1", "0", "1 / 3", "未达标：下访少 1 天、约访少 2 次", true), Rows(page)[leader] with { Name = "" });
        Assert.Contains("要求：每月至少下访 2 天、约访 3 次。", page.MainText());
    }

    [Theory]
    [InlineData("2027-13")]
    [InlineData("next")]
    public async Task Compliance_BadMonth_NotFound(string month)
    {
        using var client = await App.LoginAsync("clerk");

        using var response = await client.GetAsync("/Visits/Compliance?month=" + month);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    internal sealed record Row(string VisitDays, string Done, string Appointments, string Carried, string Counted, string Status, bool Highlighted)
    {
        public string Name { get; init; } = "";
    }

    internal static Dictionary<int, Row> Rows(IDocument page) =>
        page.QuerySelectorAll("table.compliance tbody tr").ToDictionary(
            tr => int.Parse(tr.GetAttribute("data-leader")!, System.Globalization.CultureInfo.InvariantCulture),
            tr =>
            {
                var c = tr.QuerySelectorAll("td").Select(td => VisitTesting.Normalize(td.TextContent)).ToList();
                return new Row(c[2], c[3], c[4], c[5], c[6], c[7], tr.ClassList.Contains("below-quota")) { Name = tr.QuerySelector("td a")!.TextContent };
            });
}
