using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// Issue 17, items 4, 6 and 7: the 督办通知书's document number (the issuing office, year and sequence, and the number as
/// printed; unique per office and year) with its counter and each office's prefix; the petitioner's query code (a salted
/// hash, one per case); the comment of an evaluation. Notices issued before keep no number. (No foreign key is added to
/// SupervisionNotices: SQLite cannot add one to an existing table without rebuilding it.)
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206050400_PapersAndQueryCodes")]
public sealed class PapersAndQueryCodes : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("NoticePrefix", "OrgUnits", maxLength: 20, nullable: true);
        m.AddColumn<string>("EvaluationComment", "Cases", maxLength: 500, nullable: true);

        m.AddColumn<int>("IssuingUnitId", "SupervisionNotices", nullable: true);
        m.AddColumn<int>("NumberYear", "SupervisionNotices", nullable: true);
        m.AddColumn<int>("NumberSequence", "SupervisionNotices", nullable: true);
        m.AddColumn<string>("DocumentNumber", "SupervisionNotices", maxLength: 50, nullable: true);
        m.CreateIndex("IX_SupervisionNotices_IssuingUnitId_NumberYear_NumberSequence", "SupervisionNotices",
            new[] { "IssuingUnitId", "NumberYear", "NumberSequence" }, unique: true);

        m.CreateTable("NoticeNumberCounters", t => new
        {
            OrgUnitId = t.Column<int>(nullable: false),
            Year = t.Column<int>(nullable: false),
            LastSequence = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NoticeNumberCounters", x => new { x.OrgUnitId, x.Year });
            t.ForeignKey("FK_NoticeNumberCounters_OrgUnits_OrgUnitId", x => x.OrgUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
        });

        m.CreateTable("CaseQueryCodes", t => new
        {
            PetitionCaseId = t.Column<int>(nullable: false),
            Hash = t.Column<string>(maxLength: 120, nullable: false),
            IssuedAtUtc = t.Column<DateTime>(nullable: false),
            IssuedByUserId = t.Column<string>(maxLength: 450, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseQueryCodes", x => x.PetitionCaseId);
            t.ForeignKey("FK_CaseQueryCodes_Cases_PetitionCaseId", x => x.PetitionCaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("CaseQueryCodes");
        m.DropTable("NoticeNumberCounters");
        m.DropIndex("IX_SupervisionNotices_IssuingUnitId_NumberYear_NumberSequence", "SupervisionNotices");
        m.DropColumn("DocumentNumber", "SupervisionNotices");
        m.DropColumn("NumberSequence", "SupervisionNotices");
        m.DropColumn("NumberYear", "SupervisionNotices");
        m.DropColumn("IssuingUnitId", "SupervisionNotices");
        m.DropColumn("EvaluationComment", "Cases");
        m.DropColumn("NoticePrefix", "OrgUnits");
    }
}
