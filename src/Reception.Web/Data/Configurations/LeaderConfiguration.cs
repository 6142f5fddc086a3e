using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Core.Organisation;

namespace Reception.Web.Data.Configurations;

internal sealed class LeaderConfiguration : IEntityTypeConfiguration<Leader>
{
    public void Configure(EntityTypeBuilder<Leader> b)
    {
        b.ToTable("Leaders");
        b.HasKey(l => l.Id);
        b.Property(l => l.Name).HasMaxLength(Leader.NameMaxLength).IsRequired();
        b.Property(l => l.Title).HasMaxLength(Leader.TitleMaxLength).IsRequired();
        b.Property(l => l.Email).HasMaxLength(Leader.EmailMaxLength);
        b.Property(l => l.Phone).HasMaxLength(Leader.PhoneMaxLength);
        b.Property(l => l.Version).IsConcurrencyToken();
        b.HasIndex(l => new { l.OrgUnitId, l.RotationOrder });
        b.HasOne(l => l.OrgUnit).WithMany().HasForeignKey(l => l.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
