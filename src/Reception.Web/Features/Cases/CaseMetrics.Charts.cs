using Reception.Core.Cases;
using Reception.Core.Cases.Deadlines;

namespace Reception.Web.Features.Cases;

/// <summary>
/// One month's cohort: the cases received (registered) in that month, as they stand today, counted as
/// <see cref="CaseMetrics.FiguresAsync"/> counts a period; the months of a period add up to the period's figures.
/// </summary>
public sealed record MonthFigures(DateOnly Month, CaseFigures Figures);

/// <summary>The open cases by supervision colour at the end of one month (from the colour changes in the case history).</summary>
public sealed record MonthColours(DateOnly Month, ColourCounts Colours);

/// <summary>The charts' series (issue 19 item 1): the figures per month of receipt and the colour mix at month ends.</summary>
public sealed partial class CaseMetrics
{
    /// <summary>
    /// The figures of <see cref="FiguresAsync"/> per month of receipt for the cases received in <paramref name="period"/>
    /// (each month a cohort, as it stands today): the trend and rate charts. One grouped statement for the counts and one
    /// for "closed on time"; <see cref="ReportAsync"/> returns the same months (<see cref="MetricsReport.Months"/>).
    /// </summary>
    public async Task<IReadOnlyList<MonthFigures>> MonthlyFiguresAsync(IQueryable<PetitionCase> scoped, MonthRange period, CancellationToken ct = default) =>
        [.. (await CohortsAsync(Received(scoped, period), period, ct)).Select(c => c.Figures)];

    /// <summary>
    /// The colour mix at the end of each month of <paramref name="period"/>: the open cases of <paramref name="scoped"/> by
    /// the colour the daily colouring last gave them on or before the month's last day (Asia/Shanghai). Read from the case
    /// history, where every colour change is a <see cref="CaseEventKind.ColourChanged"/> event (from the first colour to
    /// none when the clock stops): a case counts for a colour from its change into it until its change out of it, so the
    /// count at a month's end is the changes into the colour minus the changes out of it up to then. One grouped query
    /// (changes by month and from/to colour); the running sums are added up here. Months that have not ended yet show
    /// the colours as they stand now.
    /// </summary>
    public async Task<IReadOnlyList<MonthColours>> ColourMixAsync(IQueryable<PetitionCase> scoped, MonthRange period, CancellationToken ct = default)
    {
        var endUtc = period.LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-ChinaOffsetHours);
        var changes = await (
                from e in db.CaseEvents
                where e.Kind == CaseEventKind.ColourChanged && e.AtUtc < endUtc
                join c in scoped on e.PetitionCaseId equals c.Id
                group e by new { e.AtUtc.AddHours(ChinaOffsetHours).Year, e.AtUtc.AddHours(ChinaOffsetHours).Month, e.Before, e.After } into g
                select new { g.Key.Year, g.Key.Month, g.Key.Before, g.Key.After, Count = g.Count() })
            .ToListAsync(ct);

        var ordered = changes.OrderBy(c => c.Year).ThenBy(c => c.Month).ToList();
        var counts = new int[4];
        var next = 0;
        var result = new List<MonthColours>(period.Months);
        foreach (var month in period.EachMonth())
        {
            for (; next < ordered.Count && (ordered[next].Year < month.Year || (ordered[next].Year == month.Year && ordered[next].Month <= month.Month)); next++)
            {
                var c = ordered[next];
                if (Enum.TryParse<SupervisionColour>(c.Before, out var from)) counts[(int)from] -= c.Count;
                if (Enum.TryParse<SupervisionColour>(c.After, out var to)) counts[(int)to] += c.Count;
            }

            result.Add(new MonthColours(month, new ColourCounts(
                counts[(int)SupervisionColour.Red], counts[(int)SupervisionColour.Yellow], counts[(int)SupervisionColour.Blue], counts[(int)SupervisionColour.Green])));
        }

        return result;
    }
}
