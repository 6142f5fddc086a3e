using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Reception.Core.Calendar;
using Reception.Core.Cases;
using Reception.Core.Notifications;
using Reception.Core.Organisation;
using Reception.Core.Rotas.Model;
using Reception.Web.Data.Configurations;
using Reception.Web.Data.PersonalData;

namespace Reception.Web.Data;

public sealed class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    /// <summary>A context without the app's services (schema tests): the model builds, personal data cannot be read or written.</summary>
    public AppDbContext(DbContextOptions<AppDbContext> options) : this(options, UnconfiguredPersonalDataProtector.Instance)
    {
    }

    /// <summary>The app's context: petitioners' personal data encrypted with <paramref name="personalData"/>'s key.</summary>
    [Microsoft.Extensions.DependencyInjection.ActivatorUtilitiesConstructor]
    public AppDbContext(DbContextOptions<AppDbContext> options, IPersonalDataProtector personalData) : base(options)
    {
        PersonalData = personalData;
    }

    /// <summary>Encrypts the petitioners' personal data and computes its blind indexes (CasePetitionerProtection).</summary>
    public IPersonalDataProtector PersonalData { get; }

    /// <summary>The data-protection key ring (sign-in cookies, antiforgery tokens), shared by every app instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<Leader> Leaders => Set<Leader>();
    public DbSet<HolidayEntry> HolidayEntries => Set<HolidayEntry>();
    public DbSet<CalendarYear> CalendarYears => Set<CalendarYear>();
    public DbSet<Venue> Venues => Set<Venue>();
    public DbSet<DutyRule> DutyRules => Set<DutyRule>();
    public DbSet<RotaMonth> RotaMonths => Set<RotaMonth>();
    public DbSet<DutyAssignment> DutyAssignments => Set<DutyAssignment>();
    public DbSet<RotaVersion> RotaVersions => Set<RotaVersion>();
    public DbSet<Unavailability> Unavailabilities => Set<Unavailability>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<SwapRequest> SwapRequests => Set<SwapRequest>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<DigestItem> DigestItems => Set<DigestItem>();
    public DbSet<UnitRobot> UnitRobots => Set<UnitRobot>();
    public DbSet<PetitionCase> Cases => Set<PetitionCase>();
    public DbSet<CasePetitioner> CasePetitioners => Set<CasePetitioner>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<Reception.Core.Cases.Attachments.CaseAttachment> CaseAttachments => Set<Reception.Core.Cases.Attachments.CaseAttachment>();
    public DbSet<Reception.Core.Cases.Attachments.AttachmentBlob> AttachmentBlobs => Set<Reception.Core.Cases.Attachments.AttachmentBlob>();
    public DbSet<Reception.Core.Cases.Import.CaseImportUpload> CaseImportUploads => Set<Reception.Core.Cases.Import.CaseImportUpload>();
    public DbSet<Reception.Core.Cases.Import.CaseImportMapping> CaseImportMappings => Set<Reception.Core.Cases.Import.CaseImportMapping>();
    public DbSet<Reception.Core.Cases.Import.CaseImportBatch> CaseImportBatches => Set<Reception.Core.Cases.Import.CaseImportBatch>();
    public DbSet<CaseCategory> CaseCategories => Set<CaseCategory>();
    public DbSet<ChecklistItem> ChecklistItems => Set<ChecklistItem>();
    public DbSet<SupervisionNotice> SupervisionNotices => Set<SupervisionNotice>();
    public DbSet<CaseNumberCounter> CaseNumberCounters => Set<CaseNumberCounter>();
    public DbSet<DocumentNumberCounter> DocumentNumberCounters => Set<DocumentNumberCounter>();
    public DbSet<Reception.Core.Reports.PeriodicReport> PeriodicReports => Set<Reception.Core.Reports.PeriodicReport>();
    public DbSet<CaseQueryCode> CaseQueryCodes => Set<CaseQueryCode>();
    public DbSet<VisitCase> VisitCases => Set<VisitCase>();
    public DbSet<Reception.Core.Mail.OutboxMessage> OutboxMessages => Set<Reception.Core.Mail.OutboxMessage>();
    public DbSet<Reception.Core.Feeds.FeedToken> FeedTokens => Set<Reception.Core.Feeds.FeedToken>();
    public DbSet<Reception.Core.Feeds.FeedVersion> FeedVersions => Set<Reception.Core.Feeds.FeedVersion>();
    public DbSet<Reception.Core.Jobs.JobRun> JobRuns => Set<Reception.Core.Jobs.JobRun>();
    public DbSet<IdempotencyKey> IdempotencyKeys => Set<IdempotencyKey>();
    public DbSet<Reception.Core.Audit.AuditRecord> AuditRecords => Set<Reception.Core.Audit.AuditRecord>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();
    public DbSet<PasswordHistoryEntry> PasswordHistory => Set<PasswordHistoryEntry>();
    public DbSet<Reception.Core.Reports.AssessmentWeightVersion> AssessmentWeights => Set<Reception.Core.Reports.AssessmentWeightVersion>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        CasePetitionerProtection.Configure(builder, PersonalData);

        // Instants are stored as UTC DateTime (SQLite cannot compare DateTimeOffset); SQLite hands
        // them back with Kind=Unspecified, so mark them UTC on the way in.
        var utc = new ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            if (property.ClrType == typeof(DateTime)) property.SetValueConverter(utc);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareSave();
        // A message another transaction queued meanwhile under the same key must not cost the caller its changes.
        return Reception.Web.Mail.MailOutbox.SaveDroppingDuplicatesAsync(this,
            () => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);
    }

    /// <summary>Before every save: the petitioners' blind indexes, then the versions of the changed records.</summary>
    private void PrepareSave()
    {
        CasePetitionerProtection.SetIndexes(ChangeTracker, PersonalData);
        // The audit log is append-only: nothing the app tracks may change or delete a record (the retention job
        // archives and removes old ones with a set-based delete, which does not pass here).
        foreach (var entry in ChangeTracker.Entries<Reception.Core.Audit.AuditRecord>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("Audit records cannot be changed or deleted.");
        }
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified) entry.Entity.BumpVersion();
        }
    }
}
