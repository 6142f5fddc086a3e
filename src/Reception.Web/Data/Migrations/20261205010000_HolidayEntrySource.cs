using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// A holiday date remembers whether an administrator set it by hand (the day page) rather than it coming from the State
/// Council's notice (shipped, imported, pasted), so the effective calendar can say where each date comes from
/// (HolidayEntry.EnteredByHand; `holidays show`). Existing dates cannot be told apart afterwards and count as official.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261205010000_HolidayEntrySource")]
public sealed class HolidayEntrySource : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<bool>("EnteredByHand", "HolidayEntries", nullable: false, defaultValue: false);

    protected override void Down(MigrationBuilder m) => m.DropColumn("EnteredByHand", "HolidayEntries");
}
