using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static Reception.Web.Data.Migrations.MigrationColumns;

namespace Reception.Web.Data.Migrations;

/// <summary>The mail outbox: rendered messages with their idempotency keys, retry state and dispatcher leases.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123020000_Outbox")]
public sealed class Outbox : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("OutboxMessages", t => new
        {
            Id = Key(t),
            IdempotencyKey = t.Column<string>(maxLength: 200, nullable: false),
            Kind = t.Column<string>(maxLength: 50, nullable: false),
            RecipientUserId = t.Column<string>(maxLength: 450, nullable: true),
            RecipientAddress = t.Column<string>(maxLength: 256, nullable: false),
            Culture = t.Column<string>(maxLength: 10, nullable: false),
            Subject = t.Column<string>(maxLength: 300, nullable: false),
            HtmlBody = t.Column<string>(nullable: false),
            TextBody = t.Column<string>(nullable: false),
            Link = t.Column<string>(maxLength: 500, nullable: true),
            Status = t.Column<int>(nullable: false),
            Attempts = t.Column<int>(nullable: false),
            NextAttemptAtUtc = t.Column<DateTime>(nullable: false),
            LastError = t.Column<string>(maxLength: 1000, nullable: true),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
            SentAtUtc = t.Column<DateTime>(nullable: true),
            ClaimedUntilUtc = t.Column<DateTime>(nullable: true),
            ClaimedBy = t.Column<string>(maxLength: 100, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_OutboxMessages", x => x.Id));
        m.CreateIndex("IX_OutboxMessages_IdempotencyKey", "OutboxMessages", "IdempotencyKey", unique: true);
        m.CreateIndex("IX_OutboxMessages_Status_NextAttemptAtUtc", "OutboxMessages", new[] { "Status", "NextAttemptAtUtc" });
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("OutboxMessages");
}
