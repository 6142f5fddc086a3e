using System.Text.RegularExpressions;
using Reception.Core.Calendar;

namespace Reception.Web.Features.Calendar;

/// <summary>The outcome of <see cref="HolidayIcs.Read"/>. All-or-nothing: when there are errors, there are no entries.</summary>
public sealed record HolidayIcsResult(IReadOnlyList<HolidayEntry> Entries, IReadOnlyList<LocalizableMessage> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads a holiday calendar in iCalendar form (.ics, parsed by Ical.Net) — the kind published for subscription, e.g.
/// NateScarlet/holiday-cn's ("春节假期", "上班(补春节假期)") or calendars with "春节 假期 第1天/共8天", "春节 补班",
/// "元旦（休）", "（班）". Every all-day event is a run of days off or of make-up working days; its summary says which
/// (班 or 上班 for work, 假, 休 or 放假 for days off) and gives the festival's name. Timed, repeating or unclear events
/// are refused rather than guessed, as are conflicting dates and make-up working days on a weekday. A calendar
/// usually covers several years: only the asked year's dates are taken, and that year must then include every
/// statutory day off (<see cref="StatutoryHolidays"/>), so that a calendar which lists only some of them is not
/// mistaken for the whole arrangement.
/// </summary>
public static partial class HolidayIcs
{
    /// <summary>Reads <paramref name="text"/>, keeping the dates of <paramref name="year"/> (all dates when null).</summary>
    public static HolidayIcsResult Read(string text, int? year)
    {
        ArgumentNullException.ThrowIfNull(text);
        Ical.Net.Calendar? calendar;
        try
        {
            calendar = Ical.Net.Calendar.Load(text);
        }
        catch (Exception e) when (e is System.Runtime.Serialization.SerializationException or FormatException or ArgumentException
                                       or InvalidOperationException or OverflowException)
        {
            return Failed(new LocalizableMessage(CalendarMessages.IcsUnreadable, e.Message));
        }

        if (calendar is null)
        {
            return Failed(new LocalizableMessage(CalendarMessages.IcsUnreadable, "BEGIN:VCALENDAR"));
        }

        var errors = new List<LocalizableMessage>();
        var byDate = new Dictionary<DateOnly, (HolidayEntry Entry, string Summary)>();
        foreach (var e in calendar.Events.OrderBy(e => e.DtStart?.Value))
        {
            var summary = (e.Summary ?? "").Trim();
            if (e.DtStart is null)
            {
                errors.Add(new LocalizableMessage(CalendarMessages.IcsNoStart, summary));
                continue;
            }

            var start = e.DtStart.Date;
            var first = DateText.Of(start);
            if (e.DtStart.HasTime)
            {
                errors.Add(new LocalizableMessage(CalendarMessages.IcsNotAllDay, summary, first));
                continue;
            }

            if (e.RecurrenceRule is not null || e.RecurrenceDates.GetAllDates().Any())
            {
                errors.Add(new LocalizableMessage(CalendarMessages.IcsRecurring, summary, first));
                continue;
            }

            var kind = Classify(summary);
            if (kind is null)
            {
                errors.Add(new LocalizableMessage(CalendarMessages.IcsUnknownKind, summary, first));
                continue;
            }

            var (name, off) = kind.Value;
            if (name.Length > HolidayEntry.NameMaxLength)
            {
                name = name[..HolidayEntry.NameMaxLength];
            }

            // DTEND is exclusive for all-day events (RFC 5545 3.6.1); without it, DURATION, else one day.
            var end = e.DtEnd is { } dtEnd ? dtEnd.Date
                : e.Duration is { } duration ? start.AddDays(((duration.Weeks ?? 0) * 7) + (duration.Days ?? 0))
                : start.AddDays(1);
            if (end <= start)
            {
                end = start.AddDays(1);
            }

            for (var date = start; date < end; date = date.AddDays(1))
            {
                if (year is { } y && date.Year != y)
                {
                    continue;
                }

                var iso = DateText.Of(date);
                if (byDate.TryGetValue(date, out var earlier))
                {
                    if (earlier.Entry.IsOffDay != off)
                    {
                        errors.Add(new LocalizableMessage(CalendarMessages.IcsConflict, iso, earlier.Summary, summary));
                    }

                    continue; // the same kind of day twice (overlapping events): one entry
                }

                if (!off && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    errors.Add(new LocalizableMessage(CalendarMessages.IcsMakeUpOnWeekday, iso, summary, date.DayOfWeek));
                    continue;
                }

                byDate.Add(date, (new HolidayEntry(date, name, off), summary));
            }
        }

        if (errors.Count == 0 && year is { } expected)
        {
            if (byDate.Count == 0)
            {
                errors.Add(new LocalizableMessage(CalendarMessages.IcsNoDatesInYear, expected));
            }
            else
            {
                foreach (var day in StatutoryHolidays.For(expected))
                {
                    if (!(byDate.TryGetValue(day.Date, out var listed) && listed.Entry.IsOffDay))
                    {
                        errors.Add(new LocalizableMessage(CalendarMessages.IcsStatutoryDayMissing,
                            DateText.Of(day.Date), day.Name));
                    }
                }
            }
        }

        return errors.Count > 0
            ? Failed([.. errors])
            : new HolidayIcsResult(byDate.Values.Select(v => v.Entry).OrderBy(e => e.Date).ToArray(), []);
    }

    /// <summary>The festival's name and whether the event is off (true) or a make-up working day (false); null when unclear.</summary>
    internal static (string Name, bool Off)? Classify(string summary)
    {
        if (WorkSummary().Match(summary) is { Success: true } work)
        {
            var name = Clean(work.Groups["name"].Value);
            return name.Length > 0 ? (name, false) : null;
        }

        if (OffSummary().Match(summary) is { Success: true } off)
        {
            var name = Clean(off.Groups["name"].Value);
            return name.Length > 0 ? (name, true) : null;
        }

        return null;
    }

    private static string Clean(string name) => name.Trim().Trim('-', ':', '：', '·', ' ');

    private static HolidayIcsResult Failed(params LocalizableMessage[] errors) => new([], errors);

    /// <summary>"上班(补春节假期)", "补班(国庆节)", "春节 补班 第1天/共2天", "春节调休上班", "春节（班）".</summary>
    [GeneratedRegex(@"^(?:(?:上班|补班|调休上班)\s*[(（]\s*补?\s*(?<name>[^()（）]+?)\s*(?:假期)?\s*[)）]|(?<name>[^()（）]+?)\s*(?:调休上班|补班|上班|[(（]班[)）]|\s班\b))")]
    private static partial Regex WorkSummary();

    /// <summary>"春节假期", "春节 假期 第1天/共8天", "国庆节放假", "元旦（休）", "春节休假".</summary>
    [GeneratedRegex(@"^(?<name>[^()（）]+?)\s*(?:假期|放假|休假|[(（]休[)）]|\s休\b)")]
    private static partial Regex OffSummary();
}
