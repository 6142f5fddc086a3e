using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Core.Cases;
using Reception.Core.Cases.Import;
using Reception.Core.Organisation;

namespace Reception.Web.Data.Configurations;

internal sealed class CaseImportUploadConfiguration : IEntityTypeConfiguration<CaseImportUpload>
{
    public void Configure(EntityTypeBuilder<CaseImportUpload> b)
    {
        b.ToTable("CaseImportUploads");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).HasMaxLength(CaseImportUpload.IdLength);
        b.Property(x => x.UserId).HasMaxLength(CaseEvent.UserIdMaxLength).IsRequired();
        b.Property(x => x.FileName).HasMaxLength(CaseImportUpload.FileNameMaxLength).IsRequired();
        b.Property(x => x.Table).IsRequired();
        b.HasIndex(x => x.CreatedAtUtc);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseImportMappingConfiguration : IEntityTypeConfiguration<CaseImportMapping>
{
    public void Configure(EntityTypeBuilder<CaseImportMapping> b)
    {
        b.ToTable("CaseImportMappings");
        b.HasKey(x => x.OrgUnitId);
        b.Property(x => x.OrgUnitId).ValueGeneratedNever();
        b.Property(x => x.Mapping).IsRequired();
        b.Property(x => x.UpdatedByUserId).HasMaxLength(CaseEvent.UserIdMaxLength).IsRequired();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseImportBatchConfiguration : IEntityTypeConfiguration<CaseImportBatch>
{
    public void Configure(EntityTypeBuilder<CaseImportBatch> b)
    {
        b.ToTable("CaseImportBatches");
        b.Property(x => x.UserId).HasMaxLength(CaseEvent.UserIdMaxLength).IsRequired();
        b.Property(x => x.FileName).HasMaxLength(CaseImportUpload.FileNameMaxLength).IsRequired();
        b.HasIndex(x => new { x.OrgUnitId, x.AtUtc });
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
