using Reception.Web.Data.Configurations;

namespace Reception.Web.Data;

/// <summary>
/// The offices' own document numbers (文号): one sequence per office, series and year (the 督办通知书 and the 通报 each have
/// theirs), handed out by one atomic upsert with RETURNING on both SQLite and PostgreSQL, so two people never get the same
/// number and a number is never handed out twice. Call it inside the transaction that saves the numbered record, so a
/// refused or failed save uses no number.
/// </summary>
public static class DocumentNumbers
{
    public static async Task<int> AllocateAsync(AppDbContext db, int officeId, string series, int year, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(series);
        if (series.Length > DocumentNumberCounter.SeriesMaxLength) throw new ArgumentException("The series name is too long.", nameof(series));
        var sequence = await db.Database.SqlQuery<int>($"""
            INSERT INTO "DocumentNumberCounters" ("OrgUnitId", "Series", "Year", "LastSequence") VALUES ({officeId}, {series}, {year}, 1)
            ON CONFLICT ("OrgUnitId", "Series", "Year") DO UPDATE SET "LastSequence" = "DocumentNumberCounters"."LastSequence" + 1
            RETURNING "LastSequence" AS "Value"
            """).ToListAsync(ct);
        return sequence.Single();
    }
}
