using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Core.Cases;
using Reception.Core.Mail;
using Reception.Web.Features.Cases;
using Reception.Web.Features.Notifications;
using Reception.Web.Features.Rotas;
using Reception.Web.Features.Visits;
using Reception.Web.Tests.Mail;

namespace Reception.Web.Tests.Features.Notifications;

/// <summary>
/// A demo app whose mail goes to a real SMTP server (aiosmtpd), with the test clock, and without the scheduler (the tests
/// run the jobs' work themselves, at the clock's time). The seed's own mail is sent first.
/// </summary>
public abstract class AlertsApp(int year, int month, int day, int hour)
    : AppFixture(app => app.At(year, month, day, hour).MailToOwnSmtp().WithoutJobServices().DrainingSeedMail());

public static class AlertTesting
{
    /// <summary>Runs one of the jobs' work in a scope of its own, as the scheduler would.</summary>
    public static async Task<AlertRun> RunAsync<TWork>(this ReceptionFactory app) where TWork : class
    {
        await using var scope = app.Services.CreateAsyncScope();
        var work = scope.ServiceProvider.GetRequiredService<TWork>();
        return work switch
        {
            DutyReminders d => await d.RunAsync(),
            VisitReminders v => await v.RunAsync(),
            DeadlineScan s => await s.RunAsync(),
            WeeklyBulletin b => await b.RunAsync(),
            MonthlyCompliance m => await m.RunAsync(),
            _ => throw new ArgumentException(typeof(TWork).Name),
        };
    }

    public const string PetitionerName = "欧阳明远";
    public const string PetitionerPhone = "13987654321";
    public const string PetitionerAddress = "幸福路 88 号";
    public const string Summary = "关于某某厂拆迁补偿的独特摘要";

    /// <summary>
    /// A case registered at 青山镇 today (by the clock) with a petitioner whose name, ID number, phone and address must
    /// never reach a message; accepted and assigned to the leader, handled by 人社局 (the demo "unit" user's unit).
    /// </summary>
    public static async Task<(int Id, string Number, string Identity)> AddOwnedCaseAsync(this ReceptionFactory app, int ownerLeaderId)
    {
        var identity = Reception.Web.Tests.Features.Cases.RegisterTesting.NewIdentityNumber();
        var handler = await app.OrgIdAsync("rsj");
        var c = await app.NewCase().At("qingshan").Summary(Summary, "详细内容")
            .Petitioner(new CasePetitioner(PetitionerName, identity, PetitionerPhone, "青山镇松林村", PetitionerAddress))
            .Then((c, cases) =>
            {
                Assert.True(c.Accept("clerk", cases.UtcNow).Succeeded);
                Assert.True(c.Assign(ownerLeaderId, handler, null, null, null, "clerk", cases.UtcNow).Succeeded);
            })
            .SaveAsync();
        return (c.Id, c.Number.ToString(), identity);
    }

    /// <summary>The occurrence keys (the part before "/{user}") of the outbox messages whose key starts with <paramref name="prefix"/>.</summary>
    public static Task<List<string>> OutboxKeysAsync(this ReceptionFactory app, string prefix) =>
        app.WithDbAsync(async db => (await db.OutboxMessages.AsNoTracking().Where(m => m.IdempotencyKey.StartsWith(prefix))
            .Select(m => m.IdempotencyKey).ToListAsync()));

    public static Task<int> CountsAsync(this ReceptionFactory app) =>
        app.WithDbAsync(async db => await db.OutboxMessages.CountAsync() * 100_000 + await db.Notifications.CountAsync());

    /// <summary>The raw bytes of a delivery (the .eml the SMTP server stored next to its summary), as text.</summary>
    public static string Raw(this SmtpTestServer smtp, ReceivedMail mail)
    {
        var folder = Path.Combine(smtp.Directory, "deliveries");
        var json = Directory.GetFiles(folder, "*.json").Single(f => File.ReadAllText(f).Contains($"\"{mail.Key}\"", StringComparison.Ordinal));
        return File.ReadAllText(Path.ChangeExtension(json, ".eml"));
    }

    public static OutboxStatus Sent => OutboxStatus.Sent;
}
