using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reception.Core.Calendar;
using Reception.Web.Authorization;
using Reception.Web.Calendar;
using Reception.Web.Data;

namespace Reception.Web.Pages.Admin.Calendar;

/// <summary>Replaces one year's arrangement with a CSV file (date,name,is_off_day), all or nothing, and marks the year known.</summary>
[Authorize(Roles = Roles.Admin)]
[RequestSizeLimit(CsvUpload.MaxBytes + 64 * 1024)]
public sealed class ImportModel(AppDbContext db, HolidayCalendarService calendars, Reception.Web.Cases.CaseService cases, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
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
        var result = HolidayCsv.Parse(text, expectedYear: year);
        if (!result.Succeeded)
        {
            Errors = CsvUpload.Describe(result.Errors, l);
            return Page();
        }

        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var source = l["Imported by {0} from {1}", User.Identity?.Name ?? "", Path.GetFileName(Upload!.FileName)].Value;
        if (source.Length > CalendarYear.SourceMaxLength) source = source[..CalendarYear.SourceMaxLength];
        var now = clock.GetUtcNow().UtcDateTime;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.HolidayEntries.Where(e => e.Date >= first && e.Date <= last).ExecuteDeleteAsync(ct);
        db.HolidayEntries.AddRange(result.Entries);
        var record = await db.CalendarYears.SingleOrDefaultAsync(y => y.Year == year, ct);
        if (record is null) db.CalendarYears.Add(new CalendarYear(year, source, now));
        else record.Touch(source, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        calendars.Invalidate();
        await cases.RecomputeDueDatesAsync(); // open cases' due dates follow the new arrangement

        Status.Set(TempData, l["Imported {0} dates for {1}.", result.Entries.Count, year]);
        return RedirectToPage("Index", new { year });
    }
}
