using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// Issue 17 item 8, bringing an office's old ledger in: the old number (ExternalReference) and the import of each imported
/// case; the uploads waiting between upload and import (their table encrypted); each office's last column mapping; the
/// imports themselves. (No foreign key from Cases to CaseImportBatches: SQLite cannot add one to an existing table.)
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206060100_CaseImport")]
public sealed class CaseImport : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("ExternalReference", "Cases", maxLength: 50, nullable: true);
        m.AddColumn<int>("ImportBatchId", "Cases", nullable: true);
        m.CreateIndex("IX_Cases_ExternalReference_OrgUnitId", "Cases", new[] { "ExternalReference", "OrgUnitId" });
        m.CreateIndex("IX_Cases_ImportBatchId", "Cases", "ImportBatchId");

        m.CreateTable("CaseImportUploads", t => new
        {
            Id = t.Column<string>(maxLength: 32, nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            OrgUnitId = t.Column<int>(nullable: false),
            FileName = t.Column<string>(maxLength: 200, nullable: false),
            RowCount = t.Column<int>(nullable: false),
            Table = t.Column<string>(nullable: false),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseImportUploads", x => x.Id);
            t.ForeignKey("FK_CaseImportUploads_OrgUnits_OrgUnitId", x => x.OrgUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CaseImportUploads_CreatedAtUtc", "CaseImportUploads", "CreatedAtUtc");
        m.CreateIndex("IX_CaseImportUploads_OrgUnitId", "CaseImportUploads", "OrgUnitId");

        m.CreateTable("CaseImportMappings", t => new
        {
            OrgUnitId = t.Column<int>(nullable: false),
            Mapping = t.Column<string>(nullable: false),
            UpdatedByUserId = t.Column<string>(maxLength: 450, nullable: false),
            UpdatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseImportMappings", x => x.OrgUnitId);
            t.ForeignKey("FK_CaseImportMappings_OrgUnits_OrgUnitId", x => x.OrgUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("CaseImportBatches", t => new
        {
            Id = MigrationColumns.Key(t),
            OrgUnitId = t.Column<int>(nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            FileName = t.Column<string>(maxLength: 200, nullable: false),
            CaseCount = t.Column<int>(nullable: false),
            AtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseImportBatches", x => x.Id);
            t.ForeignKey("FK_CaseImportBatches_OrgUnits_OrgUnitId", x => x.OrgUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_CaseImportBatches_OrgUnitId_AtUtc", "CaseImportBatches", new[] { "OrgUnitId", "AtUtc" });
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("CaseImportBatches");
        m.DropTable("CaseImportMappings");
        m.DropTable("CaseImportUploads");
        m.DropIndex("IX_Cases_ImportBatchId", "Cases");
        m.DropIndex("IX_Cases_ExternalReference_OrgUnitId", "Cases");
        m.DropColumn("ImportBatchId", "Cases");
        m.DropColumn("ExternalReference", "Cases");
    }
}
