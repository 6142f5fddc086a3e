using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reception.Web.Localization;
using Reception.Core.Notifications;
using Reception.Web.Authorization;
using Reception.Web.Data;
using Reception.Web.Features.Notifications;
using Reception.Web.Tests.Features.Cases;
using Reception.Web.Tests.Features.Cases.Board;

namespace Reception.Web.Tests.Features.Notifications;

/// <summary>On a Monday morning (working hours), so nothing here is held back.</summary>
public sealed class MondayMailApp() : NotificationMailApp(NotificationTesting.China(2026, 11, 23, 9));

/// <summary>
/// /Notifications/Preferences: each user chooses per kind whether it appears in the app and is emailed; overdue and
/// escalation cannot be turned off. The choices decide what real actions write. Repeated occurrences are one
/// in-app notification also for users without an email address.
/// </summary>
public sealed class PreferencesTests(MondayMailApp fixture) : IClassFixture<MondayMailApp>
{
    private ReceptionFactory App => fixture.App;

    [Fact]
    public async Task Page_ListsEveryKindInChinese_MandatoryKindsCheckedAndDisabled_WithTheReason()
    {
        using var client = await App.LoginAsync("leader11");
        var page = await client.GetPageAsync("/Notifications/Preferences");

        Assert.Equal("通知设置", page.QuerySelector("main h1")!.TextContent.Trim());
        var rows = page.QuerySelectorAll("main table.preferences tbody tr");
        Assert.Equal(NotificationKinds.All.Select(k => k.Key), rows.Select(r => r.GetAttribute("data-kind")));
        Assert.All(rows, r => Assert.DoesNotContain("NotificationKind.", r.TextContent, StringComparison.Ordinal));
        Assert.Contains("事项交办", Row(page, "case").TextContent, StringComparison.Ordinal);
        Assert.Contains("升级督办", Row(page, "escalation").TextContent, StringComparison.Ordinal);
        foreach (var kind in new[] { "overdue", "escalation" })
        {
            var boxes = Boxes(page, kind);
            Assert.Equal(2, boxes.Count);
            Assert.All(boxes, b => Assert.True(b.IsChecked && b.IsDisabled));
            Assert.Contains("不能关闭", Row(page, kind).TextContent, StringComparison.Ordinal);
        }
        var optional = Boxes(page, "swap").Where(b => !b.Id!.StartsWith("Digest-", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, optional.Count);
        Assert.All(optional, b => Assert.True(b.IsChecked && !b.IsDisabled)); // everything on by default
        // The digest box: this app sends each email on its own by default (the digest's own tests cover the product default).
        Assert.False(Boxes(page, "swap").Single(b => b.Id == "Digest-swap").IsChecked);
        Assert.Null(page.QuerySelector("#no-email")); // leader11 has an address
    }

    [Fact]
    public async Task Save_ThenReload_ShowsTheChoices_AndStoresOnlyWhatDiffersFromTheDefault()
    {
        var user = await App.UserIdAsync("leader12");
        using var client = await App.LoginAsync("leader12");
        var page = await client.GetPageAsync("/Notifications/Preferences");

        using (var response = await client.SubmitAsync(page, new Dictionary<string, string>
        {
            [Field(page, "case", "Email")] = "false",
            [Field(page, "swap", "InApp")] = "false",
            [Field(page, "swap", "Email")] = "false",
        }))
            await response.AssertRedirectToAsync("/Notifications/Preferences");

        var reloaded = await client.GetPageAsync("/Notifications/Preferences");
        Assert.Equal("通知设置已保存。", reloaded.StatusMessage());
        Assert.Equal((true, false), Checked(reloaded, "case"));
        Assert.Equal((false, false), Checked(reloaded, "swap"));
        Assert.Equal((true, true), Checked(reloaded, "rota-changed"));
        var stored = await App.WithDbAsync(db => db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == user).OrderBy(p => p.Kind)
            .Select(p => new { p.Kind, p.InApp, p.Email }).ToListAsync());
        Assert.Equal([new { Kind = "case", InApp = true, Email = false }, new { Kind = "swap", InApp = false, Email = false }], stored);

        // Everything back on: no rows left.
        using (var response = await client.SubmitAsync(reloaded, new Dictionary<string, string>
        {
            [Field(reloaded, "case", "Email")] = "true",
            [Field(reloaded, "swap", "InApp")] = "true",
            [Field(reloaded, "swap", "Email")] = "true",
        }))
            await response.AssertRedirectToAsync("/Notifications/Preferences");
        Assert.Equal(0, await App.WithDbAsync(db => db.NotificationPreferences.CountAsync(p => p.UserId == user)));
        Assert.Equal((true, true), Checked(await client.GetPageAsync("/Notifications/Preferences"), "swap"));
    }

