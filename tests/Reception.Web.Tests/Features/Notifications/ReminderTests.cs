using Microsoft.EntityFrameworkCore;
using Reception.Core.Rotas.Model;
using Reception.Web.Features.Rotas;
using Reception.Web.Features.Visits;
using Reception.Web.Tests.Features.Visits;
using Reception.Web.Tests.Mail;

namespace Reception.Web.Tests.Features.Notifications;

/// <summary>The demo from 2026-09-10 (its September and October rotas published), mail to a real SMTP server.</summary>
public sealed class SeptemberApp() : AlertsApp(2026, 9, 10, 17);

/// <summary>
/// Duty and visit reminders, decided from the test clock and the 2026 holiday arrangement (cn-holidays.csv: 中秋 25–27
/// September, 国庆 1–7 October, make-up working days Sunday 20 September and Saturday 10 October).
/// </summary>
/// <remarks>Each test starts its own app: each sets its own dates, and the clock only moves forward.</remarks>
public sealed class ReminderTests
{
    private static readonly DateOnly Monday = new(2026, 9, 14);        // an ordinary Monday
    private static readonly DateOnly MakeUpSunday = new(2026, 9, 20);  // 调休: a working Sunday
    private static readonly DateOnly AfterMidAutumn = new(2026, 9, 28); // Monday after the 中秋 holiday (Fri 25 – Sun 27)
    private static readonly DateOnly AfterNationalDay = new(2026, 10, 8); // the first working day after 国庆 (1–7 October)

