using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Core.Cases;
using Reception.Core.Organisation;
using Reception.Core.Rotas.Model;

namespace Reception.Web.Data.Configurations;

internal sealed class PetitionCaseConfiguration : IEntityTypeConfiguration<PetitionCase>
{
    public void Configure(EntityTypeBuilder<PetitionCase> b)
    {
        b.ToTable("Cases");
        b.Property(c => c.Number).HasMaxLength(CaseNumber.MaxLength).IsRequired()
            .HasConversion(n => n.ToString(), s => CaseNumber.Parse(s));
        b.HasIndex(c => c.Number).IsUnique();
        b.Property(c => c.CategoryCode).HasMaxLength(PetitionCase.CategoryCodeMaxLength).IsRequired();
        b.Property(c => c.Summary).HasMaxLength(PetitionCase.SummaryMaxLength).IsRequired();
        b.Property(c => c.Content).HasMaxLength(PetitionCase.ContentMaxLength);
        b.Property(c => c.NotAcceptedReason).HasMaxLength(PetitionCase.ReasonMaxLength);
        b.Property(c => c.ObjectionReason).HasMaxLength(PetitionCase.ReasonMaxLength);
        b.Property(c => c.SupervisorUserId).HasMaxLength(CaseEvent.UserIdMaxLength);
        b.Property(c => c.ReplyText).HasMaxLength(PetitionCase.ReplyMaxLength);
        b.Property(c => c.EvaluationComment).HasMaxLength(PetitionCase.EvaluationCommentMaxLength);
        b.Property(c => c.ExtensionReason).HasMaxLength(PetitionCase.ReasonMaxLength);
        b.Property(c => c.ExtensionRequestedBy).HasMaxLength(450);
        b.Property(c => c.ClockCode).HasMaxLength(30);
        b.Property(c => c.ExternalReference).HasMaxLength(Reception.Core.Cases.Import.LedgerImport.ExternalReferenceMaxLength);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.CoHandlingUnitIds);

        b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.HandlingUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.TransferredToUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.StabilityControlUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Leader>().WithMany().HasForeignKey(c => c.OwnerLeaderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Leader>().WithMany().HasForeignKey(c => c.ReceivedByLeaderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.ParentCase).WithMany().HasForeignKey(c => c.ParentCaseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PetitionCase>().WithMany().HasForeignKey(c => c.RepeatOfCaseId).OnDelete(DeleteBehavior.Restrict);

        b.HasMany(c => c.Petitioners).WithOne().HasForeignKey("PetitionCaseId").OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.PetitionCaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.CoHandlingUnits).WithOne().HasForeignKey(u => u.PetitionCaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Checklist).WithOne().HasForeignKey(e => e.PetitionCaseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Petitioners).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.CoHandlingUnits).HasField("coHandling").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Checklist).HasField("checklist").UsePropertyAccessMode(PropertyAccessMode.Field);

        // The list (scope by registering unit, newest first), "my cases", the unit queue, the board and recolouring.
        b.HasIndex(c => new { c.OrgUnitId, c.ReceivedOn });
        b.HasIndex(c => c.ReceivedOn);
        b.HasIndex(c => new { c.OwnerLeaderId, c.State });
        b.HasIndex(c => new { c.HandlingUnitId, c.State });
        b.HasIndex(c => c.TransferredToUnitId);
        // Partial indexes (migration CasePerformance): the board and colour filters read only the open cases, covered;
        // few cases come from duties and visits, and a partial index keeps the planner using this one for "my cases".
        b.HasIndex(c => c.ReceivedByLeaderId).HasFilter(Migrations.CasePerformance.ReceivedByLeader);
        b.HasIndex(c => new { c.Colour, c.OrgUnitId, c.HandlingUnitId, c.TransferredToUnitId, c.OwnerLeaderId })
            .HasDatabaseName(Migrations.CasePerformance.OpenColours).HasFilter(Migrations.CasePerformance.OpenCases);
        b.HasIndex(c => new { c.State, c.DueOn });
        // The cases registered at a duty or on a visit (migration CaseSources); most cases have neither.
        b.HasIndex(c => c.SourceDutyAssignmentId).HasFilter(Migrations.CaseSources.FromDuty);
        b.HasIndex(c => c.SourceVisitId).HasFilter(Migrations.CaseSources.FromVisit);
        // Covering for the list by category: scope, date order and the summary's text search without reading the table.
        b.HasIndex(c => new { c.CategoryCode, c.ReceivedOn, c.OrgUnitId, c.HandlingUnitId, c.TransferredToUnitId, c.Summary })
            .HasDatabaseName(Migrations.CasePerformance.CategoryList);
        b.HasIndex(c => c.ReplyDate).HasDatabaseName(Migrations.DissatisfiedIndex.Name).HasFilter(Migrations.DissatisfiedIndex.Filter);
        // The metrics page, the charts and the reports (migration MetricsIndexes): every column their grouped statements read,
        // in order of receipt, so that a period's cases are counted from the index alone.
        b.HasIndex(c => new
            {
                c.ReceivedOn, c.OrgUnitId, c.HandlingUnitId, c.TransferredToUnitId, c.StabilityControlUnitId, c.CategoryCode, c.Channel, c.Flags,
                c.State, c.DueOn, c.OwnerLeaderId, c.IsResolved, c.ClosedAtUtc, c.Evaluation,
                c.AppealLevel, c.AcceptedAtUtc, c.ExtensionDays, c.HearingFrom, c.HearingTo, c.ReplyDate,
            })
            .HasDatabaseName(Migrations.MetricsIndexes.Metrics);
        b.HasIndex(c => c.ParentCaseId);
        b.HasIndex(c => c.RepeatOfCaseId);
        b.HasIndex(c => c.StabilityControlUnitId);
        // Imported cases (issue 17 item 8): found by their old number, listed by their import (no foreign key: SQLite cannot add
        // one to the existing table without rebuilding it).
        b.HasIndex(c => new { c.ExternalReference, c.OrgUnitId });
        b.HasIndex(c => c.ImportBatchId);
    }
}

