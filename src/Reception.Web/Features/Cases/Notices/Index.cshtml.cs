using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;

namespace Reception.Web.Features.Cases.Notices;

/// <summary>
/// 督办 notices: Clerks and Supervisors those about the cases of their scope, a unit handler those to their unit. Open ones
/// first, by reply deadline, each coloured like a clock; filter open / answered / overdue; CSV export.
/// </summary>
[Authorize(Roles = Roles.Clerk + "," + Roles.Supervisor + "," + Roles.UnitHandler)]
public sealed class IndexModel(AppDbContext db, CurrentUser me, CaseService cases, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "status")] public string? StatusText { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public SupervisionNoticeFilter Filter { get; private set; }
    public Paged<Row> Notices { get; private set; } = null!;
    public DateOnly Today => cases.Today;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!TryFilter()) return NotFound();
        Notices = await Query().ToPagedAsync(PageNumber, ct: HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (!TryFilter()) return NotFound();
        var rows = await Query().ToListAsync(HttpContext.RequestAborted);
        var header = new object?[]
        {
            l["Case"], l["Category"], l["Addressed unit"], l["What the unit must do"], l["Issued on"], l["Reply deadline"], l["Colour"], l["Status"],
            l["Replied on"], l["Reply"],
        };
        var lines = rows.Select(r => new object?[]
        {
            r.Number.ToString(), r.Category ?? r.CategoryCode, r.Unit, r.Text, DateText.Of(r.IssuedOn), DateText.Of(r.ReplyDueOn),
            ColourOf(r) is { } c ? l.Label(c) : "", StatusOf(r), r.RepliedOn is { } d ? DateText.Of(d) : "", r.Reply,
        });
        return CsvFile.Result($"notices-{DateText.Of(Today)}.csv", lines.Prepend(header));
    }

    public SupervisionColour? ColourOf(Row r) => SupervisionNotice.ReplyColour(r.IssuedOn, r.ReplyDueOn, r.RepliedOn is not null, Today, cases.Rules.Thresholds);

    public string StatusOf(Row r) => r.RepliedOn is { } replied
        ? replied > r.ReplyDueOn ? l["Answered late"] : l["Answered"]
        : r.ReplyDueOn < Today ? l["Overdue"] : l["Awaiting reply"];

    private bool TryFilter()
    {
        if (string.IsNullOrEmpty(StatusText))
        {
            Filter = SupervisionNoticeFilter.All;
            return true;
        }

        if (!Enum.TryParse<SupervisionNoticeFilter>(StatusText, ignoreCase: true, out var filter) || !Enum.IsDefined(filter)
            || int.TryParse(StatusText, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) return false;
        Filter = filter;
        return true;
    }

    private IQueryable<Row> Query()
    {
        var today = Today;
        var notices = db.SupervisionNotices.AsNoTracking().VisibleTo(db, me.Scope);
        notices = Filter switch
        {
            SupervisionNoticeFilter.Open => notices.Where(n => n.RepliedAtUtc == null),
            SupervisionNoticeFilter.Answered => notices.Where(n => n.RepliedAtUtc != null),
            SupervisionNoticeFilter.Overdue => notices.Where(n => n.RepliedAtUtc == null && n.ReplyDueOn < today),
            _ => notices,
        };
        return from n in notices
               join c in db.Cases on n.PetitionCaseId equals c.Id
               join o in db.OrgUnits on n.ToUnitId equals o.Id
               from cat in db.CaseCategories.Where(x => x.Code == c.CategoryCode).DefaultIfEmpty()
               orderby n.RepliedAtUtc != null, n.ReplyDueOn, n.Id
               select new Row(n.Id, n.PetitionCaseId, c.Number, c.CategoryCode, cat == null ? null : cat.Name, o.Name, n.Text,
                   n.IssuedOn, n.ReplyDueOn, n.RepliedOn, n.ReplyText);
    }

    public sealed record Row(int Id, int CaseId, CaseNumber Number, string CategoryCode, string? Category, string Unit, string Text,
        DateOnly IssuedOn, DateOnly ReplyDueOn, DateOnly? RepliedOn, string? Reply);
}

/// <summary>The filter of the 督办 notice list.</summary>
public enum SupervisionNoticeFilter
{
    All,
    Open,
    Answered,
    Overdue,
}
