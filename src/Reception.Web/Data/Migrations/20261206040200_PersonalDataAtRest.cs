using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// Petitioners' personal data at rest (issue 16, item 13): ID numbers, phones and addresses become ciphertext
/// (PersonalData.CasePetitionerProtection), so their columns lose their length limits (text on PostgreSQL; SQLite has
/// none to lose), the index on the clear ID number goes, and two indexed blind-index columns find a person by ID number
/// or phone. The rows are encrypted after the migration by <see cref="PersonalData.PersonalDataStartup"/> (it needs the
/// key, which migrations do not have), at every start, for any row not yet under the current key.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206040200_PersonalDataAtRest")]
public sealed class PersonalDataAtRest : Migration
{
    private static readonly (string Column, int OldLength)[] Protected = [("IdentityNumber", 18), ("Phone", 30), ("Address", 200)];

    protected override void Up(MigrationBuilder m)
    {
        m.DropIndex("IX_CasePetitioners_IdentityNumber", "CasePetitioners");
        if (m.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            foreach (var (column, oldLength) in Protected)
                m.AlterColumn<string>(column, "CasePetitioners", type: "text", nullable: true, oldMaxLength: oldLength, oldNullable: true);
        }
        m.AddColumn<string>("IdentityNumberIndex", "CasePetitioners", maxLength: 44, nullable: true);
        m.AddColumn<string>("PhoneIndex", "CasePetitioners", maxLength: 44, nullable: true);
        m.CreateIndex("IX_CasePetitioners_IdentityNumberIndex", "CasePetitioners", "IdentityNumberIndex");
        m.CreateIndex("IX_CasePetitioners_PhoneIndex", "CasePetitioners", "PhoneIndex");
    }

    /// <summary>Back to clear columns: only after the rows were decrypted (the app does not do that; restore a backup from before instead).</summary>
    protected override void Down(MigrationBuilder m)
    {
        m.DropIndex("IX_CasePetitioners_PhoneIndex", "CasePetitioners");
        m.DropIndex("IX_CasePetitioners_IdentityNumberIndex", "CasePetitioners");
        m.DropColumn("PhoneIndex", "CasePetitioners");
        m.DropColumn("IdentityNumberIndex", "CasePetitioners");
        if (m.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            foreach (var (column, oldLength) in Protected)
                m.AlterColumn<string>(column, "CasePetitioners", maxLength: oldLength, nullable: true, oldType: "text", oldNullable: true);
        }
        m.CreateIndex("IX_CasePetitioners_IdentityNumber", "CasePetitioners", "IdentityNumber");
    }
}
