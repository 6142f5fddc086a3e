using System.IO.Compression;

namespace Reception.Core.Cases.Attachments;

/// <summary>The kinds of file a case may hold, as recognised from their content (never from their name).</summary>
public enum AttachmentType
{
    Jpeg = 1,
    Png = 2,
    Tiff = 3,
    WebP = 4,
    Pdf = 5,

    /// <summary>Word 2007 or later (.docx).</summary>
    Docx = 6,

    /// <summary>Excel 2007 or later (.xlsx).</summary>
    Xlsx = 7,

    /// <summary>Word or Excel 97–2003 (.doc, .xls): an OLE compound file.</summary>
    OfficeLegacy = 8,
}

/// <summary>
/// Recognises an upload by its first bytes (magic numbers) and, for the zip-based Office formats, by the parts inside
/// the package. A file whose content is none of these is refused whatever its name says; the stored name's extension is
/// then made to match the content, so a browser never opens a PDF named .jpg as an image.
/// </summary>
public static class AttachmentTypes
{
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] TiffLittle = [0x49, 0x49, 0x2A, 0x00];
    private static readonly byte[] TiffBig = [0x4D, 0x4D, 0x00, 0x2A];
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The type of <paramref name="content"/>, or null when it is none the app accepts.</summary>
    public static AttachmentType? Detect(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        ReadOnlySpan<byte> head = content;
        if (head.StartsWith(JpegMagic)) return AttachmentType.Jpeg;
        if (head.StartsWith(PngMagic)) return AttachmentType.Png;
        if (head.StartsWith(TiffLittle) || head.StartsWith(TiffBig)) return AttachmentType.Tiff;
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return AttachmentType.WebP;
        if (head.StartsWith(PdfMagic)) return AttachmentType.Pdf;
        if (head.StartsWith(OleMagic)) return AttachmentType.OfficeLegacy;
        if (head.StartsWith(ZipMagic)) return OfficePackage(content);
        return null;
    }

    public static bool IsImage(AttachmentType type) => type is AttachmentType.Jpeg or AttachmentType.Png or AttachmentType.WebP or AttachmentType.Tiff;

    public static string ContentType(AttachmentType type) => type switch
    {
        AttachmentType.Jpeg => "image/jpeg",
        AttachmentType.Png => "image/png",
        AttachmentType.Tiff => "image/tiff",
        AttachmentType.WebP => "image/webp",
        AttachmentType.Pdf => "application/pdf",
        AttachmentType.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        AttachmentType.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };

    /// <summary>The extensions a file of <paramref name="type"/> may carry; the first is given to a name that has none of them.</summary>
    public static IReadOnlyList<string> Extensions(AttachmentType type) => type switch
    {
        AttachmentType.Jpeg => [".jpg", ".jpeg"],
        AttachmentType.Png => [".png"],
        AttachmentType.Tiff => [".tif", ".tiff"],
        AttachmentType.WebP => [".webp"],
        AttachmentType.Pdf => [".pdf"],
        AttachmentType.Docx => [".docx"],
        AttachmentType.Xlsx => [".xlsx"],
        _ => [".doc", ".xls"],
    };

    /// <summary>
    /// The name to store: the uploaded file's own name without any folder, control characters or quotes, at most
    /// <see cref="CaseAttachment.FileNameMaxLength"/> characters, with an extension that matches the content.
    /// </summary>
    public static string SafeName(string? uploaded, AttachmentType type)
    {
        var name = Path.GetFileName((uploaded ?? "").Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not '"' and not '/' and not ':' and not '*' and not '?' and not '<' and not '>' and not '|')]).Trim();
        var extensions = Extensions(type);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!extensions.Contains(extension)) name = (name.Length == 0 ? "file" : name) + extensions[0];
        if (name.Length > CaseAttachment.FileNameMaxLength)
        {
            var ext = Path.GetExtension(name);
            name = name[..(CaseAttachment.FileNameMaxLength - ext.Length)] + ext;
        }
        return name;
    }

    private static AttachmentType? OfficePackage(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.GetEntry("[Content_Types].xml") is null) return null;
            if (zip.GetEntry("word/document.xml") is not null) return AttachmentType.Docx;
            if (zip.GetEntry("xl/workbook.xml") is not null) return AttachmentType.Xlsx;
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