internal sealed class CasePetitionerConfiguration : IEntityTypeConfiguration<CasePetitioner>
{
    public void Configure(EntityTypeBuilder<CasePetitioner> b)
    {
        b.ToTable("CasePetitioners");
        b.Property<int>("PetitionCaseId");
        b.Property(p => p.Name).HasMaxLength(CasePetitioner.NameMaxLength).IsRequired();
        // IdentityNumber, Phone and Address are stored encrypted (text, no length limit: the forms enforce the clear limits),
        // with blind-index columns to find them: PersonalData.CasePetitionerProtection, applied by AppDbContext.
        b.Property(p => p.HouseholdLocality).HasMaxLength(CasePetitioner.LocalityMaxLength);
        b.HasIndex("PetitionCaseId");
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> b)
    {
        b.ToTable("CaseEvents");
        b.Property(e => e.UserId).HasMaxLength(CaseEvent.UserIdMaxLength).IsRequired();
        b.Property(e => e.Before).HasMaxLength(PetitionCase.ContentMaxLength + 2_000);
        b.Property(e => e.After).HasMaxLength(PetitionCase.ContentMaxLength + 2_000);
        b.HasIndex(e => new { e.PetitionCaseId, e.Id });
        b.HasIndex(e => new { e.Kind, e.AtUtc });
        // The colour mix of the charts reads only the colour changes (migration MetricsIndexes).
        b.HasIndex(e => new { e.AtUtc, e.PetitionCaseId, e.Before, e.After })
            .HasDatabaseName(Migrations.MetricsIndexes.ColourChanges).HasFilter(Migrations.MetricsIndexes.ColourChangesFilter);
    }
}

