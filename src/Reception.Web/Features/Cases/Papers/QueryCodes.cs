using Reception.Core.Cases;
using Reception.Web.Data.Configurations;

namespace Reception.Web.Features.Cases.Papers;

/// <summary>
/// The petitioner's query code of a case (信访工作条例 Art. 21): issued at intake and shown once on the receipt; a clerk may
/// issue a new one, which replaces (and so invalidates) the old. Only <see cref="QueryCode.Hash"/> is stored.
/// </summary>
public sealed class QueryCodes(AppDbContext db, TimeProvider clock)
{
    /// <summary>TempData key of a just-issued code ("caseId:code"): the receipt shows it once, then it is gone.</summary>
    public const string TempDataKey = "QueryCode";

    /// <summary>A new code for the case (the old one stops working); saved with the next SaveChanges.</summary>
    public async Task<string> IssueAsync(int caseId, string userId, CancellationToken ct = default)
    {
        var code = QueryCode.Generate();
        var row = await db.CaseQueryCodes.SingleOrDefaultAsync(q => q.PetitionCaseId == caseId, ct);
        if (row is null)
        {
            row = new CaseQueryCode { PetitionCaseId = caseId };
            db.CaseQueryCodes.Add(row);
        }
        row.Hash = QueryCode.Hash(code);
        row.IssuedAtUtc = clock.GetUtcNow().UtcDateTime;
        row.IssuedByUserId = userId;
        return code;
    }

    /// <summary>When the case's current code was issued; null when it has none.</summary>
    public Task<DateTime?> IssuedAtAsync(int caseId, CancellationToken ct = default) =>
        db.CaseQueryCodes.AsNoTracking().Where(q => q.PetitionCaseId == caseId).Select(q => (DateTime?)q.IssuedAtUtc).SingleOrDefaultAsync(ct);

    /// <summary>
    /// The id of the case with this number whose current code is <paramref name="code"/>; null otherwise. A number that does
    /// not parse, a case without a code and a wrong code cost the same hash work and give the same null.
    /// </summary>
    public async Task<int?> FindAsync(string? number, string? code, CancellationToken ct = default)
    {
        (int Id, string Hash)? found = null;
        if (number is not null && CaseNumber.TryParse(number, out var parsed, out _))
        {
            var row = await (from c in db.Cases.AsNoTracking()
                             join q in db.CaseQueryCodes.AsNoTracking() on c.Id equals q.PetitionCaseId
                             where c.Number == parsed
                             select new { c.Id, q.Hash }).SingleOrDefaultAsync(ct);
            if (row is not null) found = (row.Id, row.Hash);
        }
        return QueryCode.Verify(code, found?.Hash) ? found!.Value.Id : null;
    }
}
