using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>The idempotency keys of creating forms (a double-submitted form creates one record; IdempotencyKey).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206040300_IdempotencyKeys")]
public sealed class IdempotencyKeys : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("IdempotencyKeys", t => new
        {
            Key = t.Column<string>(maxLength: 64, nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
            Location = t.Column<string>(maxLength: 2000, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_IdempotencyKeys", x => x.Key));
        m.CreateIndex("IX_IdempotencyKeys_CreatedAtUtc", "IdempotencyKeys", "CreatedAtUtc");
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("IdempotencyKeys");
}
