using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// Issue 15, items 11, 12 and 15: the daily digest (a preference's Digest flag, the items waiting for a digest), org
/// units' group robots and the outbox messages that go to them (Channel, OrgUnitId), and notifications' texts as keys
/// and arguments (TitleMessage, BodyMessage). Existing preferences get the new default, the digest (it only applies
/// where email is on and the kind is not urgent); existing notifications keep their rendered texts, shown as before.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206040400_DigestAndRobots")]
public sealed class DigestAndRobots : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<bool>("Digest", "NotificationPreferences", nullable: false, defaultValue: false);
        m.Sql("UPDATE \"NotificationPreferences\" SET \"Digest\" = TRUE");

        m.AddColumn<string>("TitleMessage", "Notifications", maxLength: 4000, nullable: true);
        m.AddColumn<string>("BodyMessage", "Notifications", maxLength: 4000, nullable: true);

        m.AddColumn<int>("Channel", "OutboxMessages", nullable: false, defaultValue: 0);
        m.AddColumn<int>("OrgUnitId", "OutboxMessages", nullable: true);

        m.CreateTable("DigestItems", t => new
        {
            Id = MigrationColumns.Key(t),
            Key = t.Column<string>(maxLength: 200, nullable: false),
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Kind = t.Column<string>(maxLength: 50, nullable: false),
            TitleMessage = t.Column<string>(maxLength: 4000, nullable: false),
            BodyMessage = t.Column<string>(maxLength: 4000, nullable: false),
            Link = t.Column<string>(maxLength: 300, nullable: true),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
            DigestKey = t.Column<string>(maxLength: 200, nullable: true),
            DigestedAtUtc = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_DigestItems", x => x.Id);
            t.ForeignKey("FK_DigestItems_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_DigestItems_Key", "DigestItems", "Key", unique: true);
        m.CreateIndex("IX_DigestItems_DigestKey_UserId", "DigestItems", new[] { "DigestKey", "UserId" });
        m.CreateIndex("IX_DigestItems_UserId", "DigestItems", "UserId");

        m.CreateTable("UnitRobots", t => new
        {
            OrgUnitId = t.Column<int>(nullable: false),
            Kind = t.Column<int>(nullable: false),
            Url = t.Column<string>(maxLength: 256, nullable: false),
            Secret = t.Column<string>(maxLength: 200, nullable: true),
            UpdatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_UnitRobots", x => x.OrgUnitId);
            t.ForeignKey("FK_UnitRobots_OrgUnits_OrgUnitId", x => x.OrgUnitId, "OrgUnits", "Id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("UnitRobots");
        m.DropTable("DigestItems");
        m.DropColumn("OrgUnitId", "OutboxMessages");
        m.DropColumn("Channel", "OutboxMessages");
        m.DropColumn("BodyMessage", "Notifications");
        m.DropColumn("TitleMessage", "Notifications");
        m.DropColumn("Digest", "NotificationPreferences");
    }
}
