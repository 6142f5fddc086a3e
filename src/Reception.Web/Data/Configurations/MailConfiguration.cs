using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Core.Mail;

namespace Reception.Web.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.Property(m => m.IdempotencyKey).HasMaxLength(OutboxMessage.KeyMaxLength).IsRequired();
        b.Property(m => m.Kind).HasMaxLength(OutboxMessage.KindMaxLength).IsRequired();
        // No foreign key: the outbox is a record of what was sent, and a job may write to an address that is no account.
        b.Property(m => m.RecipientUserId).HasMaxLength(450);
        b.Property(m => m.RecipientAddress).HasMaxLength(OutboxMessage.AddressMaxLength).IsRequired();
        b.Property(m => m.Culture).HasMaxLength(OutboxMessage.CultureMaxLength).IsRequired();
        b.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength).IsRequired();
        b.Property(m => m.HtmlBody).IsRequired();
        b.Property(m => m.TextBody).IsRequired();
        b.Property(m => m.Link).HasMaxLength(OutboxMessage.LinkMaxLength);
        b.Property(m => m.LastError).HasMaxLength(OutboxMessage.LastErrorMaxLength);
        b.Property(m => m.ClaimedBy).HasMaxLength(OutboxMessage.ClaimedByMaxLength);
        b.Property(m => m.Channel).HasDefaultValue(OutboxChannel.Email); // rows from before robots were emails
        // No foreign key either: a robot message stays a record if its unit goes.
        b.HasIndex(m => m.IdempotencyKey).IsUnique();
        // The dispatcher's pick: Status IN (Pending, Sending) AND NextAttemptAtUtc <= now, oldest first.
        b.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
    }
}
