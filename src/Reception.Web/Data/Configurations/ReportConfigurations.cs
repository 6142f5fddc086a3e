using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Core.Organisation;
using Reception.Core.Reports;

namespace Reception.Web.Data.Configurations;

internal sealed class PeriodicReportConfiguration : IEntityTypeConfiguration<PeriodicReport>
{
    public void Configure(EntityTypeBuilder<PeriodicReport> b)
    {
        b.ToTable("PeriodicReports");
        b.Property(r => r.Commentary).HasMaxLength(PeriodicReport.CommentaryMaxLength);
        b.Property(r => r.PublishedByUserId).HasMaxLength(450);
        b.Property(r => r.DocumentNumber).HasMaxLength(PeriodicReport.DocumentNumberMaxLength);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Period);
        b.Ignore(r => r.IsPublished);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        // One report per unit and period, whoever drafts it (the job on two instances, a retry): the schema says so.
        b.HasIndex(r => new { r.OrgUnitId, r.Kind, r.Year, r.Number }).IsUnique();
        // A number of an office's year is handed out once.
        b.HasIndex(r => new { r.OrgUnitId, r.NumberYear, r.NumberSequence }).IsUnique();
    }
}
