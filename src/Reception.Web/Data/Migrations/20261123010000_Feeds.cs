using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static Reception.Web.Data.Migrations.MigrationColumns;

namespace Reception.Web.Data.Migrations;

/// <summary>Calendar feeds: the hashed secrets of personal and office subscription links.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123010000_Feeds")]
public sealed class Feeds : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("FeedTokens", t => new
        {
            Id = Key(t),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Kind = t.Column<int>(nullable: false),
            TokenHash = t.Column<string>(maxLength: 64, nullable: false),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
            RotatedAtUtc = t.Column<DateTime>(nullable: true),
            RevokedAtUtc = t.Column<DateTime>(nullable: true),
            LastUsedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_FeedTokens", x => x.Id);
            t.ForeignKey("FK_FeedTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_FeedTokens_TokenHash", "FeedTokens", "TokenHash", unique: true);
        m.CreateIndex("IX_FeedTokens_UserId_Kind", "FeedTokens", new[] { "UserId", "Kind" });
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("FeedTokens");
}
