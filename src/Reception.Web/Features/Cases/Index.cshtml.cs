using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;
using Reception.Web.Features.Cases.Ledger;
using Reception.Web.Features.Org;

namespace Reception.Web.Features.Cases;

/// <summary>
/// The case list: filters (see <see cref="CaseListQuery"/> for the parameters other pages link with), 50 a page, sorting,
/// and the whole filtered result as CSV.
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Supervisor)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, CaseService cases, OrgChoices choices, IStringLocalizer<SharedResource> l) : PageModel
{
    public CaseListQuery Filter { get; private set; } = new();
    public Paged<CaseListRow> Cases { get; private set; } = new([], 1, CaseListQuery.PageSize, 0);
    public IReadOnlyList<string> FilterMessages { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Townships { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Leaders { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Units { get; private set; } = [];
    public bool CanRegister => me.IsInRole(Roles.Clerk);

    /// <summary>With a search: each listed case's petitioners, linked to their petitioner page (a column of the list).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<PetitionerLink>>? Petitioners { get; private set; }
    /// <summary>The total was counted up to the cap and the end is not on this page: the pager says "more than …".</summary>
    public bool IsCountCapped => Cases.Total > Filter.CountLimit && (Cases.HasNext || Cases.Items.Count == 0);

    /// <summary>What the person typed into a text field, kept even when it could not be used.</summary>
    public string? Typed(string parameter) => Request.Query[parameter].FirstOrDefault();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var filtered = await FilterAsync(ct);
        Cases = await Filter.PageAsync(filtered, db, ct);
        if (Filter.Text is not null) Petitioners = await PetitionerLink.OfAsync(db, Cases.Items.Select(r => r.Id).ToList(), ct);
        Categories = await CategoryChoicesAsync(db, Filter.Category, ct);
        Townships = await choices.RegionsAsync(Filter.Township);
        Leaders = await choices.LeadersAsync(Filter.Leader);
        Units = [.. await choices.DepartmentsAsync(Filter.Unit), .. await choices.RegionsAsync(Filter.Unit)];
        return Page();
    }

    /// <summary>The whole filtered result as the 台账 (up to <see cref="CaseLedger.MaxRows"/>), in the list's order, as CSV.</summary>
    public Task<IActionResult> OnGetCsvAsync(CancellationToken ct) => LedgerAsync(LedgerFormat.Csv, ct);

    /// <summary>The same ledger as an Excel workbook.</summary>
    public Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => LedgerAsync(LedgerFormat.Xlsx, ct);

    private async Task<IActionResult> LedgerAsync(LedgerFormat format, CancellationToken ct)
    {
        var filtered = await FilterAsync(ct);
        return LedgerExport.For(db, CaseListQuery.Order(filtered, Filter.Sort), me.Scope, cases.Rules, l, format,
            $"cases-{DateText.Of(cases.Today)}", "/Cases/Index?handler=" + format);
    }

    /// <summary>
    /// The list with this filter at another page. Built by hand: "page" is Razor Pages' own route value (the page's
    /// name), so Url.Page would drop it.
    /// </summary>
    public string PageUrl(int page)
    {
        var values = Filter.RouteValues();
        if (page > 1) values["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Url.Page("/Cases/Index") + QueryString.Create(values.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Value;
    }

    public string CsvUrl(string handler = "Csv")
    {
        var values = Filter.RouteValues();
        values["handler"] = handler;
        return Url.Page("/Cases/Index") + QueryString.Create(values.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Value;
    }

    private async Task<IQueryable<PetitionCase>> FilterAsync(CancellationToken ct)
    {
        Filter = CaseListQuery.Parse(Request.Query);
        var (filtered, errors) = await Filter.ApplyAsync(db.Cases.AsNoTracking().VisibleTo(db, me.Scope), db, me.Scope, ct);
        FilterMessages = errors.Select(e => Describe(l, e)).ToList();
        return filtered;
    }

    /// <summary>The message for a filter value that was ignored, naming the field as the form labels it.</summary>
    public static string Describe(IStringLocalizer l, CaseFilterError e)
    {
        var field = e.Parameter switch
        {
            "state" => l["State"],
            "open" => l["Open or finished"],
            "colour" => l["Colour"],
            "category" => l["Category"],
            "township" => l["Township"],
            "leader" => l["Owning leader"],
            "unit" => l["Handling unit"],
            "flag" => l["Flag"],
            "from" => l["Received from"],
            "to" => l["Received to"],
            "q" => l["Search"],
            "sort" => l["Sort"],
            "page" => l["Page"],
            _ => l[e.Parameter],
        };
        return e.Problem switch
        {
            CaseFilterProblem.Reversed => l["{0}: the end date {1} is before the start date; it was ignored.", field.Value, e.Value],
            CaseFilterProblem.Unknown => l["{0}: \"{1}\" does not exist or is outside your area; this filter was ignored.", field.Value, e.Value],
            _ => l["{0}: \"{1}\" is not a valid value; this filter was ignored.", field.Value, e.Value],
        };
    }

    /// <summary>The category tree as select options: each top-level category, then its children indented.</summary>
    public static async Task<IReadOnlyList<SelectListItem>> CategoryChoicesAsync(AppDbContext db, string? selected, CancellationToken ct)
    {
        var all = await db.CaseCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Code)
            .Select(c => new { c.Code, c.Name, c.ParentCode, c.IsActive }).ToListAsync(ct);
        var items = new List<SelectListItem>();
        void Add(string? parent, int depth)
        {
            foreach (var c in all.Where(c => c.ParentCode == parent || (depth == 0 && c.ParentCode is { } p && all.All(x => x.Code != p))))
            {
                if (items.Any(i => i.Value == c.Code)) continue;
                if (!c.IsActive && c.Code != selected) continue;
                items.Add(new SelectListItem(new string('\u3000', depth) + c.Name, c.Code, c.Code == selected));
                if (depth < 5) Add(c.Code, depth + 1);
            }
        }

        Add(null, 0);
        return items;
    }

    public static IEnumerable<SelectListItem> StateOptions(IStringLocalizer l, CaseState? selected) => l.Options(selected);
    public static IEnumerable<SelectListItem> ColourOptions(IStringLocalizer l, SupervisionColour? selected) => l.Options(selected);

    public static IEnumerable<SelectListItem> FlagOptions(IStringLocalizer l, CaseFlags? selected) =>
        CaseListQuery.SingleFlags.Select(f => new SelectListItem(l.Label(f), f.ToString(), f == selected));
}
