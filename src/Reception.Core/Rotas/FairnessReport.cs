using System.Globalization;
using Reception.Core.Calendar;
using Reception.Core.Common;
using Reception.Core.Rotas.Model;

namespace Reception.Core.Rotas;

public enum PeriodKind
{
    Month = 1,
    Quarter = 2,
    Year = 3,

    /// <summary>January–June (1) or July–December (2): the half-year of the periodic 通报.</summary>
    HalfYear = 4,
}

/// <summary>A calendar month, quarter, half-year or year that a report covers (both ends inclusive).</summary>
public readonly record struct ReportPeriod
{
    private ReportPeriod(PeriodKind kind, int year, int number)
    {
        Kind = kind;
        Year = year;
        Number = number;
        From = kind switch
        {
            PeriodKind.Month => new DateOnly(year, number, 1),
            PeriodKind.Quarter => new DateOnly(year, (number - 1) * 3 + 1, 1),
            PeriodKind.HalfYear => new DateOnly(year, (number - 1) * 6 + 1, 1),
            _ => new DateOnly(year, 1, 1),
        };
        To = From.AddMonths(kind switch { PeriodKind.Month => 1, PeriodKind.Quarter => 3, PeriodKind.HalfYear => 6, _ => 12 }).AddDays(-1);
    }

    public PeriodKind Kind { get; }
    public int Year { get; }

    /// <summary>The month (1–12), quarter (1–4) or half (1–2); 1 for a year.</summary>
    public int Number { get; }

    public DateOnly From { get; }
    public DateOnly To { get; }

    public static ReportPeriod Month(int year, int month) => Create(PeriodKind.Month, year, month);
    public static ReportPeriod Quarter(int year, int quarter) => Create(PeriodKind.Quarter, year, quarter);
    public static ReportPeriod Half(int year, int half) => Create(PeriodKind.HalfYear, year, half);
    public static ReportPeriod OfYear(int year) => Create(PeriodKind.Year, year, 1);

    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="date"/>.</summary>
    public static ReportPeriod Containing(PeriodKind kind, DateOnly date) => kind switch
    {
        PeriodKind.Month => Month(date.Year, date.Month),
        PeriodKind.Quarter => Quarter(date.Year, (date.Month - 1) / 3 + 1),
        PeriodKind.HalfYear => Half(date.Year, (date.Month - 1) / 6 + 1),
        _ => OfYear(date.Year),
    };

    public static bool TryCreate(PeriodKind kind, int year, int number, out ReportPeriod period)
    {
        var max = kind switch { PeriodKind.Month => 12, PeriodKind.Quarter => 4, PeriodKind.HalfYear => 2, PeriodKind.Year => 1, _ => 0 };
        if (kind == PeriodKind.Year) number = 1;
        if (year is < 2000 or > 2100 || number < 1 || number > max)
        {
            period = default;
            return false;
        }
        period = new ReportPeriod(kind, year, number);
        return true;
    }

    private static ReportPeriod Create(PeriodKind kind, int year, int number) =>
        TryCreate(kind, year, number, out var p) ? p : throw new ArgumentOutOfRangeException(nameof(number), $"No {kind} {number} in {year}.");

    /// <summary>Reads what <see cref="ToString"/> writes: "2026-09", "2026-Q3", "2026-H2" or "2026".</summary>
    public static bool TryParse(string? text, out ReportPeriod period)
    {
        period = default;
        var t = text?.Trim() ?? "";
        var ci = CultureInfo.InvariantCulture;
        if (t.Length == 4 && int.TryParse(t, NumberStyles.None, ci, out var year)) return TryCreate(PeriodKind.Year, year, 1, out period);
        if (t.Length == 7 && t[4] == '-' && int.TryParse(t[..4], NumberStyles.None, ci, out year))
        {
            if ((t[5] == 'Q' || t[5] == 'q') && int.TryParse(t[6..], NumberStyles.None, ci, out var quarter))
                return TryCreate(PeriodKind.Quarter, year, quarter, out period);
            if ((t[5] == 'H' || t[5] == 'h') && int.TryParse(t[6..], NumberStyles.None, ci, out var half))
                return TryCreate(PeriodKind.HalfYear, year, half, out period);
            if (int.TryParse(t[5..], NumberStyles.None, ci, out var month)) return TryCreate(PeriodKind.Month, year, month, out period);
        }
        return false;
    }

    public bool Contains(DateOnly date) => From <= date && date <= To;

    /// <summary>The first day of each month in the period.</summary>
    public IEnumerable<DateOnly> Months()
    {
        for (var m = From; m <= To; m = m.AddMonths(1)) yield return m;
    }

    /// <summary>The day after the period's last day: when it has ended.</summary>
    public DateOnly EndsBefore => To.AddDays(1);

    /// <summary>"2026-09", "2026-Q3", "2026-H2" or "2026" (also used in file names).</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Month => DateText.Month(From),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Number}"),
        PeriodKind.HalfYear => string.Create(CultureInfo.InvariantCulture, $"{Year}-H{Number}"),
        _ => Year.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>An approved swap or cover, as the fairness report counts it.</summary>
/// <param name="RequesterDate">The date of the requester's duty (taken over by the colleague).</param>
/// <param name="CounterpartDate">For a swap, the date of the colleague's duty (taken over by the requester).</param>
public sealed record ApprovedSubstitution(SwapKind Kind, int RequesterLeaderId, DateOnly RequesterDate, int CounterpartLeaderId, DateOnly? CounterpartDate);

/// <summary>A leader's duty counts in a period, as counted by the database.</summary>
public sealed record DutyTally(int LeaderId, int Duties, int NextToHoliday);

/// <summary>One leader's line of the fairness report.</summary>
public sealed record FairnessRow(int LeaderId, int Duties, int NextToHoliday, int SubstitutionsGiven, int SubstitutionsReceived, int Owed);

/// <summary>
/// The fairness report (DESIGN.md "Rotas": counts differ by at most one among equally eligible leaders,
/// an owed-duty ledger that is visible). Definitions, shown on the report page:
/// <list type="bullet">
/// <item>duties: the leader's duties in published rotas in the period (after approved swaps);</item>
/// <item>next to a holiday: duties on a date whose previous or next calendar day is an official off day
/// (放假), i.e. the working day right before or after a holiday period — ordinary weekends do not count, nor do the
/// provisional statutory days of a year whose arrangement is not loaded (its 调休 decides where the periods end; the
/// page warns instead);</item>
/// <item>substitutions given: duties of a colleague this leader took over (approved swap or cover), counted on
/// the date of the duty taken over; received: duties of this leader a colleague took over. A swap counts one
/// of each for both leaders, a cover one given for the colleague and one received for the requester;</item>
/// <item>owed: the sum, over the rota rules, of the leader's balance in the ledger of the rule's latest rota
/// month not after the period (positive: duties owed to the leader; negative: extra duties to be passed).</item>
/// </list>
/// </summary>
public static class FairnessReport
{
    /// <summary>Whether <paramref name="date"/> (itself not an off day) is right before or after an official holiday period.</summary>
    public static bool IsNextToHoliday(WorkingDayCalendar calendar, DateOnly date) =>
        calendar.Describe(date).Kind != DayKind.Holiday
        && (IsOfficialOffDay(calendar.Describe(date.AddDays(-1))) || IsOfficialOffDay(calendar.Describe(date.AddDays(1))));

    private static bool IsOfficialOffDay(DayInfo day) => day is { Kind: DayKind.Holiday, IsProvisional: false };

    /// <summary>The dates from <paramref name="from"/> to <paramref name="to"/> that are next to a holiday (about 25 a year).</summary>
    public static IReadOnlyList<DateOnly> DatesNextToHoliday(WorkingDayCalendar calendar, DateOnly from, DateOnly to)
    {
        var dates = new List<DateOnly>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (IsNextToHoliday(calendar, d)) dates.Add(d);
        }
        return dates;
    }

    /// <summary>The report's rows: one per leader in <paramref name="leaderIds"/> or with any number, ordered by leader id.</summary>
    public static IReadOnlyList<FairnessRow> Build(
        ReportPeriod period,
        IEnumerable<int> leaderIds,
        IEnumerable<DutyTally> duties,
        IEnumerable<ApprovedSubstitution> substitutions,
        IEnumerable<IReadOnlyDictionary<int, int>> owedLedgers)
    {
        var dutyBy = duties.GroupBy(d => d.LeaderId)
            .ToDictionary(g => g.Key, g => (Duties: g.Sum(d => d.Duties), Near: g.Sum(d => d.NextToHoliday)));
        var given = new Dictionary<int, int>();
        var received = new Dictionary<int, int>();
        foreach (var s in substitutions)
        {
            // The colleague took over the requester's duty.
            if (period.Contains(s.RequesterDate))
            {
                Add(given, s.CounterpartLeaderId);
                Add(received, s.RequesterLeaderId);
            }
            // In a swap, the requester took over the colleague's duty.
            if (s.Kind == SwapKind.Swap && s.CounterpartDate is { } theirs && period.Contains(theirs))
            {
                Add(given, s.RequesterLeaderId);
                Add(received, s.CounterpartLeaderId);
            }
        }
        var owed = new Dictionary<int, int>();
        foreach (var ledger in owedLedgers)
        {
            foreach (var (leader, balance) in ledger) owed[leader] = owed.GetValueOrDefault(leader) + balance;
        }

        var everyone = leaderIds.Concat(dutyBy.Keys).Concat(given.Keys).Concat(received.Keys)
            .Concat(owed.Where(p => p.Value != 0).Select(p => p.Key)).Distinct().Order();
        return everyone.Select(id =>
        {
            var d = dutyBy.GetValueOrDefault(id);
            return new FairnessRow(id, d.Duties, d.Near, given.GetValueOrDefault(id), received.GetValueOrDefault(id), owed.GetValueOrDefault(id));
        }).ToList();
    }

    /// <summary>The most duties minus the fewest among <paramref name="rows"/> (0 when empty).</summary>
    public static int Spread(IReadOnlyCollection<FairnessRow> rows) =>
        rows.Count == 0 ? 0 : rows.Max(r => r.Duties) - rows.Min(r => r.Duties);

    private static void Add(Dictionary<int, int> counts, int leaderId) => counts[leaderId] = counts.GetValueOrDefault(leaderId) + 1;
}