    [Fact]
    public async Task DutyReminders_GoOnTheEveOfTheDuty_AndOneWeekAhead_OnceEach_ThroughTheHolidays()
    {
        await using var fixture = await AppFixture.StartAsync<SeptemberApp>();
        var app = fixture.App;
        var leader = await app.LeaderOfUserAsync("leader03");
        var duties = new Dictionary<DateOnly, int>();
        foreach (var date in new[] { Monday, MakeUpSunday, AfterMidAutumn, AfterNationalDay })
            duties[date] = (await app.AddDutyAsync(leader, date, published: true)).AssignmentId;

        // Every evening at 17:00 from 11 September to 7 October: which of these duties' reminders were queued that evening?
        var queuedOn = new Dictionary<string, DateOnly>();
        for (var day = new DateOnly(2026, 9, 11); day < AfterNationalDay; day = day.AddDays(1))
        {
            fixture.Clock.MoveTo(day, 17);
            var run = await app.RunAsync<DutyReminders>();
            Assert.False(run.HasWarnings, run.Summary); // 2026 is known
            foreach (var (date, id) in duties)
                foreach (var prefix in new[] { "duty-reminder", "duty-reminder-7d" })
                {
                    var key = $"{prefix}:{date:yyyy-MM-dd}:duty-{id}";
                    if (!queuedOn.ContainsKey(key) && (await app.OutboxKeysAsync(key + "/")).Count > 0) queuedOn[key] = day;
                }
        }

        string Eve(DateOnly d) => $"duty-reminder:{d:yyyy-MM-dd}:duty-{duties[d]}";
        string Week(DateOnly d) => $"duty-reminder-7d:{d:yyyy-MM-dd}:duty-{duties[d]}";
        Assert.Equal(new DateOnly(2026, 9, 11), queuedOn[Eve(Monday)]);                 // the Friday before an ordinary Monday
        Assert.Equal(new DateOnly(2026, 9, 19), queuedOn[Eve(MakeUpSunday)]);           // the Saturday before the make-up Sunday, not the Friday
        Assert.Equal(new DateOnly(2026, 9, 27), queuedOn[Eve(AfterMidAutumn)]);         // the holiday's last day, not Thursday 24th
        Assert.Equal(new DateOnly(2026, 10, 7), queuedOn[Eve(AfterNationalDay)]);       // 7 October, not 30 September nor every holiday evening
        Assert.Equal(new DateOnly(2026, 9, 13), queuedOn[Week(MakeUpSunday)]);
        Assert.Equal(new DateOnly(2026, 9, 21), queuedOn[Week(AfterMidAutumn)]);
        Assert.Equal(new DateOnly(2026, 10, 1), queuedOn[Week(AfterNationalDay)]);
        Assert.False(queuedOn.ContainsKey(Week(Monday))); // its week-ahead evening (7 September) was before the sweep
        // One copy per reminder: the leader's account only.
        var copies = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == "duty-reminder" && m.IdempotencyKey.Contains($":duty-{duties[AfterNationalDay]}/")).CountAsync());
        Assert.Equal(2, copies);

        // Running the evening of 7 October again queues nothing.
        fixture.Clock.MoveTo(new DateOnly(2026, 10, 7), 17, 5);
        var before = await app.CountsAsync();
        var again = await app.RunAsync<DutyReminders>();
        Assert.Equal((0, 0), (again.Notifications, again.Emails));
        Assert.Equal(before, await app.CountsAsync());

        // The email: once, Chinese, UTF-8, to leader03, with the absolute link to the duty's rota month.
        await app.DispatchAsync();
        var userId = await app.UserIdAsync("leader03");
        var mail = Assert.Single(fixture.Smtp.Deliveries(), d => d.Key == $"{Eve(AfterNationalDay)}/{userId}");
        Assert.Equal(["leader03@demo.reception.invalid"], mail.EnvelopeTo);
        Assert.Equal("坐班接访提醒：10月8日 星期四", mail.Subject);
        Assert.All(mail.Parts, p => Assert.Equal("utf-8", p.Charset));
        var text = mail.Part("text/plain").Content;
        var venue = await app.WithDbAsync(db => (from a in db.DutyAssignments
                                                 join m in db.RotaMonths on a.RotaMonthId equals m.Id
                                                 join r in db.DutyRules on m.DutyRuleId equals r.Id
                                                 join v in db.Venues on r.VenueId equals v.Id
                                                 where a.Id == duties[AfterNationalDay]
                                                 select new { v.Name, RuleId = r.Id }).SingleAsync());
        Assert.Contains($"明天（10月8日 星期四）上午 08:30–12:00 在{venue.Name}坐班接访。", text, StringComparison.Ordinal);
        Assert.Contains($"{MailTesting.BaseUrl}/Rotas/Month?rule={venue.RuleId}&month=2026-10", text, StringComparison.Ordinal);
        Assert.Single(fixture.Smtp.Deliveries(), d => d.Key == $"{Week(AfterNationalDay)}/{userId}");
        Assert.DoesNotContain(fixture.Smtp.Transmissions(), t => t.Duplicate);
    }

    [Fact]
    public async Task MissedEveReminder_CatchesUpAtOnceWhenTheAppReturns_WhileStillUseful()
    {
        await using var fixture = await AlertsApp.StartAsync<SeptemberApp>();
        var app = fixture.App;
        var leader = await app.LeaderOfUserAsync("leader03");
        var tuesday = new DateOnly(2026, 9, 15);
        var tomorrow = (await app.AddDutyAsync(leader, tuesday, published: true)).AssignmentId;        // its eve: Monday 14th, 17:00
        var today = (await app.AddDutyAsync(leader, new DateOnly(2026, 9, 14), published: true)).AssignmentId; // its eve: Friday 11th, 17:00
        var nextWeek = (await app.AddDutyAsync(leader, new DateOnly(2026, 9, 21), published: true)).AssignmentId; // week ahead: Monday 14th
        // The last successful run was on Sunday 13th at 17:00; the app was down from then until Monday 23:30 (past the misfire window).
        await app.WithDbAsync(async db =>
        {
            var run = Reception.Core.Jobs.JobRun.Start(DutyReminders.Name, "DutyReminder:2026-09-13T17:00", Utc(new DateOnly(2026, 9, 13), 17), false, "test", Utc(new DateOnly(2026, 9, 13), 17));
            run.Succeed(Utc(new DateOnly(2026, 9, 13), 17), null);
            db.JobRuns.Add(run);
            return await db.SaveChangesAsync();
        });
        fixture.Clock.MoveTo(new DateOnly(2026, 9, 14), 23, 30);

        await app.RunAsync<DutyReminders>();

        // Tomorrow's duty: its eve reminder, missed at 17:00, goes at once; the week-ahead one for the 21st too.
        Assert.Single(await app.OutboxKeysAsync($"duty-reminder:2026-09-15:duty-{tomorrow}/"));
        Assert.Single(await app.OutboxKeysAsync($"duty-reminder-7d:2026-09-21:duty-{nextWeek}/"));
        // Today's duty (already under way) and anything before the last run are not reminded now.
        Assert.Empty(await app.OutboxKeysAsync($"duty-reminder:2026-09-14:duty-{today}/"));
        // The next regular run adds nothing.
        fixture.Clock.MoveTo(new DateOnly(2026, 9, 15), 17);
        var next = await app.RunAsync<DutyReminders>();
        Assert.Empty(await app.OutboxKeysAsync($"duty-reminder-7d:2026-09-15:duty-{tomorrow}/"));
        Assert.Single(await app.OutboxKeysAsync($"duty-reminder:2026-09-15:duty-{tomorrow}/"));
    }

    private static DateTime Utc(DateOnly day, int hour) => Reception.Core.Time.ChinaTime.ToUtc(day, new TimeOnly(hour, 0));

    [Fact]
    public async Task AYearMissingFromTheCalendar_IsAWarningInTheOutcome()
    {
        await using var fixture = await AppFixture.StartAsync<SeptemberApp>();
        fixture.Clock.MoveTo(new DateOnly(2026, 9, 16), 17);
        var known = await fixture.App.RunAsync<DutyReminders>();
        Assert.False(known.HasWarnings);

        fixture.Clock.MoveTo(new DateOnly(2026, 12, 30), 17); // tomorrow is 2026-12-31, but the Friday rule looks into 2027
        var run = await fixture.App.RunAsync<DutyReminders>();
        Assert.True(run.HasWarnings);
        Assert.Contains("2027", run.Summary, StringComparison.Ordinal);
        Assert.Contains(run.Warnings, w => w.Args.Contains(2027));
        var visits = await fixture.App.RunAsync<VisitReminders>();
        Assert.Contains("2027", visits.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VisitReminders_NameTheDestination_NeverThePurpose_OrForAnAppointmentOnlyTheCase_OnTheEve_Once()
    {
        await using var fixture = await AppFixture.StartAsync<SeptemberApp>();
        var app = fixture.App;
        fixture.Clock.MoveTo(new DateOnly(2026, 9, 10), 17);
        var leader = await app.LeaderOfUserAsync("leader04");
        var (caseId, number, identity) = await app.AddOwnedCaseAsync(leader);
        var village = await app.AddVisitAsync(leader, new DateOnly(2026, 9, 14), purpose: "调研征地补偿落实情况");  // an ordinary Monday
        var appointment = await app.AddVisitWithCasesAsync(leader, new DateOnly(2026, 9, 15), VisitKind.Appointment, caseId); // Tuesday
        var cancelled = await app.AddVisitAsync(leader, new DateOnly(2026, 9, 15), status: VisitStatus.Cancelled);

        var found = new Dictionary<string, DateOnly>();
        for (var day = new DateOnly(2026, 9, 10); day <= new DateOnly(2026, 9, 15); day = day.AddDays(1))
        {
            fixture.Clock.MoveTo(day, 17);
            await app.RunAsync<VisitReminders>();
            await app.RunAsync<VisitReminders>(); // twice: nothing more
            foreach (var (id, date) in new[] { (village, "2026-09-14"), (appointment, "2026-09-15"), (cancelled, "2026-09-15") })
            {
                var keys = await app.OutboxKeysAsync($"visit-reminder:{date}:visit-{id}/");
                Assert.True(keys.Count <= 1);
                if (keys.Count == 1) found.TryAdd($"visit-{id}", day);
            }
        }
        Assert.Equal(new DateOnly(2026, 9, 11), found[$"visit-{village}"]);      // Friday for Monday
        Assert.Equal(new DateOnly(2026, 9, 14), found[$"visit-{appointment}"]);  // the evening before
        Assert.False(found.ContainsKey($"visit-{cancelled}"));

        await app.DispatchAsync();
        var userId = await app.UserIdAsync("leader04");
        var v = Assert.Single(fixture.Smtp.Deliveries(), d => d.Key == $"visit-reminder:2026-09-14:visit-{village}/{userId}");
        Assert.Equal("下访提醒：9月14日 星期一", v.Subject);
        Assert.Contains("9月14日 星期一）下访：青山镇 · ", v.Part("text/plain").Content, StringComparison.Ordinal);
        // The purpose is free text that may name a petitioner: the mail points to the visit page instead.
        Assert.Contains("事由和安排请打开下访页面查看", v.Part("text/plain").Content, StringComparison.Ordinal);
        Assert.DoesNotContain("调研征地补偿", fixture.Smtp.Raw(v), StringComparison.Ordinal);
        Assert.All(v.Parts, p => Assert.DoesNotContain("调研征地补偿", p.Content, StringComparison.Ordinal));
        Assert.Contains($"{MailTesting.BaseUrl}/Visits/Details/{village}", v.Part("text/plain").Content, StringComparison.Ordinal);
        var a = Assert.Single(fixture.Smtp.Deliveries(), d => d.Key == $"visit-reminder:2026-09-15:visit-{appointment}/{userId}");
        Assert.Equal("约访提醒：9月15日 星期二", a.Subject);
        Assert.Contains($"约访，事项 {number}。", a.Part("text/plain").Content, StringComparison.Ordinal);
        foreach (var secret in new[] { AlertTesting.PetitionerName, identity, AlertTesting.PetitionerPhone, AlertTesting.PetitionerAddress, AlertTesting.Summary })
        {
            Assert.DoesNotContain(secret, fixture.Smtp.Raw(a), StringComparison.Ordinal);
            Assert.All(a.Parts, p => Assert.DoesNotContain(secret, p.Content, StringComparison.Ordinal));
        }
    }
}
