using System.ComponentModel.DataAnnotations;
using Reception.Core.Calendar;

namespace Reception.Web.Features.Calendar.Holidays;

/// <summary>
/// The State Council's notice, pasted: read (<see cref="HolidayNotice"/>), previewed as the year with its changes
/// against the calendar in force (<see cref="NoticePreview"/>), saved on confirmation like an import. A text changed
/// after its preview is previewed again, never saved unseen.
/// </summary>
[Authorize(Policy = GlobalSettings.Policy)]
[Reception.Web.Audit.Audited(Reception.Web.Audit.AuditActions.HolidaysChange)]
public sealed class NoticeModel(HolidayCalendarService calendars, HolidayArrangementStore store, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The year the administrator came from (the link back); the notice's own year decides what is saved.</summary>
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty]
    [Display(Name = "The notice's text")]
    public string? Text { get; set; }

    /// <summary>The fingerprint of the text shown in the preview (<see cref="NoticePreview.Fingerprint"/>).</summary>
    [BindProperty] public string? Previewed { get; set; }

    public NoticePreview? Preview { get; private set; }

    /// <summary>Every reason the text was refused (the first is also shown next to the field).</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (Read() is { } notice) await ShowPreviewAsync(notice, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (Read() is not { } notice) return Page();
        if (Previewed != NoticePreview.Fingerprint(Text))
        {
            ModelState.AddModelError(nameof(Text), l["The text changed after the preview: check the preview below, then save."]);
            await ShowPreviewAsync(notice, ct);
            return Page();
        }

        var year = notice.Year!.Value;
        await store.ReplaceYearAsync(year, notice.Entries, l["State Council notice pasted by {0}", User.Identity?.Name ?? ""], ct);
        Status.Set(TempData, l["Saved the State Council's arrangement for {0}: {1} days off, {2} make-up working days.",
            year, notice.Entries.Count(e => e.IsOffDay), notice.Entries.Count(e => !e.IsOffDay)]);
        return RedirectToPage("Index", new { year });
    }

    /// <summary>The notice when it can be read; otherwise null, with the reasons next to the field.</summary>
    private HolidayNoticeResult? Read()
    {
        var notice = HolidayNotice.Read(Text ?? "");
        var errors = notice.Errors.Select(e => l.Text(e)).ToList();
        if (notice.Succeeded && notice.Year is < 2000 or > 2100)
        {
            errors.Add(l["The notice is for {0}; the calendar holds the years {1} to {2}.", notice.Year, 2000, 2100]);
        }
        if (errors.Count == 0) return notice;
        Errors = errors;
        ModelState.AddModelError(nameof(Text), errors.Count == 1 ? errors[0] : l["The notice was not saved: {0} problems, listed below.", errors.Count]);
        return null;
    }

    private async Task ShowPreviewAsync(HolidayNoticeResult notice, CancellationToken ct)
    {
        Preview = NoticePreview.Create(notice, await calendars.GetAsync(ct));
        Previewed = NoticePreview.Fingerprint(Text);
        ModelState.Remove(nameof(Previewed)); // show the new fingerprint, not the one posted
    }

    /// <summary>How a date reads in the list of changes: 工作日, 周末, 放假：春节, 暂定放假：春节, 调休上班：春节.</summary>
    public string Label(DayInfo day) => day.Kind switch
    {
        DayKind.Holiday when day.IsProvisional => l["Provisional day off: {0}", day.HolidayName ?? ""],
        DayKind.Holiday => l["Holiday: {0}", day.HolidayName ?? ""],
        DayKind.MakeUpWorkday => l["Make-up working day: {0}", day.HolidayName ?? ""],
        DayKind.Weekend => l["Weekend"],
        _ => l["Working day"],
    };
}
