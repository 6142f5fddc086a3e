using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Localization;
using Reception.Core.Mail;
using Reception.Core.Notifications;
using Reception.Web.Data;
using Reception.Web.Features.Notifications;
using Reception.Web.Mail;

namespace Reception.Web.Tests.Mail;

/// <summary>How messages enter the outbox: with the caller's change, once per key, escaped, only to people with an address.</summary>
public sealed class OutboxWritingTests(PickupMailApp fixture) : IClassFixture<PickupMailApp>
{
    private ReceptionFactory App => fixture.App;

    [Fact]
    public async Task TwoUnitsOfWorkQueueTheSameKeyAtOnce_TheSecondKeepsItsOtherChanges_AndOneRowIsStored()
    {
        var occurrence = PageTesting.Unique("deadline:case-7:3d:");
        var user = await App.UserIdAsync("leader09");
        await using var first = App.Services.CreateAsyncScope();
        await using var second = App.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<AppDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<AppDbContext>();
        var notice = new OutgoingNotification(NotificationKinds.DeadlineApproaching, new Message("Duty rota {0} published", "2026-12"), new Message("Your duties in {0} changed. Open the rota to see them.", "2026-12"), "/Cases")
        {
            OccurrenceKey = occurrence,
        };
        // Both look before either saves, so neither sees the other's copy.
        await first.ServiceProvider.GetRequiredService<Notifier>().ToUsersAsync([user], notice);
        await second.ServiceProvider.GetRequiredService<Notifier>().ToUsersAsync([user], notice);
        var leaderId = await db2.Users.Where(u => u.Id == user).Select(u => u.LeaderId!.Value).SingleAsync();
        var leader = await db2.Leaders.SingleAsync(l => l.Id == leaderId);
        var phone = "1380000" + Random.Shared.Next(1000, 9999);
        leader.Update(leader.Name, leader.Title, leader.LeadingBody, leader.OrgUnitId, leader.RotationOrder, leader.Email, phone);

        await db1.SaveChangesAsync();
        await db2.SaveChangesAsync(); // the unique index refuses its copy; the save is repeated without it

        Assert.Single(await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey == MailOutbox.KeyFor(occurrence, user)).ToListAsync()));
        Assert.Equal(phone, await App.WithDbAsync(db => db.Leaders.Where(l => l.Id == leader.Id).Select(l => l.Phone).SingleAsync()));
    }

    [Fact]
    public async Task EverythingPutIntoTheHtml_IsEscaped()
    {
        var occurrence = PageTesting.Unique("escape:");
        await App.NotifyAsync("leader10", occurrence, arg: "<script>alert(\"x\")</script> & <b>", link: "/Cases?q=\"><img src=x>");

        var row = await App.OutboxMessageAsync(MailOutbox.KeyFor(occurrence, await App.UserIdAsync("leader10")));
        Assert.DoesNotContain("<script>", row.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", row.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", row.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;", row.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<script>alert(\"x\")</script> & <b>", row.TextBody, StringComparison.Ordinal); // plain text stays as written
        Assert.Contains("<script>alert(\"x\")</script> & <b>", row.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AUserWithoutAnAddress_GetsTheInAppNotificationOnly()
    {
        var user = await App.CreateUserAsync(PageTesting.Unique("noaddr"), Reception.Web.Authorization.Roles.Clerk);
        Assert.Null(user.Email);
        var occurrence = PageTesting.Unique("no-address:");

        await App.NotifyAsync(user.UserName!, occurrence);

        Assert.Equal(1, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == user.Id)));
        Assert.False(await App.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.RecipientUserId == user.Id)));
    }

    [Fact]
    public async Task WithoutAnOccurrenceKey_TwoDifferentNotices_AreTwoMessages_WithDistinctKeys()
    {
        var user = await App.UserIdAsync("leader11");
        await App.NotifyAsync("leader11", null, arg: "2027-01");
        await App.NotifyAsync("leader11", null, arg: "2027-02");

        var rows = await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientUserId == user && m.Subject.Contains("2027-0")).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.NotEqual(rows[0].IdempotencyKey, rows[1].IdempotencyKey);
        Assert.All(rows, r => Assert.EndsWith("/" + user, r.IdempotencyKey, StringComparison.Ordinal));
    }

    [Fact]
    public void RetryPolicy_DoublesFromTheBase_UpToTheCap_AndGivesUpAtTheLimit()
    {
        var policy = new MailRetryPolicy(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), 5);
        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(1, 6).Select(a => policy.DelayAfter(a).TotalMinutes));
        Assert.False(policy.GivesUpAfter(4));
        Assert.True(policy.GivesUpAfter(5));
        Assert.Equal(TimeSpan.FromMinutes(10), policy.DelayAfter(200)); // no overflow
    }

    [Fact]
    public void LongOccurrenceKeys_AreShortenedWithADigest_AndStayDistinct()
    {
        var a = MailOutbox.KeyFor(new string('a', 300) + "1", "user");
        var b = MailOutbox.KeyFor(new string('a', 300) + "2", "user");
        Assert.Equal(OutboxMessage.KeyMaxLength, a.Length);
        Assert.NotEqual(a, b);
        Assert.Equal("duty:1/user", MailOutbox.KeyFor("duty:1", "user"));
    }
}
