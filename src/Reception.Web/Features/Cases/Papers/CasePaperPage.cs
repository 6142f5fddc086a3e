using Reception.Core.Cases;

namespace Reception.Web.Features.Cases.Papers;

/// <summary>
/// A printed paper of one case (<c>/Cases/Papers/…/{id}</c>): loaded in the user's scope like the case page (404 outside
/// it); each page says which roles may print it and in which states the paper exists.
/// </summary>
public abstract class CasePaperPage(CasePapers papers) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public CasePaper Paper { get; private set; } = null!;
    public PetitionCase Case => Paper.Case;

    /// <summary>The petitioners' names, for a paper addressed to them.</summary>
    public string Petitioners => string.Join("、", Case.Petitioners.Select(p => p.Name));

    /// <summary>Loads the case; false when it is not in the user's scope or the paper does not exist in its state.</summary>
    protected async Task<bool> LoadAsync()
    {
        if (await papers.LoadAsync(Id, HttpContext.RequestAborted) is not { } paper || !Exists(paper.Case)) return false;
        Paper = paper;
        ViewData["Back"] = $"/Cases/Details/{Id}";
        return true;
    }

    /// <summary>Whether this paper exists for a case in its present state (e.g. the reply cover only after the reply).</summary>
    protected virtual bool Exists(PetitionCase c) => true;

    public virtual async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();
}
