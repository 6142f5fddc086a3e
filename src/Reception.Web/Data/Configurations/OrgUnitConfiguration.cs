using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Core.Organisation;

namespace Reception.Web.Data.Configurations;

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.ToTable("OrgUnits");
        b.HasKey(o => o.Id);
        b.Property(o => o.Code).HasMaxLength(OrgUnit.CodeMaxLength).IsRequired();
        b.Property(o => o.Name).HasMaxLength(OrgUnit.NameMaxLength).IsRequired();
        b.Property(o => o.Path).HasMaxLength(OrgUnit.PathMaxLength).IsRequired();
        b.Property(o => o.NoticePrefix).HasMaxLength(Reception.Core.Cases.NoticeNumber.PrefixMaxLength);
        b.Ignore(o => o.EffectiveNoticePrefix);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.Ignore(o => o.Depth);
        b.HasIndex(o => o.Code).IsUnique();
        // PostgreSQL: text_pattern_ops, so that the scope filters' prefix match (LIKE '/prov/c001/%') can use it (migration 20261206060200).
        b.HasIndex(o => o.Path).HasOperators("text_pattern_ops");
        b.HasIndex(o => o.ParentId);
        b.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
