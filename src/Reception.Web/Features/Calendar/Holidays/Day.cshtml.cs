using System.ComponentModel.DataAnnotations;
using Reception.Core.Calendar;
using Choice = Reception.Web.Features.Calendar.HolidayArrangementStore.DayChoice;

namespace Reception.Web.Features.Calendar.Holidays;

/// <summary>Edits one date: an ordinary day, an off day, or a make-up working day.</summary>
[Authorize(Policy = GlobalSettings.Policy)]
[Reception.Web.Audit.Audited(Reception.Web.Audit.AuditActions.HolidaysChange)]
public sealed class DayModel(AppDbContext db, HolidayCalendarService calendars, HolidayArrangementStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly Date { get; set; }
    [BindProperty] public DayInput Input { get; set; } = new();
    public DayInfo Info { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!InRange()) return NotFound();
        var entry = await db.HolidayEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Date == Date);
        Input = new DayInput
        {
            Kind = entry is null ? Choice.Ordinary : entry.IsOffDay ? Choice.OffDay : Choice.MakeUpWorkday,
            Name = entry?.Name,
        };
        Info = IndexModel.DescribeWithEntries(await calendars.GetAsync(), Date, entry);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!InRange()) return NotFound();
        if (Input.Kind != Choice.Ordinary && string.IsNullOrWhiteSpace(Input.Name))
            ModelState.AddModelError("Input.Name", l["Enter the holiday's name, e.g. 国庆节."]);
        if (Input.Kind == Choice.MakeUpWorkday && Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            ModelState.AddModelError("Input.Kind", l["A make-up working day falls on a Saturday or Sunday."]);
        if (!ModelState.IsValid)
        {
            var stored = await db.HolidayEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Date == Date, ct);
            Info = IndexModel.DescribeWithEntries(await calendars.GetAsync(ct), Date, stored);
            return Page();
        }

        await store.SetDayAsync(Date, Input.Kind, Input.Name, ct);
        Status.Set(TempData, l["Saved {0}.", DateText.Of(Date)]);
        return RedirectToPage("Index", new { year = Date.Year });
    }

    private bool InRange() => Date.Year is >= 2000 and <= 2100;

    public sealed class DayInput
    {
        [Display(Name = "This date is")]
        public Choice Kind { get; set; }

        [Display(Name = "Holiday name")]
        [StringLength(HolidayEntry.NameMaxLength, ErrorMessage = "The {0} can have at most {1} characters.")]
        public string? Name { get; set; }
    }
}
