using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// Files kept with cases (issue 17 item 5): the bytes once per content in AttachmentBlobs (keyed by SHA-256; BLOB on
/// SQLite, bytea on PostgreSQL), and one CaseAttachments row per file attached to a case or to one of its events.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206050500_CaseAttachments")]
public sealed class CaseAttachments : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("AttachmentBlobs", t => new
        {
            Hash = t.Column<string>(maxLength: 64, nullable: false),
            Length = t.Column<long>(nullable: false),
            Content = t.Column<byte[]>(nullable: false),
            Thumbnail = t.Column<byte[]>(nullable: true),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AttachmentBlobs", x => x.Hash));

        m.CreateTable("CaseAttachments", t => new
        {
            Id = MigrationColumns.Key(t),
            PetitionCaseId = t.Column<int>(nullable: false),
            CaseEventId = t.Column<long>(nullable: true),
            FileName = t.Column<string>(maxLength: 200, nullable: false),
            Type = t.Column<int>(nullable: false),
            Length = t.Column<long>(nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
            UploadedByUserId = t.Column<string>(maxLength: 450, nullable: false),
            UploadedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseAttachments", x => x.Id);
            t.ForeignKey("FK_CaseAttachments_Cases_PetitionCaseId", x => x.PetitionCaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_CaseAttachments_CaseEvents_CaseEventId", x => x.CaseEventId, "CaseEvents", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_CaseAttachments_AttachmentBlobs_Hash", x => x.Hash, "AttachmentBlobs", "Hash", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_CaseAttachments_PetitionCaseId_Id", "CaseAttachments", new[] { "PetitionCaseId", "Id" });
        m.CreateIndex("IX_CaseAttachments_Hash", "CaseAttachments", "Hash");
        m.CreateIndex("IX_CaseAttachments_CaseEventId", "CaseAttachments", "CaseEventId");
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("CaseAttachments");
        m.DropTable("AttachmentBlobs");
    }
}
