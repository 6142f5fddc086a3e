using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// Notification preferences (per user and kind: in the app, by email) and the occurrence key of in-app notifications,
/// unique per user where present, so a repeated occurrence adds no second notification even for a user without an
/// email address.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123040000_NotificationPreferences")]
public sealed class NotificationPreferences : Migration
{
    /// <summary>The partial index's filter; the same SQL on SQLite and PostgreSQL.</summary>
    internal const string HasOccurrence = "\"OccurrenceKey\" IS NOT NULL";

    private const string OccurrenceIndex = "IX_Notifications_UserId_OccurrenceKey";

    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<string>("OccurrenceKey", "Notifications", maxLength: 200, nullable: true);
        m.CreateIndex(OccurrenceIndex, "Notifications", new[] { "UserId", "OccurrenceKey" }, unique: true, filter: HasOccurrence);

        m.CreateTable("NotificationPreferences", t => new
        {
            UserId = t.Column<string>(maxLength: 450, nullable: false),
            Kind = t.Column<string>(maxLength: 50, nullable: false),
            InApp = t.Column<bool>(nullable: false),
            Email = t.Column<bool>(nullable: false),
            UpdatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NotificationPreferences", x => new { x.UserId, x.Kind });
            t.ForeignKey("FK_NotificationPreferences_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("NotificationPreferences");
        m.DropIndex(OccurrenceIndex, "Notifications");
        m.DropColumn("OccurrenceKey", "Notifications");
    }
}
