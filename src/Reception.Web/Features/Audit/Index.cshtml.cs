using Microsoft.AspNetCore.Mvc.Rendering;
using Reception.Core.Audit;
using Reception.Core.Time;
using Reception.Web.Audit;

namespace Reception.Web.Features.Audit;

/// <summary>
/// The security audit log for the auditor (审计管理员) only: newest first, filtered by period, user, action, outcome
/// and record, exported as CSV (the export is itself recorded). Nothing here, or anywhere, edits or deletes a record.
/// </summary>
[Authorize(Roles = Roles.Auditor)]
public sealed class IndexModel(AppDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>An export holds at most this many records; narrow the period for more.</summary>
    public const int MaxExportRows = 100_000;

    [BindProperty(SupportsGet = true)] public AuditFilter Filter { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public Paged<AuditRecord> Records { get; private set; } = null!;

    public IEnumerable<SelectListItem> ActionOptions => AuditActions.All
        .Select(a => new SelectListItem(l[AuditActions.LabelKey(a)], a, a == Filter.Action));

    public IEnumerable<SelectListItem> OutcomeOptions => Enum.GetValues<AuditOutcome>()
        .Select(o => new SelectListItem(OutcomeLabel(o), o.ToString(), o == Filter.Outcome));

    public async Task OnGetAsync(CancellationToken ct)
    {
        Records = await Filter.Apply(db.AuditRecords.AsNoTracking()).OrderByDescending(r => r.Id).ToPagedAsync(PageNumber, 50, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = await Filter.Apply(db.AuditRecords.AsNoTracking()).OrderBy(r => r.Id).Take(MaxExportRows).ToListAsync(ct);
        var header = new object?[] { l["No."].Value, l["Time"].Value, l["User name"].Value, l["Role"].Value, l["Org unit"].Value, l["Client address"].Value,
            l["Action"].Value, l["Record"].Value, l["Detail"].Value, l["Outcome"].Value, l["Previous hash"].Value, l["Hash"].Value };
        var lines = rows.Select(r => new object?[]
        {
            r.Id, Time(r.AtUtc), r.UserName, r.Role is null ? null : l["Role." + r.Role].Value, r.Unit, r.Client,
            ActionLabel(r.Action), r.Target, r.Detail, OutcomeLabel(r.Outcome), r.PreviousHash, r.Hash,
        });
        return CsvFile.Result("audit-log.csv", lines.Prepend(header));
    }

    public string ActionLabel(string action) => AuditActions.All.Contains(action) ? l[AuditActions.LabelKey(action)] : action;

    public string OutcomeLabel(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Success => l["Succeeded"],
        AuditOutcome.Failure => l["Failed"],
        _ => l["Refused"],
    };

    public static string Time(DateTime utc) => ChinaTime.ToLocal(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public string CsvUrl()
    {
        var values = Filter.RouteValues();
        values["handler"] = "Csv";
        return Url.Page("/Audit/Index") + QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value))).Value;
    }
}
