using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Audit;
using Reception.Core.Cases;
using Reception.Core.Cases.Attachments;
using Reception.Web.Audit;
using Reception.Web.Tests.Audit;
using Reception.Web.Tests.Jobs;
using SkiaSharp;

namespace Reception.Web.Tests.Features.Cases.Attachments;

/// <summary>
/// Files on a case: upload and download give back the same bytes, images get a thumbnail, the type is checked by content
/// (a renamed file is refused in Chinese), the 20 MB limit, downloads only for who sees the case and audited, and the
/// database backup holds the files.
/// </summary>
public sealed class AttachmentTests(AttachmentTests.World w) : IClassFixture<AttachmentTests.World>
{
    public sealed class World : IAsyncLifetime
    {
        public ListWorld Cases { get; } = new();
        public int CaseId { get; private set; }
        public int OtherLeadersCaseId { get; private set; }

        public async Task InitializeAsync()
        {
            await Cases.InitializeAsync();
            CaseId = await Cases.AddAsync(new ListCase { State = CaseState.InProgress, OwnerLeaderId = Cases.LeaderId, Summary = "带照片的案件" });
            OtherLeadersCaseId = await Cases.AddAsync(new ListCase { State = CaseState.InProgress, OwnerLeaderId = Cases.OtherLeaderId, Summary = "别人的案件" });
        }

        public async Task DisposeAsync() => await Cases.DisposeAsync();
    }

