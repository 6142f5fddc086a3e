using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Core.Cases;
using Reception.Core.Cases.Attachments;

namespace Reception.Web.Data.Configurations;

internal sealed class CaseAttachmentConfiguration : IEntityTypeConfiguration<CaseAttachment>
{
    public void Configure(EntityTypeBuilder<CaseAttachment> b)
    {
        b.ToTable("CaseAttachments");
        b.Property(a => a.FileName).HasMaxLength(CaseAttachment.FileNameMaxLength).IsRequired();
        b.Property(a => a.Hash).HasMaxLength(64).IsRequired();
        b.Property(a => a.UploadedByUserId).HasMaxLength(CaseEvent.UserIdMaxLength).IsRequired();
        b.HasIndex(a => new { a.PetitionCaseId, a.Id });
        b.HasIndex(a => a.Hash);
        b.HasOne<PetitionCase>().WithMany().HasForeignKey(a => a.PetitionCaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CaseEvent>().WithMany().HasForeignKey(a => a.CaseEventId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AttachmentBlob>().WithMany().HasForeignKey(a => a.Hash).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AttachmentBlobConfiguration : IEntityTypeConfiguration<AttachmentBlob>
{
    public void Configure(EntityTypeBuilder<AttachmentBlob> b)
    {
        b.ToTable("AttachmentBlobs");
        b.HasKey(x => x.Hash);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.Property(x => x.Content).IsRequired();
    }
}
