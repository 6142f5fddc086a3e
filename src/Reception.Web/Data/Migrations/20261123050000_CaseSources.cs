using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// The cases registered at a duty or on a visit (the duty record and visit pages list them, the duty record list counts
/// them): partial indexes on the two source columns, which most cases leave empty.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123050000_CaseSources")]
public sealed class CaseSources : Migration
{
    internal const string FromDuty = "\"SourceDutyAssignmentId\" IS NOT NULL";
    internal const string FromVisit = "\"SourceVisitId\" IS NOT NULL";

    protected override void Up(MigrationBuilder m)
    {
        m.CreateIndex("IX_Cases_SourceDutyAssignmentId", "Cases", "SourceDutyAssignmentId", filter: FromDuty);
        m.CreateIndex("IX_Cases_SourceVisitId", "Cases", "SourceVisitId", filter: FromVisit);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_Cases_SourceVisitId", "Cases");
        m.DropIndex("IX_Cases_SourceDutyAssignmentId", "Cases");
    }
}
