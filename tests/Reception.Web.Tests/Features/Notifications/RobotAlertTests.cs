using Microsoft.EntityFrameworkCore;
using Reception.Core.Calendar;
using Reception.Core.Notifications;
using Reception.Web.Data;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Notifications;
using Reception.Web.Features.Rotas;
using Reception.Web.Tests.Features.Cases;
using Reception.Web.Tests.Features.Visits;
using Reception.Web.Tests.Mail;

namespace Reception.Web.Tests.Features.Notifications;

/// <summary>
/// What the jobs post to units' group robots (issue 15, item 12), as a local receiver gets it: a red card names the case
/// number, the due date and the units, and nothing of the petitioner; the eve's duty reminder names the sessions and
/// leaders of the unit's rota. Once each, however often the jobs run.
/// </summary>
public sealed class RobotAlertTests
{
    [Fact]
    public async Task RedCard_ReachesTheRobotsOfTheCaseUnitAndTheHandlingUnit_Once_WithoutPetitionerData()
    {
        using var receiver = new RobotReceiver();
        await using var fixture = await AppFixture.StartAsync(app => app.At(2026, 8, 31, 10).MailToOwnSmtp().WithoutJobServices().DrainingSeedMail()
            .Setting("Reception:Notifications:RobotsAnyHost", "true"));
        var app = fixture.App;
        var (qingshan, rsj) = (await app.OrgIdAsync("qingshan"), await app.OrgIdAsync("rsj"));
        await RobotDeliveryTests.SetRobotAsync(app, qingshan, RobotKind.DingTalk, receiver.Url("/robot/send?access_token=qs"), "SECqingshan-secret-0001");
        await RobotDeliveryTests.SetRobotAsync(app, rsj, RobotKind.WeCom, receiver.Url("/cgi-bin/webhook/send?key=rsj"), null);
        var leader = await app.LeaderOfUserAsync("leader05");
        var (id, number, identity) = await app.AddOwnedCaseAsync(leader);
        var due = (await app.CaseAsync(id)).DueOn!.Value;

        for (var day = due; day <= due.AddDays(20); day = day.AddDays(1))
        {
            fixture.Clock.MoveTo(day, 9);
            await app.RunAsync<DeadlineScan>();
            await app.RunAsync<DeadlineScan>();
            await app.DispatchAsync();
        }

        var texts = receiver.Requests.Select(r => r.PathAndQuery.StartsWith("/robot", StringComparison.Ordinal)
            ? (string)r.Json["markdown"]!["text"]! : (string)r.Json["markdown"]!["content"]!).ToList();
        // The demo's own red cases of the two units are posted too; nothing personal in any message.
        foreach (var text in texts)
            foreach (var personal in new[] { AlertTesting.PetitionerName, AlertTesting.PetitionerPhone, AlertTesting.PetitionerAddress, AlertTesting.Summary, identity, "松林村" })
                Assert.DoesNotContain(personal, text, StringComparison.Ordinal);
        var ours = texts.Where(t => t.Contains($"事项 {number} ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, ours.Count); // the case's unit and the handling unit, once each
        var paths = receiver.Requests.Where((r, i) => texts[i].Contains($"事项 {number} ", StringComparison.Ordinal))
            .Select(r => r.PathAndQuery[..r.PathAndQuery.IndexOf('?', StringComparison.Ordinal)]).Order().ToList();
        Assert.Equal(["/cgi-bin/webhook/send", "/robot/send"], paths);
        foreach (var text in ours)
        {
            Assert.Contains($"事项 {number} 已亮红牌：办理期限 {due:yyyy-MM-dd}；所属单位 青山镇；承办单位 ", text, StringComparison.Ordinal);
            Assert.Contains($"/Cases/Details/{id}", text, StringComparison.Ordinal);
        }
        var rsjName = await app.WithDbAsync(db => db.OrgUnits.Where(o => o.Id == rsj).Select(o => o.Name).SingleAsync());
        Assert.All(ours, t => Assert.Contains($"承办单位 {rsjName}。", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheEvesDutyReminder_ReachesTheRotaUnitsRobot_Once()
    {
        using var receiver = new RobotReceiver();
        await using var fixture = await AppFixture.StartAsync(app => app.At(2026, 12, 7, 10).MailToOwnSmtp().WithoutJobServices().DrainingSeedMail()
            .Setting("Reception:Notifications:RobotsAnyHost", "true"));
        var app = fixture.App;
        var calendar = WorkingDayCalendar.LoadShipped();
        var first = await app.WithDbAsync(db => DutySlots.Of(db).Published().Where(s => s.Date >= new DateOnly(2026, 12, 9) && !s.IsCancelled)
            .OrderBy(s => s.Date).ThenBy(s => s.Id).Select(s => new { s.Date, s.OrgUnitId }).FirstAsync());
        var leaders = await app.WithDbAsync(db => DutySlots.Of(db).Published()
            .Where(s => s.Date == first.Date && s.OrgUnitId == first.OrgUnitId && !s.IsCancelled).Select(s => s.LeaderName).ToListAsync());
        await RobotDeliveryTests.SetRobotAsync(app, first.OrgUnitId, RobotKind.WeCom, receiver.Url("/cgi-bin/webhook/send?key=duty"), null);

        fixture.Clock.MoveTo(ReminderDays.EveOf(first.Date, calendar), 17);
        await app.RunAsync<DutyReminders>();
        await app.RunAsync<DutyReminders>();
        await app.DispatchAsync();

        var request = Assert.Single(receiver.Requests);
        var text = (string)request.Json["markdown"]!["content"]!;
        Assert.StartsWith("### ", text, StringComparison.Ordinal);
        Assert.Contains("值班", text, StringComparison.Ordinal);
        Assert.Contains($"{first.Date.Month}月{first.Date.Day}日", text, StringComparison.Ordinal);
        Assert.All(leaders, name => Assert.Contains(name, text, StringComparison.Ordinal));
        Assert.Equal(NotificationKinds.DutyReminder.Key, Assert.Single(await RobotDeliveryTests.RobotRowsAsync(app)).Kind);
    }
}
