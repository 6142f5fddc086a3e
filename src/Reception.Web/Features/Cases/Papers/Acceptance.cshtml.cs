using Reception.Core.Cases;

namespace Reception.Web.Features.Cases.Papers;

/// <summary>
/// 受理告知书 or 不予受理告知书 (信访工作条例 Art. 23), addressed to the petitioner: once the case is accepted (with the unit and
/// the handling deadline) or not accepted (with the reason). 404 before either.
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.UnitHandler)]
public sealed class AcceptanceModel(CasePapers papers) : CasePaperPage(papers)
{
    public bool Accepted => Case.State != CaseState.NotAccepted;

    protected override bool Exists(PetitionCase c) => c.State == CaseState.NotAccepted || c.AcceptedAtUtc is not null;

    // Declared here too, so the page's own handlers are visible where pages are listed by their declared methods.
    public override Task<IActionResult> OnGetAsync() => base.OnGetAsync();
}
