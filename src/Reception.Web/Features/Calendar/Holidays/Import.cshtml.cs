using System.ComponentModel.DataAnnotations;
using Reception.Core.Calendar;

namespace Reception.Web.Features.Calendar.Holidays;

/// <summary>
/// Replaces one year's arrangement with a file, all or nothing, and marks the year known: a CSV file
/// (date,name,is_off_day) or an .ics holiday calendar (<see cref="HolidayIcs"/>, the year's dates taken from it).
/// </summary>
[Authorize(Policy = GlobalSettings.Policy)]
[Reception.Web.Audit.Audited(Reception.Web.Audit.AuditActions.HolidaysChange)]
[RequestSizeLimit(CsvUpload.MaxBytes + 64 * 1024)]
public sealed class ImportModel(HolidayArrangementStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [Required(ErrorMessage = "Enter the {0}.")]
    [Range(2000, 2100, ErrorMessage = "The {0} must be a whole number from {1} to {2}.")]
    [Display(Name = "Year")]
    public int? Year { get; set; }

    [BindProperty] public IFormFile? Upload { get; set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var (text, error) = await CsvUpload.ReadAsync(Upload, l, ct);
        if (text is null)
        {
            ModelState.AddModelError(nameof(Upload), error!);
            return Page();
        }
        var year = Year!.Value;
        IReadOnlyList<HolidayEntry> entries;
        if (text.TrimStart().StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            var ics = HolidayIcs.Read(text, year);
            Errors = ics.Errors.Select(e => l.Text(e)).ToList();
            entries = ics.Entries;
        }
        else
        {
            var csv = HolidayCsv.Parse(text, expectedYear: year);
            Errors = CsvUpload.Describe(csv.Errors, l);
            entries = csv.Entries;
        }
        if (Errors.Count > 0) return Page();

        await store.ReplaceYearAsync(year, entries, l["Imported by {0} from {1}", User.Identity?.Name ?? "", Path.GetFileName(Upload!.FileName)], ct);
        Status.Set(TempData, l["Imported {0} dates for {1}.", entries.Count, year]);
        return RedirectToPage("Index", new { year });
    }
}
