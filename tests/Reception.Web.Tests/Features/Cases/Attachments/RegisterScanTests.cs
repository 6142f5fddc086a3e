using System.Net;
using Microsoft.EntityFrameworkCore;
using Reception.Core.Cases;
using Reception.Core.Cases.Attachments;

namespace Reception.Web.Tests.Features.Cases.Attachments;

/// <summary>A letter (来信) registered from its scan: the scan is kept with the new case; other channels and bad files are refused.</summary>
public sealed class RegisterScanTests(RegisterTestApp fixture) : IClassFixture<RegisterTestApp>
{
    private ReceptionFactory App => fixture.App;

    private static Dictionary<string, string> Letter(Channel channel) => new()
    {
        ["Input.Channel"] = channel.ToString(),
        ["Input.ReceivedOn"] = "2026-11-20",
        ["Input.Petitioners[0].Name"] = "来信人",
        ["Input.Petitioners[0].IdentityNumber"] = RegisterTesting.NewIdentityNumber(),
        ["Input.Petitioners[0].HouseholdLocality"] = "青山镇松林村",
        ["Input.CategoryCode"] = "land",
        ["Input.Summary"] = "来信反映宅基地纠纷 " + Guid.NewGuid().ToString("N")[..6],
        ["Input.Content"] = "见来信扫描件。",
    };

    [Fact]
    public async Task ALetter_RegisteredWithItsScan_KeepsTheScanWithTheCase()
    {
        using var client = await App.LoginAsync("clerk");
        var scan = AttachmentTests.Photo(600, 850);

        using var response = await client.SubmitAsync(await client.GetPageAsync("/Cases/Register"), Letter(Channel.Letter),
            file: new UploadFile("Scan", "来信.jpg", scan, "image/jpeg"));

        var caseId = RegisterTesting.DetailsId(response);
        var attachment = await App.WithDbAsync(db => db.CaseAttachments.AsNoTracking().SingleAsync(a => a.PetitionCaseId == caseId));
        Assert.Equal(AttachmentType.Jpeg, attachment.Type);
        Assert.Null(attachment.CaseEventId);
        Assert.Equal(CaseAttachment.HashOf(scan), attachment.Hash);
        var page = await client.GetPageAsync($"/Cases/Details/{caseId}");
        Assert.NotNull(page.QuerySelector($"#attachments img[src='/Cases/Attachments/{attachment.Id}?handler=Thumbnail']"));
    }

    [Fact]
    public async Task AScan_WithAnotherChannel_OrNotAScan_IsRefusedNextToTheField_AndNothingIsRegistered()
    {
        using var client = await App.LoginAsync("clerk");
        var before = await App.CaseCountAsync();

        using var visit = await client.SubmitAsync(await client.GetPageAsync("/Cases/Register"), Letter(Channel.Visit),
            file: new UploadFile("Scan", "来信.jpg", AttachmentTests.Photo(100, 100), "image/jpeg"));
        Assert.Equal(HttpStatusCode.OK, visit.StatusCode);
        Assert.Equal("只有来信才保存扫描件；请将信访形式选为“来信”，或移除该文件。", (await AppClient.ParseAsync(visit)).FieldErrors()["Scan"]);

        using var text = await client.SubmitAsync(await client.GetPageAsync("/Cases/Register"), Letter(Channel.Letter),
            file: new UploadFile("Scan", "来信.pdf", "just text, not a scan"u8.ToArray(), "application/pdf"));
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.StartsWith("只能上传图片", (await AppClient.ParseAsync(text)).FieldErrors()["Scan"], StringComparison.Ordinal);

        Assert.Equal(before, await App.CaseCountAsync());
    }
}
