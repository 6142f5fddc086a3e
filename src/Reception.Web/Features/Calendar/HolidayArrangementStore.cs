using Reception.Core.Calendar;

namespace Reception.Web.Features.Calendar;

/// <summary>
/// Every change to the stored holiday arrangement goes through here — a CSV or .ics import, a pasted notice, a date
/// set by hand, a year declared complete — so that each one ends the same way: committed, the cached calendar
/// dropped (<see cref="HolidayCalendarService"/>), the open cases' due dates recomputed under the new arrangement and the
/// clerks of published rotas that it made wrong notified (<see cref="Rotas.RotaRepairs"/>).
/// </summary>
public sealed class HolidayArrangementStore(AppDbContext db, HolidayCalendarService calendars, Cases.CaseService cases, Rotas.RotaRepairs repairs, TimeProvider clock)
{
    /// <summary>What a date becomes when an administrator sets it by hand.</summary>
    public enum DayChoice { Ordinary, OffDay, MakeUpWorkday }

    /// <summary>
    /// Replaces <paramref name="year"/>'s arrangement with <paramref name="entries"/>, all or nothing, and marks the year
    /// known with <paramref name="source"/> (cut to <see cref="CalendarYear.SourceMaxLength"/>). Entries dated in a
    /// neighbouring year (a notice's 2018-12-29 for 元旦 2019) replace whatever that date held; they count once their
    /// own year is known, and a later import of that year replaces them with the rest of its dates.
    /// </summary>
    public async Task ReplaceYearAsync(int year, IReadOnlyList<HolidayEntry> entries, string source, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (source.Length > CalendarYear.SourceMaxLength) source = source[..CalendarYear.SourceMaxLength];
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var outside = entries.Where(e => e.Date.Year != year).Select(e => e.Date).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var before = await calendars.GetAsync(ct);

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.HolidayEntries.Where(e => (e.Date >= first && e.Date <= last) || outside.Contains(e.Date)).ExecuteDeleteAsync(ct);
            db.HolidayEntries.AddRange(entries);
            var record = await db.CalendarYears.SingleOrDefaultAsync(y => y.Year == year, ct);
            if (record is null) db.CalendarYears.Add(new CalendarYear(year, source, now));
            else record.Touch(source, now);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        await AfterChangeAsync(before, ct);
    }

    /// <summary>Sets one date by hand: back to the weekday rule, an off day or a make-up working day (named).</summary>
    public async Task SetDayAsync(DateOnly date, DayChoice choice, string? name, CancellationToken ct = default)
    {
        var before = await calendars.GetAsync(ct);
        var entry = await db.HolidayEntries.SingleOrDefaultAsync(e => e.Date == date, ct);
        switch (choice)
        {
            case DayChoice.Ordinary when entry is not null:
                db.HolidayEntries.Remove(entry);
                break;
            case DayChoice.OffDay or DayChoice.MakeUpWorkday when entry is null:
                db.HolidayEntries.Add(HolidayEntry.ByHand(date, name!, choice == DayChoice.OffDay));
                break;
            case DayChoice.OffDay or DayChoice.MakeUpWorkday:
                entry!.Change(name!, choice == DayChoice.OffDay);
                break;
        }
        await db.SaveChangesAsync(ct);
        await AfterChangeAsync(before, ct);
    }

    /// <summary>Declares a year complete after its dates were entered by hand; false when it was known already.</summary>
    public async Task<bool> MarkYearCompleteAsync(int year, string source, CancellationToken ct = default)
    {
        if (await db.CalendarYears.AnyAsync(y => y.Year == year, ct)) return false;
        if (source.Length > CalendarYear.SourceMaxLength) source = source[..CalendarYear.SourceMaxLength];
        var before = await calendars.GetAsync(ct);
        db.CalendarYears.Add(new CalendarYear(year, source, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        await AfterChangeAsync(before, ct);
        return true;
    }

    private async Task AfterChangeAsync(WorkingDayCalendar before, CancellationToken ct)
    {
        calendars.Invalidate();
        await cases.RecomputeDueDatesAsync(ct); // open cases' due dates follow the new arrangement
        // Published rotas that the change made wrong (a duty now on a day off, a working day now without duty): the
        // clerks of each are told; the month page lists them with one action to repair.
        await repairs.NotifyCalendarChangeAsync(before, ct);
        await db.SaveChangesAsync(ct);
    }
}
