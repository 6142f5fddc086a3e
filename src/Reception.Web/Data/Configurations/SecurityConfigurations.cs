using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Core.Audit;

namespace Reception.Web.Data.Configurations;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> b)
    {
        b.ToTable("AuditRecords");
        // The chain position is assigned under the append lock (last + 1), never by a sequence: a sequence skips
        // numbers on a rollback, and a gap must mean a removed record.
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.UserId).HasMaxLength(450);
        b.Property(r => r.UserName).HasMaxLength(AuditRecord.UserNameMaxLength).IsRequired();
        b.Property(r => r.Role).HasMaxLength(AuditRecord.RoleMaxLength);
        b.Property(r => r.Unit).HasMaxLength(AuditRecord.UnitMaxLength);
        b.Property(r => r.Client).HasMaxLength(AuditRecord.ClientMaxLength);
        b.Property(r => r.Action).HasMaxLength(AuditRecord.ActionMaxLength).IsRequired();
        b.Property(r => r.Target).HasMaxLength(AuditRecord.TargetMaxLength);
        b.Property(r => r.Detail).HasMaxLength(AuditRecord.DetailMaxLength);
        b.Property(r => r.PreviousHash).HasMaxLength(AuditRecord.HashLength).IsRequired();
        b.Property(r => r.Hash).HasMaxLength(AuditRecord.HashLength).IsRequired();
        // The auditor's filters: a period (the default view: newest first), a user, an action.
        b.HasIndex(r => r.AtUtc);
        b.HasIndex(r => new { r.UserName, r.AtUtc });
        b.HasIndex(r => new { r.Action, r.AtUtc });
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("UserSessions");
        b.Property(s => s.Id).HasMaxLength(UserSession.KeyLength);
        b.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        b.Property(s => s.Ticket).IsRequired();
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.UserId); // ending every session of a user
    }
}

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> b)
    {
        b.ToTable("SignInThrottles");
        b.HasKey(t => t.Key);
        b.Property(t => t.Key).HasMaxLength(SignInThrottle.KeyMaxLength);
    }
}

internal sealed class PasswordHistoryConfiguration : IEntityTypeConfiguration<PasswordHistoryEntry>
{
    public void Configure(EntityTypeBuilder<PasswordHistoryEntry> b)
    {
        b.ToTable("PasswordHistory");
        b.Property(p => p.UserId).HasMaxLength(450).IsRequired();
        b.Property(p => p.PasswordHash).IsRequired();
        b.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.UserId, p.ChangedUtc });
    }
}
