using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// Issue 18 item 2: the colour-change chart counts the ColourChanged events (kind 25) of the cases in scope by month. Read
/// through <c>IX_CaseEvents_Kind_AtUtc</c> it fetched each event's row (45,000 at 1,000,000 cases), or, once PostgreSQL knew a
/// county's case count (<see cref="CaseScopeStatistics"/>), probed every case's history for them (9,890 cases, 40,000 events
/// read: 95–110 ms). A partial index over those events by case and time, carrying the two colours (INCLUDE, on PostgreSQL),
/// answers it from the index alone: 18 ms for a county. Recolouring adds a few thousand entries a night.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206070210_ColourChangeIndex")]
public sealed class ColourChangeIndex : Migration
{
    internal const string Name = "IX_CaseEvents_ColourChanged";
    internal const string Filter = "\"Kind\" = 25";

    protected override void Up(MigrationBuilder m) =>
        m.CreateIndex(Name, "CaseEvents", ["PetitionCaseId", "AtUtc"], filter: Filter)
            .Annotation("Npgsql:IndexInclude", new[] { "Before", "After" });

    protected override void Down(MigrationBuilder m) => m.DropIndex(Name, "CaseEvents");
}
