using Reception.Core.Audit;
using Reception.Core.Cases.Attachments;
using Reception.Web.Audit;

namespace Reception.Web.Features.Cases.Attachments;

/// <summary>
/// A case's file, to exactly the people who see the case (404 otherwise, as for the case page itself): the file as a
/// download (recorded in the audit log: which file of which case) or, for an image, its thumbnail. Never cached, never
/// sniffed (nosniff), always an attachment, so a browser opens nothing from it inline.
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Leader + "," + Roles.Supervisor + "," + Roles.UnitHandler)]
public sealed class FileModel(AppDbContext db, CurrentUser me) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } attachment) return NotFound();
        var content = await db.AttachmentBlobs.AsNoTracking().Where(b => b.Hash == attachment.Hash).Select(b => b.Content).SingleAsync(ct);
        AuditMarks.Add(HttpContext, new AuditEntry(AuditActions.AttachmentDownload, AuditOutcome.Success, $"case:{attachment.PetitionCaseId}/attachment:{attachment.Id}",
            string.Create(CultureInfo.InvariantCulture, $"type={attachment.Type}; bytes={attachment.Length}; sha256={attachment.Hash}")));
        return File(content, AttachmentTypes.ContentType(attachment.Type), attachment.FileName);
    }

    public async Task<IActionResult> OnGetThumbnailAsync(int id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } attachment) return NotFound();
        var thumbnail = await db.AttachmentBlobs.AsNoTracking().Where(b => b.Hash == attachment.Hash).Select(b => b.Thumbnail).SingleAsync(ct);
        return thumbnail is null ? NotFound() : File(thumbnail, "image/jpeg");
    }

    private async Task<CaseAttachment?> FindAsync(int id, CancellationToken ct)
    {
        var visible = db.Cases.VisibleTo(db, me.Scope).Select(c => c.Id);
        return await db.CaseAttachments.AsNoTracking().Where(a => a.Id == id && visible.Contains(a.PetitionCaseId)).SingleOrDefaultAsync(ct);
    }
}
