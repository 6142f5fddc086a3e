using Microsoft.EntityFrameworkCore;
using Reception.Core.Notifications;

namespace Reception.Web.Tests.Features.Notifications;

/// <summary>
/// Notifications are stored as keys and arguments and shown in the reader's language (issue 15, item 15): the same
/// notification reads in Chinese by default and in English once the reader switches; a row written before keys were
/// stored shows the text it was written with.
/// </summary>
public sealed class NotificationLanguageTests(OwnDemoApp demo) : IClassFixture<OwnDemoApp>
{
    [Fact]
    public async Task TheSameNotification_ReadsInChinese_ThenInEnglish_AfterTheReaderSwitches()
    {
        var app = demo.App;
        var occurrence = PageTesting.Unique("lang:");
        await app.NotifyAsync("leader07", NotificationKinds.RotaChanged, occurrence, "2031-02");
        var stored = await app.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.OccurrenceKey == occurrence));
        Assert.Contains("\"k\":\"Duty rota {0} published\"", stored.TitleMessage, StringComparison.Ordinal);

        using var client = await app.LoginAsync("leader07");
        var chinese = await client.GetPageAsync("/Notifications");
        Assert.Contains("2031-02 值班表已发布", chinese.QuerySelector("main ul.notifications")!.TextContent, StringComparison.Ordinal);

        using (var en = await client.PostFormAsync("/Notifications", [new("culture", "en"), new("returnUrl", "/Notifications")], "/Culture"))
            await en.AssertRedirectToAsync("/Notifications");
        var english = await client.GetPageAsync("/Notifications");
        var list = english.QuerySelector("main ul.notifications")!.TextContent;
        Assert.Contains("Duty rota 2031-02 published", list, StringComparison.Ordinal);
        Assert.Contains("Your duties in 2031-02 changed. Open the rota to see them.", list, StringComparison.Ordinal);
        Assert.DoesNotContain("2031-02 值班表已发布", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARowWithoutKeys_ShowsTheTextItWasWrittenWith()
    {
        var app = demo.App;
        var user = await app.UserIdAsync("leader08");
        await app.WithDbAsync(async db =>
        {
            db.Notifications.Add(new Notification(user, NotificationKinds.Swap.Key, "旧的通知标题", "旧的通知正文", null, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        using var client = await app.LoginAsync("leader08");
        var page = await client.GetPageAsync("/Notifications");
        Assert.Contains("旧的通知标题", page.QuerySelector("main ul.notifications")!.TextContent, StringComparison.Ordinal);
    }
}
