using Reception.Core.Cases;
using Reception.Core.Cases.Attachments;
using SkiaSharp;

namespace Reception.Web.Features.Cases.Attachments;

/// <summary>An uploaded file that passed the checks: its safe name, its bytes and its type as the content says.</summary>
public sealed record Upload(string FileName, byte[] Content, AttachmentType Type);

/// <summary><c>Reception:Attachments</c>: the largest file one upload may be (default 20 MB).</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Reception:Attachments";
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    public long MaxBytes { get; set; } = DefaultMaxBytes;

    public int MaxMegabytes => (int)Math.Max(1, MaxBytes / (1024 * 1024));
}

/// <summary>
/// Keeps files with cases. The bytes go into the database (AttachmentBlobs, once per SHA-256 of the content): every
/// instance of a PostgreSQL deployment reads the same files, and the database backup (VACUUM INTO, pg_dump) holds them
/// with the cases they belong to, consistent to the same instant, so restoring one restores both. The type is taken from
/// the content (<see cref="AttachmentTypes"/>); images get a JPEG thumbnail of at most <see cref="ThumbnailSize"/> pixels.
/// </summary>
public sealed class AttachmentStore(AppDbContext db, IOptions<AttachmentOptions> options, TimeProvider clock, IStringLocalizer<SharedResource> l,
    ILogger<AttachmentStore> log)
{
    public const int ThumbnailSize = 320;

    /// <summary>The kinds of event a file may be attached to besides the case itself.</summary>
    public static readonly CaseEventKind[] AttachableEvents = [CaseEventKind.ProgressAdded, CaseEventKind.Replied];

    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>Adds <paramref name="file"/> to case <paramref name="caseId"/> (or its event); returns the refusal in the user's language, or null.</summary>
    public async Task<(CaseAttachment? Attachment, string? Error)> AddAsync(int caseId, long? eventId, IFormFile? file, string userId, CancellationToken ct)
    {
        var (upload, error) = await ReadAsync(file, ct);
        if (upload is null) return (null, error);
        if (eventId is { } e && !await db.CaseEvents.AnyAsync(x => x.Id == e && EF.Property<int>(x, "PetitionCaseId") == caseId && AttachableEvents.Contains(x.Kind), ct))
            return (null, l["Choose a progress entry or reply of this case."]);
        return (await StoreAsync(caseId, eventId, upload, userId, ct), null);
    }

    /// <summary>The uploaded file checked (present, within the size limit, a type accepted by its content), or the refusal.</summary>
    public async Task<(Upload? Upload, string? Error)> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return (null, l["Choose a file to upload."]);
        if (file.Length > MaxBytes) return (null, l["The file is larger than the limit of {0} MB.", options.Value.MaxMegabytes]);
        byte[] content;
        await using (var stream = file.OpenReadStream())
        {
            using var buffer = new MemoryStream((int)file.Length);
            await stream.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        if (AttachmentTypes.Detect(content) is not { } type)
            return (null, l["Only images (JPG, PNG, TIFF, WebP), PDF, Word and Excel files can be attached; this file's content is none of them."]);
        return (new Upload(AttachmentTypes.SafeName(file.FileName, type), content, type), null);
    }

    /// <summary>Saves a checked upload with case <paramref name="caseId"/> (inside the caller's transaction, if any).</summary>
    public async Task<CaseAttachment> StoreAsync(int caseId, long? eventId, Upload upload, string userId, CancellationToken ct)
    {
        var hash = CaseAttachment.HashOf(upload.Content);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.AttachmentBlobs.AnyAsync(b => b.Hash == hash, ct))
            db.AttachmentBlobs.Add(new AttachmentBlob(hash, upload.Content, AttachmentTypes.IsImage(upload.Type) ? Thumbnail(upload.Content) : null, now));
        var attachment = new CaseAttachment(caseId, eventId, upload.FileName, upload.Type, upload.Content.LongLength, hash, userId, now);
        db.CaseAttachments.Add(attachment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<AttachmentBlob>().Any(b => b.State == EntityState.Added))
        {
            // The same content arrived at the same moment from someone else: keep theirs, add only this file's row.
            if (!await db.AttachmentBlobs.AsNoTracking().AnyAsync(b => b.Hash == hash, ct)) throw;
            foreach (var entry in db.ChangeTracker.Entries<AttachmentBlob>().ToList()) entry.State = EntityState.Detached;
            await db.SaveChangesAsync(ct);
        }
        return attachment;
    }

    /// <summary>A JPEG no larger than <see cref="ThumbnailSize"/> on either side, or null when the image cannot be decoded.</summary>
    public byte[]? Thumbnail(byte[] image)
    {
        try
        {
            using var original = SKBitmap.Decode(image);
            if (original is null) return null;
            var scale = Math.Min(1.0, (double)ThumbnailSize / Math.Max(original.Width, original.Height));
            var info = new SKImageInfo(Math.Max(1, (int)(original.Width * scale)), Math.Max(1, (int)(original.Height * scale)));
            using var resized = original.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            if (resized is null) return null;
            using var encoded = resized.Encode(SKEncodedImageFormat.Jpeg, 80);
            return encoded?.ToArray();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException) // a picture Skia cannot read still is a valid upload, without a thumbnail
        {
            log.ThumbnailFailed(ex);
            return null;
        }
    }
}

internal static partial class AttachmentLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "No thumbnail could be made of an uploaded image")]
    public static partial void ThumbnailFailed(this ILogger logger, Exception exception);
}
