using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static Reception.Web.Data.Migrations.MigrationColumns;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// Jobs move to Hangfire (whose tables live in a file or schema of their own, created by Hangfire): the previous
/// scheduler's QRTZ_ tables go; the ledger records the Hangfire job that ran an occurrence and how many attempts it took. The
/// data-protection key ring moves into the database, so several app instances share it.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261204010000_Hangfire")]
public sealed class Hangfire : Migration
{
    /// <summary>The previous scheduler's tables, those that reference others first.</summary>
    private static readonly string[] OldSchedulerTables =
    [
        "QRTZ_FIRED_TRIGGERS", "QRTZ_SIMPLE_TRIGGERS", "QRTZ_SIMPROP_TRIGGERS", "QRTZ_CRON_TRIGGERS", "QRTZ_BLOB_TRIGGERS",
        "QRTZ_TRIGGERS", "QRTZ_JOB_DETAILS", "QRTZ_CALENDARS", "QRTZ_PAUSED_TRIGGER_GRPS", "QRTZ_PAUSED_JOB_GRPS",
        "QRTZ_SCHEDULER_STATE", "QRTZ_LOCKS", "QRTZ_EXECUTION_HISTORY", "QRTZ_MISFIRE_HISTORY", "QRTZ_JOB_STATUS",
    ];

    protected override void Up(MigrationBuilder m)
    {
        var postgres = m.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
        foreach (var table in OldSchedulerTables)
        {
            // Created unquoted: upper case on SQLite, folded to lower case on PostgreSQL.
            m.Sql(postgres ? $"DROP TABLE IF EXISTS {table.ToLowerInvariant()} CASCADE;" : $"DROP TABLE IF EXISTS {table};");
        }

        m.AddColumn<string>("BackgroundJobId", "JobRuns", maxLength: 100, nullable: true);
        m.AddColumn<int>("Attempts", "JobRuns", nullable: false, defaultValue: 1);

        m.CreateTable("DataProtectionKeys", t => new
        {
            Id = Key(t),
            FriendlyName = t.Column<string>(nullable: true),
            Xml = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_DataProtectionKeys", x => x.Id));
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("DataProtectionKeys");
        m.DropColumn("Attempts", "JobRuns");
        m.DropColumn("BackgroundJobId", "JobRuns");
    }
}
