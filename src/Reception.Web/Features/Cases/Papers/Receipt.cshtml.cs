using Reception.Core.Audit;
using Reception.Web.Audit;

namespace Reception.Web.Features.Cases.Papers;

/// <summary>
/// The receipt (回执) given at intake: number, date, the office, what happens next and the query code. The code is shown
/// once — right after registration (from TempData) or after a clerk issues a new one here (the old one stops working;
/// audited) — and is never stored in clear, so a reprint without a new code says how to get one.
/// </summary>
[Authorize(Roles = Roles.Clerk)]
public sealed class ReceiptModel(CasePapers papers, QueryCodes codes, AppDbContext db, CurrentUser me) : CasePaperPage(papers)
{
    /// <summary>The code to print, when it was issued just now; null on a reprint.</summary>
    public string? Code { get; private set; }

    public bool HasCode { get; private set; }
    public Uri QueryAddress => new(Reception.Web.Features.Calendar.Feeds.FeedEndpoints.Site(Request), "query");

    public override async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        if (TempData[QueryCodes.TempDataKey] is string issued && issued.StartsWith(Id.ToString(CultureInfo.InvariantCulture) + ":", StringComparison.Ordinal))
            Code = issued[(issued.IndexOf(':', StringComparison.Ordinal) + 1)..];
        else if (TempData.ContainsKey(QueryCodes.TempDataKey))
            TempData.Keep(QueryCodes.TempDataKey); // another case's code, not yet printed
        return await ShowAsync();
    }

    /// <summary>Issues a new query code (the old one stops working) and prints it on the receipt.</summary>
    public async Task<IActionResult> OnPostReissueAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Code = await codes.IssueAsync(Id, me.UserId!, HttpContext.RequestAborted);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        AuditMarks.Add(HttpContext, new AuditEntry(AuditActions.QueryCodeIssue, AuditOutcome.Success, "case:" + Case.Number,
            "a new query code; the earlier one no longer works"));
        return await ShowAsync();
    }

    private async Task<IActionResult> ShowAsync()
    {
        HasCode = Code is not null || await codes.IssuedAtAsync(Id, HttpContext.RequestAborted) is not null;
        if (Code is not null) Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
