using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// Issue 19 item 2: the periodic 通报 (one per unit and period; number, commentary and the JSON snapshot once published), and
/// the offices' document number counters generalised to a series per kind of document: the 督办通知书's counters move to
/// the series <c>notice</c>, the 通报 count in <c>report</c>.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206060500_PeriodicReports")]
public sealed class PeriodicReports : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("DocumentNumberCounters", t => new
        {
            OrgUnitId = t.Column<int>(nullable: false),
            Series = t.Column<string>(maxLength: 20, nullable: false),
            Year = t.Column<int>(nullable: false),
            LastSequence = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_DocumentNumberCounters", x => new { x.OrgUnitId, x.Series, x.Year });
            t.ForeignKey("FK_DocumentNumberCounters_OrgUnits_OrgUnitId", x => x.OrgUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.Sql("""
            INSERT INTO "DocumentNumberCounters" ("OrgUnitId", "Series", "Year", "LastSequence")
            SELECT "OrgUnitId", 'notice', "Year", "LastSequence" FROM "NoticeNumberCounters"
            """);
        m.DropTable("NoticeNumberCounters");

        m.CreateTable("PeriodicReports", t => new
        {
            Id = MigrationColumns.Key(t),
            OrgUnitId = t.Column<int>(nullable: false),
            Kind = t.Column<int>(nullable: false),
            Year = t.Column<int>(nullable: false),
            Number = t.Column<int>(nullable: false),
            State = t.Column<int>(nullable: false),
            DraftedAtUtc = t.Column<DateTime>(nullable: false),
            Commentary = t.Column<string>(maxLength: 2000, nullable: true),
            PublishedAtUtc = t.Column<DateTime>(nullable: true),
            PublishedOn = t.Column<DateOnly>(nullable: true),
            PublishedByUserId = t.Column<string>(maxLength: 450, nullable: true),
            NumberYear = t.Column<int>(nullable: true),
            NumberSequence = t.Column<int>(nullable: true),
            DocumentNumber = t.Column<string>(maxLength: 50, nullable: true),
            Snapshot = t.Column<string>(nullable: true),
            Version = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_PeriodicReports", x => x.Id);
            t.ForeignKey("FK_PeriodicReports_OrgUnits_OrgUnitId", x => x.OrgUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_PeriodicReports_OrgUnitId_Kind_Year_Number", "PeriodicReports", new[] { "OrgUnitId", "Kind", "Year", "Number" }, unique: true);
        m.CreateIndex("IX_PeriodicReports_OrgUnitId_NumberYear_NumberSequence", "PeriodicReports", new[] { "OrgUnitId", "NumberYear", "NumberSequence" }, unique: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("PeriodicReports");
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
        m.Sql("""
            INSERT INTO "NoticeNumberCounters" ("OrgUnitId", "Year", "LastSequence")
            SELECT "OrgUnitId", "Year", "LastSequence" FROM "DocumentNumberCounters" WHERE "Series" = 'notice'
            """);
        m.DropTable("DocumentNumberCounters");
    }
}