    /// <summary>A real JPEG photo of <paramref name="width"/> × <paramref name="height"/>, drawn with SkiaSharp.</summary>
    public static byte[] Photo(int width = 800, int height = 600, SKColor? colour = null)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour ?? new SKColor(200, 40, 40));
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(AppClient client, int caseId, UploadFile file)
    {
        var page = await client.GetPageAsync($"/Cases/Details/{caseId}");
        return await client.SubmitAsync(page, file: file, form: "form[data-form=attachment]");
    }

    private Task<List<CaseAttachment>> AttachmentsAsync(int caseId) =>
        w.Cases.App.WithDbAsync(db => db.CaseAttachments.AsNoTracking().Where(a => a.PetitionCaseId == caseId).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task Upload_ThenDownload_GivesTheSameBytes_WithAThumbnailOnTheCasePage_AndTheDownloadIsAudited()
    {
        using var clerk = await w.Cases.App.LoginAsync("cs-clerk");
        var photo = Photo(colour: new SKColor(10, 120, 30));

        using var response = await UploadAsync(clerk, w.CaseId, new UploadFile("Upload", "现场照片.jpg", photo, "image/jpeg"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var attachment = (await AttachmentsAsync(w.CaseId)).Single(a => a.Hash == CaseAttachment.HashOf(photo));
        Assert.Equal(AttachmentType.Jpeg, attachment.Type);
        Assert.Equal("现场照片.jpg", attachment.FileName);

        var page = await clerk.GetPageAsync($"/Cases/Details/{w.CaseId}");
        var img = page.QuerySelector($"#attachments li[data-attachment='{attachment.Id}'] img");
        Assert.NotNull(img);
        using var thumb = await clerk.GetAsync(img.GetAttribute("src")!);
        Assert.Equal("image/jpeg", thumb.Content.Headers.ContentType!.MediaType);
        using (var thumbnail = SKBitmap.Decode(await thumb.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(320, thumbnail.Width);
            Assert.Equal(240, thumbnail.Height);
        }

        using var download = await clerk.GetAsync($"/Cases/Attachments/{attachment.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(photo, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("no-store", download.Headers.CacheControl!.ToString());

        var record = (await w.Cases.App.AuditRecordsAsync()).Last(r => r.Action == AuditActions.AttachmentDownload);
        Assert.Equal($"case:{w.CaseId}/attachment:{attachment.Id}", record.Target);
        Assert.Equal("cs-clerk", record.UserName);
        Assert.Equal(AuditOutcome.Success, record.Outcome);
    }

    [Fact]
    public async Task AFileWhoseContentIsNoAcceptedType_IsRefusedInChinese_WhateverItsName()
    {
        using var clerk = await w.Cases.App.LoginAsync("cs-clerk");
        var before = (await AttachmentsAsync(w.CaseId)).Count;
        var program = "MZ\u0090\0 this is a Windows program pretending to be a scan"u8.ToArray();

        using var response = await UploadAsync(clerk, w.CaseId, new UploadFile("Upload", "扫描件.pdf", program, "application/pdf"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await clerk.GetPageAsync($"/Cases/Details/{w.CaseId}");
        Assert.Equal("只能上传图片（JPG、PNG、TIFF、WebP）、PDF、Word 或 Excel 文件；此文件的内容不属于其中任何一种。",
            page.QuerySelector("#attachment-error")!.TextContent.Trim());
        Assert.Equal(before, (await AttachmentsAsync(w.CaseId)).Count);
    }

    [Fact]
    public async Task AFileOverTwentyMegabytes_IsRefused()
    {
        using var clerk = await w.Cases.App.LoginAsync("cs-clerk");
        var before = (await AttachmentsAsync(w.CaseId)).Count;
        var big = new byte[20 * 1024 * 1024 + 1];
        "%PDF-1.7\n"u8.CopyTo(big);

        using var response = await UploadAsync(clerk, w.CaseId, new UploadFile("Upload", "大文件.pdf", big, "application/pdf"));
        var page = await clerk.GetPageAsync($"/Cases/Details/{w.CaseId}");
        Assert.Equal("文件超过 20 MB 的大小上限。", page.QuerySelector("#attachment-error")!.TextContent.Trim());
        Assert.Equal(before, (await AttachmentsAsync(w.CaseId)).Count);
    }

    [Fact]
    public async Task WhoDoesNotSeeTheCase_GetsNotFound_ForTheFileTheThumbnailAndTheUpload()
    {
        using var clerk = await w.Cases.App.LoginAsync("cs-clerk");
        var pdf = "%PDF-1.4\n% 别人的案件的答复\n"u8.ToArray();
        using (var uploaded = await UploadAsync(clerk, w.OtherLeadersCaseId, new UploadFile("Upload", "答复.pdf", pdf, "application/pdf")))
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var attachment = (await AttachmentsAsync(w.OtherLeadersCaseId)).Single();
        Assert.Equal(AttachmentType.Pdf, attachment.Type);

        using var leader = await w.Cases.App.LoginAsync("cs-leader"); // owns the other case, not this one
        using (var download = await leader.GetAsync($"/Cases/Attachments/{attachment.Id}")) Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        using (var thumb = await leader.GetAsync($"/Cases/Attachments/{attachment.Id}?handler=Thumbnail")) Assert.Equal(HttpStatusCode.NotFound, thumb.StatusCode);
        using var other = await w.Cases.App.LoginAsync("cs-other-leader"); // owns it
        using (var download = await other.GetAsync($"/Cases/Attachments/{attachment.Id}")) Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());

        using var anonymous = w.Cases.App.CreateAppClient();
        using (var download = await anonymous.GetAsync($"/Cases/Attachments/{attachment.Id}")) Assert.NotEqual(HttpStatusCode.OK, download.StatusCode);
    }

    [Fact]
    public async Task TheDatabaseBackup_HoldsTheFiles()
    {
        using var clerk = await w.Cases.App.LoginAsync("cs-clerk");
        var scan = Photo(400, 560, new SKColor(240, 240, 230));
        using (var uploaded = await UploadAsync(clerk, w.CaseId, new UploadFile("Upload", "来信扫描.jpg", scan, "image/jpeg")))
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);

        var backup = await w.Cases.App.WithBackupsAsync(b => b.CreateAsync(CancellationToken.None));
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT b.Content FROM CaseAttachments a JOIN AttachmentBlobs b ON b.Hash = a.Hash WHERE a.FileName = '来信扫描.jpg'";
        Assert.Equal(scan, (byte[])(await command.ExecuteScalarAsync())!);
    }
}
