using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Core.Notifications;

namespace Reception.Web.Data.Configurations;

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.ToTable("NotificationPreferences");
        // The Notifier reads a kind's choices for a batch of users: (Kind, UserId IN …) is a key lookup.
        b.HasKey(p => new { p.UserId, p.Kind });
        b.Property(p => p.UserId).HasMaxLength(450);
        b.Property(p => p.Kind).HasMaxLength(Notification.KindMaxLength);
        b.Ignore(p => p.Choice);
        // Rows from before the digest existed get the new default, the digest (migration 20261206040400_DigestAndRobots).
        b.Property(p => p.Digest).HasDefaultValue(false);
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DigestItemConfiguration : IEntityTypeConfiguration<DigestItem>
{
    public void Configure(EntityTypeBuilder<DigestItem> b)
    {
        b.ToTable("DigestItems");
        b.Property(d => d.Key).HasMaxLength(DigestItem.KeyMaxLength).IsRequired();
        b.Property(d => d.UserId).HasMaxLength(450).IsRequired();
        b.Property(d => d.Kind).HasMaxLength(Notification.KindMaxLength).IsRequired();
        b.Property(d => d.TitleMessage).HasMaxLength(Notification.MessageMaxLength).IsRequired();
        b.Property(d => d.BodyMessage).HasMaxLength(Notification.MessageMaxLength).IsRequired();
        b.Property(d => d.Link).HasMaxLength(Notification.LinkMaxLength);
        b.Property(d => d.DigestKey).HasMaxLength(DigestItem.DigestKeyMaxLength);
        b.HasIndex(d => d.Key).IsUnique();
        // The digest job's pick: the waiting items (DigestKey IS NULL), per user.
        b.HasIndex(d => new { d.DigestKey, d.UserId });
        b.HasOne<AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UnitRobotConfiguration : IEntityTypeConfiguration<UnitRobot>
{
    public void Configure(EntityTypeBuilder<UnitRobot> b)
    {
        b.ToTable("UnitRobots");
        b.HasKey(r => r.OrgUnitId);
        b.Property(r => r.OrgUnitId).ValueGeneratedNever();
        b.Property(r => r.Url).HasMaxLength(UnitRobot.UrlMaxLength).IsRequired();
        b.Property(r => r.Secret).HasMaxLength(UnitRobot.SecretMaxLength);
        b.HasOne<Reception.Core.Organisation.OrgUnit>().WithOne().HasForeignKey<UnitRobot>(r => r.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
    }
}
