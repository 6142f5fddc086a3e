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
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
