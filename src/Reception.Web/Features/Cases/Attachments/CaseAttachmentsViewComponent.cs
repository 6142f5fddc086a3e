using Reception.Core.Cases;
using Reception.Core.Cases.Attachments;

namespace Reception.Web.Features.Cases.Attachments;

/// <summary>The case page's files: thumbnails of images, a list of every file with what it belongs to, and the upload form.</summary>
public sealed class CaseAttachmentsViewComponent(AppDbContext db, CurrentUser me, AttachmentStore store) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int caseId)
    {
        var rows = await (from a in db.CaseAttachments.AsNoTracking()
                          join b in db.AttachmentBlobs on a.Hash equals b.Hash
                          join e in db.CaseEvents on a.CaseEventId equals e.Id into es
                          from e in es.DefaultIfEmpty()
                          where a.PetitionCaseId == caseId
                          orderby a.Id
                          select new Row(a.Id, a.FileName, a.Type, a.Length, a.UploadedAtUtc, b.Thumbnail != null,
                              e == null ? null : e.Kind, e == null ? null : e.AtUtc))
            .ToListAsync();
        var events = await db.CaseEvents.AsNoTracking()
            .Where(e => EF.Property<int>(e, "PetitionCaseId") == caseId && AttachmentStore.AttachableEvents.Contains(e.Kind))
            .OrderBy(e => e.Id).Select(e => new EventChoice(e.Id, e.Kind, e.AtUtc)).ToListAsync();
        var canUpload = me.IsInRole(Roles.Clerk) || me.IsInRole(Roles.Supervisor) || me.IsInRole(Roles.UnitHandler);
        return View(new Model(caseId, rows, events, canUpload, store.MaxBytes / (1024 * 1024), TempData[UploadModel.ErrorKey] as string));
    }

    public sealed record Row(int Id, string FileName, AttachmentType Type, long Length, DateTime UploadedAtUtc, bool HasThumbnail, CaseEventKind? EventKind, DateTime? EventAtUtc);

    public sealed record EventChoice(long Id, CaseEventKind Kind, DateTime AtUtc);

    public sealed record Model(int CaseId, IReadOnlyList<Row> Rows, IReadOnlyList<EventChoice> Events, bool CanUpload, long MaxMegabytes, string? Error);
}
