using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// Issue 19 item 5 and issue 18 item 2 (the metrics page and the charts at 1,000,000 cases; README "Casework performance",
/// metrics). Each of the page's grouped statements reads the cases received in a period: <c>IX_Cases_Metrics</c> holds, in
/// order of receipt, every column those statements read (scope, township, category, channel, the counted columns and the
/// columns of "closed on time"), so they read the index alone (on PostgreSQL an index-only scan, which needs the visibility
/// map that VACUUM keeps). The colour mix reads the colour changes of the history from the partial
/// <c>IX_CaseEvents_ColourChanges</c> (some 5% of the events). On PostgreSQL the scope columns get a larger statistics sample
/// (every unit in the most-common-values list), so that a county's <c>= ANY(ids)</c> is estimated from the real counts and
/// read through the scope indexes instead of the whole period.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206070100_MetricsIndexes")]
public sealed class MetricsIndexes : Migration
{
    internal const string Metrics = "IX_Cases_Metrics";
    internal const string ColourChanges = "IX_CaseEvents_ColourChanges";
    internal const string ColourChangesFilter = "\"Kind\" = 25";

    /// <summary>The statistics target of the scope columns on PostgreSQL (above the number of distinct units that hold cases).</summary>
    internal const int ScopeStatistics = 2500;

    internal static readonly string[] MetricsColumns =
    [
        "ReceivedOn", "OrgUnitId", "HandlingUnitId", "TransferredToUnitId", "StabilityControlUnitId", "CategoryCode", "Channel", "Flags",
        "State", "DueOn", "OwnerLeaderId", "IsResolved", "ClosedAtUtc", "Evaluation",
        "AppealLevel", "AcceptedAtUtc", "ExtensionDays", "HearingFrom", "HearingTo", "ReplyDate",
    ];

    protected override void Up(MigrationBuilder m)
    {
        m.CreateIndex(Metrics, "Cases", MetricsColumns);
        m.CreateIndex(ColourChanges, "CaseEvents", ["AtUtc", "PetitionCaseId", "Before", "After"], filter: ColourChangesFilter);
        if (m.ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL") return;
        m.Sql($"""ALTER TABLE "Cases" ALTER COLUMN "OrgUnitId" SET STATISTICS {ScopeStatistics}""");
        m.Sql($"""ALTER TABLE "Cases" ALTER COLUMN "HandlingUnitId" SET STATISTICS {ScopeStatistics}""");
        m.Sql("""ANALYZE "Cases" ("OrgUnitId", "HandlingUnitId")"""); // the two columns only: a whole-table ANALYZE now takes ~16 s at 1,000,000 cases
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex(ColourChanges, "CaseEvents");
        m.DropIndex(Metrics, "Cases");
        if (m.ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL") return;
        m.Sql("""ALTER TABLE "Cases" ALTER COLUMN "OrgUnitId" SET STATISTICS -1""");
        m.Sql("""ALTER TABLE "Cases" ALTER COLUMN "HandlingUnitId" SET STATISTICS -1""");
    }
}
