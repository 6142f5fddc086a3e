using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Reception.Web.Data.Configurations;

internal sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKey>
{
    public void Configure(EntityTypeBuilder<IdempotencyKey> b)
    {
        b.ToTable("IdempotencyKeys");
        // The key is the primary key: two concurrent posts with one key cannot both claim it.
        b.HasKey(k => k.Key);
        b.Property(k => k.Key).HasMaxLength(IdempotencyKey.KeyMaxLength);
        b.Property(k => k.UserId).HasMaxLength(IdempotencyKey.UserIdMaxLength).IsRequired();
        b.Property(k => k.Location).HasMaxLength(IdempotencyKey.LocationMaxLength);
        // Pruning of expired keys.
        b.HasIndex(k => k.CreatedAtUtc);
    }
}
