using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Core.Notifications;
using Reception.Core.Organisation;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Data.Configurations;

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> b)
    {
        b.ToTable("Venues");
        b.Property(v => v.Name).HasMaxLength(Venue.NameMaxLength).IsRequired();
        b.Property(v => v.Address).HasMaxLength(Venue.AddressMaxLength).IsRequired();
        b.Property(v => v.Version).IsConcurrencyToken();
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(v => v.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DutyRuleConfiguration : IEntityTypeConfiguration<DutyRule>
{
    public void Configure(EntityTypeBuilder<DutyRule> b)
    {
        b.ToTable("DutyRules");
        b.Property(r => r.Name).HasMaxLength(DutyRule.NameMaxLength).IsRequired();
        b.Property(r => r.Version).IsConcurrencyToken();
        b.Ignore(r => r.Weekdays);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Venue).WithMany().HasForeignKey(r => r.VenueId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Sessions).WithOne().HasForeignKey(s => s.DutyRuleId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Members).WithOne().HasForeignKey(m => m.DutyRuleId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Sessions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(r => r.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DutyRuleSessionConfiguration : IEntityTypeConfiguration<DutyRuleSession>
{
    public void Configure(EntityTypeBuilder<DutyRuleSession> b)
    {
        b.ToTable("DutyRuleSessions");
        b.Property(s => s.Name).HasMaxLength(DutyRuleSession.NameMaxLength).IsRequired();
        b.HasIndex(s => new { s.DutyRuleId, s.Index }).IsUnique();
    }
}

internal sealed class DutyRuleMemberConfiguration : IEntityTypeConfiguration<DutyRuleMember>
{
    public void Configure(EntityTypeBuilder<DutyRuleMember> b)
    {
        b.ToTable("DutyRuleMembers");
        b.Ignore(m => m.FixedDays);
        b.HasIndex(m => new { m.DutyRuleId, m.LeaderId }).IsUnique();
        b.HasIndex(m => m.LeaderId);
        b.HasOne<Leader>().WithMany().HasForeignKey(m => m.LeaderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RotaMonthConfiguration : IEntityTypeConfiguration<RotaMonth>
{
    public void Configure(EntityTypeBuilder<RotaMonth> b)
    {
        b.ToTable("RotaMonths");
        b.Property(m => m.OwedLedgerJson).IsRequired();
        b.Property(m => m.Version).IsConcurrencyToken();
        b.Ignore(m => m.LastDay);
        b.HasIndex(m => new { m.DutyRuleId, m.Month }).IsUnique();
        b.HasOne(m => m.DutyRule).WithMany().HasForeignKey(m => m.DutyRuleId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DutyAssignmentConfiguration : IEntityTypeConfiguration<DutyAssignment>
{
    public void Configure(EntityTypeBuilder<DutyAssignment> b)
    {
        b.ToTable("DutyAssignments");
        b.Ignore(a => a.IsClosed);
        b.Property(a => a.RecordNotes).HasMaxLength(DutyAssignment.NotesMaxLength);
        b.Property(a => a.RecordedByUserId).HasMaxLength(450);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => new { a.RotaMonthId, a.Date, a.SessionIndex }).IsUnique();
        b.HasIndex(a => new { a.LeaderId, a.Date });
        b.HasOne(a => a.RotaMonth).WithMany().HasForeignKey(a => a.RotaMonthId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Leader>().WithMany().HasForeignKey(a => a.LeaderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Leader>().WithMany().HasForeignKey(a => a.ActualLeaderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RotaVersionConfiguration : IEntityTypeConfiguration<RotaVersion>
{
    public void Configure(EntityTypeBuilder<RotaVersion> b)
    {
        b.ToTable("RotaVersions");
        b.Property(v => v.PublishedBy).HasMaxLength(AppUser.DisplayNameMaxLength).IsRequired();
        b.Property(v => v.SnapshotJson).IsRequired();
        b.Ignore(v => v.Duties);
        b.Ignore(v => v.ClosedSlots);
        b.HasIndex(v => new { v.RotaMonthId, v.Number }).IsUnique();
        b.HasOne<RotaMonth>().WithMany().HasForeignKey(v => v.RotaMonthId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnavailabilityConfiguration : IEntityTypeConfiguration<Unavailability>
{
    public void Configure(EntityTypeBuilder<Unavailability> b)
    {
        b.ToTable("Unavailabilities");
        b.Property(u => u.Note).HasMaxLength(Unavailability.NoteMaxLength);
        b.Property(u => u.CreatedByUserId).HasMaxLength(450).IsRequired();
        b.HasIndex(u => new { u.LeaderId, u.From });
        b.HasOne<Leader>().WithMany().HasForeignKey(u => u.LeaderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> b)
    {
        b.ToTable("Visits");
        b.Property(v => v.Purpose).HasMaxLength(Visit.PurposeMaxLength).IsRequired();
        b.Property(v => v.AccompanyingUnits).HasMaxLength(Visit.UnitsMaxLength);
        b.Property(v => v.Outcome).HasMaxLength(Visit.OutcomeMaxLength);
        b.Property(v => v.Kind).HasDefaultValue(VisitKind.Village).HasSentinel((VisitKind)0);
        b.Property(v => v.Version).IsConcurrencyToken();
        b.HasIndex(v => new { v.LeaderId, v.Date });
        b.HasIndex(v => new { v.Date, v.DestinationId });
        b.HasOne<Leader>().WithMany().HasForeignKey(v => v.LeaderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(v => v.DestinationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SwapRequestConfiguration : IEntityTypeConfiguration<SwapRequest>
{
    public void Configure(EntityTypeBuilder<SwapRequest> b)
    {
        b.ToTable("SwapRequests");
        b.Property(s => s.Reason).HasMaxLength(SwapRequest.ReasonMaxLength);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.IsOpen);
        b.HasIndex(s => s.AssignmentId);
        b.HasIndex(s => s.CounterpartLeaderId);
        b.HasIndex(s => s.RequesterLeaderId);
        b.HasOne<DutyAssignment>().WithMany().HasForeignKey(s => s.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DutyAssignment>().WithMany().HasForeignKey(s => s.CounterpartAssignmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Leader>().WithMany().HasForeignKey(s => s.RequesterLeaderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Leader>().WithMany().HasForeignKey(s => s.CounterpartLeaderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Events).WithOne().HasForeignKey(e => e.SwapRequestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SwapEventConfiguration : IEntityTypeConfiguration<SwapEvent>
{
    public void Configure(EntityTypeBuilder<SwapEvent> b)
    {
        b.ToTable("SwapEvents");
        b.Property(e => e.UserId).HasMaxLength(450).IsRequired();
        b.Property(e => e.Note).HasMaxLength(SwapEvent.NoteMaxLength);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Property(n => n.UserId).HasMaxLength(450).IsRequired();
        b.Property(n => n.Kind).HasMaxLength(Notification.KindMaxLength).IsRequired();
        b.Property(n => n.Title).HasMaxLength(Notification.TitleMaxLength).IsRequired();
        b.Property(n => n.Body).HasMaxLength(Notification.BodyMaxLength).IsRequired();
        b.Property(n => n.Link).HasMaxLength(Notification.LinkMaxLength);
        b.HasIndex(n => new { n.UserId, n.ReadAtUtc });
        // One in-app copy of an occurrence per user (migration 20261123040000_NotificationPreferences).
        b.Property(n => n.OccurrenceKey).HasMaxLength(Notification.OccurrenceKeyMaxLength);
        b.Property(n => n.TitleMessage).HasMaxLength(Notification.MessageMaxLength);
        b.Property(n => n.BodyMessage).HasMaxLength(Notification.MessageMaxLength);
        b.HasIndex(n => new { n.UserId, n.OccurrenceKey }).IsUnique().HasFilter(Migrations.NotificationPreferences.HasOccurrence);
        b.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