    [Fact]
    public async Task CaseAssignment_ThroughThePage_HonoursEachLeadersChoice()
    {
        // leader08 keeps the app copy but no email; leader09 wants neither; leader07 keeps the defaults.
        await ChooseAsync("leader08", "case", inApp: true, email: false);
        await ChooseAsync("leader09", "case", inApp: false, email: false);

        var results = new Dictionary<string, (int InApp, int Email)>();
        foreach (var leader in new[] { "leader07", "leader08", "leader09" })
        {
            var id = await App.AddCaseAsync(accept: true);
            await App.AssignThroughThePageAsync(id, leader);
            results[leader] = await App.CopiesAsync(await App.UserIdAsync(leader), $"/Cases/Details/{id}");
        }

        Assert.Equal((1, 1), results["leader07"]);
        Assert.Equal((1, 0), results["leader08"]);
        Assert.Equal((0, 0), results["leader09"]);
    }

    [Fact]
    public async Task ForgedPost_TurningOffAMandatoryKind_IsRefused_NothingSaved_AndItStillArrives()
    {
        var user = await App.UserIdAsync("leader10");
        using var client = await App.LoginAsync("leader10");
        var page = await client.GetPageAsync("/Notifications/Preferences");
        var index = Index(page, "overdue");

        // The form cannot send this (the boxes are disabled): a hand-made POST turns overdue off, and swap email too.
        using var response = await client.SubmitAsync(page, new Dictionary<string, string>
        {
            [$"Choices[{index}].InApp"] = "false",
            [$"Choices[{index}].Email"] = "false",
            [Field(page, "swap", "Email")] = "false",
        });

        var back = await response.AssertFormReturnedAsync();
        Assert.Contains("“超期提醒”不能关闭", back.Summary(), StringComparison.Ordinal);
        Assert.Equal((true, true), Checked(back, "overdue"));
        Assert.Equal((true, false), Checked(back, "swap")); // what the user chose for the others is kept on the form
        Assert.Equal(0, await App.WithDbAsync(db => db.NotificationPreferences.CountAsync(p => p.UserId == user)));

        // Even a stored "off" for a mandatory kind (edited in the database) is ignored by the Notifier.
        await App.WithDbAsync(async db =>
        {
            db.NotificationPreferences.Add(new NotificationPreference(user, NotificationKinds.Overdue.Key, false, false, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var occurrence = PageTesting.Unique("overdue:test:");
        await App.NotifyAsync("leader10", NotificationKinds.Overdue, occurrence);
        Assert.Equal(1, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == user && n.OccurrenceKey == occurrence)));
        Assert.Equal(1, await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.IdempotencyKey == MailOutboxKey(occurrence, user))));
    }

