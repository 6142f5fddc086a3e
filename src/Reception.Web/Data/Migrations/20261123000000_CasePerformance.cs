using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// Casework at province scale (README "Casework performance"): one partial covering index over the open cases (those with a
/// stored colour) for the board and the colour filters, replacing (Colour, OrgUnitId); and a partial index on
/// ReceivedByLeaderId, so that the planner keeps using it for "my cases" where few cases come from duties and visits; and a
/// covering index for the list filtered by category (with its scope columns, received date and summary), so that a category
/// with a text search reads the index alone and a page in date order stops after the page.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261123000000_CasePerformance")]
public sealed class CasePerformance : Migration
{
    internal const string OpenCases = "\"Colour\" IS NOT NULL";
    internal const string ReceivedByLeader = "\"ReceivedByLeaderId\" IS NOT NULL";
    // Named, because PostgreSQL cuts identifiers at 63 bytes.
    internal const string OpenColours = "IX_Cases_OpenColours";
    internal const string CategoryList = "IX_Cases_CategoryList";

    protected override void Up(MigrationBuilder m)
    {
        m.DropIndex("IX_Cases_Colour_OrgUnitId", "Cases");
        m.CreateIndex(OpenColours, "Cases",
            new[] { "Colour", "OrgUnitId", "HandlingUnitId", "TransferredToUnitId", "OwnerLeaderId" }, filter: OpenCases);
        m.DropIndex("IX_Cases_ReceivedByLeaderId", "Cases");
        m.CreateIndex("IX_Cases_ReceivedByLeaderId", "Cases", "ReceivedByLeaderId", filter: ReceivedByLeader);
        m.DropIndex("IX_Cases_CategoryCode", "Cases");
        m.CreateIndex(CategoryList, "Cases", new[] { "CategoryCode", "ReceivedOn", "OrgUnitId", "HandlingUnitId", "TransferredToUnitId", "Summary" });
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex(CategoryList, "Cases");
        m.CreateIndex("IX_Cases_CategoryCode", "Cases", "CategoryCode");
        m.DropIndex("IX_Cases_ReceivedByLeaderId", "Cases");
        m.CreateIndex("IX_Cases_ReceivedByLeaderId", "Cases", "ReceivedByLeaderId");
        m.DropIndex(OpenColours, "Cases");
        m.CreateIndex("IX_Cases_Colour_OrgUnitId", "Cases", new[] { "Colour", "OrgUnitId" });
    }
}
