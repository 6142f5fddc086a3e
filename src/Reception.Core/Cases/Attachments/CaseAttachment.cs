using System.Security.Cryptography;

namespace Reception.Core.Cases.Attachments;

/// <summary>
/// A file kept with a case — a scanned letter, a photo, a PDF, a Word or Excel document — or with one of its progress
/// entries or replies (<see cref="CaseEventId"/>). The bytes are kept once per content (<see cref="AttachmentBlob"/>, by
/// SHA-256), so the same scan attached twice takes its space once.
/// </summary>
public sealed class CaseAttachment
{
    public const int FileNameMaxLength = 200;

    private CaseAttachment() => FileName = Hash = UploadedByUserId = "";

    public CaseAttachment(int caseId, long? caseEventId, string fileName, AttachmentType type, long length, string hash, string uploadedByUserId, DateTime uploadedAtUtc)
    {
        PetitionCaseId = caseId;
        CaseEventId = caseEventId;
        FileName = fileName;
        Type = type;
        Length = length;
        Hash = hash;
        UploadedByUserId = uploadedByUserId;
        UploadedAtUtc = uploadedAtUtc;
    }

    public int Id { get; private set; }
    public int PetitionCaseId { get; private set; }

    /// <summary>The progress entry or reply (a <see cref="CaseEvent"/> of the case) the file belongs to; null: the case itself.</summary>
    public long? CaseEventId { get; private set; }

    public string FileName { get; private set; }
    public AttachmentType Type { get; private set; }
    public long Length { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the content: the key of its <see cref="AttachmentBlob"/>.</summary>
    public string Hash { get; private set; }

    public string UploadedByUserId { get; private set; }
    public DateTime UploadedAtUtc { get; private set; }

    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

/// <summary>The bytes of one content, and its thumbnail when it is an image (a JPEG at most 320 pixels wide or high).</summary>
public sealed class AttachmentBlob
{
    private AttachmentBlob() => Hash = "";

    public AttachmentBlob(string hash, byte[] content, byte[]? thumbnail, DateTime createdAtUtc)
    {
        Hash = hash;
        Content = content;
        Thumbnail = thumbnail;
        Length = content.LongLength;
        CreatedAtUtc = createdAtUtc;
    }

    public string Hash { get; private set; }
    public long Length { get; private set; }
    public byte[] Content { get; private set; } = [];
    public byte[]? Thumbnail { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
}