    [Fact]
    public async Task RepeatedOccurrence_ForAUserWithoutEmail_IsOneInAppNotification()
    {
        var account = await App.CreateUserAsync(PageTesting.Unique("noemail"), Roles.Clerk);
        Assert.Null(account.Email);
        var occurrence = PageTesting.Unique("weekly-bulletin:2026-11-16:");

        await App.NotifyAsync(account.UserName!, NotificationKinds.WeeklyBulletin, occurrence);
        await App.NotifyAsync(account.UserName!, NotificationKinds.WeeklyBulletin, occurrence);
        await App.NotifyAsync(account.UserName!, NotificationKinds.WeeklyBulletin, PageTesting.Unique("weekly-bulletin:2026-11-23:"));

        var mine = await App.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == account.Id).Select(n => n.OccurrenceKey).ToListAsync());
        Assert.Equal(2, mine.Count);
        Assert.Single(mine, k => k == occurrence);
        Assert.Equal(0, await App.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.RecipientUserId == account.Id)));

        using var client = await App.LoginAsync(account.UserName!);
        var preferences = await client.GetPageAsync("/Notifications/Preferences");
        Assert.NotNull(preferences.QuerySelector("#no-email"));
    }

    [Fact]
    public async Task SameOccurrence_WrittenByTwoUnitsOfWorkAtOnce_IsStoredOnce_AndNeitherSaveFails()
    {
        var account = await App.CreateUserAsync(PageTesting.Unique("race"), Roles.Supervisor);
        var occurrence = PageTesting.Unique("escalation:race:");
        await using var first = App.Services.CreateAsyncScope();
        await using var second = App.Services.CreateAsyncScope();
        var notice = new OutgoingNotification(NotificationKinds.Escalation, new Message("Duty rota {0} published", "x"), new Message("Duty rota {0} published", "y"), null)
        {
            OccurrenceKey = occurrence,
        };

        // Both look before either saves: neither sees the other's copy, so the unique index has to decide.
        foreach (var scope in new[] { first, second })
            await scope.ServiceProvider.GetRequiredService<Notifier>().ToUsersAsync([account.Id], notice);
        await first.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();
        await second.ServiceProvider.GetRequiredService<AppDbContext>().SaveChangesAsync();

        Assert.Equal(1, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == account.Id && n.OccurrenceKey == occurrence)));
    }

    [Fact]
    public async Task NotificationList_ShowsTheKindAndChinaTime_AndLinksToThePreferences()
    {
        var id = await App.AddCaseAsync(accept: true);
        await App.AssignThroughThePageAsync(id, "leader06");
        using var client = await App.LoginAsync("leader06");

        var page = await client.GetPageAsync("/Notifications");

        var number = (await App.CaseAsync(id)).Number.ToString();
        var item = page.QuerySelectorAll("main li[data-kind='case']").Single(li => li.TextContent.Contains(number, StringComparison.Ordinal));
        Assert.Equal("事项交办", item.QuerySelector(".kind")!.TextContent.Trim());
        Assert.Equal("2026-11-23 09:00", item.QuerySelector("time")!.TextContent.Trim()); // 01:00 UTC, shown in China time
        Assert.Equal("/Notifications/Preferences", page.QuerySelector("main a#preferences")!.GetAttribute("href"));
    }

    private static string MailOutboxKey(string occurrence, string user) => Reception.Web.Mail.MailOutbox.KeyFor(occurrence, user);

    private async Task ChooseAsync(string userName, string kind, bool inApp, bool email)
    {
        using var client = await App.LoginAsync(userName);
        var page = await client.GetPageAsync("/Notifications/Preferences");
        using var response = await client.SubmitAsync(page, new Dictionary<string, string>
        {
            [Field(page, kind, "InApp")] = inApp ? "true" : "false",
            [Field(page, kind, "Email")] = email ? "true" : "false",
        });
        await response.AssertRedirectToAsync("/Notifications/Preferences");
    }

    private static IElement Row(IDocument page, string kind) =>
        page.QuerySelector($"main tr[data-kind='{kind}']") ?? throw new InvalidOperationException($"No row for {kind}.");

    private static List<IHtmlInputElement> Boxes(IDocument page, string kind) =>
        Row(page, kind).QuerySelectorAll("input[type=checkbox]").OfType<IHtmlInputElement>().ToList();

    private static (bool InApp, bool Email) Checked(IDocument page, string kind) =>
        (page.QuerySelector<IHtmlInputElement>($"#InApp-{kind}")!.IsChecked, page.QuerySelector<IHtmlInputElement>($"#Email-{kind}")!.IsChecked);

    private static int Index(IDocument page, string kind)
    {
        var name = Row(page, kind).QuerySelector("input[type=hidden][name$='.Kind']")!.GetAttribute("name")!; // Choices[3].Kind
        return int.Parse(name["Choices[".Length..name.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Field(IDocument page, string kind, string field) => $"Choices[{Index(page, kind)}].{field}";
}
