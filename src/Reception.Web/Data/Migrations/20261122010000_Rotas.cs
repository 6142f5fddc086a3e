using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static Reception.Web.Data.Migrations.MigrationColumns;

namespace Reception.Web.Data.Migrations;

/// <summary>Rotas: venues, rules, monthly rotas with published versions, unavailability, visits, swaps, notifications.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122010000_Rotas")]
public sealed class Rotas : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Venues", t => new
        {
            Id = Key(t),
            OrgUnitId = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Address = t.Column<string>(maxLength: 200, nullable: false),
            IsActive = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Venues", x => x.Id);
            t.ForeignKey("FK_Venues_OrgUnits_OrgUnitId", x => x.OrgUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Venues_OrgUnitId", "Venues", "OrgUnitId");

        m.CreateTable("DutyRules", t => new
        {
            Id = Key(t),
            OrgUnitId = t.Column<int>(nullable: false),
            VenueId = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Pattern = t.Column<int>(nullable: false),
            MinimumPerMonth = t.Column<int>(nullable: false),
            WeekdayMask = t.Column<int>(nullable: false),
            IsActive = t.Column<bool>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_DutyRules", x => x.Id);
            t.ForeignKey("FK_DutyRules_OrgUnits_OrgUnitId", x => x.OrgUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_DutyRules_Venues_VenueId", x => x.VenueId, "Venues", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_DutyRules_OrgUnitId", "DutyRules", "OrgUnitId");
        m.CreateIndex("IX_DutyRules_VenueId", "DutyRules", "VenueId");

        m.CreateTable("DutyRuleSessions", t => new
        {
            Id = Key(t),
            DutyRuleId = t.Column<int>(nullable: false),
            Index = t.Column<int>(nullable: false),
            Name = t.Column<string>(maxLength: 20, nullable: false),
            Start = t.Column<TimeOnly>(nullable: false),
            End = t.Column<TimeOnly>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_DutyRuleSessions", x => x.Id);
            t.ForeignKey("FK_DutyRuleSessions_DutyRules_DutyRuleId", x => x.DutyRuleId, "DutyRules", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_DutyRuleSessions_DutyRuleId_Index", "DutyRuleSessions", new[] { "DutyRuleId", "Index" }, unique: true);

        m.CreateTable("DutyRuleMembers", t => new
        {
            Id = Key(t),
            DutyRuleId = t.Column<int>(nullable: false),
            LeaderId = t.Column<int>(nullable: false),
            FixedWeekdayMask = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_DutyRuleMembers", x => x.Id);
            t.ForeignKey("FK_DutyRuleMembers_DutyRules_DutyRuleId", x => x.DutyRuleId, "DutyRules", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_DutyRuleMembers_Leaders_LeaderId", x => x.LeaderId, "Leaders", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_DutyRuleMembers_DutyRuleId_LeaderId", "DutyRuleMembers", new[] { "DutyRuleId", "LeaderId" }, unique: true);
        m.CreateIndex("IX_DutyRuleMembers_LeaderId", "DutyRuleMembers", "LeaderId");

        m.CreateTable("RotaMonths", t => new
        {
            Id = Key(t),
            DutyRuleId = t.Column<int>(nullable: false),
            Month = t.Column<DateOnly>(nullable: false),
            Status = t.Column<int>(nullable: false),
            PublishedNumber = t.Column<int>(nullable: false),
            PublishedAtUtc = t.Column<DateTime>(nullable: true),
            HasUnpublishedChanges = t.Column<bool>(nullable: false),
            UpdatedAtUtc = t.Column<DateTime>(nullable: false),
            NextPositionLeaderId = t.Column<int>(nullable: true),
            NextPositionRotationOrder = t.Column<int>(nullable: true),
            OwedLedgerJson = t.Column<string>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RotaMonths", x => x.Id);
            t.ForeignKey("FK_RotaMonths_DutyRules_DutyRuleId", x => x.DutyRuleId, "DutyRules", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_RotaMonths_DutyRuleId_Month", "RotaMonths", new[] { "DutyRuleId", "Month" }, unique: true);

        m.CreateTable("DutyAssignments", t => new
        {
            Id = Key(t),
            RotaMonthId = t.Column<int>(nullable: false),
            Date = t.Column<DateOnly>(nullable: false),
            SessionIndex = t.Column<int>(nullable: false),
            LeaderId = t.Column<int>(nullable: false),
            Source = t.Column<int>(nullable: false),
            IsCancelled = t.Column<bool>(nullable: false),
            Sequence = t.Column<int>(nullable: false),
            UpdatedAtUtc = t.Column<DateTime>(nullable: false),
            ActualLeaderId = t.Column<int>(nullable: true),
            Batches = t.Column<int>(nullable: true),
            People = t.Column<int>(nullable: true),
            RecordNotes = t.Column<string>(maxLength: 1000, nullable: true),
            RecordedAtUtc = t.Column<DateTime>(nullable: true),
            RecordedByUserId = t.Column<string>(maxLength: 450, nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_DutyAssignments", x => x.Id);
            t.ForeignKey("FK_DutyAssignments_RotaMonths_RotaMonthId", x => x.RotaMonthId, "RotaMonths", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_DutyAssignments_Leaders_LeaderId", x => x.LeaderId, "Leaders", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_DutyAssignments_Leaders_ActualLeaderId", x => x.ActualLeaderId, "Leaders", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_DutyAssignments_RotaMonthId_Date_SessionIndex", "DutyAssignments", new[] { "RotaMonthId", "Date", "SessionIndex" }, unique: true);
        m.CreateIndex("IX_DutyAssignments_LeaderId_Date", "DutyAssignments", new[] { "LeaderId", "Date" });
        m.CreateIndex("IX_DutyAssignments_ActualLeaderId", "DutyAssignments", "ActualLeaderId");

        m.CreateTable("RotaVersions", t => new
        {
            Id = Key(t),
            RotaMonthId = t.Column<int>(nullable: false),
            Number = t.Column<int>(nullable: false),
            PublishedAtUtc = t.Column<DateTime>(nullable: false),
            PublishedBy = t.Column<string>(maxLength: 50, nullable: false),
            SnapshotJson = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_RotaVersions", x => x.Id);
            t.ForeignKey("FK_RotaVersions_RotaMonths_RotaMonthId", x => x.RotaMonthId, "RotaMonths", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_RotaVersions_RotaMonthId_Number", "RotaVersions", new[] { "RotaMonthId", "Number" }, unique: true);

        m.CreateTable("Unavailabilities", t => new
        {
            Id = Key(t),
            LeaderId = t.Column<int>(nullable: false),
            From = t.Column<DateOnly>(nullable: false),
            To = t.Column<DateOnly>(nullable: false),
            Reason = t.Column<int>(nullable: false),
            Note = t.Column<string>(maxLength: 200, nullable: true),
            CreatedByUserId = t.Column<string>(maxLength: 450, nullable: false),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Unavailabilities", x => x.Id);
            t.ForeignKey("FK_Unavailabilities_Leaders_LeaderId", x => x.LeaderId, "Leaders", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Unavailabilities_LeaderId_From", "Unavailabilities", new[] { "LeaderId", "From" });

        m.CreateTable("Visits", t => new
        {
            Id = Key(t),
            LeaderId = t.Column<int>(nullable: false),
            Date = t.Column<DateOnly>(nullable: false),
            DestinationId = t.Column<int>(nullable: false),
            Purpose = t.Column<string>(maxLength: 500, nullable: false),
            AccompanyingUnits = t.Column<string>(maxLength: 300, nullable: true),
            Status = t.Column<int>(nullable: false),
            Outcome = t.Column<string>(maxLength: 2000, nullable: true),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
            UpdatedAtUtc = t.Column<DateTime>(nullable: false),
            Sequence = t.Column<int>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Visits", x => x.Id);
            t.ForeignKey("FK_Visits_Leaders_LeaderId", x => x.LeaderId, "Leaders", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Visits_OrgUnits_DestinationId", x => x.DestinationId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Visits_LeaderId_Date", "Visits", new[] { "LeaderId", "Date" });
        m.CreateIndex("IX_Visits_Date_DestinationId", "Visits", new[] { "Date", "DestinationId" });
        m.CreateIndex("IX_Visits_DestinationId", "Visits", "DestinationId");

        m.CreateTable("SwapRequests", t => new
        {
            Id = Key(t),
            Kind = t.Column<int>(nullable: false),
            AssignmentId = t.Column<int>(nullable: false),
            RequesterLeaderId = t.Column<int>(nullable: false),
            CounterpartLeaderId = t.Column<int>(nullable: false),
            CounterpartAssignmentId = t.Column<int>(nullable: true),
            Reason = t.Column<string>(maxLength: 200, nullable: true),
            Status = t.Column<int>(nullable: false),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SwapRequests", x => x.Id);
            t.ForeignKey("FK_SwapRequests_DutyAssignments_AssignmentId", x => x.AssignmentId, "DutyAssignments", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_SwapRequests_DutyAssignments_CounterpartAssignmentId", x => x.CounterpartAssignmentId, "DutyAssignments", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_SwapRequests_Leaders_RequesterLeaderId", x => x.RequesterLeaderId, "Leaders", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_SwapRequests_Leaders_CounterpartLeaderId", x => x.CounterpartLeaderId, "Leaders", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_SwapRequests_AssignmentId", "SwapRequests", "AssignmentId");
        m.CreateIndex("IX_SwapRequests_CounterpartAssignmentId", "SwapRequests", "CounterpartAssignmentId");
        m.CreateIndex("IX_SwapRequests_RequesterLeaderId", "SwapRequests", "RequesterLeaderId");
        m.CreateIndex("IX_SwapRequests_CounterpartLeaderId", "SwapRequests", "CounterpartLeaderId");

        m.CreateTable("SwapEvents", t => new
        {
            Id = Key(t),
            SwapRequestId = t.Column<int>(nullable: false),
            Action = t.Column<int>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            AtUtc = t.Column<DateTime>(nullable: false),
            Note = t.Column<string>(maxLength: 200, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SwapEvents", x => x.Id);
            t.ForeignKey("FK_SwapEvents_SwapRequests_SwapRequestId", x => x.SwapRequestId, "SwapRequests", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_SwapEvents_SwapRequestId", "SwapEvents", "SwapRequestId");

        m.CreateTable("Notifications", t => new
        {
            Id = Key(t),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Kind = t.Column<string>(maxLength: 50, nullable: false),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            Body = t.Column<string>(maxLength: 1000, nullable: false),
            Link = t.Column<string>(maxLength: 300, nullable: true),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
            ReadAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Notifications", x => x.Id);
            t.ForeignKey("FK_Notifications_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Notifications_UserId_ReadAtUtc", "Notifications", new[] { "UserId", "ReadAtUtc" });
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[] { "Notifications", "SwapEvents", "SwapRequests", "Visits", "Unavailabilities", "RotaVersions", "DutyAssignments", "RotaMonths", "DutyRuleMembers", "DutyRuleSessions", "DutyRules", "Venues" })
            m.DropTable(table);
    }
}
