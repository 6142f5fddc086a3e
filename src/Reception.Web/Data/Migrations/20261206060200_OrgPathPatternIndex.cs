using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// Issue 18 item 2: on PostgreSQL the org-path prefix match (<c>"Path" LIKE '/prov/c001/%'</c>, every scope filter) can use
/// <c>IX_OrgUnits_Path</c> only with the <c>text_pattern_ops</c> operator class when the database's collation is not C (the
/// usual case: <c>en_US.UTF-8</c>, <c>C.UTF-8</c>). The index is rebuilt with it (equality still uses it; ordering by path
/// sorts 14,000 rows at most). The model says the same (<c>HasOperators</c>, an annotation only Npgsql reads); nothing changes
/// on SQLite.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206060200_OrgPathPatternIndex")]
public sealed class OrgPathPatternIndex : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        if (m.ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL") return;
        m.Sql("""DROP INDEX "IX_OrgUnits_Path" """);
        m.Sql("""CREATE INDEX "IX_OrgUnits_Path" ON "OrgUnits" ("Path" text_pattern_ops)""");
    }

    protected override void Down(MigrationBuilder m)
    {
        if (m.ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL") return;
        m.Sql("""DROP INDEX "IX_OrgUnits_Path" """);
        m.Sql("""CREATE INDEX "IX_OrgUnits_Path" ON "OrgUnits" ("Path")""");
    }
}
