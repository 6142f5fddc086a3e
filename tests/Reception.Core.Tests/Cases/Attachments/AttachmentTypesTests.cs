using System.IO.Compression;
using System.Text;
using Reception.Core.Cases.Attachments;

namespace Reception.Core.Tests.Cases.Attachments;

public sealed class AttachmentTypesTests
{
    private static byte[] Zip(params string[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<x/>");
            }
        }
        return buffer.ToArray();
    }

    public static TheoryData<byte[], AttachmentType> Recognised => new()
    {
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], AttachmentType.Jpeg },
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], AttachmentType.Png },
        { [0x49, 0x49, 0x2A, 0x00, 8, 0], AttachmentType.Tiff },
        { [0x4D, 0x4D, 0x00, 0x2A, 0, 8], AttachmentType.Tiff },
        { [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBPVP8 "u8], AttachmentType.WebP },
        { "%PDF-1.7\n"u8.ToArray(), AttachmentType.Pdf },
        { [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], AttachmentType.OfficeLegacy },
        { Zip("[Content_Types].xml", "word/document.xml"), AttachmentType.Docx },
        { Zip("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"), AttachmentType.Xlsx },
    };

    [Theory]
    [MemberData(nameof(Recognised))]
    public void Detect_RecognisesTheContent(byte[] content, AttachmentType expected) => Assert.Equal(expected, AttachmentTypes.Detect(content));

    [Fact]
    public void Detect_RefusesWhatIsNoneOfThem()
    {
        Assert.Null(AttachmentTypes.Detect(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>")));
        Assert.Null(AttachmentTypes.Detect([0x4D, 0x5A, 0x90, 0x00])); // a Windows program
        Assert.Null(AttachmentTypes.Detect(Zip("payload.exe"))); // a zip that is no Office document
        Assert.Null(AttachmentTypes.Detect([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])); // a broken zip
        Assert.Null(AttachmentTypes.Detect([]));
    }

    [Theory]
    [InlineData("现场照片.jpg", AttachmentType.Jpeg, "现场照片.jpg")]
    [InlineData("C:\\扫描\\来信.PDF", AttachmentType.Pdf, "来信.PDF")]
    [InlineData("../../etc/passwd", AttachmentType.Pdf, "passwd.pdf")]
    [InlineData("报告.pdf", AttachmentType.Jpeg, "报告.pdf.jpg")] // the name follows the content
    [InlineData("a\"b\r\n.docx", AttachmentType.Docx, "ab.docx")]
    [InlineData("", AttachmentType.Png, "file.png")]
    public void SafeName_StripsFoldersAndControlCharacters_AndMatchesTheExtensionToTheContent(string uploaded, AttachmentType type, string expected) =>
        Assert.Equal(expected, AttachmentTypes.SafeName(uploaded, type));

    [Fact]
    public void SafeName_IsCutToTheMaximumKeepingTheExtension()
    {
        var name = AttachmentTypes.SafeName(new string('信', 300) + ".pdf", AttachmentType.Pdf);
        Assert.Equal(CaseAttachment.FileNameMaxLength, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }
}
