using Reception.Core.Cases;

namespace Reception.Web.Features.Cases.Papers;

/// <summary>
/// The cover of the written reply (信访事项处理意见书), addressed to the petitioner: the matter, the unit that handled it, the
/// reply date, and the right to ask for 复查 / 复核 within 30 days (Art. 35, 36) with the last day. Only after the reply.
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.UnitHandler)]
public sealed class ReplyModel(CasePapers papers) : CasePaperPage(papers)
{
    protected override bool Exists(PetitionCase c) => c.ReplyDate is not null;

    // Declared here too, so the page's own handlers are visible where pages are listed by their declared methods.
    public override Task<IActionResult> OnGetAsync() => base.OnGetAsync();
}
