using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Reception.Web.Data.Migrations;

/// <summary>
/// Issue 19 item 3: the versions of the leaders' assessment weights (append-only; the version number is the key, so two
/// administrators saving at once cannot both write version n).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206060600_AssessmentWeights")]
public sealed class AssessmentWeights : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("AssessmentWeights", t => new
        {
            Version = t.Column<int>(nullable: false),
            EffectiveFrom = t.Column<DateOnly>(nullable: false),
            Duties = t.Column<int>(nullable: false),
            VisitDays = t.Column<int>(nullable: false),
            Appointments = t.Column<int>(nullable: false),
            Resolution = t.Column<int>(nullable: false),
            OnTime = t.Column<int>(nullable: false),
            Satisfaction = t.Column<int>(nullable: false),
            CreatedByUserId = t.Column<string>(maxLength: 450, nullable: false),
            CreatedAtUtc = t.Column<DateTime>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_AssessmentWeights", x => x.Version));
    }

    protected override void Down(MigrationBuilder m) => m.DropTable("AssessmentWeights");
}
