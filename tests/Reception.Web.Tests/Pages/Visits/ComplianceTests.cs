using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Rotas.Model;
using Reception.Web.Pages.Visits;
using Reception.Web.Tests.Infrastructure;

namespace Reception.Web.Tests.Pages.Visits;

public sealed class ComplianceTests(VisitsDemoApp demo) : IClassFixture<VisitsDemoApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task Compliance_CountsDistinctVisitDaysPerLeaderAndHighlightsThoseBelowQuota()
    {
        var zhang = await App.LeaderIdAsync("张建国");
        var zhao = await App.LeaderIdAsync("赵文军");
        var huang = await App.LeaderIdAsync("黄海涛");
        await App.AddVisitAsync(zhang, new DateOnly(2027, 1, 5), "qingshan-01");
        await App.AddVisitAsync(zhang, new DateOnly(2027, 1, 5), "qingshan-02");          // same day: still one visit day
        await App.AddVisitAsync(zhang, new DateOnly(2027, 1, 20), status: VisitStatus.Done);
        await App.AddVisitAsync(zhao, new DateOnly(2027, 1, 8), status: VisitStatus.Cancelled); // does not count
        await App.AddVisitAsync(zhao, new DateOnly(2027, 2, 1));                             // another month
        await App.AddVisitAsync(huang, new DateOnly(2027, 1, 31), status: VisitStatus.Done);
        var retired = await App.AddLeaderAsync("退休", active: false);
        await App.AddVisitAsync(retired, new DateOnly(2027, 1, 12));
        using var client = await App.LoginAsync("clerk");

        var page = await client.GetPageAsync("/Visits/Compliance?month=2027-01");

        var rows = Rows(page);
        Assert.Equal(new Row("张建国", "2 / 1", "1", "0 / 1", "已达标", false), rows[zhang]);
        Assert.Equal(new Row("赵文军", "0 / 1", "0", "0 / 1", "未达标：下访少 1 天", true), rows[zhao]);
        Assert.Equal(new Row("黄海涛", "1 / 1", "1", "0 / 1", "已达标", false), rows[huang]);
        Assert.DoesNotContain(retired, rows.Keys);
        var active = await App.WithDbAsync(db => db.Leaders.CountAsync(l => l.IsActive));
        Assert.Equal(active, rows.Count);
        Assert.Equal($"{active} 名领导中有 {active - 2} 名未达标。", page.QuerySelector("[data-summary=below]")!.TextContent);
        Assert.Equal(active - 2, page.QuerySelectorAll("tr.below-quota").Length);
    }

    [Fact]
    public async Task Compliance_SaysWhomTheQuotaAppliesToAndThatAppointmentsAreNotYetCounted()
    {
        using var client = await App.LoginAsync("supervisor");

        var page = await client.GetPageAsync("/Visits/Compliance?month=2027-02");

        Assert.Equal("要求：每月至少下访 1 天、约访 1 次。", page.QuerySelector("[data-note=rule]")!.TextContent);
        Assert.Contains("下访天数按有计划或已完成下访的不同日期计算；已取消的下访不计。", page.MainText());
        Assert.Contains("目前暂对本辖区全部在用领导适用", page.QuerySelector("[data-note=quota-applies]")!.TextContent);
        Assert.Contains("约访功能随案件模块上线", page.QuerySelector("[data-note=appointments]")!.TextContent);
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
    public async Task Compliance_ConfiguredQuotaOfTwoDays_FlagsALeaderWithOneDay()
    {
        var leader = await App.LeaderIdAsync("吴建平");
        await App.AddVisitAsync(leader, new DateOnly(2027, 3, 9));
        using var twoDays = App.WithWebHostBuilder(b => b
            .UseSetting(ComplianceModel.VisitDaysSetting, "2")
            .UseSetting(ComplianceModel.AppointmentsSetting, "3"));
        using var client = new AppClient(twoDays);
        using (var login = await client.LoginAsync("clerk", Reception.Web.Data.Seed.DemoData.Password)) Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var page = await client.GetPageAsync("/Visits/Compliance?month=2027-03");

        Assert.Equal(new Row("吴建平", "1 / 2", "0", "0 / 3", "未达标：下访少 1 天", true), Rows(page)[leader]);
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

    internal sealed record Row(string Name, string VisitDays, string Done, string Appointments, string Status, bool Highlighted);

    internal static Dictionary<int, Row> Rows(IDocument page) =>
        page.QuerySelectorAll("table.compliance tbody tr").ToDictionary(
            tr => int.Parse(tr.GetAttribute("data-leader")!, System.Globalization.CultureInfo.InvariantCulture),
            tr =>
            {
                var c = tr.QuerySelectorAll("td").Select(td => VisitTesting.Normalize(td.TextContent)).ToList();
                return new Row(tr.QuerySelector("td a")!.TextContent, c[2], c[3], c[4], c[5], tr.ClassList.Contains("below-quota"));
            });
}
