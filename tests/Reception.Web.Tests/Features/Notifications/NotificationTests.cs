using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Notifications;
using Reception.Web.Authorization;
using Reception.Web.Tests.Features.Rotas.Duty;

namespace Reception.Web.Tests.Features.Notifications;

/// <summary>The notification list (/Notifications) and the header bell with the unread count.</summary>
public sealed class NotificationTests(DutyApp demo) : IClassFixture<DutyApp>
{
    private ReceptionFactory App => demo.App;

    [Fact]
    public async Task List_NewestFirst_UnreadHighlighted_BellCountsThem()
    {
        var user = await UserAsync(Roles.Leader);
        await AddAsync(user.Id, ("第一条", null, 1), ("第二条", "/Swaps", 2), ("第三条", null, 3));
        await AddAsync(user.Id, ("已读的", null, 0), read: true);
        using var client = await App.LoginAsync(user.UserName!);

        var page = await client.GetPageAsync("/Notifications");

        Assert.Equal(["第三条", "第二条", "第一条", "已读的"], Titles(page));
        Assert.Equal(3, page.QuerySelectorAll("main li.unread").Length);
        Assert.Equal("3", Bell(page));
        Assert.Equal("3", Bell(await client.GetPageAsync("/")));
    }

    [Fact]
    public async Task Open_MarksReadAndFollowsTheLink()
    {
        var user = await UserAsync(Roles.Clerk);
        await AddAsync(user.Id, ("有链接", "/Swaps/Index", 1), ("另一条", null, 2));
        using var client = await App.LoginAsync(user.UserName!);
        var page = await client.GetPageAsync("/Notifications");
        var id = await App.WithDbAsync(db => db.Notifications.Where(n => n.UserId == user.Id && n.Title == "有链接").Select(n => n.Id).SingleAsync());

        using var response = await client.SubmitAsync(page, form: $"main form[action*='id={id}']");

        await response.AssertRedirectToAsync("/Swaps/Index");
        Assert.NotNull(await App.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAtUtc).SingleAsync()));
        var after = await client.GetPageAsync("/Notifications");
        Assert.Equal("1", Bell(after));
        Assert.Single(after.QuerySelectorAll("main li.unread"));
    }

    [Fact]
    public async Task MarkAllRead_ClearsTheBell()
    {
        var user = await UserAsync(Roles.Supervisor);
        await AddAsync(user.Id, ("甲", null, 1), ("乙", null, 2));
        using var client = await App.LoginAsync(user.UserName!);
        var page = await client.GetPageAsync("/Notifications");

        using var response = await client.SubmitAsync(page, form: "main form[action*='handler=ReadAll']");

        await response.AssertRedirectToAsync("/Notifications");
        var after = await client.GetPageAsync("/Notifications");
        Assert.Equal("已将2条通知标为已读。", after.StatusMessage());
        Assert.Null(Bell(after));
        Assert.Empty(after.QuerySelectorAll("main li.unread"));
        Assert.Equal(2, after.QuerySelectorAll("main li").Length);
    }

    [Fact]
    public async Task Open_SomeoneElsesNotification_NotFoundAndStillUnread()
    {
        var owner = await UserAsync(Roles.Leader);
        var other = await UserAsync(Roles.Leader);
        await AddAsync(owner.Id, ("别人的", null, 1));
        var id = await App.WithDbAsync(db => db.Notifications.Where(n => n.UserId == owner.Id).Select(n => n.Id).SingleAsync());
        using var client = await App.LoginAsync(other.UserName!);
        var page = await client.GetPageAsync("/Notifications");
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input[name={AppClient.AntiforgeryField}]")!.Value;

        using var response = await client.Http.PostAsync($"/Notifications?handler=Open&id={id}", new FormUrlEncodedContent([new(AppClient.AntiforgeryField, token)]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await App.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAtUtc).SingleAsync()));
        Assert.Empty(page.QuerySelectorAll("main li"));
        Assert.Equal("暂无通知。", page.QuerySelector("main p.muted")!.TextContent.Trim());
    }

    [Fact]
    public async Task List_IsPaged()
    {
        var user = await UserAsync(Roles.UnitHandler);
        await AddAsync(user.Id, Enumerable.Range(1, 55).Select(i => ($"通知{i}", (string?)null, i)).ToArray());
        using var client = await App.LoginAsync(user.UserName!);

        var first = await client.GetPageAsync("/Notifications");
        var second = await client.GetPageAsync("/Notifications?p=2");

        Assert.Equal(50, first.QuerySelectorAll("main li").Length);
        Assert.Equal("通知55", Titles(first)[0]);
        Assert.Equal(["通知5", "通知4", "通知3", "通知2", "通知1"], Titles(second));
        Assert.Equal("55", Bell(second));
    }

    private async Task<Reception.Web.Data.AppUser> UserAsync(string role)
    {
        var department = role == Roles.UnitHandler ? await App.WithDbAsync(db => db.OrgUnits.Where(o => o.Code == "rsj").Select(o => (int?)o.Id).SingleAsync()) : null;
        var leader = role == Roles.Leader ? (await App.LeadersAsync(1))[0] : null;
        if (leader is not null) return await App.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == leader.UserName));
        var user = await App.CreateUserAsync(PageTesting.Unique("nt"), role, orgUnitId: department);
        if (department is { } d)
        {
            await App.WithDbAsync(async db =>
            {
                (await db.Users.SingleAsync(u => u.Id == user.Id)).DepartmentId = d;
                return await db.SaveChangesAsync();
            });
        }
        return user;
    }

    /// <summary>Notifications created a given number of minutes after 08:00 on 2026-09-15 (later = newer).</summary>
    private Task AddAsync(string userId, params (string Title, string? Link, int Minute)[] items) => AddAsync(userId, items, read: false);

    private Task AddAsync(string userId, (string Title, string? Link, int Minute) item, bool read) => AddAsync(userId, [item], read);

    private Task AddAsync(string userId, (string Title, string? Link, int Minute)[] items, bool read) =>
        App.WithDbAsync(async db =>
        {
            foreach (var (title, link, minute) in items)
            {
                var at = new DateTime(2026, 9, 15, 0, minute, 0, DateTimeKind.Utc);
                var n = new Notification(userId, "test", title, title + "的内容", link, at);
                if (read) n.MarkRead(at);
                db.Notifications.Add(n);
            }
            return await db.SaveChangesAsync();
        });

    private static string[] Titles(IDocument page) =>
        page.QuerySelectorAll("main li button").Select(b => b.TextContent.Trim()).ToArray();

    /// <summary>The unread count the header bell shows, or null when it shows none.</summary>
    private static string? Bell(IDocument page)
    {
        var bell = page.QuerySelector("header a.bell") ?? throw new InvalidOperationException("The page has no bell.");
        return bell.QuerySelector("[data-unread]")?.TextContent.Trim();
    }
}
