using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Reception.Web.Data.Configurations;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength).IsRequired();
        b.Property(u => u.PreferredCulture).HasMaxLength(10);
        b.HasOne(u => u.OrgUnit).WithMany().HasForeignKey(u => u.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.Leader).WithMany().HasForeignKey(u => u.LeaderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.Department).WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.LeaderId);
        b.Property(u => u.MustChangePassword).HasDefaultValue(false); // accounts from before the column chose their own
    }
}
