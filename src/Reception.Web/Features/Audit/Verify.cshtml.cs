using Reception.Core.Audit;
using Reception.Web.Audit;

namespace Reception.Web.Features.Audit;

/// <summary>Checks the whole hash chain and names the first broken link (the same check as <c>audit verify</c>).</summary>
[Authorize(Roles = Roles.Auditor)]
public sealed class VerifyModel(AppDbContext db, AuditLog audit, IStringLocalizer<SharedResource> l) : PageModel
{
    public AuditVerificationResult? Result { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Result = await AuditVerification.VerifyAsync(db, ct);
        await audit.RecordAsync(AuditActions.AuditVerify, Result.IsIntact ? AuditOutcome.Success : AuditOutcome.Failure, null,
            Result.IsIntact ? $"records={Result.Checked}" : $"first broken={Result.FirstBrokenId}; {Result.Reason}", ct);
        return Page();
    }

    public string ReasonText(AuditBreak reason) => reason switch
    {
        AuditBreak.RecordChanged => l["the record was changed after it was written"],
        AuditBreak.PreviousHashMismatch => l["it does not follow the record before it (that one was changed or replaced)"],
        AuditBreak.Gap => l["records before it are missing"],
        _ => l["the first record neither starts the log nor follows a recorded archiving"],
    };
}
