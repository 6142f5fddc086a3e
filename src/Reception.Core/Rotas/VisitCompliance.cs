using System.Globalization;
using Reception.Core.Common;

namespace Reception.Core.Rotas;

/// <summary>
/// The monthly visit rule (DESIGN.md "Rotas"): every leader it applies to does at least
/// <see cref="VisitDaysPerMonth"/> visit days (下访) and <see cref="AppointmentsPerMonth"/> appointment visits (约访) a month.
/// </summary>
public sealed record VisitQuota(int VisitDaysPerMonth, int AppointmentsPerMonth)
{
    public static readonly VisitQuota Default = new(1, 1);
}

/// <summary>
/// How one leader stands against the quota in one month. <see cref="Appointments"/> is the appointment figure (约访, plus
/// the cases carried on village visits — the compliance page counts both); null means appointments are not judged, so
/// nobody is flagged for something that was not counted.
/// </summary>
public sealed record VisitStanding(int VisitDays, int? Appointments, int VisitDaysShort, int? AppointmentsShort)
{
    public bool IsBelowQuota => VisitDaysShort > 0 || AppointmentsShort > 0;
}

/// <summary>What the compliance page says of one leader's month.</summary>
public enum VisitVerdict
{
    /// <summary>A finished month, quota met.</summary>
    Met,

    /// <summary>A finished month, quota not met.</summary>
    Below,

    /// <summary>The month is in progress and the quota is met (planned visits count) or there is time enough to meet it.</summary>
    OnTrack,

    /// <summary>The month is in progress and still short, with less than half of its working days left or fewer than it lacks.</summary>
    AtRisk,
}

/// <summary>How far a month in progress has gone: its working days, and those left from today on (today included).</summary>
public sealed record MonthProgress(int WorkingDays, int WorkingDaysLeft);

public static class VisitCompliance
{
    /// <summary>
    /// Judges a standing. A finished month (<paramref name="progress"/> null) is met or below. A month in progress is not
    /// failed on its 5th: it is on track while nothing is short, or while at least half of its working days remain and they
    /// outnumber what is short (visit days plus appointment visits); otherwise at risk.
    /// </summary>
    public static VisitVerdict Judge(VisitStanding standing, MonthProgress? progress)
    {
        ArgumentNullException.ThrowIfNull(standing);
        if (progress is null) return standing.IsBelowQuota ? VisitVerdict.Below : VisitVerdict.Met;
        if (!standing.IsBelowQuota) return VisitVerdict.OnTrack;
        var short_ = standing.VisitDaysShort + (standing.AppointmentsShort ?? 0);
        return progress.WorkingDaysLeft * 2 >= progress.WorkingDays && progress.WorkingDaysLeft >= short_
            ? VisitVerdict.OnTrack
            : VisitVerdict.AtRisk;
    }

    /// <summary>
    /// Judges a month. <paramref name="visitDays"/> counts distinct dates with a planned or done visit (cancelled
    /// ones excluded): two visits on one day are one visit day.
    /// </summary>
    public static VisitStanding Assess(VisitQuota quota, int visitDays, int? appointments)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(visitDays);
        return new VisitStanding(
            visitDays,
            appointments,
            Math.Max(0, quota.VisitDaysPerMonth - visitDays),
            appointments is { } a ? Math.Max(0, quota.AppointmentsPerMonth - a) : null);
    }
}

/// <summary>A calendar quarter ("2026Q4" = October to December 2026), the period of the visit coverage view.</summary>
public readonly record struct YearQuarter
{
    public YearQuarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        Year = year;
        Quarter = quarter;
    }

    public int Year { get; }
    public int Quarter { get; }

    public DateOnly First => new(Year, 3 * Quarter - 2, 1);
    public DateOnly Last => First.AddMonths(3).AddDays(-1);
    public YearQuarter Previous => Quarter == 1 ? new(Year - 1, 4) : new(Year, Quarter - 1);
    public YearQuarter Next => Quarter == 4 ? new(Year + 1, 1) : new(Year, Quarter + 1);

    public static YearQuarter Of(DateOnly date) => new(date.Year, (date.Month + 2) / 3);

    /// <summary>Reads "2026Q4" (also "2026q4"); null when it is not a quarter of 2000–2100.</summary>
    public static YearQuarter? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        if (t.Length != 6 || (t[4] != 'Q' && t[4] != 'q')
            || !int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || t[5] is < '1' or > '4'
            || year is < DateText.FirstYear or > DateText.LastYear)
            return null;
        return new YearQuarter(year, t[5] - '0');
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Quarter}");
}
