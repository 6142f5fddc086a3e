using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reception.Browser.Tests.Infrastructure;
using Reception.Web.Data;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace Reception.Browser.Tests.Features.Cases;

/// <summary>The server at Monday 2026-11-23 09:00 Beijing time, for the files tests.</summary>
public sealed class AttachmentAppServer() : AppServer(TestTime.AtChinaTime(2026, 11, 23));

/// <summary>A clerk attaches a photo to a case on its page and sees its thumbnail there; a renamed program is refused in Chinese.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AttachmentBrowserTests(BrowserFixture browser, AttachmentAppServer server) : IClassFixture<AttachmentAppServer>
{
    [Fact]
    public async Task Clerk_UploadsAPhoto_AndSeesItsThumbnail_AndARenamedProgramIsRefused()
    {
        int caseId;
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var clerkScope = await db.Users.Where(u => u.UserName == "clerk").Select(u => u.OrgUnitId).SingleAsync();
            var path = await db.OrgUnits.Where(o => o.Id == clerkScope).Select(o => o.Path).SingleAsync();
            caseId = await db.Cases.Join(db.OrgUnits, c => c.OrgUnitId, o => o.Id, (c, o) => new { c.Id, o.Path })
                .Where(x => x.Path.StartsWith(path)).OrderBy(x => x.Id).Select(x => x.Id).FirstAsync();
        }

        byte[] photo;
        using (var bitmap = new SKBitmap(1200, 900))
        {
            bitmap.Erase(new SKColor(30, 90, 200));
            using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
            photo = data.ToArray();
        }

        await using var context = await server.NewContextAsync(browser);
        var page = await context.NewPageAsync();
        await server.SignInAsync(page, "clerk");
        await page.GotoAsync(server.Url($"/Cases/Details/{caseId}"));
        var files = page.Locator("#attachments");
        await Expect(files.Locator("h2")).ToHaveTextAsync("附件");

        await files.GetByLabel("上传附件").SetInputFilesAsync(new FilePayload { Name = "现场照片.jpg", MimeType = "image/jpeg", Buffer = photo });
        await page.ClickAndNavigateAsync(files.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }));

        var thumbnail = files.Locator(".thumbnails img[alt='现场照片.jpg']");
        await Expect(thumbnail).ToBeVisibleAsync();
        var width = await thumbnail.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : -1");
        Assert.Equal(320, width); // the thumbnail, not the 1200-pixel photo
        await Expect(files.Locator("table a", new() { HasText = "现场照片.jpg" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("clerk-case-attachment-thumbnail");

        await files.GetByLabel("上传附件").SetInputFilesAsync(new FilePayload { Name = "扫描件.pdf", MimeType = "application/pdf", Buffer = "MZ\u0090\0 not a scan"u8.ToArray() });
        await page.ClickAndNavigateAsync(files.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }));
        await Expect(files.Locator("#attachment-error")).ToContainTextAsync("只能上传图片");
    }
}
