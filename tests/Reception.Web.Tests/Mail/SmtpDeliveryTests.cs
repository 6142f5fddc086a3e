using Microsoft.EntityFrameworkCore;
using Reception.Core.Mail;
using Reception.Web.Mail;
using Reception.Web.Tests.Features.Cases;
using Reception.Web.Tests.Features.Cases.Board;
using Reception.Web.Tests.Features.Visits;

namespace Reception.Web.Tests.Mail;

/// <summary>One demo app whose mail goes to a real SMTP server on loopback; the seed's own messages are sent first.</summary>
public sealed class SmtpMailApp() : AppFixture(app => app.WithClock(MailTesting.Clock()).MailToOwnSmtp().DrainingSeedMail());

/// <summary>
/// Messages written by real actions reach a real SMTP server (aiosmtpd) once each, in the recipient's language, UTF-8,
/// multipart text + HTML, with an absolute link; failures retry with backoff, then dead-letter, and a resend delivers.
/// </summary>
public sealed class SmtpDeliveryTests(SmtpMailApp fixture) : IClassFixture<SmtpMailApp>
{
    private ReceptionFactory App => fixture.App;
    private SmtpTestServer Smtp => fixture.Smtp;
    private FakeTimeProvider Clock => fixture.Clock;

    [Fact]
    public async Task CaseAssignment_ThroughThePage_ArrivesOnce_InChinese_MultipartWithTheAbsoluteLink_AndNoPersonalData()
    {
        var identity = RegisterTesting.NewIdentityNumber();
        var id = await App.AddCaseAsync(identityNumber: identity, accept: true, locality: "青山镇松林村");
        var number = (await App.CaseAsync(id)).Number.ToString();

        await AssignThroughThePageAsync(id, "leader01");

        var leader = await App.UserIdAsync("leader01");
        var row = await App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.RecipientUserId == leader && m.Link == $"/Cases/Details/{id}"));
        Assert.Equal((OutboxStatus.Pending, "leader01@demo.reception.invalid", "zh-CN"), (row.Status, row.RecipientAddress, row.Culture));
        // Written in the same unit of work as the assignment: the in-app notification is there too.
        Assert.True(await App.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == leader && n.Link == $"/Cases/Details/{id}")));

        var result = await App.DispatchAsync();
        Assert.Equal(2, result.Sent); // the owning leader's, and the handling unit's handler's (交办)
        Assert.Equal(OutboxStatus.Sent, (await App.OutboxMessageAsync(row.IdempotencyKey)).Status);

        var mail = Assert.Single(Smtp.Deliveries(), d => d.Key == row.IdempotencyKey);
        Assert.Equal(["leader01@demo.reception.invalid"], mail.EnvelopeTo);
        Assert.Contains("leader01@demo.reception.invalid", mail.To, StringComparison.Ordinal);
        Assert.Contains("领导接访系统", mail.From, StringComparison.Ordinal);
        Assert.Equal($"事项 {number} 已交由您包案", mail.Subject);
        Assert.Matches(@"(?im)^Subject: =\?utf-8\?[bq]\?", mail.RawHeaders); // encoded as UTF-8, not sent raw
        Assert.Equal(MimeMail.MessageId(row.IdempotencyKey), mail.MessageId);
        Assert.Matches($@"(?m)^X-Reception-Key: {System.Text.RegularExpressions.Regex.Escape(row.IdempotencyKey)}\r?$", mail.RawHeaders); // the key itself, unfolded
        Assert.Equal("multipart/alternative", mail.ContentType);
        Assert.Equal(["text/plain", "text/html"], mail.Parts.Select(p => p.ContentType));
        Assert.All(mail.Parts, p => Assert.Equal("utf-8", p.Charset));
        Assert.Empty(mail.Defects);
        var text = mail.Part("text/plain").Content;
        var html = mail.Part("text/html").Content;
        var link = $"{MailTesting.BaseUrl}/Cases/Details/{id}";
        Assert.Contains($"您是事项 {number}（征地拆迁）的包案领导。", text, StringComparison.Ordinal);
        Assert.Contains(link, text, StringComparison.Ordinal);
        Assert.Contains($"您是事项 {number}（征地拆迁）的包案领导。", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", html, StringComparison.Ordinal);
        Assert.Contains("在系统中打开", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        foreach (var personal in new[] { identity, "13900001111", "李四", "某某路", "松林村" })
            Assert.DoesNotContain(personal, mail.Subject + text + html + mail.RawHeaders, StringComparison.Ordinal);

        // Nothing is sent twice: the next run finds nothing due, and the server saw the key once.
        Assert.Equal(0, (await App.DispatchAsync()).Claimed);
        Assert.Single(Smtp.Transmissions(), t => t.Key == row.IdempotencyKey);
    }

    [Fact]
    public async Task CaseAssignment_ToALeaderWhoChoseEnglish_ArrivesInEnglish()
    {
        await App.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.UserName == "leader02")).PreferredCulture = "en";
            return await db.SaveChangesAsync();
        });
        var id = await App.AddCaseAsync(accept: true);
        var number = (await App.CaseAsync(id)).Number.ToString();

        await AssignThroughThePageAsync(id, "leader02");
        await App.DispatchAsync();

        var leader = await App.UserIdAsync("leader02");
        var key = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientUserId == leader && m.Link == $"/Cases/Details/{id}").Select(m => m.IdempotencyKey).SingleAsync());
        var mail = Assert.Single(Smtp.Deliveries(), d => d.Key == key);
        Assert.Equal($"Case {number} is assigned to you", mail.Subject);
        Assert.Contains($"You are the owning leader (包案领导) of case {number} (征地拆迁).", mail.Part("text/plain").Content, StringComparison.Ordinal);
        Assert.Contains("Open in the system", mail.Part("text/html").Content, StringComparison.Ordinal);
        Assert.Contains("lang=\"en\"", mail.Part("text/html").Content, StringComparison.Ordinal);
        Assert.DoesNotContain("在系统中打开", mail.Part("text/html").Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameOccurrenceKeyWrittenTwice_OneRow_OneNotification_OneDelivery()
    {
        var occurrence = PageTesting.Unique("duty-reminder:2026-11-24:duty-");
        await App.NotifyAsync("leader03", occurrence);
        await App.NotifyAsync("leader03", occurrence);

        var user = await App.UserIdAsync("leader03");
        var key = MailOutbox.KeyFor(occurrence, user);
        Assert.Single(await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey.StartsWith(occurrence)).ToListAsync()));
        Assert.Equal(1, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == user && n.OccurrenceKey == occurrence && n.CreatedAtUtc == Clock.GetUtcNow().UtcDateTime)));
        await App.DispatchAsync();
        await App.NotifyAsync("leader03", occurrence); // after sending, too
        await App.DispatchAsync();

        Assert.Single(Smtp.Deliveries(), d => d.Key == key);
        Assert.Single(Smtp.Transmissions(), t => t.Key == key);
        Assert.Equal(1, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == user && n.OccurrenceKey == occurrence)));
    }

    [Fact]
    public async Task StoppedServer_AttemptsBackOff_NothingLost_ThenDeliveredOnceWhenItReturns()
    {
        var occurrence = PageTesting.Unique("visit-reminder:");
        await App.NotifyAsync("leader04", occurrence);
        var key = MailOutbox.KeyFor(occurrence, await App.UserIdAsync("leader04"));
        await Smtp.StopAsync();
        try
        {
            var first = await App.DispatchAsync();
            Assert.Equal((1, 0, 1), (first.Claimed, first.Sent, first.Failed));
            var failed = await App.OutboxMessageAsync(key);
            var now = Clock.GetUtcNow().UtcDateTime;
            Assert.Equal((OutboxStatus.Pending, 1, now.AddSeconds(60)), (failed.Status, failed.Attempts, failed.NextAttemptAtUtc));
            Assert.NotNull(failed.LastError);
            Assert.DoesNotContain("@", failed.LastError, StringComparison.Ordinal); // no address in the error

            // Not due yet: nothing is tried.
            Assert.Equal(0, (await App.DispatchAsync()).Claimed);
            Clock.Advance(TimeSpan.FromSeconds(60));
            Assert.Equal(1, (await App.DispatchAsync()).Failed);
            var second = await App.OutboxMessageAsync(key);
            Assert.Equal((2, Clock.GetUtcNow().UtcDateTime.AddSeconds(120)), (second.Attempts, second.NextAttemptAtUtc)); // doubled
        }
        finally
        {
            await Smtp.StartAgainAsync();
        }

        // Back up, but the message waits for its time.
        Assert.Equal(0, (await App.DispatchAsync()).Claimed);
        Assert.DoesNotContain(Smtp.Deliveries(), d => d.Key == key);
        Clock.Advance(TimeSpan.FromSeconds(120));
        Assert.Equal(1, (await App.DispatchAsync()).Sent);

        var sent = await App.OutboxMessageAsync(key);
        Assert.Equal((OutboxStatus.Sent, 3, Clock.GetUtcNow().UtcDateTime), (sent.Status, sent.Attempts, sent.SentAtUtc));
        Assert.Single(Smtp.Deliveries(), d => d.Key == key);
        Assert.Single(Smtp.Transmissions(), t => t.Key == key);
    }

    [Fact]
    public async Task TemporaryRefusals_AfterMaxAttempts_DeadLetter_ThenResendDelivers()
    {
        var occurrence = PageTesting.Unique("overdue:");
        await App.NotifyAsync("leader05", occurrence);
        var key = MailOutbox.KeyFor(occurrence, await App.UserIdAsync("leader05"));
        Smtp.Control(dataReply: "451 4.3.0 Mail server temporarily unavailable");
        try
        {
            for (var attempt = 1; attempt <= 4; attempt++)
            {
                Assert.Equal(1, (await App.DispatchAsync()).Failed);
                Clock.Advance(TimeSpan.FromHours(1)); // the cap
            }
        }
        finally
        {
            Smtp.Control();
        }
        var dead = await App.OutboxMessageAsync(key);
        Assert.Equal((OutboxStatus.DeadLetter, 4), (dead.Status, dead.Attempts));
        Assert.Contains("451", dead.LastError, StringComparison.Ordinal);
        Assert.Equal(0, (await App.DispatchAsync()).Claimed); // a dead letter is not tried again by itself
        Assert.DoesNotContain(Smtp.Deliveries(), d => d.Key == key);

        Assert.True(await App.ResendAsync(dead.Id));
        Assert.Equal((OutboxStatus.Pending, 0), ((await App.OutboxMessageAsync(key)).Status, (await App.OutboxMessageAsync(key)).Attempts));
        Assert.Equal(1, (await App.DispatchAsync()).Sent);

        Assert.Single(Smtp.Deliveries(), d => d.Key == key);
        Assert.False(await App.ResendAsync(dead.Id)); // a sent message is not resent
        Assert.Equal(0, (await App.DispatchAsync()).Claimed);
        Assert.Single(Smtp.Transmissions(), t => t.Key == key);
    }

    [Fact]
    public async Task PermanentRefusalOfTheRecipient_DeadLettersAtOnce_WithoutTheAddressInTheError()
    {
        var occurrence = PageTesting.Unique("escalation:");
        await App.NotifyAsync("leader06", occurrence);
        var key = MailOutbox.KeyFor(occurrence, await App.UserIdAsync("leader06"));
        Smtp.Control(rcptReply: "550 5.1.1 <leader06@demo.reception.invalid>: mailbox unavailable");
        try
        {
            Assert.Equal(1, (await App.DispatchAsync()).DeadLettered);
        }
        finally
        {
            Smtp.Control();
        }
        var dead = await App.OutboxMessageAsync(key);
        Assert.Equal((OutboxStatus.DeadLetter, 1), (dead.Status, dead.Attempts));
        Assert.Contains("550", dead.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("leader06", dead.LastError, StringComparison.Ordinal);
    }

    private async Task AssignThroughThePageAsync(int caseId, string leaderUser)
    {
        using var clerk = await App.LoginAsync("clerk");
        var page = await clerk.GetPageAsync($"/Cases/Assign/{caseId}");
        var leaderId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == leaderUser).Select(u => u.LeaderId!.Value).SingleAsync());
        using var response = await clerk.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.OwnerLeaderId"] = leaderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.HandlingUnitId"] = (await App.OrgIdAsync("rsj")).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SupervisorUserId"] = await App.UserIdAsync("supervisor"),
        });
        await response.AssertRedirectToAsync($"/Cases/Details/{caseId}");
    }
}
