using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Mail;
using Reception.Core.Notifications;
using Reception.Web.Mail;
using Reception.Web.Tests.Features.Notifications;
using Reception.Web.Tests.Mail;

namespace Reception.Web.Tests.Features.Admin.Outbox;

public sealed class OutboxPageApp() : NotificationMailApp(NotificationTesting.China(2026, 11, 24, 10), drain: true);

/// <summary>/Admin/Outbox: counts by status, the messages newest first with their state, and resending a dead letter.</summary>
public sealed class OutboxPageTests(OutboxPageApp fixture) : IClassFixture<OutboxPageApp>
{
    private ReceptionFactory App => fixture.App;
    private SmtpTestServer Smtp => fixture.Smtp;

    [Fact]
    public async Task Admin_SeesCountsAndADeadLetter_ResendsIt_AndTheServerReceivesIt()
    {
        var key = await DeadLetterAsync("leader02");
        var dead = await App.OutboxMessageAsync(key);
        using var admin = await App.LoginAsync("admin");

        var page = await admin.GetPageAsync("/Admin/Outbox");

        var counts = await App.WithDbAsync(async db => (await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .ToDictionary(x => x.Key, x => x.Count));
        Assert.True(counts[OutboxStatus.DeadLetter] >= 1);
        foreach (var status in Enum.GetValues<OutboxStatus>())
            Assert.Equal(counts.GetValueOrDefault(status).ToString(), page.QuerySelector($"main .outbox-counts a[data-status='{status}'] .count")!.TextContent.Trim());
        Assert.Equal(counts.Values.Sum().ToString(), page.QuerySelector("main .outbox-counts a[data-status='all'] strong")!.TextContent.Trim());

        var row = RowOf(await admin.GetPageAsync("/Admin/Outbox?status=DeadLetter"), dead.Id);
        Assert.Equal("DeadLetter", row.GetAttribute("data-status"));
        Assert.Contains("死信", row.QuerySelector(".status-cell")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("leader02", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("leader02@demo.reception.invalid", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(dead.Subject, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("超期提醒", row.TextContent, StringComparison.Ordinal); // the kind's label
        Assert.Equal("1", row.QuerySelector(".attempts")!.TextContent.Trim());
        Assert.Contains("550", row.QuerySelector(".last-error")!.TextContent, StringComparison.Ordinal);

        // Filtered to dead letters: only those.
        var filtered = await admin.GetPageAsync("/Admin/Outbox?status=DeadLetter");
        var rows = filtered.QuerySelectorAll("main table.outbox tbody tr");
        Assert.Equal(counts[OutboxStatus.DeadLetter], rows.Length);
        Assert.All(rows, r => Assert.Equal("DeadLetter", r.GetAttribute("data-status")));

        using (var response = await admin.SubmitAsync(filtered, form: $"main tr[data-id='{dead.Id}'] form"))
            await response.AssertRedirectToAsync("/Admin/Outbox?status=DeadLetter");
        var after = await admin.GetPageAsync("/Admin/Outbox?status=DeadLetter");
        Assert.Equal($"邮件 {dead.Id} 已重新排队，将在一分钟内发送。", after.StatusMessage());
        Assert.Null(after.QuerySelector($"main tr[data-id='{dead.Id}']"));
        Assert.Equal((OutboxStatus.Pending, 0), ((await App.OutboxMessageAsync(key)).Status, (await App.OutboxMessageAsync(key)).Attempts));

        await App.DispatchAsync();

        Assert.Single(Smtp.Deliveries(), d => d.Key == key);
        var sent = RowOf(await admin.GetPageAsync("/Admin/Outbox?status=Sent"), dead.Id);
        Assert.Equal("Sent", sent.GetAttribute("data-status"));
        Assert.Contains("已发送", sent.QuerySelector(".status-cell")!.TextContent, StringComparison.Ordinal);
        Assert.Null(sent.QuerySelector("form")); // no resend for a sent message
    }

    [Fact]
    public async Task ResendOfAMessageThatIsNoDeadLetter_IsRefused_AndNothingIsSentAgain()
    {
        var occurrence = PageTesting.Unique("overdue:sent:");
        await App.NotifyAsync("leader03", NotificationKinds.Overdue, occurrence);
        await App.DispatchAsync();
        var key = MailOutbox.KeyFor(occurrence, await App.UserIdAsync("leader03"));
        var sent = await App.OutboxMessageAsync(key);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        using var admin = await App.LoginAsync("admin");

        // The page offers no button for it; a hand-made POST is refused.
        using var response = await admin.PostFormAsync("/Admin/Outbox", [], action: $"/Admin/Outbox?handler=Resend&id={sent.Id}");

        await response.AssertRedirectToAsync("/Admin/Outbox");
        Assert.Equal($"邮件 {sent.Id} 未重发：只有死信可以重发。", (await admin.GetPageAsync("/Admin/Outbox")).StatusMessage());
        Assert.Equal(OutboxStatus.Sent, (await App.OutboxMessageAsync(key)).Status);
        await App.DispatchAsync();
        Assert.Single(Smtp.Transmissions(), t => t.Key == key);
    }

    [Fact]
    public async Task Texts_AreEscaped_NotRendered()
    {
        var occurrence = PageTesting.Unique("rota:html:");
        await App.NotifyAsync("leader09", NotificationKinds.RotaChanged, occurrence, arg: "<b id=\"injected\">2027-01</b>");
        using var admin = await App.LoginAsync("admin");

        var page = await admin.GetPageAsync("/Admin/Outbox?status=Pending");

        Assert.Null(page.QuerySelector("#injected"));
        Assert.Contains(page.QuerySelectorAll("main table.outbox td"), td => td.TextContent.Contains("<b id=\"injected\">2027-01</b>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("clerk")]
    [InlineData("supervisor")]
    [InlineData("leader01")]
    public async Task NonAdmins_CannotOpenItOrResend(string user)
    {
        var key = await DeadLetterAsync("leader08");
        var dead = await App.OutboxMessageAsync(key);
        using var client = await App.LoginAsync(user);

        using var get = await client.GetAsync("/Admin/Outbox");
        using var post = await client.Http.PostAsync($"/Admin/Outbox?handler=Resend&id={dead.Id}", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(OutboxStatus.DeadLetter, (await App.OutboxMessageAsync(key)).Status);
    }

    /// <summary>An overdue alert whose recipient the server refuses for good: a dead letter after one attempt.</summary>
    private async Task<string> DeadLetterAsync(string userName)
    {
        var occurrence = PageTesting.Unique("overdue:dead:");
        await App.NotifyAsync(userName, NotificationKinds.Overdue, occurrence);
        var key = MailOutbox.KeyFor(occurrence, await App.UserIdAsync(userName));
        Smtp.Control(rcptReply: $"550 5.1.1 mailbox unavailable");
        try
        {
            await App.DispatchAsync();
        }
        finally
        {
            Smtp.Control();
        }
        Assert.Equal(OutboxStatus.DeadLetter, (await App.OutboxMessageAsync(key)).Status);
        return key;
    }

    private static IElement RowOf(IDocument page, int id) =>
        page.QuerySelector($"main table.outbox tr[data-id='{id}']") ?? throw new InvalidOperationException($"Message {id} is not on the page.");
}

/// <summary>The outbox list pages by 50, newest first (an app of its own: its rows would push others off the first page).</summary>
public sealed class OutboxPagingTests(MondayMailApp fixture) : IClassFixture<MondayMailApp>
{
    private ReceptionFactory App => fixture.App;

    [Fact]
    public async Task List_IsPaged_NewestFirst()
    {
        var createdAt = DateTime.SpecifyKind(fixture.Clock.GetUtcNow().UtcDateTime.AddDays(30), DateTimeKind.Utc); // newer than anything else
        var prefix = PageTesting.Unique("paging:");
        await App.WithDbAsync(async db =>
        {
            for (var i = 1; i <= 55; i++)
                db.OutboxMessages.Add(new OutboxMessage($"{prefix}{i:00}/x", "test", null, "x@demo.reception.invalid", "zh-CN", $"{prefix}{i:00}", "<p>x</p>", "x", null,
                    createdAt.AddMinutes(i), createdAt.AddYears(10))); // not due for years: the dispatcher leaves them
            return await db.SaveChangesAsync();
        });
        using var admin = await App.LoginAsync("admin");

        var first = await admin.GetPageAsync("/Admin/Outbox");
        var second = await admin.GetPageAsync("/Admin/Outbox?p=2");

        var subjects = first.QuerySelectorAll("main table.outbox tbody tr").Select(r => r.Children[2].TextContent.Trim()).ToList();
        Assert.Equal(50, subjects.Count);
        Assert.Equal($"{prefix}55", subjects[0]);
        Assert.Equal($"{prefix}06", subjects[49]);
        Assert.Equal($"{prefix}05", second.QuerySelectorAll("main table.outbox tbody tr").Select(r => r.Children[2].TextContent.Trim()).First());
    }
}
