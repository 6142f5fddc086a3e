using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// A feed link remembers the ETag it last served and since when, so its Last-Modified moves on when the feed only loses
/// an event (FeedToken.ContentHash).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123060000_FeedContent")]
public sealed class FeedContent : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("ContentHash", "FeedTokens", maxLength: 32, nullable: true);
        m.AddColumn<DateTime>("ContentChangedAtUtc", "FeedTokens", nullable: true);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropColumn("ContentChangedAtUtc", "FeedTokens");
        m.DropColumn("ContentHash", "FeedTokens");
    }
}