internal sealed class CaseCoHandlingUnitConfiguration : IEntityTypeConfiguration<CaseCoHandlingUnit>
{
    public void Configure(EntityTypeBuilder<CaseCoHandlingUnit> b)
    {
        b.ToTable("CaseCoHandlingUnits");
        b.HasIndex(u => new { u.PetitionCaseId, u.OrgUnitId }).IsUnique();
        b.HasIndex(u => u.OrgUnitId);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseChecklistEntryConfiguration : IEntityTypeConfiguration<CaseChecklistEntry>
{
    public void Configure(EntityTypeBuilder<CaseChecklistEntry> b)
    {
        b.ToTable("CaseChecklistEntries");
        b.Property(e => e.ChangedByUserId).HasMaxLength(CaseEvent.UserIdMaxLength);
        b.HasIndex(e => new { e.PetitionCaseId, e.ItemId }).IsUnique();
        b.HasOne<ChecklistItem>().WithMany().HasForeignKey(e => e.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> b)
    {
        b.ToTable("ChecklistItems");
        b.Property(i => i.Text).HasMaxLength(ChecklistItem.TextMaxLength).IsRequired();
    }
}

internal sealed class CaseCategoryConfiguration : IEntityTypeConfiguration<CaseCategory>
{
    public void Configure(EntityTypeBuilder<CaseCategory> b)
    {
        b.ToTable("CaseCategories");
        b.Property(c => c.Code).HasMaxLength(PetitionCase.CategoryCodeMaxLength).IsRequired();
        b.Property(c => c.Name).HasMaxLength(CaseCategory.NameMaxLength).IsRequired();
        b.Property(c => c.ParentCode).HasMaxLength(PetitionCase.CategoryCodeMaxLength);
        b.HasIndex(c => c.Code).IsUnique();
    }
}

internal sealed class SupervisionNoticeConfiguration : IEntityTypeConfiguration<SupervisionNotice>
{
    public void Configure(EntityTypeBuilder<SupervisionNotice> b)
    {
        b.ToTable("SupervisionNotices");
        b.Property(n => n.Text).HasMaxLength(SupervisionNotice.TextMaxLength).IsRequired();
        b.Property(n => n.ReplyText).HasMaxLength(SupervisionNotice.TextMaxLength);
        b.Property(n => n.IssuedByUserId).HasMaxLength(CaseEvent.UserIdMaxLength).IsRequired();
        b.Property(n => n.RepliedByUserId).HasMaxLength(CaseEvent.UserIdMaxLength);
        b.Property(n => n.Version).IsConcurrencyToken();
        b.HasOne<PetitionCase>().WithMany().HasForeignKey(n => n.PetitionCaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(n => n.ToUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(n => n.PetitionCaseId);
        b.HasIndex(n => new { n.ToUnitId, n.RepliedAtUtc });
        b.Property(n => n.DocumentNumber).HasMaxLength(NoticeNumber.MaxLength);
        // A number of an office's year is handed out once (the counter never goes down; this says so in the schema).
        b.HasIndex(n => new { n.IssuingUnitId, n.NumberYear, n.NumberSequence }).IsUnique();
    }
}

/// <summary>
/// The document number allocator (<see cref="DocumentNumbers"/>): the last sequence handed out per office, series (督办通知书
/// <c>notice</c>, 通报 <c>report</c>) and year. It never goes down.
/// </summary>
public sealed class DocumentNumberCounter
{
    public const int SeriesMaxLength = 20;

    public int OrgUnitId { get; set; }
    public string Series { get; set; } = "";
    public int Year { get; set; }
    public int LastSequence { get; set; }
}

internal sealed class DocumentNumberCounterConfiguration : IEntityTypeConfiguration<DocumentNumberCounter>
{
    public void Configure(EntityTypeBuilder<DocumentNumberCounter> b)
    {
        b.ToTable("DocumentNumberCounters");
        b.HasKey(c => new { c.OrgUnitId, c.Series, c.Year });
        b.Property(c => c.Series).HasMaxLength(DocumentNumberCounter.SeriesMaxLength);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// A case's query code for the petitioner (Art. 21), stored only as a salted hash (<see cref="QueryCode.Hash"/>). One per
/// case: issuing a new one replaces the old, which stops working.
/// </summary>
public sealed class CaseQueryCode
{
    public int PetitionCaseId { get; set; }
    public string Hash { get; set; } = "";
    public DateTime IssuedAtUtc { get; set; }
    public string IssuedByUserId { get; set; } = "";
}

internal sealed class CaseQueryCodeConfiguration : IEntityTypeConfiguration<CaseQueryCode>
{
    public void Configure(EntityTypeBuilder<CaseQueryCode> b)
    {
        b.ToTable("CaseQueryCodes");
        b.HasKey(c => c.PetitionCaseId);
        b.Property(c => c.Hash).HasMaxLength(QueryCode.StoredMaxLength).IsRequired();
        b.Property(c => c.IssuedByUserId).HasMaxLength(CaseEvent.UserIdMaxLength).IsRequired();
        b.HasOne<PetitionCase>().WithOne().HasForeignKey<CaseQueryCode>(c => c.PetitionCaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The case-number allocator: the last sequence handed out per registering unit and year (never goes down).</summary>
public sealed class CaseNumberCounter
{
    public int OrgUnitId { get; set; }
    public int Year { get; set; }
    public int LastSequence { get; set; }
}

internal sealed class CaseNumberCounterConfiguration : IEntityTypeConfiguration<CaseNumberCounter>
{
    public void Configure(EntityTypeBuilder<CaseNumberCounter> b)
    {
        b.ToTable("CaseNumberCounters");
        b.HasKey(c => new { c.OrgUnitId, c.Year });
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VisitCaseConfiguration : IEntityTypeConfiguration<VisitCase>
{
    public void Configure(EntityTypeBuilder<VisitCase> b)
    {
        b.ToTable("VisitCases");
        b.HasIndex(v => new { v.VisitId, v.PetitionCaseId }).IsUnique();
        b.HasIndex(v => v.PetitionCaseId);
        b.HasOne<Visit>().WithMany().HasForeignKey(v => v.VisitId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<PetitionCase>().WithMany().HasForeignKey(v => v.PetitionCaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
