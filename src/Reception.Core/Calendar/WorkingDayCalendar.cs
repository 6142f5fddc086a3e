using Reception.Core.Common;
namespace Reception.Core.Calendar;

/// <summary>
/// The working-day calendar: a date is a working day if the official arrangement lists it as a make-up working
/// day (调休上班), or if it is Monday–Friday and not listed as an off day (放假).
/// <para>
/// Only years passed as <c>knownYears</c> are known. A year that is not known is <i>provisional</i>: its statutory
/// days off (<see cref="StatutoryHolidays"/>: 元旦, 春节, 清明节, …, computed for 1950–2100) are days off, marked
/// <see cref="DayInfo.IsProvisional"/>, and every other Monday–Friday is assumed to be a working day, because only the
/// swaps of the year's notice (调休: make-up working days, bridging days off) are still unknown. Every
/// answer-returning method (<see cref="CalendarAnswer{T}"/>) reports such a year in
/// <see cref="CalendarAnswer{T}.UnknownYears"/>, so the caller can warn; entries dated in an unknown year are
/// ignored. A year outside the computable range has no provisional days and follows the weekday rule alone.
/// The calendar copies what it needs at construction: it is immutable and safe to share between threads.
/// </para>
/// <para>
/// Counting and stepping are O(1) / O(log n): the calendar keeps, per known or provisional year, a running total of
/// the differences from the plain Monday–Friday rule, and counts Monday–Friday days arithmetically. The provisional
/// years' tables are computed once per process and shared by every calendar.
/// </para>
/// </summary>
public sealed class WorkingDayCalendar
{
    private const byte NotListed = 0;
    private const byte OffDay = 1;
    private const byte MakeUpDay = 2;
    private const byte ProvisionalOffDay = 3;

