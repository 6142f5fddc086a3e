using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using static Reception.Web.Data.Migrations.MigrationColumns;

namespace Reception.Web.Data.Migrations;

/// <summary>Casework: cases with petitioners, history, co-handling units and checklist; categories; checklist items;
/// supervision notices; the case-number allocator; visits linked to cases (带案下访, 约访).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122020000_Cases")]
public sealed class Cases : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<int>("Kind", "Visits", nullable: false, defaultValue: 1);

        m.CreateTable("CaseCategories", t => new
        {
            Id = Key(t),
            Code = t.Column<string>(maxLength: 50, nullable: false),
            Name = t.Column<string>(maxLength: 50, nullable: false),
            ParentCode = t.Column<string>(maxLength: 50, nullable: true),
            SortOrder = t.Column<int>(nullable: false),
            IsActive = t.Column<bool>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_CaseCategories", x => x.Id));
        m.CreateIndex("IX_CaseCategories_Code", "CaseCategories", "Code", unique: true);

        m.CreateTable("ChecklistItems", t => new
        {
            Id = Key(t),
            Text = t.Column<string>(maxLength: 100, nullable: false),
            SortOrder = t.Column<int>(nullable: false),
            IsActive = t.Column<bool>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ChecklistItems", x => x.Id));

        m.CreateTable("CaseNumberCounters", t => new
        {
            OrgUnitId = t.Column<int>(nullable: false),
            Year = t.Column<int>(nullable: false),
            LastSequence = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseNumberCounters", x => new { x.OrgUnitId, x.Year });
            t.ForeignKey("FK_CaseNumberCounters_OrgUnits_OrgUnitId", x => x.OrgUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
        });

        m.CreateTable("Cases", t => new
        {
            Id = Key(t),
            Number = t.Column<string>(maxLength: 32, nullable: false),
            OrgUnitId = t.Column<int>(nullable: false),
            Channel = t.Column<int>(nullable: false),
            ReceivedOn = t.Column<DateOnly>(nullable: false),
            CategoryCode = t.Column<string>(maxLength: 50, nullable: false),
            Summary = t.Column<string>(maxLength: 200, nullable: false),
            Content = t.Column<string>(maxLength: 10000, nullable: true),
            NumberOfPeople = t.Column<int>(nullable: false),
            State = t.Column<int>(nullable: false),
            Flags = t.Column<int>(nullable: false),
            RepeatOfCaseId = t.Column<int>(nullable: true),
            AcceptedAtUtc = t.Column<DateTime>(nullable: true),
            NotAcceptedReason = t.Column<string>(maxLength: 500, nullable: true),
            TransferredToUnitId = t.Column<int>(nullable: true),
            TransferredAtUtc = t.Column<DateTime>(nullable: true),
            ObjectionReason = t.Column<string>(maxLength: 500, nullable: true),
            ObjectedAtUtc = t.Column<DateTime>(nullable: true),
            OwnerLeaderId = t.Column<int>(nullable: true),
            HandlingUnitId = t.Column<int>(nullable: true),
            StabilityControlUnitId = t.Column<int>(nullable: true),
            SupervisorUserId = t.Column<string>(maxLength: 450, nullable: true),
            AssignedAtUtc = t.Column<DateTime>(nullable: true),
            HandlingStartedAtUtc = t.Column<DateTime>(nullable: true),
            LastProgressAtUtc = t.Column<DateTime>(nullable: true),
            ReplyText = t.Column<string>(maxLength: 10000, nullable: true),
            ReplyDate = t.Column<DateOnly>(nullable: true),
            Evaluation = t.Column<int>(nullable: true),
            ClosedAtUtc = t.Column<DateTime>(nullable: true),
            IsResolved = t.Column<bool>(nullable: false),
            ResolvedOn = t.Column<DateOnly>(nullable: true),
            TerminatedAtUtc = t.Column<DateTime>(nullable: true),
            ExtensionRequestedDays = t.Column<int>(nullable: true),
            ExtensionReason = t.Column<string>(maxLength: 500, nullable: true),
            ExtensionDays = t.Column<int>(nullable: true),
            ParentCaseId = t.Column<int>(nullable: true),
            AppealLevel = t.Column<int>(nullable: false),
            IsAppealed = t.Column<bool>(nullable: false),
            SourceDutyAssignmentId = t.Column<int>(nullable: true),
            SourceVisitId = t.Column<int>(nullable: true),
            ReceivedByLeaderId = t.Column<int>(nullable: true),
            IsListed = t.Column<bool>(nullable: false),
            HearingFrom = t.Column<DateOnly>(nullable: true),
            HearingTo = t.Column<DateOnly>(nullable: true),
            ClockCode = t.Column<string>(maxLength: 30, nullable: true),
            ClockStartOn = t.Column<DateOnly>(nullable: true),
            DueOn = t.Column<DateOnly>(nullable: true),
            LastProgressOn = t.Column<DateOnly>(nullable: true),
            Colour = t.Column<int>(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Cases", x => x.Id);
            t.ForeignKey("FK_Cases_OrgUnits_OrgUnitId", x => x.OrgUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Cases_OrgUnits_HandlingUnitId", x => x.HandlingUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Cases_OrgUnits_TransferredToUnitId", x => x.TransferredToUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Cases_OrgUnits_StabilityControlUnitId", x => x.StabilityControlUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Cases_Leaders_OwnerLeaderId", x => x.OwnerLeaderId, "Leaders", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Cases_Leaders_ReceivedByLeaderId", x => x.ReceivedByLeaderId, "Leaders", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Cases_Cases_ParentCaseId", x => x.ParentCaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Cases_Cases_RepeatOfCaseId", x => x.RepeatOfCaseId, "Cases", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Cases_Number", "Cases", "Number", unique: true);
        m.CreateIndex("IX_Cases_OrgUnitId_ReceivedOn", "Cases", new[] { "OrgUnitId", "ReceivedOn" });
        m.CreateIndex("IX_Cases_ReceivedOn", "Cases", "ReceivedOn");
        m.CreateIndex("IX_Cases_OwnerLeaderId_State", "Cases", new[] { "OwnerLeaderId", "State" });
        m.CreateIndex("IX_Cases_HandlingUnitId_State", "Cases", new[] { "HandlingUnitId", "State" });
        m.CreateIndex("IX_Cases_TransferredToUnitId", "Cases", "TransferredToUnitId");
        m.CreateIndex("IX_Cases_ReceivedByLeaderId", "Cases", "ReceivedByLeaderId");
        m.CreateIndex("IX_Cases_Colour_OrgUnitId", "Cases", new[] { "Colour", "OrgUnitId" });
        m.CreateIndex("IX_Cases_State_DueOn", "Cases", new[] { "State", "DueOn" });
        m.CreateIndex("IX_Cases_CategoryCode", "Cases", "CategoryCode");
        m.CreateIndex("IX_Cases_ParentCaseId", "Cases", "ParentCaseId");
        m.CreateIndex("IX_Cases_RepeatOfCaseId", "Cases", "RepeatOfCaseId");
        m.CreateIndex("IX_Cases_StabilityControlUnitId", "Cases", "StabilityControlUnitId");

        m.CreateTable("CasePetitioners", t => new
        {
            Id = Key(t),
            PetitionCaseId = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 50, nullable: false),
            IdentityNumber = t.Column<string>(maxLength: 18, nullable: true),
            Phone = t.Column<string>(maxLength: 30, nullable: true),
            HouseholdLocality = t.Column<string>(maxLength: 100, nullable: true),
            Address = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CasePetitioners", x => x.Id);
            t.ForeignKey("FK_CasePetitioners_Cases_PetitionCaseId", x => x.PetitionCaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CasePetitioners_PetitionCaseId", "CasePetitioners", "PetitionCaseId");
        m.CreateIndex("IX_CasePetitioners_IdentityNumber", "CasePetitioners", "IdentityNumber");

        m.CreateTable("CaseEvents", t => new
        {
            Id = t.Column<long>(nullable: false)
                .Annotation("Sqlite:Autoincrement", true)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
            PetitionCaseId = t.Column<int>(nullable: false),
            Kind = t.Column<int>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            AtUtc = t.Column<DateTime>(nullable: false),
            Before = t.Column<string>(maxLength: 12000, nullable: true),
            After = t.Column<string>(maxLength: 12000, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseEvents", x => x.Id);
            t.ForeignKey("FK_CaseEvents_Cases_PetitionCaseId", x => x.PetitionCaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CaseEvents_PetitionCaseId_Id", "CaseEvents", new[] { "PetitionCaseId", "Id" });
        m.CreateIndex("IX_CaseEvents_Kind_AtUtc", "CaseEvents", new[] { "Kind", "AtUtc" });

        m.CreateTable("CaseCoHandlingUnits", t => new
        {
            Id = Key(t),
            PetitionCaseId = t.Column<int>(nullable: false),
            OrgUnitId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseCoHandlingUnits", x => x.Id);
            t.ForeignKey("FK_CaseCoHandlingUnits_Cases_PetitionCaseId", x => x.PetitionCaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_CaseCoHandlingUnits_OrgUnits_OrgUnitId", x => x.OrgUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_CaseCoHandlingUnits_PetitionCaseId_OrgUnitId", "CaseCoHandlingUnits", new[] { "PetitionCaseId", "OrgUnitId" }, unique: true);
        m.CreateIndex("IX_CaseCoHandlingUnits_OrgUnitId", "CaseCoHandlingUnits", "OrgUnitId");

        m.CreateTable("CaseChecklistEntries", t => new
        {
            Id = Key(t),
            PetitionCaseId = t.Column<int>(nullable: false),
            ItemId = t.Column<int>(nullable: false),
            IsDone = t.Column<bool>(nullable: false),
            ChangedByUserId = t.Column<string>(maxLength: 450, nullable: true),
            ChangedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseChecklistEntries", x => x.Id);
            t.ForeignKey("FK_CaseChecklistEntries_Cases_PetitionCaseId", x => x.PetitionCaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_CaseChecklistEntries_ChecklistItems_ItemId", x => x.ItemId, "ChecklistItems", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_CaseChecklistEntries_PetitionCaseId_ItemId", "CaseChecklistEntries", new[] { "PetitionCaseId", "ItemId" }, unique: true);
        m.CreateIndex("IX_CaseChecklistEntries_ItemId", "CaseChecklistEntries", "ItemId");

        m.CreateTable("SupervisionNotices", t => new
        {
            Id = Key(t),
            PetitionCaseId = t.Column<int>(nullable: false),
            ToUnitId = t.Column<int>(nullable: false),
            Text = t.Column<string>(maxLength: 2000, nullable: false),
            IssuedOn = t.Column<DateOnly>(nullable: false),
            ReplyDueOn = t.Column<DateOnly>(nullable: false),
            IssuedByUserId = t.Column<string>(maxLength: 450, nullable: false),
            IssuedAtUtc = t.Column<DateTime>(nullable: false),
            ReplyText = t.Column<string>(maxLength: 2000, nullable: true),
            RepliedByUserId = t.Column<string>(maxLength: 450, nullable: true),
            RepliedAtUtc = t.Column<DateTime>(nullable: true),
            RepliedOn = t.Column<DateOnly>(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SupervisionNotices", x => x.Id);
            t.ForeignKey("FK_SupervisionNotices_Cases_PetitionCaseId", x => x.PetitionCaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_SupervisionNotices_OrgUnits_ToUnitId", x => x.ToUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_SupervisionNotices_PetitionCaseId", "SupervisionNotices", "PetitionCaseId");
        m.CreateIndex("IX_SupervisionNotices_ToUnitId_RepliedAtUtc", "SupervisionNotices", new[] { "ToUnitId", "RepliedAtUtc" });

        m.CreateTable("VisitCases", t => new
        {
            Id = Key(t),
            VisitId = t.Column<int>(nullable: false),
            PetitionCaseId = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_VisitCases", x => x.Id);
            t.ForeignKey("FK_VisitCases_Visits_VisitId", x => x.VisitId, "Visits", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_VisitCases_Cases_PetitionCaseId", x => x.PetitionCaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_VisitCases_VisitId_PetitionCaseId", "VisitCases", new[] { "VisitId", "PetitionCaseId" }, unique: true);
        m.CreateIndex("IX_VisitCases_PetitionCaseId", "VisitCases", "PetitionCaseId");
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "VisitCases", "SupervisionNotices", "CaseChecklistEntries", "CaseCoHandlingUnits", "CaseEvents", "CasePetitioners", "Cases", "CaseNumberCounters", "ChecklistItems", "CaseCategories" })
        {
            m.DropTable(table);
        }

        m.DropColumn("Kind", "Visits");
    }
}
