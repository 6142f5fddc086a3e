using System.Security.Cryptography;
using System.Text;
using Reception.Core.Calendar;

namespace Reception.Web.Features.Calendar;

/// <summary>A date whose meaning a new arrangement changes.</summary>
public sealed record DayChange(DateOnly Date, DayInfo Before, DayInfo After)
{
    /// <summary>Whether it turns a working day into a day off or back: what moves duties and deadlines.</summary>
    public bool WorkingDayChanges => Before.IsWorkingDay != After.IsWorkingDay;
}

/// <summary>
/// What saving a read notice would do to its year: the year as it would be, and every date that changes against the
/// calendar in force (kind or name; a provisional day the notice confirms as off under the same name is no change).
/// </summary>
public sealed class NoticePreview
{
    private readonly WorkingDayCalendar _after;
    private readonly HashSet<DateOnly> _changed;

    private NoticePreview(int year, IReadOnlyList<HolidayEntry> entries, WorkingDayCalendar current)
    {
        Year = year;
        Entries = entries;
        _after = new WorkingDayCalendar(entries.Where(e => e.Date.Year == year), [year]);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var changes = new List<DayChange>();
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            var before = current.Describe(date);
            var after = _after.Describe(date);
            if (before.Kind != after.Kind || before.HolidayName != after.HolidayName) changes.Add(new DayChange(date, before, after));
            else if (before.IsProvisional) Confirmed++;
        }
        Changes = changes;
        _changed = changes.Select(c => c.Date).ToHashSet();
        OtherYears = entries.Where(e => e.Date.Year != year).ToList();
        WorkingDaysBefore = current.CountWorkingDays(first, last).Value;
        WorkingDaysAfter = _after.CountWorkingDays(first, last).Value;
        WasKnown = current.IsYearKnown(year);
    }

    public int Year { get; }

    /// <summary>The whole arrangement read, ascending (with any dates of the neighbouring years).</summary>
    public IReadOnlyList<HolidayEntry> Entries { get; }

    /// <summary>The dates of the year that change, ascending.</summary>
    public IReadOnlyList<DayChange> Changes { get; }

    /// <summary>Dates the notice gives in the neighbouring years (a 元旦 that begins on 30 December).</summary>
    public IReadOnlyList<HolidayEntry> OtherYears { get; }

    /// <summary>Provisional statutory days the notice confirms unchanged.</summary>
    public int Confirmed { get; }

    public int WorkingDaysBefore { get; }
    public int WorkingDaysAfter { get; }

    /// <summary>Whether the year had an arrangement loaded already (the notice then replaces it).</summary>
    public bool WasKnown { get; }

    public int OffDays => Entries.Count(e => e.IsOffDay && e.Date.Year == Year);
    public int MakeUpDays => Entries.Count(e => !e.IsOffDay && e.Date.Year == Year);

    /// <summary>The date as it would be after saving.</summary>
    public DayInfo Describe(DateOnly date) => _after.Describe(date);

    public bool IsChanged(DateOnly date) => _changed.Contains(date);

    /// <summary>The preview of a notice the reader accepted.</summary>
    public static NoticePreview Create(HolidayNoticeResult notice, WorkingDayCalendar current)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (!notice.Succeeded || notice.Year is not { } year) throw new ArgumentException("Only a notice that was read can be previewed.", nameof(notice));
        return new NoticePreview(year, notice.Entries, current);
    }

    /// <summary>
    /// A fingerprint of the text as previewed, sent back with the confirmation: a text edited after its preview is
    /// previewed again instead of being saved unseen. Line ends and surrounding blanks do not count.
    /// </summary>
    public static string Fingerprint(string? text)
    {
        var normalized = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