    private static readonly int MaxDayNumber = DateOnly.MaxValue.DayNumber;
    private static readonly Lazy<WorkingDayCalendar> ShippedCalendar = new(
        () =>
        {
            var shipped = ShippedHolidays.Load();
            return new WorkingDayCalendar(shipped.Entries, shipped.Years);
        },
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// One table per year of <see cref="StatutoryHolidays.FirstYear"/>–<see cref="StatutoryHolidays.LastYear"/> with its
    /// statutory days as provisional off days; built on first use, never changed afterwards.
    /// </summary>
    private static readonly Lazy<YearTable[]> ProvisionalTables = new(
        () => Enumerable.Range(StatutoryHolidays.FirstYear, StatutoryHolidays.LastYear - StatutoryHolidays.FirstYear + 1)
            .Select(YearTable.Provisional)
            .ToArray(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A calendar that knows no year: every answer is uncertain, statutory days are provisional days off.</summary>
    public static WorkingDayCalendar Empty { get; } = new([], []);

    private readonly int _minYear;

    /// <summary>
    /// Index = year − <see cref="_minYear"/>: the known year's table, the shared provisional table of an unknown year
    /// with computable statutory days, or null (an unknown year that follows the weekday rule alone).
    /// </summary>
    private readonly YearTable?[] _tables;

    /// <summary>
    /// <c>_correctionBefore[i]</c> = sum of the corrections of all tables before <c>_minYear + i</c>;
    /// the last element is the total of all tables.
    /// </summary>
    private readonly int[] _correctionBefore;

    private readonly IReadOnlyList<int> _knownYears;

    /// <param name="entries">The arrangement (off days and make-up working days). Dates must be distinct.</param>
    /// <param name="knownYears">Years whose arrangement has been loaded (a <see cref="CalendarYear"/> exists).</param>
    /// <exception cref="ArgumentException">The same date appears twice among entries of known years.</exception>
    public WorkingDayCalendar(IEnumerable<HolidayEntry> entries, IEnumerable<int> knownYears)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(knownYears);

        var years = knownYears.Distinct().Order().ToArray();
        foreach (var year in years)
        {
            if (year < DateOnly.MinValue.Year || year > DateOnly.MaxValue.Year)
            {
                throw new ArgumentOutOfRangeException(nameof(knownYears), year, "A known year must be between 1 and 9999.");
            }
        }

        _knownYears = Array.AsReadOnly(years);
        var provisional = ProvisionalTables.Value;
        _minYear = years.Length == 0 ? StatutoryHolidays.FirstYear : Math.Min(years[0], StatutoryHolidays.FirstYear);
        var maxYear = years.Length == 0 ? StatutoryHolidays.LastYear : Math.Max(years[^1], StatutoryHolidays.LastYear);
        _tables = new YearTable?[maxYear - _minYear + 1];
        for (var year = StatutoryHolidays.FirstYear; year <= StatutoryHolidays.LastYear; year++)
        {
            _tables[year - _minYear] = provisional[year - StatutoryHolidays.FirstYear];
        }

        foreach (var year in years)
        {
            _tables[year - _minYear] = new YearTable(year, known: true);
        }

        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            var table = KnownTableFor(entry.Date.Year);
            if (table is null)
            {
                continue; // the year is unknown: its entries are not trusted (see the class remarks)
            }

            var index = entry.Date.DayOfYear - 1;
            if (table.Flags[index] != NotListed)
            {
                throw new ArgumentException(
                    $"The date {DateText.Of(entry.Date)} appears more than once in the holiday arrangement.", nameof(entries));
            }

            table.Flags[index] = entry.IsOffDay ? OffDay : MakeUpDay;
            table.Names[index] = entry.Name;
        }

        foreach (var year in years)
        {
            _tables[year - _minYear]!.BuildPrefix();
        }

        _correctionBefore = new int[_tables.Length + 1];
        for (var i = 0; i < _tables.Length; i++)
        {
            _correctionBefore[i + 1] = _correctionBefore[i] + (_tables[i]?.Total ?? 0);
        }
    }

    /// <summary>The calendar of the arrangement shipped with the application (2024–2026); cached, immutable.</summary>
    public static WorkingDayCalendar LoadShipped() => ShippedCalendar.Value;

    /// <summary>The known years, ascending.</summary>
    public IReadOnlyList<int> KnownYears => _knownYears;

    public bool IsYearKnown(int year) => KnownTableFor(year) is not null;

    /// <summary>
    /// Describes a date. For an unknown year YearKnown is false: a statutory day is a provisional
    /// <see cref="DayKind.Holiday"/> (<see cref="DayInfo.IsProvisional"/>), any other day follows the weekday.
    /// </summary>
    public DayInfo Describe(DateOnly date)
    {
        var table = TableFor(date.Year);
        var weekend = IsWeekend(date.DayOfWeek);
        var known = table is { Known: true };
        if (table is null)
        {
            return new DayInfo(date, weekend ? DayKind.Weekend : DayKind.Workday, null, false);
        }

        var index = date.DayOfYear - 1;
        return table.Flags[index] switch
        {
            OffDay => new DayInfo(date, DayKind.Holiday, table.Names[index], true),
            MakeUpDay => new DayInfo(date, DayKind.MakeUpWorkday, table.Names[index], true),
            ProvisionalOffDay => new DayInfo(date, DayKind.Holiday, table.Names[index], false, IsProvisional: true),
            _ => new DayInfo(date, weekend ? DayKind.Weekend : DayKind.Workday, null, known),
        };
    }

    /// <summary>
    /// Whether the date is a working day. For a date in an unknown year this silently assumes the provisional rule
    /// (statutory days off, Monday–Friday otherwise): callers must check <see cref="IsYearKnown"/> (or
    /// <see cref="Describe"/>'s YearKnown), or use the methods returning a <see cref="CalendarAnswer{T}"/>, which
    /// report unknown years.
    /// </summary>
    public bool IsWorkingDay(DateOnly date)
    {
        var table = TableFor(date.Year);
        if (table is not null)
        {
            switch (table.Flags[date.DayOfYear - 1])
            {
                case OffDay or ProvisionalOffDay: return false;
                case MakeUpDay: return true;
            }
        }

        return !IsWeekend(date.DayOfWeek);
    }

    /// <summary>The first working day strictly after <paramref name="after"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No working day exists before <see cref="DateOnly.MaxValue"/>.</exception>
    public CalendarAnswer<DateOnly> NextWorkingDay(DateOnly after) => AddWorkingDays(after, 1);

    /// <summary>The last working day strictly before <paramref name="before"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No working day exists after <see cref="DateOnly.MinValue"/>.</exception>
    public CalendarAnswer<DateOnly> PreviousWorkingDay(DateOnly before) => AddWorkingDays(before, -1);

    /// <summary>
    /// For <paramref name="days"/> &gt; 0, the <paramref name="days"/>-th working day strictly after
    /// <paramref name="start"/>; for <paramref name="days"/> &lt; 0, the |days|-th working day strictly before it;
    /// for 0, <paramref name="start"/> itself (whether or not it is a working day, and certain).
    /// The unknown years reported are those of the days between <paramref name="start"/> (exclusive) and the result.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The result would lie outside the range of <see cref="DateOnly"/>.</exception>
    public CalendarAnswer<DateOnly> AddWorkingDays(DateOnly start, int days)
    {
        if (days == 0)
        {
            return new CalendarAnswer<DateOnly>(start, Array.Empty<int>());
        }

        var s = start.DayNumber;
        if (days > 0)
        {
            // The j-th working day of all time, where j counts from the first working day after 0001-01-01.
            var j = WorkingDaysThrough(s) + days;
            if (s == MaxDayNumber || WorkingDaysThrough(MaxDayNumber) < j)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(days), days, $"Adding {days} working days to {DateText.Of(start)} goes beyond {DateText.Of(DateOnly.MaxValue)}.");
            }

            // Gallop to an upper bound, then binary search for the smallest n with WorkingDaysThrough(n) >= j.
            var lo = s + 1;
            long step = days + (days / 2) + 16;
            var hi = (int)Math.Min(s + step, MaxDayNumber);
            while (WorkingDaysThrough(hi) < j)
            {
                lo = hi + 1;
                step *= 2;
                hi = (int)Math.Min(s + step, MaxDayNumber);
            }

            var result = DateOnly.FromDayNumber(SmallestReaching(j, lo, hi));
            return new CalendarAnswer<DateOnly>(result, UnknownYearsBetween(start.AddDays(1), result));
        }
        else
        {
            var back = -(long)days;
            var j = WorkingDaysThrough(s - 1) - back + 1;
            if (j < 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(days), days, $"Subtracting {back} working days from {DateText.Of(start)} goes before {DateText.Of(DateOnly.MinValue)}.");
            }

