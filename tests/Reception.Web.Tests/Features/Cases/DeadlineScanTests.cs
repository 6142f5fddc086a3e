using Microsoft.EntityFrameworkCore;
using Reception.Core.Calendar;
using Reception.Core.Cases;
using Reception.Core.Cases.History;
using Reception.Web.Features.Cases;
using Reception.Web.Tests.Features.Notifications;
using Reception.Web.Tests.Features.Visits;
using Reception.Web.Tests.Mail;

namespace Reception.Web.Tests.Features.Cases;

public sealed class AugustApp() : AlertsApp(2026, 8, 31, 10);

/// <summary>
/// The deadline scan run every day (some twice) across a case's due date: reminders 7, 3 and 1 days before, overdue once,
/// red to the owning leader and, three working days later, to the supervisors — and nothing about the petitioner.
/// </summary>
public sealed class DeadlineScanTests(AugustApp fixture) : IClassFixture<AugustApp>
{
    [Fact]
    public async Task Reminders_Overdue_AndEscalation_GoOnTheRightDays_OnceEach_WithoutPetitionerData()
    {
        var app = fixture.App;
        var leader = await app.LeaderOfUserAsync("leader05");
        var (id, number, identity) = await app.AddOwnedCaseAsync(leader);
        var due = (await app.CaseAsync(id)).DueOn!.Value; // 60 days from acceptance
        var calendar = WorkingDayCalendar.LoadShipped();

        var firstSeen = new Dictionary<string, DateOnly>();
        for (var day = due.AddDays(-10); day <= due.AddDays(25); day = day.AddDays(1))
        {
            foreach (var hour in new[] { 9, 15 })
            {
                fixture.Clock.MoveTo(day, hour);
                await app.RunAsync<DeadlineScan>();
            }
            var keys = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.IdempotencyKey.Contains($":{id}:"))
                .Select(m => m.IdempotencyKey).ToListAsync());
            foreach (var key in keys) firstSeen.TryAdd(key, day);
        }

        var owner = await app.UserIdAsync("leader05");
        var unit = await app.UserIdAsync("unit");
        var supervisor = await app.UserIdAsync("supervisor");
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var n in new[] { 7, 3, 1 })
        {
            Assert.Equal(due.AddDays(-n), firstSeen[$"deadline:{id}:{D(due)}:{n}/{owner}"]);
            Assert.Equal(due.AddDays(-n), firstSeen[$"deadline:{id}:{D(due)}:{n}/{unit}"]);
        }
        Assert.Equal(due.AddDays(1), firstSeen[$"overdue:{id}:{D(due)}/{owner}"]);
        Assert.Equal(due.AddDays(1), firstSeen[$"overdue:{id}:{D(due)}/{unit}"]);

        var redEvent = await app.WithDbAsync(db => db.CaseEvents.Where(e => e.PetitionCaseId == id && e.Kind == CaseEventKind.ColourChanged && e.After == "Red")
            .Select(e => new { e.Id, e.AtUtc }).SingleAsync());
        var redDay = DateOnly.FromDateTime(Reception.Core.Time.ChinaTime.ToLocal(redEvent.AtUtc));
        Assert.True(redDay > due.AddDays(15)); // red when more than 15 days overdue
        Assert.Equal(redDay, firstSeen[$"escalation:{id}:red-{redEvent.Id}:leader/{owner}"]);
        Assert.Equal(calendar.AddWorkingDays(redDay, 3).Value, firstSeen[$"escalation:{id}:red-{redEvent.Id}:office/{supervisor}"]);
        // Exactly these copies, each once: 3 reminders and the overdue alert to two people, red to the leader, escalation to the supervisor.
        Assert.Equal(3 * 2 + 2 + 1 + 1, firstSeen.Count);

        // Both steps are in the case's history, once each, on the days they happened; the timeline says so.
        var escalations = await app.WithDbAsync(db => db.CaseEvents.AsNoTracking().Where(e => e.PetitionCaseId == id && e.Kind == CaseEventKind.Escalated)
            .OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([new Escalated(false), new Escalated(true)], escalations.Select(e => e.Change));
        Assert.Equal(redDay, DateOnly.FromDateTime(Reception.Core.Time.ChinaTime.ToLocal(escalations[0].AtUtc)));
        Assert.Equal(calendar.AddWorkingDays(redDay, 3).Value, DateOnly.FromDateTime(Reception.Core.Time.ChinaTime.ToLocal(escalations[1].AtUtc)));
        Assert.All(escalations, e => Assert.Equal(CaseEvent.SystemUserId, e.UserId));
        var timeline = (await (await app.LoginAsync("supervisor")).GetPageAsync($"/Cases/Details/{id}")).Body!.TextContent;
        Assert.Contains("仍为红牌，已升级至督查室。", timeline, StringComparison.Ordinal);
        Assert.Contains("已亮红牌，已提醒包案领导。", timeline, StringComparison.Ordinal);

        await app.DispatchAsync();
        var mails = fixture.Smtp.Deliveries().Where(d => d.Key!.Contains($":{id}:", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, mails.Count);
        var office = Assert.Single(mails, m => m.Key!.EndsWith($":office/{supervisor}", StringComparison.Ordinal));
        Assert.Equal($"升级督办：事项 {number} 仍为红牌", office.Subject);
        Assert.Contains($"{MailTesting.BaseUrl}/Cases/Details/{id}", office.Part("text/plain").Content, StringComparison.Ordinal);
        Assert.Contains("征地拆迁", office.Part("text/plain").Content, StringComparison.Ordinal);
        var seven = Assert.Single(mails, m => m.Key == $"deadline:{id}:{D(due)}:7/{owner}");
        Assert.Equal($"事项 {number} 还有 7 天到期", seven.Subject);
        Assert.Contains($"的办理期限为 {D(due)}。", seven.Part("text/plain").Content, StringComparison.Ordinal);
        foreach (var mail in mails)
            foreach (var secret in new[] { AlertTesting.PetitionerName, identity, AlertTesting.PetitionerPhone, AlertTesting.PetitionerAddress, AlertTesting.Summary })
            {
                Assert.DoesNotContain(secret, fixture.Smtp.Raw(mail), StringComparison.Ordinal);
                Assert.All(mail.Parts, p => Assert.DoesNotContain(secret, p.Content, StringComparison.Ordinal));
                Assert.DoesNotContain(secret, mail.Subject, StringComparison.Ordinal);
            }
    }
}
