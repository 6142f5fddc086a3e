using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// Issue 17 item 1: the case search index (<see cref="Search.CaseSearchIndex"/>), one row of character-bigram terms per case.
/// SQLite: an FTS5 table without stored content or positions (the terms are only matched, never read back; contentless_delete
/// lets a case's row be replaced), the ascii tokenizer (every non-ASCII character is part of a term, so the bigrams go in as
/// written). PostgreSQL: a plain table with a tsvector and a GIN index (pg_trgm cannot index two-character words). Not in the EF
/// model. The rows of existing cases are written at the first start (<see cref="Search.CaseSearchIndex.BackfillAsync"/>: the
/// terms are computed in C#).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206050300_CaseSearch")]
public sealed class CaseSearch : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        if (m.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            m.Sql("""
                CREATE TABLE "CaseSearch" (
                    "CaseId" integer NOT NULL CONSTRAINT "PK_CaseSearch" PRIMARY KEY
                        CONSTRAINT "FK_CaseSearch_Cases_CaseId" REFERENCES "Cases" ("Id") ON DELETE CASCADE,
                    "Terms" tsvector NOT NULL)
                """);
            m.Sql("""CREATE INDEX "IX_CaseSearch_Terms" ON "CaseSearch" USING gin ("Terms")""");
        }
        else
        {
            m.Sql("""CREATE VIRTUAL TABLE "CaseSearch" USING fts5("Terms", content='', contentless_delete=1, detail=none, tokenize='ascii')""");
        }
    }

    protected override void Down(MigrationBuilder m) => m.Sql("""DROP TABLE "CaseSearch" """);
}