            var hi = s - 1; // WorkingDaysThrough(hi) >= j because back >= 1
            long step = back + (back / 2) + 16;
            var lo = (int)Math.Max(s - step, 0);
            while (lo > 0 && WorkingDaysThrough(lo - 1) >= j)
            {
                hi = lo - 1;
                step *= 2;
                lo = (int)Math.Max(s - step, 0);
            }

            var result = DateOnly.FromDayNumber(SmallestReaching(j, lo, hi));
            return new CalendarAnswer<DateOnly>(result, UnknownYearsBetween(result, start.AddDays(-1)));
        }
    }

    /// <summary>The working days from <paramref name="from"/> to <paramref name="to"/>, both inclusive, ascending;
    /// empty (and certain) when <paramref name="from"/> &gt; <paramref name="to"/>.</summary>
    public CalendarAnswer<IReadOnlyList<DateOnly>> WorkingDaysInRange(DateOnly from, DateOnly to)
    {
        if (from > to)
        {
            return new CalendarAnswer<IReadOnlyList<DateOnly>>(Array.Empty<DateOnly>(), Array.Empty<int>());
        }

        var result = new DateOnly[CountThrough(from, to)];
        var k = 0;
        for (var n = from.DayNumber; n <= to.DayNumber; n++)
        {
            var date = DateOnly.FromDayNumber(n);
            if (IsWorkingDay(date))
            {
                result[k++] = date;
            }
        }

        if (k != result.Length)
        {
            throw new InvalidOperationException("Internal error: working-day count and enumeration disagree.");
        }

        return new CalendarAnswer<IReadOnlyList<DateOnly>>(Array.AsReadOnly(result), UnknownYearsBetween(from, to));
    }

    /// <summary>The number of working days from <paramref name="from"/> to <paramref name="to"/>, both inclusive;
    /// 0 (and certain) when <paramref name="from"/> &gt; <paramref name="to"/>.</summary>
    public CalendarAnswer<int> CountWorkingDays(DateOnly from, DateOnly to) =>
        from > to
            ? new CalendarAnswer<int>(0, Array.Empty<int>())
            : new CalendarAnswer<int>(CountThrough(from, to), UnknownYearsBetween(from, to));

    /// <summary>The unknown years touched by the dates from <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive), ascending; empty when <paramref name="from"/> &gt; <paramref name="to"/>.
    /// Does not allocate when all years are known.</summary>
    public IReadOnlyList<int> UnknownYearsBetween(DateOnly from, DateOnly to)
    {
        if (from > to)
        {
            return Array.Empty<int>();
        }

        List<int>? unknown = null;
        for (var year = from.Year; year <= to.Year; year++)
        {
            if (!IsYearKnown(year))
            {
                (unknown ??= []).Add(year);
            }
        }

        return unknown is null ? Array.Empty<int>() : unknown.AsReadOnly();
    }

    private int CountThrough(DateOnly from, DateOnly to) =>
        (int)(WorkingDaysThrough(to.DayNumber) - WorkingDaysThrough(from.DayNumber - 1));

    /// <summary>Smallest n in [lo, hi] with WorkingDaysThrough(n) ≥ j; requires WorkingDaysThrough(hi) ≥ j.</summary>
    private int SmallestReaching(long j, int lo, int hi)
    {
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            if (WorkingDaysThrough(mid) >= j)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return lo;
    }

    /// <summary>The number of working days in day numbers [0, n]; 0 for n &lt; 0.</summary>
    private long WorkingDaysThrough(int n)
    {
        if (n < 0)
        {
            return 0;
        }

        // Day number 0 (0001-01-01) is a Monday, so day n is Monday–Friday iff n % 7 < 5.
        long count = (long)n + 1;
        var weekdays = (count / 7 * 5) + Math.Min(count % 7, 5);
        return weekdays + CorrectionThrough(n);
    }

    /// <summary>Sum over days d ≤ n of a known or provisional year of (isWorkingDay(d) − isMondayToFriday(d)).</summary>
    private int CorrectionThrough(int n)
    {
        var date = DateOnly.FromDayNumber(n);
        var index = date.Year - _minYear;
        if (index < 0)
        {
            return 0;
        }

        if (index >= _tables.Length)
        {
            return _correctionBefore[^1];
        }

        var table = _tables[index];
        return _correctionBefore[index] + (table is null ? 0 : table.Prefix[date.DayOfYear - 1]);
    }

    /// <summary>The known or provisional table of the year, or null.</summary>
    private YearTable? TableFor(int year)
    {
        var index = (uint)(year - _minYear);
        return index < (uint)_tables.Length ? _tables[index] : null;
    }

    private YearTable? KnownTableFor(int year) => TableFor(year) is { Known: true } table ? table : null;

    private static bool IsWeekend(DayOfWeek day) => day is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>One known or provisional year, indexed by day of year − 1.</summary>
    private sealed class YearTable(int year, bool known)
    {
        /// <summary>True for a loaded arrangement; false for the statutory days of an unknown year.</summary>
        public bool Known { get; } = known;

        public byte[] Flags { get; } = new byte[366];
        public string?[] Names { get; } = new string?[366];

        /// <summary>Running correction to the Monday–Friday rule, inclusive of the day.</summary>
        public int[] Prefix { get; } = new int[366];

        /// <summary>The year's total correction (set by <see cref="BuildPrefix"/>).</summary>
        public int Total { get; private set; }

        public static YearTable Provisional(int year)
        {
            var table = new YearTable(year, known: false);
            foreach (var day in StatutoryHolidays.For(year))
            {
                table.Flags[day.Date.DayOfYear - 1] = ProvisionalOffDay;
                table.Names[day.Date.DayOfYear - 1] = day.Name;
            }

            table.BuildPrefix();
            return table;
        }

        /// <summary>Fills <see cref="Prefix"/> and <see cref="Total"/>.</summary>
        public void BuildPrefix()
        {
            var jan1 = new DateOnly(year, 1, 1);
            var length = DateTime.IsLeapYear(year) ? 366 : 365;
            var sum = 0;
            for (var i = 0; i < length; i++)
            {
                var weekday = !IsWeekend(jan1.AddDays(i).DayOfWeek);
                sum += Flags[i] switch
                {
                    OffDay or ProvisionalOffDay when weekday => -1,
                    MakeUpDay when !weekday => 1,
                    _ => 0,
                };
                Prefix[i] = sum;
            }

            for (var i = length; i < Prefix.Length; i++)
            {
                Prefix[i] = sum;
            }

            Total = sum;
        }
    }
}
