using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Localization;
using Reception.Core.Mail;
using Reception.Core.Notifications;
using Reception.Web.Features.Notifications;

namespace Reception.Web.Tests.Mail;

/// <summary>
/// Group robots (issue 15, item 12) as a local receiver sees them: a JSON POST with a markdown message, 钉钉's signature
/// (timestamp and HMAC-SHA256 of "{timestamp}\n{secret}", base64, URL-encoded) checked here independently, retries after a
/// 5xx with the outbox's backoff, a 4xx a dead letter at once, and one message per key however often it is queued.
/// </summary>
public sealed class RobotDeliveryTests
{
    private const string Secret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";

    [Fact]
    public async Task DingTalkIsSignedAndWeComIsNot_BothGetAMarkdownMessage_Once()
    {
        using var receiver = new RobotReceiver();
        await using var fixture = await StartAsync();
        var app = fixture.App;
        var (qingshan, rsj) = (await app.OrgIdAsync("qingshan"), await app.OrgIdAsync("rsj"));
        await SetRobotAsync(app, qingshan, RobotKind.DingTalk, receiver.Url("/robot/send?access_token=ding-token"), Secret);
        await SetRobotAsync(app, rsj, RobotKind.WeCom, receiver.Url("/cgi-bin/webhook/send?key=wecom-key"), null);

        for (var i = 0; i < 2; i++) Assert.Equal(i == 0 ? 2 : 0, await QueueAsync(app, [qingshan, rsj], "test:robots:1"));
        await app.DispatchAsync();

        Assert.Equal(2, receiver.Requests.Count);
        var ding = Assert.Single(receiver.Requests, r => r.PathAndQuery.StartsWith("/robot/send", StringComparison.Ordinal));
        Assert.Equal("POST", ding.Method);
        Assert.StartsWith("application/json", ding.ContentType, StringComparison.Ordinal);
        Assert.Equal("ding-token", ding.Query("access_token"));
        var timestamp = long.Parse(ding.Query("timestamp")!, CultureInfo.InvariantCulture);
        Assert.Equal(fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds(), timestamp);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}\n{Secret}")));
        Assert.Equal(expected, ding.Query("sign"));
        Assert.Contains("&sign=" + Uri.EscapeDataString(expected), ding.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("markdown", (string?)ding.Json["msgtype"]);
        Assert.Equal("事项 2026-001 已亮红牌", (string?)ding.Json["markdown"]!["title"]);
        var text = (string)ding.Json["markdown"]!["text"]!;
        Assert.Equal("### 事项 2026-001 已亮红牌\n\n- 事项 2026-001 已亮红牌：办理期限 2026-12-31；所属单位 青山镇；承办单位 人社局。\n\n"
            + "[在系统中打开](http://reception.test:8080/Cases/Details/1)\n", text);

        var wecom = Assert.Single(receiver.Requests, r => r.PathAndQuery.StartsWith("/cgi-bin/webhook/send", StringComparison.Ordinal));
        Assert.Equal("/cgi-bin/webhook/send?key=wecom-key", wecom.PathAndQuery); // no signature
        Assert.Equal("markdown", (string?)wecom.Json["msgtype"]);
        Assert.Equal(text, (string?)wecom.Json["markdown"]!["content"]);
        Assert.All(await RobotRowsAsync(app), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        // The secret is signed with, never stored in the outbox.
        Assert.DoesNotContain(await RobotRowsAsync(app), m => m.HtmlBody.Contains(Secret, StringComparison.Ordinal) || m.RecipientAddress.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A5xxIsRetriedWithBackoff_AnErrcodeToo_A4xxIsADeadLetter()
    {
        using var receiver = new RobotReceiver();
        await using var fixture = await StartAsync();
        var (app, clock) = (fixture.App, fixture.Clock);
        var qingshan = await app.OrgIdAsync("qingshan");
        await SetRobotAsync(app, qingshan, RobotKind.DingTalk, receiver.Url("/robot/send?access_token=t"), Secret);
        receiver.Answer(502, "bad gateway");
        receiver.Answer(200, "{\"errcode\":130101,\"errmsg\":\"send too fast\"}");

        await QueueAsync(app, [qingshan], "test:robots:retry");
        await app.DispatchAsync();
        var row = Assert.Single(await RobotRowsAsync(app));
        Assert.Equal((OutboxStatus.Pending, 1), (row.Status, row.Attempts));
        Assert.Contains("HTTP 502", row.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("access_token", row.LastError, StringComparison.Ordinal);

        await app.DispatchAsync(); // not due yet: the backoff holds it
        Assert.Single(receiver.Requests);

        clock.Advance(TimeSpan.FromSeconds(61));
        await app.DispatchAsync();
        row = Assert.Single(await RobotRowsAsync(app));
        Assert.Equal((OutboxStatus.Pending, 2), (row.Status, row.Attempts));
        Assert.Contains("errcode 130101", row.LastError, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(121));
        await app.DispatchAsync();
        row = Assert.Single(await RobotRowsAsync(app));
        Assert.Equal((OutboxStatus.Sent, 3), (row.Status, row.Attempts));
        Assert.Equal(3, receiver.Requests.Count);
        // Each attempt is signed afresh, with its own time.
        Assert.Equal(3, receiver.Requests.Select(r => r.Query("timestamp")).Distinct().Count());

        receiver.Answer(404, "{\"errcode\":300001,\"errmsg\":\"token is not exist\"}");
        await QueueAsync(app, [qingshan], "test:robots:gone");
        await app.DispatchAsync();
        var gone = Assert.Single(await RobotRowsAsync(app), m => m.IdempotencyKey.StartsWith("test:robots:gone", StringComparison.Ordinal));
        Assert.Equal((OutboxStatus.DeadLetter, 1), (gone.Status, gone.Attempts));
    }

    internal static Task<AppFixture> StartAsync() =>
        AppFixture.StartAsync(app => app.At(2026, 11, 24, 10).MailToOwnSmtp().DrainingSeedMail().Setting("Reception:Notifications:RobotsAnyHost", "true"));

    internal static Task SetRobotAsync(ReceptionFactory app, int unit, RobotKind kind, string url, string? secret) =>
        app.WithDbAsync(async db =>
        {
            db.UnitRobots.Add(new UnitRobot(unit, kind, url, secret, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });

    internal static Task<List<OutboxMessage>> RobotRowsAsync(ReceptionFactory app) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Channel != OutboxChannel.Email).OrderBy(m => m.Id).ToListAsync());

    private static async Task<int> QueueAsync(ReceptionFactory app, int[] units, string occurrence)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var robots = scope.ServiceProvider.GetRequiredService<UnitRobots>();
        var db = scope.ServiceProvider.GetRequiredService<Reception.Web.Data.AppDbContext>();
        var added = await robots.QueueAsync(units, NotificationKinds.Escalation, occurrence, new Message(AlertTexts.RedTitle, "2026-001"),
            [new Message(AlertTexts.RobotRedLine, "2026-001", new DateOnly(2026, 12, 31), "青山镇", "人社局")], "/Cases/Details/1");
        await db.SaveChangesAsync();
        return added;
    }
}
