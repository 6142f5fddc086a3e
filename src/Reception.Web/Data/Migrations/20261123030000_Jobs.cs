using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static Reception.Web.Data.Migrations.MigrationColumns;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// The scheduled jobs' ledger: one row per occurrence, unique by its key. (The scheduler of the time created its own
/// QRTZ_ tables when it started; migration 20261204010000_Hangfire removes them.)
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123030000_Jobs")]
public sealed class Jobs : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("JobRuns", t => new
        {
            Id = Key(t),
            JobName = t.Column<string>(maxLength: 100, nullable: false),
            OccurrenceKey = t.Column<string>(maxLength: 150, nullable: false),
            ScheduledAtUtc = t.Column<DateTime>(nullable: false),
            Manual = t.Column<bool>(nullable: false),
            Node = t.Column<string>(maxLength: 200, nullable: false),
            StartedAtUtc = t.Column<DateTime>(nullable: false),
            FinishedAtUtc = t.Column<DateTime>(nullable: true),
            DurationMs = t.Column<long>(nullable: true),
            Outcome = t.Column<int>(nullable: false),
            Error = t.Column<string>(maxLength: 2000, nullable: true),
            Summary = t.Column<string>(maxLength: 2000, nullable: true),
        }, constraints: t => t.PrimaryKey("PK_JobRuns", x => x.Id));
        m.CreateIndex("IX_JobRuns_OccurrenceKey", "JobRuns", "OccurrenceKey", unique: true);
        m.CreateIndex("IX_JobRuns_JobName_StartedAtUtc", "JobRuns", new[] { "JobName", "StartedAtUtc" });
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("JobRuns");
}
