using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// The stored content versions of the calendar feeds (FeedVersion): a feed's ETag and Last-Modified come from them, so an
/// unchanged feed is answered without reading and rendering its events. No rows at first: a part that never changed reads
/// as stamp 0.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261124000000_FeedVersions")]
public sealed class FeedVersions : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("FeedVersions", t => new
        {
            Scope = t.Column<int>(nullable: false),
            TargetId = t.Column<int>(nullable: false),
            Stamp = t.Column<int>(nullable: false),
            ChangedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_FeedVersions", x => new { x.Scope, x.TargetId }));
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("FeedVersions");
}
