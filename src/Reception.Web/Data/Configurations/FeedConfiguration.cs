using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Core.Feeds;

namespace Reception.Web.Data.Configurations;

internal sealed class FeedTokenConfiguration : IEntityTypeConfiguration<FeedToken>
{
    public void Configure(EntityTypeBuilder<FeedToken> b)
    {
        b.ToTable("FeedTokens");
        b.Property(t => t.UserId).HasMaxLength(450).IsRequired();
        b.Property(t => t.TokenHash).HasMaxLength(FeedToken.HashLength).IsRequired();
        b.Property(t => t.ContentHash).HasMaxLength(FeedToken.ContentHashLength);
        b.Ignore(t => t.IsActive);
        // Feeds are found by the hash of the token in the link.
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => new { t.UserId, t.Kind });
        b.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FeedVersionConfiguration : IEntityTypeConfiguration<FeedVersion>
{
    public void Configure(EntityTypeBuilder<FeedVersion> b)
    {
        b.ToTable("FeedVersions");
        // Read by key on every feed request; the office and public feeds join it to rota months and leaders by (scope, id).
        b.HasKey(v => new { v.Scope, v.TargetId });
    }
}
